"""Every mandate is dated or says why not (issue #11): the reason on its page, a list filter, a share command."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from mandates.models import Body, Session
from mandates.services.calendar import due_rule, undated_reason
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def varied():
    """One mandate for each reason, and one dated."""
    ga = builders.body()
    no_cal = Body.objects.create(name="Committee of Nowhere")
    Session.objects.create(body=ga, number=81, start_date=dt.date(2026, 9, 8))
    waiting = Body.objects.create(name="Commission with a rule", calendar_rule={"month": 4})
    m = builders.mandate
    return {
        "dated": m(subject="dated", document_due_on=dt.date(2026, 6, 30)),
        "no_deadline": m(subject="a", due_body=None, due_session_number=None, paragraph_label="2"),
        "ongoing": m(subject="o", due_session_number=None, recurrence="ongoing", paragraph_label="7"),
        "no_body": m(subject="b", due_body=None, due_session_number=81, paragraph_label="3"),
        "event_without_date": m(
            subject="c", due_body=None, due_session_number=None, due_event="the Summit", paragraph_label="4"
        ),
        "no_calendar": m(subject="d", due_body=no_cal, due_session_number=3, paragraph_label="5"),
        "session_without_dates": m(subject="e", due_body=waiting, due_session_number=12, paragraph_label="6"),
    }


def test_each_undated_mandate_has_its_reason_and_the_page_says_it(varied):
    for reason, mandate in varied.items():
        expected = None if reason == "dated" else reason
        assert undated_reason(mandate) == expected, reason
    assert due_rule(varied["no_calendar"]).startswith("No due date: the body has no calendar")


def test_the_list_filters_by_reason(client, bob, varied):
    client.force_login(bob)
    for reason, mandate in varied.items():
        if reason == "dated":
            continue
        page = client.get(reverse("mandates:mandate_list"), {"undated": reason})
        assert page.status_code == 200
        assert [row.pk for row in page.context["page"].object_list] == [mandate.pk], reason


def test_dated_share_counts_the_reasons(varied, capsys):
    call_command("dated_share", "--format", "json")
    result = json.loads(capsys.readouterr().out)
    assert result["mandates"] == 7 and result["dated"] == 1
    assert result["with_session_event_or_recurrence"] == 5
    assert result["undated"] == {
        "no_deadline": 1,
        "ongoing": 1,
        "no_body": 1,
        "event_without_date": 1,
        "no_calendar": 1,
        "session_without_dates": 1,
    }


def test_a_session_known_only_by_number_is_dated_by_its_bodys_rule():
    """A session row without dates (named in a document before the rule could date it) no longer blocks the
    estimate: scheduling dates it, and every mandate attached to it follows."""
    from mandates.services.calendar import mandates_schedule

    ga = builders.body()
    ga.calendar_rule = {
        "meetings": [{"nth": 2, "days": 1, "month": 9, "weekday": "tuesday"}],
        "numbering": "ordinal",
        "first_year": 1946,
        "first_number": 1,
    }
    ga.save()
    bare = Session.objects.create(body=ga, number=84, kind=Session.Kind.REGULAR)
    waiting = builders.mandate(due_session=bare, due_session_number=84, subject="attached earlier")
    new = builders.mandate(due_session_number=84, subject="new", paragraph_label="2")

    mandates_schedule([new])

    bare.refresh_from_db()
    assert bare.start_date == dt.date(2029, 9, 11) and bare.date_source == Session.Source.RULE
    for mandate in (new, waiting):
        mandate.refresh_from_db()
        assert mandate.due_session_id == bare.pk and mandate.session_opens_on == dt.date(2029, 9, 11)
        assert mandate.document_due_on is not None
