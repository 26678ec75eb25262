"""Due dates for mandates whose clause dates them without naming the session outright (issue #11): a periodic
report that names no body, a regularly meeting body named as the occasion, a year-named body given another body's
session number, and a deadline given as a date."""

from __future__ import annotations

from datetime import date

import pytest

from mandates.models import Mandate
from mandates.services.calendar import calendar_load, due_rule, event_date, mandates_schedule, undated_reason
from mandates.services.ingest import mandate_edit
from tests import builders

pytestmark = pytest.mark.django_db

GA = "General Assembly"
CD = "Conference on Disarmament"
CCPCJ = "Commission on Crime Prevention and Criminal Justice"
TODAY = date(2026, 11, 24)


@pytest.fixture
def calendar():
    calendar_load()


def scheduled(mandate: Mandate, today: date = TODAY) -> Mandate:
    mandates_schedule([mandate], today=today)
    mandate.refresh_from_db()
    return mandate


def ga_resolution(**fields):
    return builders.instrument(label="A/RES/78/112", adopting_body=builders.body(GA), **fields)


def test_an_annual_report_without_a_body_is_due_at_the_adopting_bodys_next_session(calendar):
    # "Requests the Secretary-General to submit ... his next annual report on United Nations rule of law activities"
    mandate = builders.mandate(
        instrument=ga_resolution(), delivered_to=None, due_body=None, due_session_number=None, recurrence="annual"
    )
    mandate = scheduled(mandate)
    assert (mandate.due_session.body.name, mandate.due_session.number) == (GA, 82)
    assert mandate.document_due_on is not None
    assert due_rule(mandate).startswith("No body is named: due at the sessions of the General Assembly.")


def test_an_annual_report_to_an_office_holder_is_due_at_the_adopting_bodys_sessions(calendar):
    # "Requests the specialized agencies to report annually to the Secretary-General": he is no body that meets
    secretary_general = builders.body("Secretary-General")
    mandate = builders.mandate(
        instrument=ga_resolution(),
        delivered_to=secretary_general,
        due_body=None,
        due_session_number=None,
        recurrence="annual",
    )
    assert scheduled(mandate).due_session.body.name == GA


def test_an_annual_report_to_a_body_that_meets_is_due_at_its_sessions(calendar):
    ccpcj = builders.body(CCPCJ)
    mandate = builders.mandate(
        instrument=ga_resolution(), delivered_to=ccpcj, due_body=None, due_session_number=None, recurrence="annual"
    )
    mandate = scheduled(mandate)
    assert mandate.due_session.body.name == CCPCJ
    assert mandate.session_opens_on == date(2027, 5, 17)


def test_a_one_off_report_without_a_body_stays_undated(calendar):
    # only periodic deliveries fall back to the adopting body; the reason stays visible
    mandate = builders.mandate(
        instrument=ga_resolution(),
        delivered_to=None,
        due_body=None,
        due_session_number=None,
        due_event="at the next session",
    )
    mandate = scheduled(mandate)
    assert mandate.document_due_on is None
    assert undated_reason(mandate) == "event_without_date"


def test_a_meeting_body_named_as_the_occasion_is_due_at_its_first_session_after_adoption(calendar):
    # "Requests the Secretary-General to transmit its report to the Conference on Disarmament"
    cd = builders.body(CD)
    inst = ga_resolution(adopted_on=date(2023, 12, 4))
    mandate = builders.mandate(
        instrument=inst,
        category=Mandate.Category.ACTION,
        delivered_to=cd,
        due_body=cd,
        due_session_number=None,
        due_event=CD,
    )
    mandate = scheduled(mandate)
    assert (mandate.due_session.body.name, mandate.due_session.year) == (CD, 2024)
    assert mandate.session_opens_on == date(2024, 1, 29)


def test_a_year_named_body_given_another_bodys_session_number_is_due_at_its_next_session(calendar):
    # "to transmit to the Conference on Disarmament all documents ... by the General Assembly at its seventy-eighth
    # session": the Conference has no 78th session
    cd = builders.body(CD)
    mandate = builders.mandate(
        instrument=ga_resolution(adopted_on=date(2023, 12, 4)),
        category=Mandate.Category.ACTION,
        delivered_to=cd,
        due_body=cd,
        due_session_number=78,
    )
    mandate = scheduled(mandate)
    assert mandate.due_session.year == 2024
    assert mandate.document_due_on == date(2024, 1, 29)


def test_without_an_adoption_date_the_adopting_session_is_the_anchor(calendar):
    cd = builders.body(CD)
    mandate = builders.mandate(
        instrument=ga_resolution(),  # A/RES/78/...: the 78th session opened on 5 September 2023
        category=Mandate.Category.ACTION,
        delivered_to=cd,
        due_body=cd,
        due_session_number=None,
        due_event=CD,
    )
    assert scheduled(mandate).due_session.year == 2024


def test_a_deadline_given_as_a_date_is_the_due_date(calendar):
    # "to report to the Assembly ... but no later than 1 September 2024"
    mandate = builders.mandate(instrument=ga_resolution(), due_session_number=None, due_event="1 September 2024")
    mandate = scheduled(mandate)
    assert (mandate.due_session, mandate.session_opens_on, mandate.document_due_on) == (None, None, date(2024, 9, 1))
    assert mandate.dates_estimated is False
    assert due_rule(mandate) == "Due on the date the clause names (1 September 2024)."
    assert mandates_schedule([mandate], today=TODAY) == 0  # scheduling again keeps it


@pytest.mark.parametrize(
    "event, day",
    [
        ("1 September 2024", date(2024, 9, 1)),
        ("no later than 31 March 2025", date(2025, 3, 31)),
        ("by 15 june 2026", date(2026, 6, 15)),
        ("31 June 2026", None),
        ("2026", None),
        ("at its next session", None),
    ],
)
def test_event_date_reads_day_month_year(event, day):
    assert event_date(event) == day


def test_a_document_for_a_meeting_body_is_due_at_the_first_session_it_can_still_reach(calendar):
    # Information is due weeks before the session: adopted on 4 December 2023, it cannot reach the Conference's
    # session of 29 January 2024 in time, so it is due for the 2025 session.
    cd = builders.body(CD)
    mandate = builders.mandate(
        instrument=ga_resolution(adopted_on=date(2023, 12, 4)),
        category=Mandate.Category.INFORMATION,
        delivered_to=cd,
        due_body=cd,
        due_session_number=None,
        due_event=CD,
    )
    mandate = scheduled(mandate)
    assert mandate.due_session.year == 2025
    assert mandate.document_due_on > date(2023, 12, 4)


def test_changing_the_recipient_of_a_periodic_report_without_a_body_re_dates_it(calendar):
    mandate = scheduled(
        builders.mandate(
            instrument=ga_resolution(), delivered_to=None, due_body=None, due_session_number=None, recurrence="annual"
        )
    )
    assert mandate.due_session.body.name == GA
    mandate = mandate_edit(mandate=mandate, by=None, delivered_to=builders.body(CCPCJ))
    assert mandate.due_session.body.name == CCPCJ
