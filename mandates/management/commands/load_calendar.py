"""Load the session calendar fixture (bodies, rules, real session dates)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from mandates.services.calendar import DEFAULT_FIXTURE, calendar_load


class Command(BaseCommand):
    help = (
        "Load bodies and real session dates from a calendar fixture (default fixtures/sessions.json). "
        "Idempotent; never overwrites dates entered by staff."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FIXTURE), help="Calendar fixture (JSON).")

    def handle(self, *args, path: str, **options) -> None:
        try:
            counts = calendar_load(path=path)
        except (OSError, ValueError, KeyError) as exc:
            raise CommandError(f"Cannot load {path}: {exc}") from exc
        if options["verbosity"] > 0:
            self.stdout.write(
                f"{counts['bodies']} bodies ({counts['bodies_created']} new), {counts['sessions']} sessions "
                f"({counts['sessions_changed']} created or changed), {counts['mandates_changed']} mandates re-dated."
            )
