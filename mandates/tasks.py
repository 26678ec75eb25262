"""Celery tasks: thin entry points over the same services the management commands use.

Both tasks are idempotent: the flag job recomputes from dates, and reminders are guarded by the
`mandates_reminder_once` constraint and the claim, so a retry or a second delivery sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
import smtplib

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

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
    retry_backoff_max=MAX_COUNTDOWN_SECONDS,
    retry_jitter=True,
    max_retries=5,
    **IDEMPOTENT,
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
