"""Job heartbeats: the last successful run of each periodic job, its last failure, and whether it is stale."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone

from mandates.models import JobHeartbeat


def heartbeat_record(name: str, *, detail: dict | None = None, now: dt.datetime | None = None) -> JobHeartbeat:
    """Record that job `name` just succeeded."""
    heartbeat = JobHeartbeat(name=name, last_success_at=now or timezone.now(), detail=detail or {})
    # One upsert: the heartbeat is written inside the flag job's transaction and counts in its query budget.
    JobHeartbeat.objects.bulk_create(
        [heartbeat], update_conflicts=True, unique_fields=["name"], update_fields=["last_success_at", "detail"]
    )
    return heartbeat


def heartbeat_record_failure(
    name: str, *, error: str, detail: dict | None = None, now: dt.datetime | None = None
) -> JobHeartbeat:
    """Record that job `name` ran and failed (its last success is kept, so staff see both)."""
    heartbeat = JobHeartbeat(name=name, last_failure_at=now or timezone.now(), last_error=error, detail=detail or {})
    JobHeartbeat.objects.bulk_create(
        [heartbeat],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["last_failure_at", "last_error", "detail"],
    )
    return heartbeat


def heartbeat_is_stale(last_success_at: dt.datetime | None, *, now: dt.datetime | None = None) -> bool:
    """True when the job never succeeded or last did longer ago than settings.HEARTBEAT_MAX_AGE_HOURS."""
    if last_success_at is None:
        return True
    return (now or timezone.now()) - last_success_at > dt.timedelta(hours=settings.HEARTBEAT_MAX_AGE_HOURS)


def heartbeat_is_failing(last_success_at: dt.datetime | None, last_failure_at: dt.datetime | None) -> bool:
    """True when the job's last recorded outcome is a failure."""
    return last_failure_at is not None and (last_success_at is None or last_failure_at >= last_success_at)


def heartbeat_status(name: str, *, now: dt.datetime | None = None) -> tuple[dt.datetime | None, bool]:
    """(last success, is stale) of job `name`; stale when it never ran or ran longer ago than
    settings.HEARTBEAT_MAX_AGE_HOURS.
    """
    last = JobHeartbeat.objects.filter(name=name).values_list("last_success_at", flat=True).first()
    return last, heartbeat_is_stale(last, now=now)
