import smtplib

from django.conf import settings

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
    assert scheduled <= set(app.tasks)


def test_the_reminder_task_retries_smtp_and_connection_errors_with_back_off():
    task = tasks.send_reminders

    assert issubclass(tasks.ReminderSendFailed, task.autoretry_for)
    assert {smtplib.SMTPException, ConnectionError, OSError} <= set(task.autoretry_for)
    assert task.retry_backoff and task.max_retries >= 5
