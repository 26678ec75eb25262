from django.core.management.base import BaseCommand

from mandates.roles import ROLES, roles_ensure


class Command(BaseCommand):
    help = "Create the 'editors' and 'viewers' groups with their permissions (the migration does this too)."

    def handle(self, *args, **options):
        roles_ensure()
        self.stdout.write(f"roles ready: {', '.join(ROLES)}")
