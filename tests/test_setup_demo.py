import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from mandates.models import Contact, Document, Mandate

pytestmark = pytest.mark.django_db


def test_setup_demo_builds_a_database_people_can_log_into(capsys):
    call_command("setup_demo")

    assert "Demo login: demo / demo-password" in capsys.readouterr().out
    user = authenticate(RequestFactory().post("/accounts/login/"), username="demo", password="demo-password")
    assert user is not None and user.groups.filter(name="editors").exists()
    assert Document.objects.count() == 12  # five seeds, three GA78 PDFs, four GA resolutions of December 2025
    # The demo looks like today: reports due at the GA's 81st and 82nd sessions (2026, 2027) are there.
    assert Mandate.objects.filter(due_session_number__in=[81, 82], due_body__name="General Assembly").count() >= 4
    assert Contact.objects.filter(entity__name="Secretary-General").exists()
    assert Mandate.objects.exclude(document_due_on=None).count() >= 30
    assert not Mandate.objects.filter(flag="").exclude(document_due_on=None).exists()


def test_setup_demo_twice_changes_nothing(capsys):
    call_command("setup_demo")
    before = sorted(Mandate.objects.values_list("id", "updated_at"))

    call_command("setup_demo")

    assert sorted(Mandate.objects.values_list("id", "updated_at")) == before


def test_setup_demo_sends_todays_reminders_once(capsys, mailoutbox):
    from mandates.models import Reminder

    call_command("setup_demo")
    first = len(mailoutbox)
    sent = Reminder.objects.filter(state=Reminder.State.SENT)

    assert first > 0 and sent.exists()
    assert "Reminders: sent" in capsys.readouterr().out
    assert {m.to[0] for m in mailoutbox} >= {"demo@example.org"}  # the demo user owns some of the soonest

    call_command("setup_demo")

    assert len(mailoutbox) == first  # never twice
