import datetime as dt
import json
import threading
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from mandates.models import Contact, Mandate, Reminder, Subscription
from mandates.services.flags import mandates_flag
from mandates.services.reminders import reminders_send
from mandates.services.workflow import mandate_set_status
from mandates.tasks import send_reminders
from tests import builders
from tests.smtp_server import SMTPServer

pytestmark = pytest.mark.django_db

TODAY = dt.date(2021, 7, 6)
NOW = dt.datetime(2021, 7, 6, 9, 0, tzinfo=dt.UTC)


def flagged(days_from_today: int, **fields) -> Mandate:
    """An open mandate whose document is due `days_from_today` after TODAY, flagged as of TODAY."""
    due = TODAY + dt.timedelta(days=days_from_today)
    mandate = builders.mandate(document_due_on=due, session_opens_on=due + dt.timedelta(weeks=10), **fields)
    mandates_flag(today=TODAY)
    mandate.refresh_from_db()
    return mandate


@pytest.fixture
def smtp_settings(settings):
    def point_at(server: SMTPServer) -> None:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = server.host, server.port
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_TIMEOUT = 5

    return point_at


def test_recipients_are_the_contacts_focal_points_and_subscribers_of_the_mandate(django_user_model):
    sg = builders.entity("Secretary-General", email="sg-focal@un.org")
    ga = builders.body("General Assembly", secretariat_email="ga-secretariat@un.org")
    other_entity, other_body = builders.entity("UNODC"), builders.body("Commission on Narcotic Drugs")
    Contact.objects.create(email="Writer@UN.org", entity=sg)
    Contact.objects.create(email="ga-desk@un.org", body=ga)
    Contact.objects.create(email="not-me@un.org", entity=other_entity)
    for name, scope in [("all", {}), ("ga", {"body": ga}), ("cnd", {"body": other_body})]:
        user = django_user_model.objects.create_user(name, f"{name}@un.org")
        Subscription.objects.create(user=user, **scope)
    flagged(-3, responsible_entity=sg, due_body=ga, delivered_to=ga)

    reminders_send(today=TODAY)

    assert sorted(message.to[0] for message in mail.outbox) == [
        "all@un.org",
        "ga-desk@un.org",
        "ga-secretariat@un.org",
        "ga@un.org",
        "sg-focal@un.org",
        "writer@un.org",
    ]


def test_one_digest_per_recipient_lists_overdue_first_then_by_due_date_with_links(settings):
    settings.SITE_URL = "https://tracker.example.org"
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    later = flagged(30, subject="later upcoming")
    sooner = flagged(10, subject="sooner upcoming")
    overdue = flagged(-5, subject="already late")
    due = flagged(0, subject="due today")

    summary = reminders_send(today=TODAY)

    assert (summary.sent, summary.emails) == (4, 1)
    (message,) = mail.outbox
    assert message.subject == "[Mandate tracker] 4 reports: 1 overdue, 1 due, 2 upcoming"
    text = message.body
    positions = [text.index(m.subject) for m in (overdue, due, sooner, later)]
    assert positions == sorted(positions)
    assert f"https://tracker.example.org/mandates/{overdue.id}/" in text
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert f'href="https://tracker.example.org/mandates/{later.id}/"' in html


def test_running_the_job_twice_sends_each_reminder_once():
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    flagged(-5)
    flagged(20)

    first = reminders_send(today=TODAY)
    second = reminders_send(today=TODAY)

    assert (first.sent, second.sent) == (2, 0)
    assert len(mail.outbox) == 1
    assert set(Reminder.objects.values_list("state", flat=True)) == {"sent"}


def test_a_new_due_date_or_a_new_kind_is_a_new_reminder():
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    mandate = flagged(0)
    reminders_send(today=TODAY)

    mandates_flag(today=TODAY + dt.timedelta(days=1))  # due -> overdue
    reminders_send(today=TODAY + dt.timedelta(days=1))

    assert list(Reminder.objects.filter(mandate=mandate).order_by("id").values_list("kind", "state")) == [
        ("due", "sent"),
        ("overdue", "sent"),
    ]
    assert len(mail.outbox) == 2


def test_a_mandate_submitted_before_sending_is_not_reminded(alice):
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    mandate = flagged(-5)
    reminders_send(today=TODAY, dry_run=True)
    mandate_set_status(mandate=mandate, status="submitted", by=alice)

    summary = reminders_send(today=TODAY)

    assert summary.sent == 0 and not mail.outbox


def test_dry_run_sends_nothing_and_leaves_no_rows():
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    flagged(-5)
    out = StringIO()

    call_command("send_reminders", "--today", TODAY.isoformat(), "--dry-run", "--format", "json", stdout=out)

    data = json.loads(out.getvalue())
    assert (data["sent"], data["would_send"], data["dry_run"]) == (0, 1, True)
    assert not mail.outbox
    assert not Reminder.objects.exists()


def test_the_command_prints_how_many_were_sent_as_json():
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    flagged(-5)
    flagged(-6)
    out = StringIO()

    call_command("send_reminders", "--today", TODAY.isoformat(), "--format", "json", stdout=out)

    assert json.loads(out.getvalue())["sent"] == 2


def test_a_failing_smtp_server_marks_nothing_sent_and_the_retry_waits_for_its_time(smtp_settings, settings):
    settings.REMINDER_RETRY_FIRST_MINUTES = 10
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    flagged(-5)
    with SMTPServer(replies=[451]) as smtp:
        smtp_settings(smtp)

        failed = reminders_send(today=TODAY, now=NOW)
        reminder = Reminder.objects.get()
        assert (failed.sent, failed.failed, failed.given_up) == (0, 1, 0)
        assert (reminder.state, reminder.attempts, reminder.sent_at) == ("pending", 1, None)
        assert (reminder.first_failed_at, reminder.next_attempt_at) == (NOW, NOW + dt.timedelta(minutes=10))
        assert "451" in reminder.last_error
        assert smtp.record.accepted == []

        # However many runs come before the retry time, none of them tries again.
        early = [reminders_send(today=TODAY, now=NOW + dt.timedelta(minutes=m)) for m in range(1, 10)]
        assert smtp.record.attempts == 1 and not any(run.sent or run.failed for run in early)

        retried = reminders_send(today=TODAY, now=NOW + dt.timedelta(minutes=10))
        again = reminders_send(today=TODAY, now=NOW + dt.timedelta(minutes=20))

    reminder.refresh_from_db()
    assert (retried.sent, again.sent) == (1, 0)
    assert (reminder.state, reminder.attempts, reminder.last_error) == ("sent", 2, "")
    assert (smtp.record.attempts, len(smtp.record.accepted)) == (2, 1)
    assert smtp.record.recipients == [["desk@un.org"]]


def test_the_celery_task_leaves_smtp_retries_to_the_database_and_sends_later(smtp_settings):
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    flagged(-5)
    with SMTPServer(replies=[451]) as smtp:
        smtp_settings(smtp)

        first = send_reminders.apply(kwargs={"today": TODAY.isoformat(), "now": NOW.isoformat()})
        retry_at = Reminder.objects.get().next_attempt_at
        later = send_reminders.apply(kwargs={"now": retry_at.isoformat(), "plan": False})

    assert first.successful(), first.traceback  # no Celery retry: that would count runs, not time
    assert (first.result["failed"], first.result["waiting"]) == (1, 1)
    assert first.result["next_retry_at"] == retry_at.isoformat()
    assert later.successful() and later.result["sent"] == 1
    assert (smtp.record.attempts, len(smtp.record.accepted)) == (2, 1)
    assert Reminder.objects.get().state == "sent"


def test_the_command_fails_loudly_when_the_server_refuses(smtp_settings):
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    flagged(-5)
    with SMTPServer(replies=[451]) as smtp:
        smtp_settings(smtp)
        with pytest.raises(CommandError, match="could not be sent .0 given up.; next retry: 2021-07-06T09:10"):
            call_command("send_reminders", "--today", TODAY.isoformat(), "--now", "2021-07-06T09:00", stdout=StringIO())

    assert Reminder.objects.get().state == "pending"


def test_a_stale_claim_from_a_dead_worker_is_released_and_sent():
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    flagged(-5)
    reminders_send(today=TODAY, dry_run=False)
    Reminder.objects.update(state="sending", claim_token="dead-worker", sent_at=None)
    mail.outbox.clear()

    fresh = reminders_send(today=TODAY)
    assert fresh.sent == 0  # a recent claim may still be in flight: leave it alone

    Reminder.objects.update(claimed_at=timezone.now() - dt.timedelta(hours=2))
    released = reminders_send(today=TODAY)

    assert (released.released, released.sent) == (1, 1)
    assert len(mail.outbox) == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_send_each_reminder_exactly_once(require_postgres, smtp_settings):
    entity = builders.entity()
    for n in range(25):
        Contact.objects.create(email=f"desk{n}@un.org", entity=entity)
    for days in range(-10, 30, 4):
        flagged(days)
    expected_rows = 25 * 10
    barrier = threading.Barrier(2)
    results, errors = [], []

    def worker() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(reminders_send(today=TODAY))
        except Exception as exc:  # surfaced by the assertion below
            errors.append(exc)
        finally:
            connection.close()  # each thread has its own connection

    with SMTPServer() as smtp:
        smtp_settings(smtp)
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert not errors, errors
    assert sum(r.sent for r in results) == expected_rows
    assert sum(r.emails for r in results) == 25
    delivered = sorted(rcpt for rcpts in smtp.record.recipients for rcpt in rcpts)
    assert delivered == sorted(f"desk{n}@un.org" for n in range(25))  # one digest each, none twice
    assert Reminder.objects.filter(state="sent").count() == expected_rows == Reminder.objects.count()


def test_a_pending_reminder_for_an_old_due_date_is_not_sent_after_rescheduling():
    Contact.objects.create(email="desk@un.org", entity=builders.entity())
    mandate = flagged(-5)
    reminders_send(today=TODAY, dry_run=False)
    Reminder.objects.update(state="pending")  # as if the send had failed
    mail.outbox.clear()
    Mandate.objects.filter(pk=mandate.pk).update(document_due_on=TODAY + dt.timedelta(days=20))
    mandates_flag(today=TODAY)

    reminders_send(today=TODAY)

    (message,) = mail.outbox
    assert "Document due 26 July 2021" in message.body
    assert list(Reminder.objects.order_by("id").values_list("kind", "due_on", "state")) == [
        ("overdue", TODAY - dt.timedelta(days=5), "pending"),
        ("upcoming", TODAY + dt.timedelta(days=20), "sent"),
    ]
