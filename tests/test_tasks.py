import smtplib

from django.conf import settings
from django.db import InterfaceError, OperationalError

from mandates import tasks
from tracker.celery import app


def test_every_beat_entry_names_a_registered_task():
    app.loader.import_default_modules()

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}

    assert scheduled == {
        "mandates.tasks.flag_due_mandates",
        "mandates.tasks.send_reminders",
        "mandates.tasks.purge_exports",
    }
    retries = settings.CELERY_BEAT_SCHEDULE["retry-reminders"]
    assert retries["kwargs"] == {"plan": False}
    assert scheduled <= set(app.tasks)


def test_the_reminder_task_retries_database_errors_only_and_is_redelivered_when_its_process_dies():
    task = tasks.send_reminders

    # SMTP failures are retried by time from the database (services.reminders), not by Celery.
    assert not issubclass(smtplib.SMTPException, task.autoretry_for)
    assert {OperationalError, InterfaceError} <= set(task.autoretry_for)
    assert task.retry_backoff and task.retry_backoff_max <= tasks.MAX_COUNTDOWN_SECONDS
    for idempotent in (tasks.send_reminders, tasks.flag_due_mandates):
        assert idempotent.acks_late and idempotent.reject_on_worker_lost
