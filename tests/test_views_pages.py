"""Every page renders for a viewer, with realistic data; anonymous visitors are sent to the login page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mandates.models import JobHeartbeat
from tests.e2e import data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return data.build()


def _pages(world) -> list[str]:
    m = world["mandates"][0]
    return [
        reverse("mandates:overview"),
        reverse("mandates:mandate_list"),
        reverse("mandates:mandate_detail", args=[m.pk]),
        reverse("mandates:session_list"),
        reverse("mandates:session_detail", args=[m.due_body_id, m.due_session_number]),
        reverse("mandates:document_list"),
        reverse("mandates:document_detail", args=[m.instrument.document_id]),
        reverse("mandates:feed_info"),
    ]


def test_anonymous_visitors_are_redirected_to_login_on_every_page(client, world):
    for url in _pages(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url


def test_every_page_renders_for_a_viewer(client, bob, world):
    client.force_login(bob)
    for url in _pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"Mandate tracker" in response.content


def test_overview_counts_overdue_and_upcoming_from_due_dates(client, bob, world):
    client.force_login(bob)
    today = timezone.localdate()
    open_ms = [m for m in world["mandates"] if m.status in ("pending", "in_preparation", "deferred")]
    overdue = sum(1 for m in open_ms if m.document_due_on < today)
    within_6 = sum(1 for m in open_ms if today <= m.document_due_on <= today + dt.timedelta(weeks=6))
    within_14 = sum(1 for m in open_ms if today <= m.document_due_on <= today + dt.timedelta(weeks=14))

    response = client.get(reverse("mandates:overview"))

    totals = response.context["totals"]
    assert (totals["overdue"], totals["within_6"], totals["within_14"]) == (overdue, within_6, within_14)
    assert overdue > 0 and within_6 > 0 and within_14 > within_6  # the data exercises every bucket
    sessions = {(s["body"], s["number"]): s for s in response.context["sessions"]}
    assert set(sessions) == {("CND", 70), ("CCPCJ", 36), ("GA", 82)}  # past sessions are not upcoming
    assert sessions[("CND", 70)]["overdue"] == 0
    assert sessions[("CCPCJ", 36)]["total"] == sum(
        1 for m in world["mandates"] if (m.due_body.acronym, m.due_session_number) == ("CCPCJ", 36)
    )


def test_overview_warns_when_the_flag_heartbeat_is_stale(client, bob, world):
    client.force_login(bob)
    assert b"Flags may be out of date" not in client.get("/").content

    JobHeartbeat.objects.filter(name="flag_due").update(last_success_at=timezone.now() - dt.timedelta(hours=30))
    assert b"Flags may be out of date" in client.get("/").content

    JobHeartbeat.objects.all().delete()
    assert b"has no recorded run" in client.get("/").content


def test_overview_shows_the_reminder_job_heartbeat_delivered_stale_or_failing(client, bob, world):
    from mandates.services.heartbeat import heartbeat_record_failure

    client.force_login(bob)
    assert "Reminders delivered 3" in client.get("/").content.decode()

    JobHeartbeat.objects.filter(name="send_reminders").update(last_success_at=timezone.now() - dt.timedelta(hours=30))
    assert b"Reminders may be waiting" in client.get("/").content

    heartbeat_record_failure("send_reminders", error="2 reminders given up")
    page = client.get("/").content.decode()
    assert "Reminder job: failing since" in page and "Reminders may be waiting" not in page


def test_the_mandate_page_highlights_the_clause_inside_its_paragraph(client, bob, world):
    client.force_login(bob)
    m = world["mandates"][2]

    response = client.get(reverse("mandates:mandate_detail", args=[m.pk]))

    highlight = response.context["highlight"]
    assert highlight["paragraph"].exact
    assert highlight["paragraph"].clause == m.source_text
    assert highlight["paragraph"].before.startswith("Encourages Member States")
    assert highlight["instrument"].clause == m.source_text
    assert f"<mark>{m.source_text}</mark>".encode() in response.content


def test_the_session_page_lists_everything_due_at_that_session(client, bob, world):
    client.force_login(bob)
    ccpcj = world["bodies"]["CCPCJ"]

    response = client.get(reverse("mandates:session_detail", args=[ccpcj.pk, 36]))

    expected = {m.pk for m in world["mandates"] if m.due_body == ccpcj and m.due_session_number == 36}
    assert {m.pk for m in response.context["mandates"]} == expected
    assert response.context["session"] == world["sessions"][("CCPCJ", 36)]


def test_the_document_page_shows_mandates_beside_their_paragraphs(client, bob, world, django_assert_max_num_queries):
    client.force_login(bob)
    m = world["mandates"][0]

    with django_assert_max_num_queries(12):
        response = client.get(reverse("mandates:document_detail", args=[m.instrument.document_id]))

    assert reverse("mandates:mandate_detail", args=[m.pk]).encode() in response.content
    assert m.subject[:40].encode() in response.content
    assert f"<mark>{m.source_text}</mark>".encode() in response.content  # the clause marked in its paragraph


def test_the_overview_runs_a_fixed_number_of_queries(client, bob, world, django_assert_max_num_queries):
    client.force_login(bob)
    # session, user, 2 aggregates, 2 body lookups, 2 heartbeats, given-up reminders, review count, perms,
    # the overdue and due-next lists and their counts (when longer than shown)
    with django_assert_max_num_queries(16):
        client.get(reverse("mandates:overview"))


def test_an_upcoming_session_counts_its_open_mandates_past_the_document_deadline(client, bob):
    from tests import builders

    client.force_login(bob)
    today = timezone.localdate()
    opens = today + dt.timedelta(weeks=3)
    ga81 = builders.session(builders.body(), 81, start_date=opens)
    dates = dict(due_session=ga81, session_opens_on=opens, document_due_on=today - dt.timedelta(weeks=7))
    builders.mandate(due_session_number=81, **dates)
    builders.mandate(due_session_number=81, status="submitted", **dates)

    session = client.get(reverse("mandates:overview")).context["sessions"][0]

    assert (session["number"], session["total"], session["open"], session["overdue"]) == (81, 2, 1, 1)
