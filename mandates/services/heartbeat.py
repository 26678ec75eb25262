"""Job heartbeats: the last successful run of each periodic job, and whether it is stale."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from mandates.models import JobHeartbeat


def heartbeat_record(name: str, *, detail: dict | None = None) -> JobHeartbeat:
    """Record that job `name` just succeeded."""
    heartbeat = JobHeartbeat(name=name, last_success_at=timezone.now(), detail=detail or {})
    # One upsert: the heartbeat is written inside the flag job's transaction and counts in its query budget.
    JobHeartbeat.objects.bulk_create(
        [heartbeat], update_conflicts=True, unique_fields=["name"], update_fields=["last_success_at", "detail"]
    )
    return heartbeat


def heartbeat_status(name: str, *, now: dt.datetime | None = None) -> tuple[dt.datetime | None, bool]:
    """(last success, is stale) of job `name`; stale when it never ran or ran longer ago than
    settings.HEARTBEAT_MAX_AGE_HOURS.
    """
    last = JobHeartbeat.objects.filter(name=name).values_list("last_success_at", flat=True).first()
    if last is None:
        return None, True
    now = now or timezone.now()
    return last, now - last > dt.timedelta(hours=settings.HEARTBEAT_MAX_AGE_HOURS)
