"""SMTP outages, against the real local SMTP server of tests/smtp_server.py, with the clock driven by `now`:
the job runs the way beat runs it (the daily run plans, the retry job every five minutes), hours of outage
in well under a second. What docs/reliability.md promises: each reminder at most once, and at least once
after any outage shorter than REMINDER_GIVE_UP_HOURS; anything given up is shown and fails the heartbeat.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from mandates.models import Contact, JobHeartbeat, Reminder
from mandates.services.flags import mandates_flag
from mandates.services.reminders import HEARTBEAT_NAME, reminders_send
from tests import builders
from tests.redis_server import free_port
from tests.smtp_server import SMTPServer

pytestmark = pytest.mark.django_db

TODAY = dt.date(2021, 7, 6)
START = dt.datetime(2021, 7, 6, 6, 30, tzinfo=dt.UTC)  # the daily run
EVERY = dt.timedelta(minutes=5)  # the retry job (CELERY_BEAT_SCHEDULE["retry-reminders"])


@pytest.fixture
def reminder_settings(settings):
    settings.REMINDER_RETRY_FIRST_MINUTES = 10
    settings.REMINDER_RETRY_MAX_HOURS = 2
    settings.REMINDER_GIVE_UP_HOURS = 6
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    return settings


@pytest.fixture
def two_reminders_for_one_desk():
    """Two overdue mandates of one entity whose desk gets one digest with both."""
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    for days in (3, 5):
        due = TODAY - dt.timedelta(days=days)
        builders.mandate(document_due_on=due, session_opens_on=due + dt.timedelta(weeks=10))
    mandates_flag(today=TODAY)


def run_like_beat(
    smtp: SMTPServer,
    *,
    until: dt.timedelta,
    down_for: dt.timedelta | None = None,
    since: dt.timedelta = dt.timedelta(0),
    stop_when_delivered: bool = False,
) -> list[int]:
    """Run the job at START (planning) and every five minutes after, from START + since to START + until.
    SMTP refuses everything while the clock is before START + down_for. Returns the minutes (after START)
    at which the server was asked to take a digest.
    """
    asked_at = []
    now = START + since
    while now <= START + until:
        if down_for is not None:
            smtp.record.refusing = now < START + down_for
        before = smtp.record.attempts
        reminders_send(today=TODAY, now=now, plan=now == START)
        if smtp.record.attempts > before:
            asked_at.append(int((now - START).total_seconds() // 60))
        if stop_when_delivered and smtp.record.accepted:
            break
        now += EVERY
    return asked_at


def heartbeat() -> JobHeartbeat | None:
    return JobHeartbeat.objects.filter(name=HEARTBEAT_NAME).first()


def test_smtp_refusing_past_the_old_attempt_budget_then_recovering_delivers_exactly_once(
    reminder_settings, settings, two_reminders_for_one_desk
):
    settings.REMINDER_GIVE_UP_HOURS = 72
    # Refused 8 times: the old code gave up for good after 5 failed runs (REMINDER_MAX_ATTEMPTS).
    with SMTPServer(replies=[451] * 8) as smtp:
        settings.EMAIL_HOST, settings.EMAIL_PORT = smtp.host, smtp.port
        asked_at = run_like_beat(smtp, until=dt.timedelta(hours=10))
        during_outage = heartbeat()
        asked_at += run_like_beat(smtp, since=dt.timedelta(hours=10, minutes=5), until=dt.timedelta(hours=12))

    # Spaced by time, not by runs: 10 minutes, doubling, at most 2 hours apart (127 runs made 9 attempts).
    assert asked_at[:9] == [0, 10, 30, 70, 150, 270, 390, 510, 630]
    assert len(smtp.record.accepted) == 1 and smtp.record.recipients == [["desk@un.org"]]
    assert len(asked_at) == 9  # nothing asked after the delivery, though the job kept running
    assert list(Reminder.objects.values_list("state", "attempts").distinct()) == [("sent", 9)]
    assert during_outage is None  # no run reported success while reminders were waiting
    assert heartbeat().last_success_at == START + dt.timedelta(hours=12)  # each run since: all delivered
    assert heartbeat().last_failure_at is None


@pytest.mark.parametrize("outage_hours", [1, 5.9], ids=lambda h: f"{h}h-outage")
def test_any_outage_shorter_than_the_age_limit_ends_in_one_delivery(
    reminder_settings, two_reminders_for_one_desk, outage_hours
):
    with SMTPServer() as smtp:
        reminder_settings.EMAIL_HOST, reminder_settings.EMAIL_PORT = smtp.host, smtp.port
        asked_at = run_like_beat(
            smtp,
            until=dt.timedelta(hours=outage_hours + 3),
            down_for=dt.timedelta(hours=outage_hours),
            stop_when_delivered=True,
        )
        later = reminders_send(today=TODAY, now=START + dt.timedelta(hours=outage_hours + 3))

    assert len(smtp.record.accepted) == 1 and smtp.record.recipients == [["desk@un.org"]]
    assert asked_at[-1] >= outage_hours * 60  # delivered by the first attempt after the outage
    assert asked_at[-1] - outage_hours * 60 <= 120  # which came within the back-off ceiling
    assert later.sent == 0 and smtp.record.attempts == len(asked_at)  # and never again
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}
    assert not heartbeat().last_failure_at


@pytest.mark.parametrize("outage_hours", [7, 12], ids=lambda h: f"{h}h-outage")
def test_an_outage_past_the_age_limit_gives_up_visibly(
    reminder_settings, two_reminders_for_one_desk, outage_hours, client, bob
):
    with SMTPServer() as smtp:
        reminder_settings.EMAIL_HOST, reminder_settings.EMAIL_PORT = smtp.host, smtp.port
        asked_at = run_like_beat(smtp, until=dt.timedelta(hours=7.5), down_for=dt.timedelta(hours=outage_hours))

    # Tried until the first attempt more than 6 hours after the first failure, then left alone.
    assert asked_at == [0, 10, 30, 70, 150, 270, 390]
    assert smtp.record.accepted == []
    assert set(Reminder.objects.values_list("state", flat=True)) == {"failed"}
    beat = heartbeat()
    assert beat.last_success_at is None and beat.last_failure_at is not None
    assert "2 reminders given up after failing for more than 6 hours" in beat.last_error
    assert "451" in beat.last_error

    client.force_login(bob)
    page = client.get(reverse("mandates:overview")).content.decode()
    assert "2 reminders could not be sent." in page
    assert "Reminder job: failing since" in page
    assert page.count("desk@un.org") == 2


def test_staff_retry_given_up_reminders_and_the_heartbeat_recovers(
    reminder_settings, two_reminders_for_one_desk, admin_client
):
    reminder_settings.REMINDER_GIVE_UP_HOURS = 1  # given up at the attempt 70 minutes in
    with SMTPServer() as smtp:
        reminder_settings.EMAIL_HOST, reminder_settings.EMAIL_PORT = smtp.host, smtp.port
        run_like_beat(smtp, until=dt.timedelta(hours=1.5), down_for=dt.timedelta(hours=2))
        assert Reminder.objects.filter(state="failed").count() == 2
        ids = [str(pk) for pk in Reminder.objects.values_list("id", flat=True)]
        smtp.record.refusing = False  # email works again

        response = admin_client.post(
            reverse("admin:mandates_reminder_changelist"), {"action": "retry_now", "_selected_action": ids}
        )
        assert response.status_code == 302
        later = reminders_send(today=TODAY, plan=False)  # the next run, on the real clock

    assert later.sent == 2 and later.given_up_total == 0
    assert len(smtp.record.accepted) == 1
    beat = heartbeat()
    assert beat.last_success_at > beat.last_failure_at  # no longer failing
    page = admin_client.get(reverse("mandates:overview")).content.decode()
    assert "could not be sent" not in page and "Reminders delivered" in page


def test_an_smtp_server_that_is_down_then_up_gets_the_digest_once(reminder_settings, two_reminders_for_one_desk):
    reminder_settings.EMAIL_HOST, reminder_settings.EMAIL_PORT = "127.0.0.1", free_port()  # nothing listens
    first = reminders_send(today=TODAY, now=START)
    assert first.failed == 2 and "ConnectionRefusedError" in first.errors[0]

    with SMTPServer() as smtp:
        reminder_settings.EMAIL_PORT = smtp.port
        early = reminders_send(today=TODAY, now=START + dt.timedelta(minutes=5))
        retried = reminders_send(today=TODAY, now=START + dt.timedelta(minutes=10))
        again = reminders_send(today=TODAY, now=START + dt.timedelta(hours=3))

    assert (early.sent, retried.sent, again.sent) == (0, 2, 0)
    assert len(smtp.record.accepted) == 1


def test_the_retry_job_does_not_plan_new_reminders(reminder_settings, two_reminders_for_one_desk):
    summary = reminders_send(today=TODAY, now=START, plan=False)

    assert (summary.planned, summary.sent) == (0, 0)
    assert not Reminder.objects.exists()


def test_a_given_up_reminder_stops_counting_once_its_mandate_is_submitted(
    reminder_settings, two_reminders_for_one_desk, alice
):
    from mandates.services.workflow import mandate_set_status

    reminder_settings.REMINDER_GIVE_UP_HOURS = 1
    with SMTPServer() as smtp:
        reminder_settings.EMAIL_HOST, reminder_settings.EMAIL_PORT = smtp.host, smtp.port
        run_like_beat(smtp, until=dt.timedelta(hours=1.5), down_for=dt.timedelta(hours=2))
    assert Reminder.objects.filter(state="failed").count() == 2
    for reminder in Reminder.objects.select_related("mandate"):
        mandate_set_status(mandate=reminder.mandate, status="submitted", by=alice)

    summary = reminders_send(today=TODAY, plan=False)

    assert summary.given_up_total == 0
    assert heartbeat().last_success_at is not None
