"""List sessions with their dates and where the dates come from."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from mandates.models import Body, Session
from mandates.selectors import mandates_due_at
from mandates.services.calendar import body_get


def session_row(session: Session) -> dict:
    return {
        "body": session.body.name,
        "acronym": session.body.acronym,
        "number": session.number,
        "year": session.year,
        "kind": session.kind,
        "start_date": session.start_date.isoformat() if session.start_date else None,
        "end_date": session.end_date.isoformat() if session.end_date else None,
        "venue": session.venue,
        "date_source": session.date_source,
        "source_reference": session.source_reference,
        "confirmed": session.confirmed,
    }


class Command(BaseCommand):
    help = "List sessions with dates and sources. BODY is a canonical name or an acronym (any case)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--body", help="Only this body (name or acronym).")
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, body: str | None, format: str, **options) -> None:
        sessions = Session.objects.select_related("body")
        if body:
            try:
                sessions = sessions.filter(body=body_get(name=body))
            except Body.DoesNotExist as exc:
                raise CommandError(str(exc)) from exc
        sessions = sessions.order_by("body__name", "start_date", "number", "year", "kind")
        # Mandates due at each session, as the session pages count them (selectors.mandates_due_at).
        counts = dict(
            mandates_due_at()
            .order_by()
            .values("due_session_id")
            .annotate(n=Count("id"))
            .values_list("due_session_id", "n")
        )
        rows = [session_row(s) | {"mandates": counts.get(s.pk, 0)} for s in sessions]
        if format == "json":
            self.stdout.write(json.dumps(rows, indent=2, ensure_ascii=False))
            return
        for row in rows:
            label = f"session {row['number']}" if row["number"] is not None else f"{row['year']} session"
            if row["kind"] != Session.Kind.REGULAR:
                label = f"{row['kind']} {label}"
            dates = row["start_date"] or "no date"
            if row["end_date"] and row["end_date"] != row["start_date"]:
                dates += f" to {row['end_date']}"
            state = "confirmed" if row["confirmed"] else "unconfirmed"
            self.stdout.write(
                f"{row['acronym'] or row['body']:<12} {label:<22} {dates:<26} {row['date_source']:<9} {state:<11} "
                f"{row['source_reference']}"
            )
        self.stdout.write(f"{len(rows)} sessions.")
