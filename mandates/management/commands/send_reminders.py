"""Send the reminder digests (the Celery job, runnable by hand)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mandates.services.reminders import reminders_send


def _moment(value: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(value)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


class Command(BaseCommand):
    help = (
        "Plan reminders for flagged open mandates and send one digest per recipient. Each (recipient, mandate, "
        "kind, due date) is sent at most once. Reminders that failed before are tried again only when their next "
        "attempt is due (spaced by time). --retries-only sends those without planning new ones. --dry-run plans "
        "in a rolled-back transaction and sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")
        parser.add_argument(
            "--now", type=_moment, help="YYYY-MM-DDTHH:MM[:SS] the clock for retry times (default: now)"
        )
        parser.add_argument("--retries-only", action="store_true", help="do not plan new reminders")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, today: dt.date | None, now, retries_only: bool, dry_run: bool, format: str, **options):
        # The console email backend (the demo) prints messages on stdout; keep stdout for the JSON line.
        quiet = contextlib.redirect_stdout(sys.stderr) if format == "json" else contextlib.nullcontext()
        with quiet:
            summary = reminders_send(
                today=today or timezone.localdate(), now=now, plan=not retries_only, dry_run=dry_run
            )
        data = summary.as_dict()
        if format == "json":
            self.stdout.write(json.dumps(data))
        else:
            verb = "would send" if dry_run else "sent"
            count = summary.would_send if dry_run else summary.sent
            self.stdout.write(
                f"{verb} {count} reminders in {summary.emails} emails; {summary.failed} failed, "
                f"{summary.given_up} given up"
            )
        if summary.failed:
            retry = summary.next_retry_at.isoformat() if summary.next_retry_at else "never (given up)"
            raise CommandError(
                f"{summary.failed} reminders could not be sent ({summary.given_up} given up); "
                f"next retry: {retry}: {summary.errors}"
            )
