"""Calendar rules that estimate sessions missing from the calendar: pure functions, no database."""

from __future__ import annotations

import json
from datetime import date

import pytest

from mandates.services.calendar import (
    _period_years,
    nth_weekday,
    rule_numbers_in_year,
    rule_session_dates,
)
from tests.conftest import FIXTURES

RULES = {
    body["acronym"] or body["name"]: body["calendar_rule"]
    for body in json.loads((FIXTURES / "sessions.json").read_text())["bodies"]
}


def test_nth_weekday_counts_from_the_start_of_the_month_and_from_the_end():
    assert nth_weekday(2022, 5, 0, 3) == date(2022, 5, 16)
    assert nth_weekday(2024, 9, 1, 2) == date(2024, 9, 10)
    assert nth_weekday(2024, 5, 4, -1) == date(2024, 5, 31)


@pytest.mark.parametrize(
    ("number", "start"), [(31, date(2022, 5, 16)), (35, date(2026, 5, 18)), (36, date(2027, 5, 17))]
)
def test_ccpcj_session_n_meets_in_may_of_1991_plus_n(number, start):
    assert rule_session_dates(RULES["CCPCJ"], number=number)[0] == start
    assert rule_numbers_in_year(RULES["CCPCJ"], 1991 + number) == [number]


@pytest.mark.parametrize(
    ("number", "start"), [(79, date(2024, 9, 10)), (80, date(2025, 9, 9)), (82, date(2027, 9, 14))]
)
def test_ga_session_n_opens_on_the_second_tuesday_of_september_of_1945_plus_n(number, start):
    assert rule_session_dates(RULES["GA"], number=number)[0] == start


def test_hrc_holds_three_sessions_a_year_numbered_from_2007():
    assert rule_numbers_in_year(RULES["HRC"], 2019) == [40, 41, 42]
    assert rule_numbers_in_year(RULES["HRC"], 2026) == [61, 62, 63]
    assert rule_session_dates(RULES["HRC"], number=61)[0] == date(2026, 2, 23)
    assert rule_session_dates(RULES["HRC"], number=62)[0] == date(2026, 6, 15)
    assert rule_session_dates(RULES["HRC"], number=63)[0] == date(2026, 9, 14)


def test_year_named_sessions_meet_in_july():
    assert rule_session_dates(RULES["HLPF"], year=2026) == (date(2026, 7, 13), date(2026, 7, 22))
    assert rule_session_dates(RULES["ECOSOC"], year=2026)[0] == date(2026, 7, 20)


def test_a_conference_is_never_estimated():
    congress = RULES["Fifteenth United Nations Congress on Crime Prevention and Criminal Justice"]
    assert rule_session_dates(congress, year=2031) is None


def test_a_year_for_a_body_without_a_rule_is_the_first_day_of_that_year():
    assert rule_session_dates({}, year=2025) == (date(2025, 1, 1), date(2025, 12, 31))
    assert rule_session_dates({}, number=3) is None


def test_numbers_before_the_first_session_are_not_estimated():
    assert rule_session_dates(RULES["HRC"], number=2) is None


@pytest.mark.parametrize(
    ("text", "years"),
    [("annual", 1), ("biennial", 2), ("every 4 years", 4), ("every five years", 5), ("ongoing", None), ("", None)],
)
def test_recurrences_are_periods_in_years(text, years):
    assert _period_years(text) == years
