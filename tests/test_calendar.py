"""Due dates on mandates (mandates.services.calendar.mandates_schedule) against the real calendar."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mandates.models import Mandate, Session
from mandates.services.calendar import calendar_load, mandates_schedule
from tests import builders

pytestmark = pytest.mark.django_db

CCPCJ = "Commission on Crime Prevention and Criminal Justice"
GA = "General Assembly"
HRC = "Human Rights Council"
HLPF = "high-level political forum on sustainable development"
KYOTO = "Fourteenth United Nations Congress on Crime Prevention and Criminal Justice"
TODAY = date(2026, 11, 24)


@pytest.fixture
def calendar():
    calendar_load()


def due(body_name: str, *, adopted_by: str | None = None, label: str = "Resolution 1", session_number=None, **fields):
    """A mandate due to `body_name`; the instrument is adopted by `adopted_by` (default: the same body)."""
    body = builders.body(body_name)
    adopting = builders.body(adopted_by or body_name)
    inst = builders.instrument(label=label, adopting_body=adopting, session_number=session_number)
    fields.setdefault("due_session_number", None)
    return builders.mandate(instrument=inst, due_body=body, delivered_to=body, **fields)


def scheduled(mandate: Mandate, today: date = TODAY) -> Mandate:
    mandates_schedule([mandate], today=today)
    mandate.refresh_from_db()
    return mandate


def test_a_ccpcj_31_mandate_opens_16_may_2022_and_its_document_is_due_10_weeks_before(calendar):
    mandate = scheduled(due(CCPCJ, due_session_number=31))
    assert mandate.session_opens_on == date(2022, 5, 16)
    assert mandate.document_due_on == date(2022, 3, 7)
    assert mandate.dates_estimated is False
    assert (mandate.due_session.number, mandate.due_session.kind) == (31, Session.Kind.REGULAR)


def test_the_lead_time_is_the_bodys(calendar):
    body = builders.body(CCPCJ)
    body.lead_time_weeks = 6
    body.save()
    mandate = scheduled(due(CCPCJ, due_session_number=31))
    assert mandate.document_due_on == date(2022, 4, 4)


def test_without_a_body_lead_time_the_setting_applies(calendar, settings):
    settings.DEFAULT_LEAD_TIME_WEEKS = 12
    body = builders.body(GA)
    body.lead_time_weeks = None
    body.save()
    mandate = scheduled(due(GA, due_session_number=79))
    assert (mandate.session_opens_on, mandate.document_due_on) == (date(2024, 9, 10), date(2024, 6, 18))


def test_a_session_missing_from_the_calendar_is_estimated_by_rule(calendar):
    mandate = scheduled(due(CCPCJ, due_session_number=36))
    assert mandate.session_opens_on == date(2027, 5, 17)
    assert mandate.document_due_on == date(2027, 3, 8)
    assert mandate.dates_estimated is True
    assert mandate.due_session.date_source == Session.Source.RULE
    assert mandate.due_session.confirmed is False
    assert mandate.due_session.source_reference == "Estimated by rule: 3rd monday of May"


def test_ga_82_is_estimated_on_the_second_tuesday_of_september_2027(calendar):
    assert scheduled(due(GA, due_session_number=82)).session_opens_on == date(2027, 9, 14)


def test_hrc_62_is_estimated_in_june_2026(calendar):
    mandate = scheduled(due(HRC, due_session_number=62))
    assert mandate.session_opens_on == date(2026, 6, 15)
    assert mandate.dates_estimated is True


def test_one_estimate_serves_every_mandate_due_at_that_session(calendar):
    first, second = due(CCPCJ, due_session_number=36), due(CCPCJ, due_session_number=36)
    mandates_schedule([first, second], today=TODAY)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.due_session_id == second.due_session_id
    assert Session.objects.filter(body__name=CCPCJ, number=36).count() == 1


def test_a_year_event_dates_a_year_named_session(calendar):
    mandate = scheduled(due(HLPF, due_event="2024"))
    assert (mandate.due_session.year, mandate.session_opens_on) == (2024, date(2024, 7, 8))


def test_at_its_session_in_2026_is_the_numbered_session_of_that_year(calendar):
    mandate = scheduled(due(CCPCJ, due_event="at its session in 2026"))
    assert mandate.due_session.number == 35
    assert mandate.session_opens_on == date(2026, 5, 18)


def test_a_year_for_a_body_without_a_rule_is_dated_conservatively(calendar):
    mandate = scheduled(due("regional preparatory meetings for the Fifteenth Congress", due_event="2025"))
    assert (mandate.session_opens_on, mandate.dates_estimated) == (date(2025, 1, 1), True)


def test_a_congress_event_is_the_congress_session(calendar):
    mandate = scheduled(due(KYOTO, due_event=KYOTO))
    assert (mandate.session_opens_on, mandate.document_due_on) == (date(2021, 3, 7), date(2020, 12, 27))
    assert mandate.due_session.venue == "Kyoto, Japan"


def test_a_congress_named_only_as_the_event_is_found_by_name(calendar):
    inst = builders.instrument(adopting_body=builders.body(GA))
    mandate = builders.mandate(instrument=inst, due_body=None, due_session_number=None, due_event=KYOTO.upper())
    assert scheduled(mandate).session_opens_on == date(2021, 3, 7)


def test_next_session_follows_the_session_that_adopted_the_text(calendar):
    mandate = scheduled(due(CCPCJ, label="Resolution 30/1", due_event="its next session"))
    assert mandate.due_session.number == 31
    assert mandate.session_opens_on == date(2022, 5, 16)


def test_next_session_uses_instrument_session_number_when_known(calendar):
    mandate = scheduled(due(CCPCJ, label="Draft resolution I", session_number=32, due_event="next session"))
    assert mandate.due_session.number == 33


def test_next_session_of_another_body_is_its_first_after_the_adopting_session(calendar):
    # Adopted by the Assembly at its 76th session (opened 14 September 2021): the Commission next meets in May 2022.
    mandate = scheduled(due(CCPCJ, adopted_by=GA, label="A/RES/76/187", due_event="at its next session"))
    assert mandate.due_session.number == 31


def test_an_annual_mandate_gets_its_next_occurrence_after_today(calendar):
    mandate = due(CCPCJ, label="Resolution 28/3", recurrence="annual")
    assert scheduled(mandate, today=date(2024, 1, 1)).due_session.number == 33
    assert scheduled(mandate, today=date(2024, 5, 14)).due_session.number == 34
    assert scheduled(mandate, today=TODAY).session_opens_on == date(2027, 5, 17)


def test_a_biennial_mandate_keeps_its_two_year_rhythm(calendar):
    # Adopted at the 28th session: due at the 30th, 32nd, 34th, 36th ...
    mandate = due(CCPCJ, label="Resolution 28/3", recurrence="biennial")
    assert scheduled(mandate, today=date(2024, 1, 1)).due_session.number == 34
    assert scheduled(mandate, today=date(2025, 6, 1)).due_session.number == 36


def test_a_recurrence_starting_at_a_named_session_steps_from_it(calendar):
    mandate = due(GA, due_session_number=77, recurrence="every 4 years")
    assert scheduled(mandate, today=date(2023, 1, 1)).due_session.number == 81
    assert scheduled(mandate, today=date(2023, 1, 1)).session_opens_on == date(2026, 9, 8)


def test_an_annual_mandate_to_a_year_named_body_is_next_years_session(calendar):
    mandate = due(HLPF, label="Resolution 2023/5", recurrence="annual")
    assert scheduled(mandate, today=date(2025, 8, 1)).due_session.year == 2026


def test_an_ongoing_mandate_has_no_date(calendar):
    mandate = scheduled(due(CCPCJ, recurrence="ongoing"))
    assert (mandate.due_session, mandate.session_opens_on, mandate.document_due_on) == (None, None, None)


def test_a_session_without_dates_is_attached_but_not_dated():
    mandate = scheduled(due("Conference of the Parties to the Convention", due_session_number=10))
    assert mandate.due_session.number == 10
    assert (mandate.session_opens_on, mandate.dates_estimated) == (None, False)


def test_scheduling_is_set_based(calendar):
    few = [due(CCPCJ, due_session_number=n) for n in (31, 36)]
    many = [due(body, due_session_number=n) for body, n in [(CCPCJ, 31), (CCPCJ, 37), (GA, 80), (GA, 83)] * 8]
    with CaptureQueriesContext(connection) as small:
        mandates_schedule(few, today=TODAY)
    with CaptureQueriesContext(connection) as large:
        mandates_schedule(many, today=TODAY)
    assert len(large) <= len(small) + 2
    assert Mandate.objects.filter(document_due_on__isnull=True).count() == 0


def test_scheduling_again_changes_nothing(calendar):
    mandate = due(CCPCJ, due_session_number=31)
    assert mandates_schedule([mandate], today=TODAY) == 1
    assert mandates_schedule(Mandate.objects.all(), today=TODAY) == 0
