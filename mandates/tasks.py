"""Celery tasks: thin entry points over the same services the management commands use.

Both tasks are idempotent: the flag job recomputes from dates, and reminders are guarded by the
`mandates_reminder_once` constraint and the claim, so a retry or a second delivery sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from mandates.services import jobs
from mandates.services.flags import mandates_flag
from mandates.services.reminders import reminders_send

# Worth another try later: the SMTP server or the database was unreachable or said "try again".
TRANSIENT_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError, OSError, OperationalError, InterfaceError)


def _day(today: str | dt.date | None) -> dt.date:
    if today is None:
        return timezone.localdate()
    return today if isinstance(today, dt.date) else dt.date.fromisoformat(today)


@shared_task(
    name="mandates.tasks.flag_due_mandates",
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=30,
    retry_backoff_max=1800,
    retry_jitter=True,
    max_retries=5,
)
def flag_due_mandates(today: str | None = None) -> dict:
    """Recompute every mandate's flag as of `today` (ISO date; default: today). Returns the summary."""
    return mandates_flag(today=_day(today)).as_dict()


class ReminderSendFailed(smtplib.SMTPException):
    """Some digests could not be sent this run; their reminders are pending again."""


@shared_task(
    name="mandates.tasks.send_reminders",
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=60,
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=8,
)
def send_reminders(today: str | None = None) -> dict:
    """Send the reminder digests. When a send failed, raise so Celery retries with back-off; the failed
    reminders are pending again and the retry sends only them.
    """
    summary = reminders_send(today=_day(today))
    if summary.failed:
        raise ReminderSendFailed("; ".join(summary.errors)) from summary.last_exception
    return summary.as_dict()


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
