"""Issue 10, "Numbers that are true everywhere, at every moment": each bug reproduced, then shown fixed.

Every test here failed on the code before the fix (the comment under each name says how).
"""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mandates.errors import ApplicationError
from mandates.models import FlagEvent, Mandate, Session
from mandates.services import calendar
from mandates.services.flags import flag_for, mandates_flag
from mandates.services.ingest import document_ingest, mandate_edit
from mandates.services.workflow import mandate_set_status
from tests import builders
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db

GA = "General Assembly"


@pytest.fixture
def viewer(client, bob):
    client.force_login(bob)
    return client


@pytest.fixture
def ga75():
    """A report due at GA 75 (opened 15 September 2020), scheduled as ingestion does."""
    calendar.calendar_load()
    mandate = builders.mandate(due_body=builders.body(GA), due_session_number=75)
    calendar.mandates_schedule([mandate])
    mandates_flag(today=timezone.localdate())  # as the old code needed, so each test shows its own bug
    mandate.refresh_from_db()
    return mandate


def _ical_dates(client, **params) -> dict[str, dt.date]:
    response = client.get(reverse("mandates:export_ics"), params)
    events = Calendar.from_ical(b"".join(response.streaming_content)).walk("VEVENT")
    return {str(e["uid"]).split("@")[0]: e.decoded("dtstart") for e in events}


# --- Editing the due session re-dates the mandate ----------------------------------------------------


def test_editing_the_due_session_redates_the_mandate_and_its_flag(ga75, alice, viewer):
    # Before: the mandate kept "opens 15 September 2020", "due 7 July 2020" and Overdue, and stayed on GA 75.
    assert (ga75.session_opens_on, ga75.document_due_on, ga75.flag) == (
        dt.date(2020, 9, 15),
        dt.date(2020, 7, 7),
        "overdue",
    )
    ga = ga75.due_body

    mandate_edit(mandate=ga75, by=alice, due_session_number=95)

    ga75.refresh_from_db()
    opens = calendar.rule_session_dates(ga.calendar_rule, number=95)[0]
    assert (ga75.due_session.number, ga75.session_opens_on) == (95, opens)
    assert ga75.document_due_on == opens - dt.timedelta(weeks=ga.lead_time_weeks or 10)
    assert ga75.flag == flag_for(ga75, today=timezone.localdate()) == "later"
    page_95 = viewer.get(reverse("mandates:session_detail", args=[ga.pk, 95])).context["mandates"]
    page_75 = viewer.get(reverse("mandates:session_detail", args=[ga.pk, 75])).context["mandates"]
    assert ([m.pk for m in page_95], [m.pk for m in page_75]) == ([ga75.pk], [])
    assert _ical_dates(viewer) == {f"mandate-{ga75.pk}": ga75.document_due_on}


def test_the_staff_edit_page_redates_the_mandate(ga75, client, alice):
    # Before: the form saved the number and nothing else.
    client.force_login(alice)
    form = client.get(reverse("mandates:mandate_edit", args=[ga75.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not None}
    data["due_session_number"] = 95

    client.post(reverse("mandates:mandate_edit", args=[ga75.pk]), data)

    ga75.refresh_from_db()
    assert (ga75.due_session.number, ga75.flag) == (95, "later")
    assert ga75.session_opens_on.year == 2040


def test_load_calendar_repairs_a_mandate_whose_session_was_edited_before_edits_redated(ga75):
    # Before: neither flag_due nor load_calendar repaired a stale schedule.
    Mandate.objects.filter(pk=ga75.pk).update(due_session_number=95)

    call_command("load_calendar", verbosity=0)

    ga75.refresh_from_db()
    assert (ga75.due_session.number, ga75.session_opens_on.year, ga75.flag) == (95, 2040, "later")
    out = StringIO()
    call_command("load_calendar", stdout=out)
    assert "0 mandates re-dated" in out.getvalue()  # a second load changes nothing


# --- Flags are computed on every write -----------------------------------------------------------------


def test_a_mandate_ingested_today_is_flagged_at_once_and_the_overview_agrees_with_the_filter(viewer):
    # Before: "No deadline" until the daily job ran, and the overview counted overdue mandates the Overdue
    # filter did not show.
    calendar.calendar_load()
    document_ingest(data=SEEDS[0].read_bytes(), filename=SEEDS[0].name)
    today = timezone.localdate()

    mandates = list(Mandate.objects.all())
    assert mandates and not FlagEvent.objects.filter(as_of__lt=today).exists()
    assert [m.flag for m in mandates] == [flag_for(m, today=today) for m in mandates]
    overdue = {m.pk for m in mandates if m.flag == "overdue"}
    assert overdue
    overview = viewer.get(reverse("mandates:overview")).context["totals"]
    listed = viewer.get(reverse("mandates:mandate_list"), {"flag": "overdue"}).context["page"]
    assert overview["overdue"] == listed.paginator.count == len(overdue)


def test_moving_a_session_moves_the_flags_of_its_mandates_at_once(ga75, alice):
    # Before: the dates followed the session, the flag waited for the daily job.
    session = ga75.due_session
    later = timezone.localdate() + dt.timedelta(weeks=60)

    calendar.session_move(session=session, start_date=later, by=alice)

    ga75.refresh_from_db()
    assert (ga75.session_opens_on, ga75.flag) == (later, "later")
    assert FlagEvent.objects.filter(mandate=ga75, from_flag="overdue", to_flag="later").count() == 1


def test_a_new_lead_time_redates_the_bodys_mandates(ga75):
    changed = calendar.body_lead_time_set(body=ga75.due_body, weeks=4)

    ga75.refresh_from_db()
    assert (changed, ga75.document_due_on) == (1, dt.date(2020, 9, 15) - dt.timedelta(weeks=4))


def test_reopening_a_submitted_mandate_makes_it_overdue_again_at_once(ga75, alice):
    mandate_set_status(mandate=ga75, status="submitted", by=alice)
    mandate_set_status(mandate=ga75, status="in_preparation", by=alice)

    ga75.refresh_from_db()
    assert (ga75.flag, ga75.flagged_on) == ("overdue", dt.date(2020, 7, 8))


# --- Due dates by category ---------------------------------------------------------------------------


@pytest.fixture
def ga95():
    calendar.calendar_load()
    return builders.body(GA)


def _scheduled(**fields) -> Mandate:
    mandate = builders.mandate(due_session_number=95, **fields)
    calendar.mandates_schedule([mandate])
    mandate.refresh_from_db()
    return mandate


def test_an_oral_report_is_due_at_the_session_and_not_overdue_before_it_opens(ga95):
    # Before: due ten weeks before the session, and overdue from then on.
    oral = _scheduled(category=Mandate.Category.ORAL)
    opens = oral.session_opens_on

    assert oral.document_due_on == opens
    assert flag_for(oral, today=opens - dt.timedelta(days=1)) == "upcoming_6"
    assert flag_for(oral, today=opens) == "due"
    assert flag_for(oral, today=opens + dt.timedelta(days=1)) == "overdue"


def test_information_for_a_report_is_due_a_configurable_lead_time_before_the_report(ga95, settings):
    # Before: due with the report itself.
    report = _scheduled()
    settings.INFORMATION_LEAD_TIME_WEEKS = 8
    information = _scheduled(category=Mandate.Category.INFORMATION)

    assert information.document_due_on == report.document_due_on - dt.timedelta(weeks=8)


def test_the_mandate_page_says_which_rule_gave_the_due_date(ga95, viewer):
    # Before: the page showed a date and no rule.
    for category, words in [
        ("report", "Document due 10 weeks before the session opens"),
        ("oral", "delivered at the session itself"),
        ("information", "due 6 weeks before the report itself"),
    ]:
        mandate = _scheduled(category=category)
        response = viewer.get(reverse("mandates:mandate_detail", args=[mandate.pk]))
        assert words in response.context["due_rule"]
        assert words.encode() in response.content


# --- Overdue since -------------------------------------------------------------------------------------


def test_overdue_since_is_the_day_after_the_due_date_not_the_day_the_job_ran(ga75, viewer):
    # Before: flagged_on was the day the flag job ran.
    Mandate.objects.filter(pk=ga75.pk).update(flag="", flagged_on=None)

    mandates_flag(today=dt.date(2021, 3, 1))

    ga75.refresh_from_db()
    assert (ga75.flag, ga75.flagged_on) == ("overdue", dt.date(2020, 7, 8))
    page = viewer.get(reverse("mandates:mandate_detail", args=[ga75.pk]))
    assert b"(since 8 Jul 2020)" in page.content


# --- The submitted symbol ----------------------------------------------------------------------------

REPORT = (
    "United Nations A/80/123\nGeneral Assembly\n\nImplementation of the resolution\n\nReport of the "
    "Secretary-General\n\nThe present report is submitted pursuant to General Assembly resolution 79/999.\n"
)


def test_the_symbol_can_be_added_after_submitting_and_links_the_report_when_it_is_ingested(ga75, client, alice):
    # Before: the symbol could only be given with the status change, and was never linked to its report.
    client.force_login(alice)
    mandate_set_status(mandate=ga75, status="submitted", by=alice)
    page = client.get(reverse("mandates:mandate_detail", args=[ga75.pk]))
    assert b'data-testid="symbol-form"' in page.content

    client.post(reverse("mandates:mandate_submitted_symbol", args=[ga75.pk]), {"submitted_symbol": "A/80/12"})
    client.post(reverse("mandates:mandate_submitted_symbol", args=[ga75.pk]), {"submitted_symbol": " A/80/123 "})

    ga75.refresh_from_db()
    assert (ga75.submitted_symbol, ga75.submitted_document) == ("A/80/123", None)
    latest = ga75.history.order_by("-history_id").first()
    assert (latest.submitted_symbol, latest.history_user) == ("A/80/123", alice)
    assert [c.old for c in latest.diff_against(latest.prev_record).changes] == ["A/80/12"]

    outcome = document_ingest(data=REPORT.encode(), filename="a-80-123.txt", require_operative=False)

    ga75.refresh_from_db()
    assert ga75.submitted_document == outcome.document
    assert ga75.status == "submitted"


def test_submitting_with_the_symbol_of_a_stored_report_links_it(ga75, alice):
    report = builders.document(symbol="A/80/124")

    mandate_set_status(mandate=ga75, status="submitted", by=alice, submitted_symbol="a/80/124")

    ga75.refresh_from_db()
    assert ga75.submitted_document == report


def test_an_open_mandate_has_no_submitted_symbol_to_correct(ga75, alice):
    from mandates.services.workflow import mandate_set_submitted_symbol

    with pytest.raises(ApplicationError):
        mandate_set_submitted_symbol(mandate=ga75, symbol="A/80/1", by=alice)
    mandate_set_status(mandate=ga75, status="submitted", by=alice)
    with pytest.raises(ApplicationError):
        mandate_set_submitted_symbol(mandate=ga75, symbol="   ", by=alice)


def test_viewers_cannot_change_the_symbol(ga75, viewer, alice):
    mandate_set_status(mandate=ga75, status="submitted", by=alice)
    url = reverse("mandates:mandate_submitted_symbol", args=[ga75.pk])
    assert viewer.post(url, {"submitted_symbol": "A/80/9"}).status_code == 403


# --- The biennial mandate of the issue ----------------------------------------------------------------


def test_a_biennial_mandate_with_an_estimated_date_is_due_at_its_session_everywhere(viewer):
    # Before: counted "due within 14 weeks", absent from the chart, the sessions list and the session page.
    today = timezone.localdate()
    month = (today + dt.timedelta(weeks=20)).month
    council = builders.body(
        "Biennial Council",
        acronym="BC",
        lead_time_weeks=12,
        calendar_rule={"numbering": "ordinal", "first_year": 2000, "first_number": 1, "meetings": [{"month": month}]},
    )
    mandate = builders.mandate(due_body=council, due_session_number=None, recurrence="biennial")
    calendar.mandates_schedule([mandate])
    mandate.refresh_from_db()
    session = mandate.due_session
    assert mandate.dates_estimated and session.number and mandate.due_session_number is None

    overview = viewer.get(reverse("mandates:overview")).context
    assert overview["totals"]["within_14"] == 1
    assert [(s["body_id"], s["number"], s["total"]) for s in overview["sessions"]] == [(council.pk, session.number, 1)]
    listed = viewer.get(reverse("mandates:session_list")).context["sessions"]
    assert [(s["body_id"], s["number"], s["total"]) for s in listed] == [(council.pk, session.number, 1)]
    page = viewer.get(reverse("mandates:session_detail", args=[council.pk, session.number]))
    assert [m.pk for m in page.context["mandates"]] == [mandate.pk]
    out = StringIO()
    call_command("sessions", "--body", "BC", "--format", "json", stdout=out)
    counts = {row["number"]: row["mandates"] for row in json.loads(out.getvalue())}
    assert counts[session.number] == 1
    filtered = viewer.get(reverse("mandates:mandate_list"), {"body": council.pk, "session": session.number})
    assert [m.pk for m in filtered.context["page"]] == [mandate.pk]
    assert Session.objects.filter(body=council).count() == 1
