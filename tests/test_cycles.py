"""Mandate review cycles (issue #13, UN80): opening a cycle over a scope, decisions, approvals, returns, and what
an approved retire does to the mandate (workflow status, flags, reminders, history)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from mandates.errors import ApplicationError, TransitionNotAllowed
from mandates.forms import BulkForm, StatusForm
from mandates.models import Contact, CycleEvent, CycleItem, Mandate, StatusChange
from mandates.services.cycles import (
    cycle_close,
    cycle_decision_approve,
    cycle_decision_record,
    cycle_decision_return,
    cycle_open,
)
from mandates.services.flags import flag_conditions, mandates_flag
from mandates.services.reminders import reminders_plan, reminders_send
from mandates.services.workflow import mandate_set_status
from tests import builders

pytestmark = pytest.mark.django_db

TODAY = dt.date(2021, 7, 6)


def item_of(cycle, mandate) -> CycleItem:
    return CycleItem.objects.get(cycle=cycle, mandate=mandate)


def test_a_cycle_holds_the_open_tracked_mandates_of_its_entity_and_body(alice):
    unodc, sg = builders.entity("UNODC"), builders.entity("Secretary-General")
    ccpcj, ga = builders.body("CCPCJ"), builders.body("General Assembly")
    adopted_by_ccpcj = builders.mandate(
        responsible_entity=unodc, instrument=builders.instrument(adopting_body=ccpcj), delivered_to=ga, due_body=ga
    )
    delivered_to_ccpcj = builders.mandate(responsible_entity=unodc, delivered_to=ccpcj, due_body=ccpcj)
    builders.mandate(responsible_entity=sg, delivered_to=ccpcj, due_body=ccpcj)  # another entity
    builders.mandate(responsible_entity=unodc)  # GA only, adopted by the GA
    builders.candidate(responsible_entity=unodc, delivered_to=ccpcj, due_body=ccpcj)  # not tracked
    submitted = builders.mandate(responsible_entity=unodc, delivered_to=ccpcj, due_body=ccpcj)
    mandate_set_status(mandate=submitted, status="submitted", by=alice)

    cycle = cycle_open(name="  2027 programme   budget review ", entity=unodc, body=ccpcj, by=alice)

    assert cycle.name == "2027 programme budget review"
    assert set(cycle.items.values_list("mandate_id", flat=True)) == {adopted_by_ccpcj.pk, delivered_to_ccpcj.pk}
    assert set(cycle.items.values_list("state", flat=True)) == {"undecided"}


def test_a_cycle_with_nothing_in_scope_or_no_name_is_not_opened(alice):
    builders.mandate()
    with pytest.raises(ApplicationError, match="No open mandate"):
        cycle_open(name="Empty", entity=builders.entity("Nobody"), by=alice)
    with pytest.raises(ApplicationError, match="name"):
        cycle_open(name="   ", by=alice)


def test_a_decision_waits_for_an_approver_who_approves_it(alice, carol):
    mandate = builders.mandate()
    cycle = cycle_open(name="Review", by=alice)

    item = cycle_decision_record(item=item_of(cycle, mandate), decision="retain", reason="Still needed", by=alice)
    assert (item.state, item.decided_by) == ("decided", alice)
    item = cycle_decision_approve(item=item, by=carol, note="Agreed")

    item.refresh_from_db()
    assert (item.state, item.decision, item.approved_by) == ("approved", "retain", carol)
    events = list(CycleEvent.objects.filter(item=item).order_by("id").values_list("action", "decision", "by", "note"))
    assert events == [("decided", "retain", alice.pk, "Still needed"), ("approved", "retain", carol.pk, "Agreed")]
    mandate.refresh_from_db()
    assert mandate.status == "pending"  # retain changes nothing on the mandate


def test_the_approver_cannot_approve_or_return_their_own_decision(alice, carol):
    mandate = builders.mandate()
    cycle = cycle_open(name="Review", by=alice)
    item = cycle_decision_record(item=item_of(cycle, mandate), decision="retire", reason="Obsolete", by=carol)

    with pytest.raises(ApplicationError, match="another approver"):
        cycle_decision_approve(item=item, by=carol)
    with pytest.raises(ApplicationError, match="another approver"):
        cycle_decision_return(item=item, by=carol, note="Hmm")
    item.refresh_from_db()
    mandate.refresh_from_db()
    assert (item.state, mandate.status) == ("decided", "pending")


def test_a_returned_decision_goes_back_to_the_reviewer_who_decides_again(alice, carol):
    mandate, other = builders.mandate(), builders.mandate()
    cycle = cycle_open(name="Review", by=alice)
    item = cycle_decision_record(item=item_of(cycle, mandate), decision="retire", reason="Done", by=alice)

    with pytest.raises(ApplicationError, match="why"):
        cycle_decision_return(item=item, by=carol, note=" ")
    item = cycle_decision_return(item=item, by=carol, note="The body asked for it again in 2024")
    assert (item.state, item.return_note) == ("returned", "The body asked for it again in 2024")
    with pytest.raises(ApplicationError, match="no decision waiting"):
        cycle_decision_approve(item=item, by=carol)
    mandate.refresh_from_db()
    assert mandate.status == "pending"

    item = cycle_decision_record(
        item=item, decision="merge", merge_into=other, reason="Same report as #other", by=alice
    )
    assert (item.state, item.merge_into, item.return_note) == ("decided", other, "")


def test_merge_needs_another_tracked_mandate_and_a_reason_is_required(alice):
    mandate, candidate = builders.mandate(), builders.candidate()
    cycle = cycle_open(name="Review", by=alice)
    item = item_of(cycle, mandate)

    with pytest.raises(ApplicationError, match="other mandate"):
        cycle_decision_record(item=item, decision="merge", reason="r", by=alice)
    with pytest.raises(ApplicationError, match="other mandate"):
        cycle_decision_record(item=item, decision="merge", merge_into=mandate, reason="r", by=alice)
    with pytest.raises(ApplicationError, match="not a tracked mandate"):
        cycle_decision_record(item=item, decision="merge", merge_into=candidate, reason="r", by=alice)
    with pytest.raises(ApplicationError, match="reason"):
        cycle_decision_record(item=item, decision="retain", reason="", by=alice)
    with pytest.raises(ApplicationError, match="Unknown decision"):
        cycle_decision_record(item=item, decision="abolish", reason="r", by=alice)
    assert item_of(cycle, mandate).state == "undecided"


def test_an_approved_retire_retires_the_mandate_through_the_workflow(alice, carol):
    mandate = builders.mandate(document_due_on=TODAY - dt.timedelta(days=10))
    cycle = cycle_open(name="2027 programme budget review", by=alice)
    item = cycle_decision_record(item=item_of(cycle, mandate), decision="retire", reason="Overtaken by 78/1", by=alice)

    cycle_decision_approve(item=item, by=carol)

    mandate.refresh_from_db()
    assert (mandate.status, mandate.flag) == ("retired", "done")
    change = StatusChange.objects.get(mandate=mandate)
    assert (change.from_status, change.to_status, change.changed_by) == ("pending", "retired", carol)
    assert "2027 programme budget review" in change.note and "Overtaken by 78/1" in change.note


def test_approving_a_retire_of_a_mandate_no_longer_open_is_refused_and_nothing_changes(alice, carol):
    mandate = builders.mandate()
    cycle = cycle_open(name="Review", by=alice)
    item = cycle_decision_record(item=item_of(cycle, mandate), decision="retire", reason="r", by=alice)
    mandate_set_status(mandate=mandate, status="submitted", by=alice)

    with pytest.raises(TransitionNotAllowed):
        cycle_decision_approve(item=item, by=carol)
    assert item_of(cycle, mandate).state == "decided"
    assert not CycleEvent.objects.filter(action="approved").exists()


def test_an_approved_merge_supersedes_the_mandate_by_the_one_it_merges_into(alice, carol):
    mandate, into = builders.mandate(), builders.mandate(subject="the consolidated report")
    cycle = cycle_open(name="2027 programme budget review", by=alice)
    item = cycle_decision_record(
        item=item_of(cycle, mandate), decision="merge", merge_into=into, reason="One report on both", by=alice
    )
    mandate.refresh_from_db()
    assert mandate.status == "pending"  # nothing happens before approval

    cycle_decision_approve(item=item, by=carol)

    mandate.refresh_from_db()
    into.refresh_from_db()
    assert (mandate.status, mandate.superseded_by_id) == ("superseded", into.pk)
    assert into.status == "pending"  # the mandate merged into carries the request on
    change = StatusChange.objects.get(mandate=mandate)
    assert (change.from_status, change.to_status, change.changed_by) == ("pending", "superseded", carol)
    assert f"#{into.pk}" in change.note and "2027 programme budget review" in change.note
    assert mandate.history.first().history_user == carol  # in the field history too
    assert list(CycleEvent.objects.filter(item=item).values_list("action", flat=True)) == ["approved", "decided"]


def test_a_merge_into_a_mandate_no_longer_open_is_refused_at_approval_and_nothing_changes(alice, carol):
    mandate, into = builders.mandate(), builders.mandate()
    cycle = cycle_open(name="Review", by=alice)
    item = cycle_decision_record(item=item_of(cycle, mandate), decision="merge", merge_into=into, reason="r", by=alice)
    mandate_set_status(mandate=into, status="submitted", by=alice)

    with pytest.raises(ApplicationError, match="no longer open"):
        cycle_decision_approve(item=item, by=carol)
    mandate.refresh_from_db()
    assert (mandate.status, mandate.superseded_by_id, item_of(cycle, mandate).state) == ("pending", None, "decided")


def test_an_approved_update_opens_the_mandate_for_correction_until_staff_mark_it_updated(alice, carol):
    from mandates.services.workflow import mandate_update_done

    mandate = builders.mandate()
    cycle = cycle_open(name="2027 programme budget review", by=alice)
    item = cycle_decision_record(
        item=item_of(cycle, mandate), decision="update", reason="Due at the 81st session, not the 80th", by=alice
    )
    assert Mandate.objects.get(pk=mandate.pk).update_requested == ""  # not before approval

    cycle_decision_approve(item=item, by=carol)

    mandate.refresh_from_db()
    assert "Due at the 81st session" in mandate.update_requested
    assert "2027 programme budget review" in mandate.update_requested
    assert mandate.status == "pending"  # still owed: only its record is to be corrected
    record = mandate.history.first()
    assert (record.history_user, record.history_change_reason) == (carol, "update requested by a review decision")

    mandate_update_done(mandate=mandate, by=alice, note="due session corrected")
    mandate.refresh_from_db()
    assert mandate.update_requested == ""
    assert mandate.history.first().history_change_reason == "updated: due session corrected"
    with pytest.raises(ApplicationError, match="No update"):
        mandate_update_done(mandate=mandate, by=alice)


def test_an_approved_retain_changes_nothing_on_the_mandate(alice, carol):
    mandate = builders.mandate()
    cycle = cycle_open(name="Review", by=alice)
    item = cycle_decision_record(item=item_of(cycle, mandate), decision="retain", reason="Still needed", by=alice)
    cycle_decision_approve(item=item, by=carol)
    mandate.refresh_from_db()
    assert (mandate.status, mandate.superseded_by_id, mandate.update_requested) == ("pending", None, "")


def test_retired_is_reached_only_by_an_approved_review_decision(alice):
    mandate = builders.mandate()
    with pytest.raises(TransitionNotAllowed, match="review cycle"):
        mandate_set_status(mandate=mandate, status="retired", by=alice)
    offered = [value for value, _ in StatusForm(mandate=mandate).fields["status"].choices]
    assert "retired" not in offered and "cancelled" in offered
    assert "retired" not in [value for value, _ in BulkForm().fields["status"].choices]


def test_a_closed_cycle_takes_no_decision_and_waits_for_pending_approvals_before_closing(alice, carol):
    first, second = builders.mandate(), builders.mandate()
    cycle = cycle_open(name="Review", by=alice)
    cycle_decision_record(item=item_of(cycle, first), decision="retain", reason="r", by=alice)

    with pytest.raises(ApplicationError, match="wait for approval"):
        cycle_close(cycle=cycle, by=alice)
    cycle_decision_approve(item=item_of(cycle, first), by=carol)
    cycle = cycle_close(cycle=cycle, by=alice)

    assert (cycle.state, cycle.closed_by) == ("closed", alice)
    with pytest.raises(ApplicationError, match="closed"):
        cycle_decision_record(item=item_of(cycle, second), decision="retire", reason="r", by=alice)


# --- A retired mandate is neither flagged nor reminded ---------------------------------------------------------


def _overdue_mandate_with_a_contact() -> Mandate:
    sg = builders.entity("Secretary-General", email="sg-focal@un.org")
    Contact.objects.create(email="desk@un.org", entity=sg)
    due = TODAY - dt.timedelta(days=5)
    mandate = builders.mandate(
        responsible_entity=sg, document_due_on=due, session_opens_on=due + dt.timedelta(weeks=10)
    )
    mandates_flag(today=TODAY)
    mandate.refresh_from_db()
    assert mandate.flag == "overdue"
    return mandate


def _retire(mandate, *, reviewer, approver) -> None:
    cycle = cycle_open(name="Review", by=reviewer)
    item = cycle_decision_record(
        item=item_of(cycle, mandate), decision="retire", reason="No longer needed", by=reviewer
    )
    cycle_decision_approve(item=item, by=approver)


@pytest.mark.parametrize("retired", [False, True])
def test_a_retired_mandate_is_not_flagged_overdue_by_the_daily_job(alice, carol, retired):
    mandate = _overdue_mandate_with_a_contact()
    if retired:
        _retire(mandate, reviewer=alice, approver=carol)

    mandates_flag(today=TODAY + dt.timedelta(days=1))

    mandate.refresh_from_db()
    overdue = Mandate.objects.filter(flag_conditions(today=TODAY + dt.timedelta(days=1))["overdue"])
    assert mandate.flag == ("done" if retired else "overdue")
    assert overdue.filter(pk=mandate.pk).exists() is not retired


@pytest.mark.parametrize("retired", [False, True])
def test_a_retired_mandate_is_not_reminded_even_with_a_reminder_already_planned(alice, carol, retired):
    mandate = _overdue_mandate_with_a_contact()
    assert reminders_plan() > 0  # planned while it was overdue
    if retired:
        _retire(mandate, reviewer=alice, approver=carol)

    reminders_send(today=TODAY)

    sent_to = sorted(message.to[0] for message in mail.outbox)
    assert sent_to == ([] if retired else ["desk@un.org", "sg-focal@un.org"])
