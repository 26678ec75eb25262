"""Every body in fixtures/sessions.json can date any future session from its rule (issue #11)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mandates.services.calendar import DEFAULT_FIXTURE, rule_numbers_in_year, rule_session_dates

BODIES = json.loads(DEFAULT_FIXTURE.read_text())["bodies"]
RULED = [b for b in BODIES if b["calendar_rule"].get("numbering") != "single"]


@pytest.mark.parametrize("body", RULED, ids=[b["name"][:40] for b in RULED])
def test_every_ruled_body_dates_each_future_year(body):
    rule = body["calendar_rule"]
    for year in range(2026, 2036):
        numbers = rule_numbers_in_year(rule, year)
        if rule["numbering"] == "ordinal":
            if rule.get("every_years", 1) > 1 and not numbers:
                continue  # a biennial body does not meet every year
            assert numbers, (body["name"], year)
            for number in numbers:
                start, end = rule_session_dates(rule, number=number)
                assert start.year == year and end >= start
        else:
            start, end = rule_session_dates(rule, year=year)
            assert start.year == year and end >= start


def rule_of(name: str) -> dict:
    return next(b["calendar_rule"] for b in BODIES if b["name"] == name)


def test_general_assembly_sessions_82_to_90_open_each_september():
    ga = rule_of("General Assembly")
    opening = {n: rule_session_dates(ga, number=n)[0] for n in range(82, 91)}
    assert opening[82] == dt.date(2027, 9, 14) and opening[90] == dt.date(2035, 9, 11)
    assert all(day.month == 9 and day.weekday() == 1 for day in opening.values())


def test_the_human_rights_council_meets_three_times_a_year():
    assert rule_numbers_in_year(rule_of("Human Rights Council"), 2027) == [64, 65, 66]


def test_main_committees_share_the_general_assembly_session_number():
    assert rule_session_dates(rule_of("Sixth Committee"), number=82)[0].year == 2027


def test_the_biennial_meeting_of_states_meets_every_other_year():
    bms = next(b["calendar_rule"] for b in BODIES if b["name"].startswith("Biennial Meeting of States"))
    assert rule_numbers_in_year(bms, 2026) == [9] and rule_numbers_in_year(bms, 2027) == []
    assert rule_numbers_in_year(bms, 2028) == [10]
    assert rule_session_dates(bms, number=10)[0].year == 2028


def test_year_named_sessions_are_dated_in_their_year():
    start, _ = rule_session_dates(rule_of("Conference on Disarmament"), year=2027)
    assert start == dt.date(2027, 1, 25)
