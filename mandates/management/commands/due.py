"""The documentation list of one session: the mandates due at it, with dates and statuses."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from mandates.exports import mandate_row
from mandates.management.commands.sessions import session_row
from mandates.models import Body, Mandate, Session
from mandates.selectors import mandates_due_at
from mandates.services.calendar import body_get


class Command(BaseCommand):
    help = (
        "List the mandates due at a session of a body. BODY: canonical name or acronym (any case); "
        "SESSION: a number (31) or, for year-named sessions, a year (2024)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("body")
        parser.add_argument("session", type=int)
        parser.add_argument("--kind", choices=[k.value for k in Session.Kind], default=Session.Kind.REGULAR)
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, body: str, session: int, kind: str, format: str, **options) -> None:
        try:
            body_obj = body_get(name=body)
        except Body.DoesNotExist as exc:
            raise CommandError(str(exc)) from exc
        found = (
            Session.objects.filter(body=body_obj, kind=kind)
            .filter(Q(number=session) | Q(number__isnull=True, year=session))
            .select_related("body")
            .first()
        )
        # Due at this session as every page, export and count says it (selectors.mandates_due_at).
        due_here = mandates_due_at(found) if found else Mandate.objects.none()
        mandates = due_here.select_related(
            "instrument__document", "responsible_entity", "delivered_to", "due_body"
        ).order_by("document_due_on", "id")
        # The same row as the CSV export and the JSON API, so every listing of a mandate agrees.
        rows = [mandate_row(m) for m in mandates]
        if format == "json":
            payload = {
                "body": body_obj.name,
                "acronym": body_obj.acronym,
                "session": session_row(found) if found else None,
                "mandates": rows,
            }
            self.stdout.write(json.dumps(payload, indent=2, ensure_ascii=False))
            return
        if found:
            estimate = " (estimated)" if not found.confirmed else ""
            self.stdout.write(
                f"{found}: opens {found.start_date or 'date unknown'}{estimate}, {found.source_reference}"
            )
        else:
            self.stdout.write(f"{body_obj}, session {session}: not in the calendar.")
        for row in rows:
            self.stdout.write(
                f"  due {row['document_due_on'] or '—':<10}  {row['status']:<14} {row['responsible_entity']}: "
                f"{row['subject'][:70]}  [{row['document']} {row['instrument']} ¶{row['paragraph']}]"
            )
        self.stdout.write(f"{len(rows)} mandate{'' if len(rows) == 1 else 's'}.")
