"""Build the demo: calendar, seed documents, flags, and a login printed at the end."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils import timezone

from mandates.models import Body, Contact, Entity
from mandates.roles import roles_ensure
from mandates.services.reminders import reminders_send

DEMO_USERNAME = "demo"
DEMO_ENTITY_CONTACTS = (
    ("Secretary-General", "eosg-reports@example.org"),
    ("United Nations Office on Drugs and Crime", "unodc-reports@example.org"),
)
DEMO_BODY_CONTACTS = (
    ("General Assembly", "ga-documents@example.org"),
    ("Commission on Crime Prevention and Criminal Justice", "ccpcj-secretariat@example.org"),
)
DEMO_PASSWORD = "demo-password"
# Colleagues who own mandates in the demo (no login: they exist so owners, My mandates and reminders show).
DEMO_OWNERS = (
    ("amina", "Amina", "Diallo", "amina.diallo@example.org"),
    ("jonas", "Jonas", "Berg", "jonas.berg@example.org"),
)
DEMO_OWNED = 18  # the open mandates due soonest (and all overdue among them) get an owner
# A second login with the approver role (issue #13): review-cycle decisions are approved by someone other than
# the reviewer, so the demo needs two people to show a cycle end to end.
DEMO_APPROVER = "approver"
DEMO_CYCLE = "2027 programme budget review"
DEMO_CYCLE_ENTITY = "Secretary-General"
# (decision, reason) recorded by the demo user on the first mandates of the demo cycle, waiting for the approver
DEMO_CYCLE_DECISIONS = (
    ("retain", "Still requested by the latest resolution on the item."),
    ("update", "The next resolution moves the report to the biennial cycle."),
    ("retire", "Overtaken by the annual report on the same item, which covers it."),
)


class Command(BaseCommand):
    help = (
        "Load the session calendar, ingest the seed documents and sample PDFs, flag mandates, send today's reminders "
        "and create the demo login."
    )

    def handle(self, *args, **options) -> None:
        call_command("load_calendar", verbosity=0)
        # The seeds (2019-2023) are mostly past due; the GA78 PDFs bring mandates due in 2024-2027 and the
        # four GA resolutions of December 2025 (fixtures/current) reports due at the 81st and 82nd sessions.
        fixtures = settings.BASE_DIR / "fixtures"
        call_command("ingest", str(fixtures / "seeds"), str(fixtures / "pdf"), str(fixtures / "current"), quiet=True)
        self._contacts()
        call_command("flag_due", verbosity=0)

        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"email": "demo@example.org", "is_staff": True, "is_superuser": True}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        # The roles come with the migrations, but a flushed database (a transactional test) has none: make sure.
        roles_ensure()
        editors = Group.objects.get(name="editors")
        user.groups.add(editors)
        self._owners(user, editors)
        approver = self._approver()
        self._review_cycle(user)
        # Today's digests to the owners and focal points, printed by the console email backend: each reminder is
        # sent once, so building the demo again sends nothing new.
        summary = reminders_send(today=timezone.localdate())
        self.stdout.write(f"Reminders: sent {summary.sent} in {summary.emails} emails (console email backend)")
        self.stdout.write(f"Demo login: {DEMO_USERNAME} / {DEMO_PASSWORD}  ->  {settings.SITE_URL}/")
        self.stdout.write(
            f"Approver login: {approver.username} / {DEMO_PASSWORD}  (approves the decisions of the review cycle "
            f"“{DEMO_CYCLE}”)"
        )

    @staticmethod
    def _approver():
        """A colleague in the approvers group only: approves or returns the demo user's cycle decisions."""
        approver, created = get_user_model().objects.get_or_create(
            username=DEMO_APPROVER,
            defaults={"first_name": "Lucía", "last_name": "Ortega", "email": "lucia.ortega@example.org"},
        )
        if created:
            approver.set_password(DEMO_PASSWORD)
            approver.save()
        approver.groups.add(Group.objects.get(name="approvers"))
        return approver

    @staticmethod
    def _review_cycle(reviewer) -> None:
        """An open review cycle over the Secretary-General's mandates, three decisions waiting for approval
        (built once: building the demo again leaves the cycle as staff left it)."""
        from mandates.models import CycleItem, ReviewCycle
        from mandates.services.cycles import cycle_decision_record, cycle_open

        entity = Entity.objects.filter(name=DEMO_CYCLE_ENTITY).first()
        if entity is None or ReviewCycle.objects.filter(name=DEMO_CYCLE).exists():
            return
        cycle = cycle_open(name=DEMO_CYCLE, by=reviewer, entity=entity)
        items = CycleItem.objects.filter(cycle=cycle).order_by("mandate_id")
        for item, (decision, reason) in zip(items, DEMO_CYCLE_DECISIONS, strict=False):
            cycle_decision_record(item=item, decision=decision, reason=reason, by=reviewer)

    @staticmethod
    def _contacts() -> None:
        """Focal points, so the demo's reminders have somebody to go to (console email backend)."""
        for entity_name, email in DEMO_ENTITY_CONTACTS:
            entity = Entity.objects.filter(name=entity_name).first()
            if entity is not None:
                Contact.objects.get_or_create(
                    entity=entity, email=email, defaults={"name": f"{entity_name} focal point"}
                )
        for body_name, email in DEMO_BODY_CONTACTS:
            body = Body.objects.filter(name=body_name).first()
            if body is not None:
                Contact.objects.get_or_create(body=body, email=email, defaults={"name": f"{body_name} secretariat"})

    @staticmethod
    def _owners(demo_user, editors) -> None:
        """Owners for the open mandates due soonest, the demo user among them (My mandates, reminders)."""
        from django.db.models import F

        from mandates.models import Mandate
        from mandates.services.workflow import mandate_set_owner

        people = [demo_user]
        for username, first, last, email in DEMO_OWNERS:
            person, _ = get_user_model().objects.get_or_create(
                username=username, defaults={"first_name": first, "last_name": last, "email": email}
            )
            person.groups.add(editors)
            people.append(person)
        today = timezone.localdate()
        soonest = (
            Mandate.objects.open()
            .filter(owner__isnull=True, document_due_on__gte=today - dt.timedelta(weeks=26))
            .order_by(F("document_due_on").asc(nulls_last=True), "id")[:DEMO_OWNED]
        )
        for i, mandate in enumerate(soonest):
            owner = people[i % len(people)]
            backup = people[(i + 1) % len(people)] if i % 2 == 0 else None
            mandate_set_owner(mandate=mandate, owner=owner, backup_owner=backup)
