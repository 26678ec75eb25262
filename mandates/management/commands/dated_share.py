"""How many tracked mandates have a due date, and why the others have none (issue #11)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from mandates.models import Mandate
from mandates.services.calendar import UNDATED_REASONS, undated_condition


class Command(BaseCommand):
    help = "Share of tracked mandates with a due date, and the undated ones counted by reason."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, format: str, **options) -> None:
        mandates = Mandate.objects.all()
        total = mandates.count()
        dated = mandates.filter(document_due_on__isnull=False).count()
        undated = {reason: mandates.filter(undated_condition(reason)).count() for reason in UNDATED_REASONS}
        # The measure: of the mandates whose clause names a session, event or recurrence, how many are dated.
        # Ongoing obligations have no date of their own; they are counted apart.
        with_deadline = total - undated["no_deadline"] - undated["ongoing"]
        share = dated / with_deadline if with_deadline else 1.0
        result = {
            "mandates": total,
            "dated": dated,
            "with_session_event_or_recurrence": with_deadline,
            "dated_share_of_those": round(share, 3),
            "undated": undated,
        }
        if format == "json":
            self.stdout.write(json.dumps(result, indent=2))
            return
        self.stdout.write(
            f"{total} mandates, {dated} dated; {with_deadline} name a session, event or periodic recurrence, "
            f"{share:.1%} of those are dated"
        )
        for reason, n in undated.items():
            self.stdout.write(f"  {n:6}  undated: {UNDATED_REASONS[reason]}")
