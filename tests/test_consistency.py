"""Every view, export and command agrees on what is due where and when (issue 10).

One varied database: sessions past, near and far; reports, oral reports, information, actions; a biennial
mandate on an estimated date; undated, submitted, cancelled and deferred mandates. Flags are never set by
the daily job here: every write sets them. Then the overview cards and chart, the list filters, the session
list and pages, the CSV, the iCalendar feed, the JSON API and the `due` and `sessions` commands must give the
same mandates and the same numbers. The suite runs on SQLite and on PostgreSQL (DATABASE_URL), so this does.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from mandates.models import FlagEvent, Mandate, Session
from mandates.selectors import WINDOWS_WEEKS
from mandates.services import calendar
from mandates.services.flags import flag_for, mandates_flag
from mandates.services.workflow import mandate_set_status
from tests import builders

pytestmark = pytest.mark.django_db

OPEN = ["pending", "in_preparation", "deferred"]


@pytest.fixture
def world(alice):
    today = timezone.localdate()
    week = dt.timedelta(weeks=1)
    council = builders.body("Security Council", acronym="SC", lead_time_weeks=10)
    assembly = builders.body("Assembly of States", acronym="ASP", lead_time_weeks=8)
    month = (today + 20 * week).month
    biennial_body = builders.body(
        "Biennial Council",
        acronym="BC",
        lead_time_weeks=12,
        calendar_rule={"numbering": "ordinal", "first_year": 2000, "first_number": 1, "meetings": [{"month": month}]},
    )
    dated = dict(date_source=Session.Source.STAFF, confirmed=True)
    builders.session(council, 1, start_date=today - 20 * week, **dated)
    builders.session(council, 2, start_date=today + 3 * week, **dated)
    builders.session(council, 3, start_date=today + 12 * week, **dated)
    builders.session(assembly, 7, start_date=today + 40 * week, **dated)
    builders.session(assembly, 8)  # in the calendar, no dates yet

    def make(body, number, **fields):
        return builders.mandate(due_body=body, delivered_to=body, due_session_number=number, **fields)

    cats = Mandate.Category
    mandates = [
        make(council, 1),  # overdue for months
        make(council, 1, category=cats.ACTION),  # at a session that has passed: overdue
        make(council, 1, subject="submitted on time"),
        make(council, 2),  # session in 3 weeks, documents 7 weeks ago: overdue
        make(council, 2, category=cats.ORAL),  # at the session in 3 weeks: not overdue
        make(council, 3, category=cats.INFORMATION),  # 12 - 10 - 6 weeks: overdue
        make(council, 3),  # due in 2 weeks
        make(council, 3, subject="deferred"),
        make(assembly, 7),  # later
        make(assembly, 7, subject="cancelled"),
        make(assembly, 8),  # attached, undated
        make(None, None, subject="no session at all"),
        make(biennial_body, None, recurrence="biennial"),  # estimated next occurrence
    ]
    calendar.mandates_schedule(mandates)
    by_subject = {m.subject: m for m in Mandate.objects.all()}
    mandate_set_status(mandate=by_subject["submitted on time"], status="submitted", by=alice, submitted_symbol="S/1")
    mandate_set_status(mandate=by_subject["deferred"], status="deferred", by=alice)
    mandate_set_status(mandate=by_subject["cancelled"], status="cancelled", by=alice)
    return {"today": today, "bodies": [council, assembly, biennial_body]}


def _ids_csv(client, params) -> set[int]:
    response = client.get(reverse("mandates:export_csv"), params)
    rows = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    return {int(r["id"]) for r in rows}


def _ids_ical(client, params) -> set[int]:
    response = client.get(reverse("mandates:export_ics"), params)
    events = Calendar.from_ical(b"".join(response.streaming_content)).walk("VEVENT")
    return {int(str(e["uid"]).split("@")[0].removeprefix("mandate-")) for e in events}


def _ids_api(client, params) -> set[int]:
    payload = client.get(reverse("mandates:api_mandates"), {**params, "page_size": 200}).json()
    assert payload["pages"] == 1
    return {row["id"] for row in payload["results"]}


def _ids_list(client, params) -> set[int]:
    page = client.get(reverse("mandates:mandate_list"), params).context["page"]
    assert page.paginator.num_pages == 1
    return {m.pk for m in page.object_list}


def _command(*args) -> object:
    out = StringIO()
    call_command(*args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def test_the_varied_database_is_what_this_test_means_to_check(world):
    flags = Mandate.objects.values_list("subject", "category", "flag")
    found = {flag for _, _, flag in flags}
    assert {"overdue", "due", "upcoming_6", "later", "done", ""} - found <= {"due"}
    assert Mandate.objects.filter(category="oral").get().flag == "upcoming_6"
    assert Mandate.objects.filter(recurrence="biennial", dates_estimated=True, due_session__isnull=False).exists()


def test_every_flag_is_right_without_the_daily_job(world):
    today = world["today"]
    for mandate in Mandate.objects.all():
        assert mandate.flag == flag_for(mandate, today=today), mandate.subject
        if mandate.flag == "overdue":
            assert mandate.flagged_on == mandate.document_due_on + dt.timedelta(days=1)
    assert not FlagEvent.objects.exclude(as_of=today).exists()
    assert mandates_flag(today=today).changed == 0  # the daily job finds nothing left to do today


def test_the_daily_job_moves_only_the_flags_that_change_with_the_date(world):
    later = world["today"] + dt.timedelta(weeks=3, days=1)  # the oral report's session has opened
    expected = {m.pk for m in Mandate.objects.all() if flag_for(m, today=later) != m.flag}

    summary = mandates_flag(today=later)

    assert summary.changed == len(expected) > 0
    assert set(FlagEvent.objects.filter(as_of=later).values_list("mandate_id", flat=True)) == expected


def test_overview_cards_agree_with_the_lists_and_exports_they_link_to(world, client, bob):
    client.force_login(bob)
    today = world["today"]
    totals = client.get(reverse("mandates:overview")).context["totals"]

    overdue = {"flag": "overdue"}
    stored = set(Mandate.objects.filter(flag="overdue").values_list("pk", flat=True))
    assert len(stored) == totals["overdue"] == 4
    for read in (_ids_list, _ids_csv, _ids_api, _ids_ical):
        assert read(client, overdue) == stored, read.__name__
    for weeks in WINDOWS_WEEKS:
        window = {
            "due_after": today.isoformat(),
            "due_before": (today + dt.timedelta(weeks=weeks)).isoformat(),
            "status": OPEN,
        }
        expected = _ids_list(client, window)
        assert len(expected) == totals[f"within_{weeks}"], weeks
        for read in (_ids_csv, _ids_api, _ids_ical):
            assert read(client, window) == expected, (read.__name__, weeks)
    assert totals["open"] == Mandate.objects.filter(status__in=OPEN).count()


def test_every_session_has_the_same_mandates_everywhere(world, client, bob):
    client.force_login(bob)
    today = world["today"]
    listed = {(s["body_id"], s["number"]): s for s in client.get(reverse("mandates:session_list")).context["sessions"]}
    chart = {(s["body_id"], s["number"]): s for s in client.get(reverse("mandates:overview")).context["sessions"]}
    commands = {(row["acronym"], row["number"] or row["year"]): row["mandates"] for row in _command("sessions")}
    assert len(listed) == 6  # SC 1-3, ASP 7-8, the biennial council's next session

    for (body_id, number), summary in listed.items():
        session = summary["session"]
        page = client.get(reverse("mandates:session_detail", args=[body_id, number])).context
        on_page = {m.pk for m in page["mandates"]}
        params = {"body": body_id, "session": number}
        dated = set(Mandate.objects.filter(pk__in=on_page, document_due_on__isnull=False).values_list("pk", flat=True))
        due = _command("due", session.body.acronym, str(number))

        assert on_page and len(on_page) == summary["total"]
        assert _ids_list(client, params) == _ids_csv(client, params) == _ids_api(client, params) == on_page
        assert _ids_ical(client, params) == dated
        assert {row["id"] for row in due["mandates"]} == on_page
        assert commands[(session.body.acronym, number)] == len(on_page)
        assert page["open_count"] == summary["open"]
        if session.start_date and session.start_date >= today:
            assert chart[(body_id, number)]["total"] == summary["total"]
            assert chart[(body_id, number)]["overdue"] == sum(
                1 for pk in on_page if Mandate.objects.get(pk=pk).flag == "overdue"
            )
        else:
            assert (body_id, number) not in chart
    # Every mandate attached to a session is on exactly one session page; the rest on none.
    attached = sum(s["total"] for s in listed.values())
    assert attached == Mandate.objects.filter(due_session__isnull=False).count() == Mandate.objects.count() - 1
