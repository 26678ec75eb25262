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


def test_setup_demo_has_an_approver_and_a_cycle_waiting_for_them(capsys):
    from mandates.models import CycleItem, ReviewCycle
    from mandates.services.cycles import cycle_decision_approve

    call_command("setup_demo")

    assert "Approver login: approver / demo-password" in capsys.readouterr().out
    approver = authenticate(RequestFactory().post("/accounts/login/"), username="approver", password="demo-password")
    assert approver is not None and approver.has_perm("mandates.approve_cycleitem")
    assert not approver.has_perm("mandates.change_mandate")  # an approver, not an editor
    cycle = ReviewCycle.objects.get(name="2027 programme budget review")
    waiting = CycleItem.objects.filter(cycle=cycle, state=CycleItem.State.DECIDED)
    assert waiting.count() == 3 and set(waiting.values_list("decided_by__username", flat=True)) == {"demo"}
    # The second role can act on them: the demo user decided, the approver approves.
    approved = cycle_decision_approve(item=waiting.get(decision=CycleItem.Decision.RETAIN), by=approver)
    assert approved.state == CycleItem.State.APPROVED

    call_command("setup_demo")  # built again: the cycle is left as staff left it

    assert ReviewCycle.objects.filter(name=cycle.name).count() == 1
    assert CycleItem.objects.get(pk=approved.pk).state == CycleItem.State.APPROVED
