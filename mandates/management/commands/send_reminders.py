"""Send the reminder digests (the Celery job, runnable by hand)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from mandates.services.reminders import reminders_send


class Command(BaseCommand):
    help = (
        "Plan reminders for flagged open mandates and send one digest per recipient. Each (recipient, mandate, "
        "kind, due date) is sent at most once. --dry-run plans in a rolled-back transaction and sends nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--format", choices=["json", "text"], default="text")

    def handle(self, *args, today: dt.date | None, dry_run: bool, format: str, **options):
        # The console email backend (the demo) prints messages on stdout; keep stdout for the JSON line.
        quiet = contextlib.redirect_stdout(sys.stderr) if format == "json" else contextlib.nullcontext()
        with quiet:
            summary = reminders_send(today=today or timezone.localdate(), dry_run=dry_run)
        data = summary.as_dict()
        if format == "json":
            self.stdout.write(json.dumps(data))
        else:
            verb = "would send" if dry_run else "sent"
            count = summary.would_send if dry_run else summary.sent
            self.stdout.write(f"{verb} {count} reminders in {summary.emails} emails; {summary.failed} failed")
        if summary.failed:
            raise CommandError(f"{summary.failed} reminders could not be sent; they stay pending: {summary.errors}")
