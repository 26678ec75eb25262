"""Celery tasks: thin entry points over the same services the management commands use.

Both tasks are idempotent: the flag job recomputes from dates, and reminders are guarded by the
`mandates_reminder_once` constraint and the claim, so a retry or a second delivery sends nothing twice.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from mandates.services import jobs
from mandates.services.flags import mandates_flag
from mandates.services.reminders import reminders_send

# The longest countdown any task schedules (Celery retries). The broker's visibility timeout must be longer
# (settings.CELERY_BROKER_TRANSPORT_OPTIONS), or a waiting task is handed to a second worker. Reminders are
# retried by time from the database (services.reminders), not by long countdowns.
MAX_COUNTDOWN_SECONDS = 30 * 60

# Idempotent tasks are acknowledged after they run, and given back to the broker when their pool process
# dies (kill -9, out of memory), so they run again at once instead of being dropped. Not for tasks that
# could kill their process on every try (a hostile upload): those would be redelivered forever.
IDEMPOTENT = {"acks_late": True, "reject_on_worker_lost": True}


def _day(today: str | dt.date | None) -> dt.date:
    if today is None:
        return timezone.localdate()
    return today if isinstance(today, dt.date) else dt.date.fromisoformat(today)


@shared_task(
    name="mandates.tasks.flag_due_mandates",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=30,
    retry_backoff_max=MAX_COUNTDOWN_SECONDS,
    retry_jitter=True,
    max_retries=5,
    **IDEMPOTENT,
)
def flag_due_mandates(today: str | None = None) -> dict:
    """Recompute every mandate's flag as of `today` (ISO date; default: today). Returns the summary."""
    return mandates_flag(today=_day(today)).as_dict()


@shared_task(
    name="mandates.tasks.send_reminders",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=30,
    retry_backoff_max=MAX_COUNTDOWN_SECONDS,
    retry_jitter=True,
    max_retries=5,
    **IDEMPOTENT,
)
def send_reminders(today: str | None = None, now: str | None = None, plan: bool = True) -> dict:
    """Send the reminder digests that are due (`plan=False`: only retries, the five-minute job). A digest the
    SMTP server refuses is not retried by Celery: its reminders get a next attempt time in the database
    (services.reminders), so retries are spaced by time however often the job runs. Only database errors
    make the task retry. `now` (ISO date-time) drives the clock in tests and by hand.
    """
    moment = dt.datetime.fromisoformat(now) if now else None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return reminders_send(today=_day(today), now=moment, plan=plan).as_dict()


@shared_task(
    name="mandates.tasks.export_csv",
    soft_time_limit=settings.EXPORT_TIME_LIMIT_SECONDS,
    time_limit=settings.EXPORT_TIME_LIMIT_SECONDS + 30,
)
def export_csv(job_id: int) -> dict:
    """Write an ExportJob's CSV file; the job records done (with its row count) or failed (with why)."""
    job = jobs.export_job_run(job_id)
    return {"job": job_id, "state": job.state if job else "not claimed"}


@shared_task(
    bind=True,
    name="mandates.tasks.ingest_upload",
    soft_time_limit=settings.UPLOAD_TIME_LIMIT_SECONDS,
    time_limit=settings.UPLOAD_TIME_LIMIT_SECONDS + 30,
)
def ingest_upload(self, job_id: int) -> dict:
    """Ingest an uploaded file under a time limit and, in a worker, a memory limit.

    Run eagerly (the demo) it shares the web process, whose address space is not capped: the size caps
    of the readers still apply.
    """
    limit = None if self.request.is_eager else settings.UPLOAD_MEMORY_LIMIT_MB
    job = jobs.upload_job_run(job_id, memory_limit_mb=limit)
    return {"job": job_id, "state": job.state if job else "not claimed"}


@shared_task(name="mandates.tasks.purge_exports")
def purge_exports() -> dict:
    """Remove export files past their retention period; fail jobs that never finished."""
    return jobs.jobs_purge()


# --- Batches (issue #11): one task per file of a batch; kept apart from the single-upload task. -------------


@shared_task(name="mandates.tasks.ingest_batch_item", ignore_result=True)
def ingest_batch_item(item_id: int) -> str:
    """Ingest one file of an IngestBatch (services.batches). Not redelivered when its process dies (a hostile
    file could kill every worker in turn): the item then stays "running" and the progress page says so."""
    from mandates.services.batches import batch_item_run

    item = batch_item_run(item_id=item_id)
    return item.state if item is not None else "taken"
