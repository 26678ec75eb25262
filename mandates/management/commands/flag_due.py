"""Flag every mandate as of a day (the daily Celery job, runnable by hand)."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management.base import BaseCommand
from django.utils import timezone

from mandates.services.flags import mandates_flag


class Command(BaseCommand):
    help = "Recompute the timeliness flag of every mandate as of --today (default: today) and record changes."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=dt.date.fromisoformat, help="YYYY-MM-DD (default: today)")

    def handle(self, *args, today: dt.date | None = None, **options):
        summary = mandates_flag(today=today or timezone.localdate())
        self.stdout.write(json.dumps(summary.as_dict()))
