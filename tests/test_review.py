"""Review candidates (issue #8): confirm, correct, reject and return to review, each recorded; candidates
and rejected mandates stay out of everything that tracks mandates until confirmed."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from mandates.errors import ApplicationError, TransitionNotAllowed
from mandates.models import FlagEvent, Mandate, Reminder, ReviewDecision
from mandates.services.flags import mandates_flag
from mandates.services.reminders import reminders_plan
from mandates.services.review import mandate_confirm, mandate_correct, mandate_reject, mandate_reopen
from mandates.services.workflow import mandate_set_status
from tests import builders

pytestmark = pytest.mark.django_db

R = Mandate.ReviewState
A = ReviewDecision.Action


@pytest.fixture
def ga_session_in_20_weeks():
    """GA session 80 opens in 20 weeks: its documents are due in 10 (the default lead time)."""
    ga = builders.body()
    opens = timezone.localdate() + dt.timedelta(weeks=20)
    return builders.session(ga, 80, start_date=opens, confirmed=True)


def decisions(mandate: Mandate) -> list[tuple]:
    return list(
        ReviewDecision.objects.filter(mandate=mandate)
        .order_by("id")
        .values_list("action", "from_state", "to_state", "decided_by__username", "reason", "changes")
    )


# ------------------------------------------------------------------------------------------ services


def test_confirming_a_candidate_makes_it_a_tracked_mandate_with_dates_flag_and_a_recorded_decision(
    alice, ga_session_in_20_weeks
):
    candidate = builders.candidate()
    assert not Mandate.objects.filter(pk=candidate.pk).exists()

    mandate_confirm(mandate=candidate, by=alice, note="a real request")

    confirmed = Mandate.objects.get(pk=candidate.pk)  # tracked now
    assert confirmed.review_state == R.CONFIRMED
    assert confirmed.document_due_on == ga_session_in_20_weeks.start_date - dt.timedelta(weeks=10)
    assert confirmed.flag == Mandate.Flag.UPCOMING_10  # set at once, not at the next flag job
    assert FlagEvent.objects.filter(mandate=confirmed, to_flag=Mandate.Flag.UPCOMING_10).exists()
    assert decisions(confirmed) == [("confirmed", "candidate", "confirmed", "alice", "a real request", {})]
    assert confirmed.history.first().history_user == alice  # the field history says who, too


def test_correcting_a_candidate_saves_staff_edits_and_confirms_it_with_what_changed(alice):
    candidate = builders.candidate(subject="", due_session_number=None)

    mandate_correct(mandate=candidate, by=alice, note="session from the title", subject="crime", due_session_number=81)

    m = Mandate.objects.get(pk=candidate.pk)
    assert (m.subject, m.due_session_number, m.review_state) == ("crime", 81, R.CONFIRMED)
    assert set(m.staff_edited_fields) == {"subject", "due_session_number"}  # re-ingestion keeps them
    assert decisions(m) == [
        (
            "corrected",
            "candidate",
            "confirmed",
            "alice",
            "session from the title",
            {"due_session_number": [None, 81], "subject": ["", "crime"]},
        )
    ]


def test_a_corrected_foreign_key_is_recorded_by_name(alice):
    candidate = builders.candidate()
    council = builders.body("Economic and Social Council")

    mandate_correct(mandate=candidate, by=alice, due_body=council, delivered_to=council)

    [(_, _, _, _, _, changes)] = decisions(candidate)
    assert changes == {
        "delivered_to": ["General Assembly", "Economic and Social Council"],
        "due_body": ["General Assembly", "Economic and Social Council"],
    }


def test_a_tracked_mandate_can_be_corrected_and_stays_tracked(alice):
    tracked = builders.mandate()

    mandate_correct(mandate=tracked, by=alice, due_session_number=81)

    tracked.refresh_from_db()
    assert (tracked.review_state, tracked.due_session_number) == (R.CONFIRMED, 81)
    assert decisions(tracked) == [
        ("corrected", "confirmed", "confirmed", "alice", "", {"due_session_number": [80, 81]})
    ]
    with pytest.raises(ApplicationError, match="Nothing changed"):
        mandate_correct(mandate=tracked, by=alice, due_session_number=81)


def test_rejecting_takes_a_candidate_or_a_tracked_mandate_out_of_tracking_with_its_reason(alice):
    candidate = builders.candidate()
    tracked = builders.mandate(flag=Mandate.Flag.OVERDUE)

    mandate_reject(mandate=candidate, by=alice, reason="a recollection of an earlier request")
    mandate_reject(mandate=tracked, by=alice)

    assert not Mandate.objects.filter(pk__in=[candidate.pk, tracked.pk]).exists()
    tracked = Mandate.all_objects.get(pk=tracked.pk)
    assert (tracked.review_state, tracked.flag) == (R.REJECTED, "")  # no longer counted as overdue
    assert decisions(candidate) == [
        ("rejected", "candidate", "rejected", "alice", "a recollection of an earlier request", {})
    ]
    assert decisions(tracked) == [("rejected", "confirmed", "rejected", "alice", "", {})]


def test_a_rejection_can_be_undone_and_the_candidate_waits_again(alice):
    candidate = builders.candidate()
    mandate_reject(mandate=candidate, by=alice)

    mandate_reopen(mandate=candidate, by=alice, note="rejected by mistake")

    assert Mandate.all_objects.candidates().filter(pk=candidate.pk).exists()
    assert [d[0] for d in decisions(candidate)] == ["rejected", "reopened"]


@pytest.mark.parametrize(
    "state, service",
    [
        ("confirmed", mandate_confirm),  # only candidates are confirmed
        ("rejected", mandate_confirm),  # a rejected mandate goes back to review first
        ("rejected", mandate_reject),
        ("candidate", mandate_reopen),
        ("confirmed", mandate_reopen),
    ],
)
def test_moves_the_review_workflow_does_not_allow_are_refused_and_recorded_nowhere(alice, state, service):
    m = builders.mandate(review_state=state)
    with pytest.raises(TransitionNotAllowed):
        service(mandate=m, by=alice)
    assert Mandate.all_objects.get(pk=m.pk).review_state == state
    assert not ReviewDecision.objects.exists()


def test_a_rejected_mandate_cannot_be_corrected_and_a_candidate_has_no_status_workflow(alice):
    with pytest.raises(ApplicationError, match="rejected"):
        mandate_correct(mandate=builders.mandate(review_state=R.REJECTED), by=alice, subject="x")
    with pytest.raises(TransitionNotAllowed, match="confirm it"):
        mandate_set_status(mandate=builders.candidate(), status=Mandate.Status.IN_PREPARATION, by=alice)


def test_review_fields_are_not_editable_as_plain_fields(alice):
    from mandates.services.ingest import mandate_edit

    with pytest.raises(ApplicationError, match="Confirm or reject"):
        mandate_edit(mandate=builders.candidate(), by=alice, review_state=R.CONFIRMED)


# ---------------------------------------------------------------- candidates are not tracked mandates


@pytest.fixture
def three_due_soon():
    """A tracked mandate, a candidate and a rejected mandate, all overdue by their dates, with a contact."""
    past = timezone.localdate() - dt.timedelta(days=3)
    session = builders.at_session(builders.body(), 80)  # the scheduler attaches mandates to their session
    dates = dict(document_due_on=past, session_opens_on=past + dt.timedelta(weeks=10), due_session=session)
    ent = builders.entity(email="focal@example.org")
    inst = builders.instrument()
    tracked = builders.mandate(instrument=inst, responsible_entity=ent, subject="tracked one", **dates)
    candidate = builders.candidate(
        instrument=inst, responsible_entity=ent, subject="candidate one", paragraph_label="2", **dates
    )
    rejected = builders.mandate(
        instrument=inst,
        responsible_entity=ent,
        subject="rejected one",
        paragraph_label="3",
        review_state=R.REJECTED,
        **dates,
    )
    return tracked, candidate, rejected


def test_the_flag_job_and_reminders_see_only_tracked_mandates(three_due_soon):
    tracked, candidate, rejected = three_due_soon

    mandates_flag(today=timezone.localdate())
    reminders_plan()

    flags = dict(Mandate.all_objects.values_list("pk", "flag"))
    assert flags == {tracked.pk: "overdue", candidate.pk: "", rejected.pk: ""}
    assert set(Reminder.objects.values_list("mandate_id", flat=True)) == {tracked.pk}


def test_lists_exports_api_overview_sessions_and_documents_show_only_tracked_mandates(client, bob, three_due_soon):
    tracked, candidate, rejected = three_due_soon
    client.force_login(bob)

    listed = client.get(reverse("mandates:mandate_list")).context["page"].object_list
    assert [m.pk for m in listed] == [tracked.pk]
    csv_text = b"".join(client.get(reverse("mandates:export_csv")).streaming_content).decode()
    assert "tracked one" in csv_text and "candidate one" not in csv_text and "rejected one" not in csv_text
    ics = b"".join(client.get(reverse("mandates:export_ics")).streaming_content).decode()
    assert ics.count("BEGIN:VEVENT") == 1
    api = client.get(reverse("mandates:api_mandates")).json()
    assert [row["id"] for row in api["results"]] == [tracked.pk]
    overview = client.get(reverse("mandates:overview")).context
    assert (overview["totals"]["open"], overview["totals"]["overdue"]) == (1, 1)
    sessions = client.get(reverse("mandates:session_list")).context["sessions"]
    assert [(s["total"], s["open"]) for s in sessions] == [(1, 1)]
    [doc] = client.get(reverse("mandates:document_list")).context["page"].object_list
    assert (doc.n_mandates, doc.n_waiting) == (1, 1)


def test_the_due_command_lists_only_tracked_mandates(capsys, three_due_soon):
    tracked, _, _ = three_due_soon
    call_command("due", "General Assembly", "80", "--format", "json")
    rows = json.loads(capsys.readouterr().out)["mandates"]
    assert [row["id"] for row in rows] == [tracked.pk]
