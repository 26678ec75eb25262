"""The calendar's commands: load_calendar, sessions, due (JSON output)."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from mandates.models import Mandate
from mandates.services.calendar import calendar_load, mandates_schedule
from tests import builders

pytestmark = pytest.mark.django_db

CCPCJ = "Commission on Crime Prevention and Criminal Justice"


def run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.fixture
def ccpcj_31():
    calendar_load()
    body = builders.body(CCPCJ)
    inst = builders.instrument(label="Draft resolution I", adopting_body=builders.body("General Assembly"))
    mandate = builders.mandate(
        instrument=inst, due_body=body, delivered_to=body, due_session_number=31, subject="Kyoto follow-up"
    )
    mandates_schedule([mandate], today=date(2026, 11, 24))
    return mandate


def test_load_calendar_reports_what_it_loaded():
    assert "76 sessions (76 created or changed)" in run("load_calendar")
    assert "(0 created or changed)" in run("load_calendar")


def test_load_calendar_fails_clearly_on_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Cannot load"):
        call_command("load_calendar", str(tmp_path / "nope.json"))


def test_sessions_lists_a_bodys_sessions_by_acronym_with_dates_and_sources(ccpcj_31):
    rows = json.loads(run("sessions", "--body", "ccpcj", "--format", "json"))
    assert {row["acronym"] for row in rows} == {"CCPCJ"}
    thirty_first = next(r for r in rows if r["number"] == 31 and r["kind"] == "regular")
    assert thirty_first == {
        "body": CCPCJ,
        "acronym": "CCPCJ",
        "number": 31,
        "year": 2022,
        "kind": "regular",
        "start_date": "2022-05-16",
        "end_date": "2022-05-20",
        "venue": "Vienna",
        "date_source": "fixture",
        "source_reference": "E/2022/30",
        "confirmed": True,
        "mandates": 1,
    }


def test_sessions_text_lists_every_body_when_no_body_is_given(ccpcj_31):
    out = run("sessions")
    assert "GA           session 79             2024-09-10" in out
    assert "HRC" in out and "HLPF" in out


def test_sessions_rejects_an_unknown_body():
    with pytest.raises(CommandError, match="No body is called"):
        call_command("sessions", "--body", "Security Council")


def test_due_lists_the_documentation_of_a_session_by_full_name_in_any_case(ccpcj_31):
    payload = json.loads(run("due", CCPCJ.upper(), "31", "--format", "json"))
    assert payload["session"]["start_date"] == "2022-05-16"
    [row] = payload["mandates"]
    assert row["id"] == ccpcj_31.pk
    assert (row["session_opens_on"], row["document_due_on"]) == ("2022-05-16", "2022-03-07")
    assert (row["status"], row["dates_estimated"], row["subject"]) == ("pending", False, "Kyoto follow-up")


def test_load_calendar_repairs_a_mandate_left_unscheduled_and_due_then_lists_it(ccpcj_31):
    # Every write schedules a mandate; a row left without its session (written before that) is repaired by
    # load_calendar, and `due` lists what the session page lists: the mandates attached to the session.
    Mandate.objects.filter(pk=ccpcj_31.pk).update(due_session=None, session_opens_on=None, document_due_on=None)
    assert json.loads(run("due", "CCPCJ", "31", "--format", "json"))["mandates"] == []

    assert "1 mandates re-dated" in run("load_calendar")

    payload = json.loads(run("due", "CCPCJ", "31", "--format", "json"))
    assert [(row["id"], row["document_due_on"]) for row in payload["mandates"]] == [(ccpcj_31.pk, "2022-03-07")]


def test_due_text_names_the_session_and_counts_the_mandates(ccpcj_31):
    out = run("due", "ccpcj", "31")
    assert "opens 2022-05-16" in out
    assert "due 2022-03-07" in out
    assert out.rstrip().endswith("1 mandate.")


def test_due_for_a_session_not_in_the_calendar_says_so():
    calendar_load()
    out = run("due", "GA", "95")
    assert "not in the calendar" in out
