"""Reading session dates from document text (mandates.extraction.session_dates): no database."""

from __future__ import annotations

import time
from datetime import date

import pytest

from mandates.extraction.numbers import ordinal_to_int
from mandates.extraction.session_dates import parse_date_range, read_session_dates, report_body
from tests.conftest import FIXTURES

CCPCJ = "Commission on Crime Prevention and Criminal Justice"
KYOTO = "Fourteenth United Nations Congress on Crime Prevention and Criminal Justice"


def seed(prefix: str) -> str:
    return next((FIXTURES / "seeds").glob(f"{prefix}_*.txt")).read_text()


def by_key(records):
    return {(r.body, r.number, r.kind): r for r in records}


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("17 to 21 May 2021", date(2021, 5, 17), date(2021, 5, 21)),
        ("20–24 May 2019", date(2019, 5, 20), date(2019, 5, 24)),
        ("20-24 May 2019", date(2019, 5, 20), date(2019, 5, 24)),
        ("9 and 10 December 2021", date(2021, 12, 9), date(2021, 12, 10)),
        ("30 November to 2 December 2022", date(2022, 11, 30), date(2022, 12, 2)),
        ("28 December 2022 to 3 January 2023", date(2022, 12, 28), date(2023, 1, 3)),
        ("28 December to 3 January 2023", date(2022, 12, 28), date(2023, 1, 3)),
        ("on 17 May 2021", date(2021, 5, 17), date(2021, 5, 17)),
    ],
)
def test_date_ranges_are_read(text, start, end):
    assert parse_date_range(text) == (start, end)


def test_an_impossible_date_is_not_read():
    assert parse_date_range("30 to 31 February 2021") is None


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("thirtieth", 30),
        ("thirty-first", 31),
        ("twenty-eighth", 28),
        ("Fourteenth", 14),
        ("31st", 31),
        ("session", None),
    ],
)
def test_ordinals_are_read(word, value):
    assert ordinal_to_int(word) == value


def test_the_regular_part_of_a_session_is_read_with_its_body():
    text = f"The {CCPCJ} held the regular part of its thirtieth session from 17 to 21 May 2021."
    [record] = read_session_dates(text)
    assert (record.body, record.number, record.kind) == (CCPCJ, 30, "regular")
    assert (record.start, record.end, record.planned) == (date(2021, 5, 17), date(2021, 5, 21), False)


def test_a_reconvened_session_to_be_held_is_an_announcement():
    text = f"The report of the {CCPCJ} on its reconvened thirtieth session, to be held on 9 and 10 December 2021, will"
    [record] = read_session_dates(text)
    assert (record.number, record.kind, record.planned) == (30, "resumed", True)
    assert (record.start, record.end) == (date(2021, 12, 9), date(2021, 12, 10))


def test_a_congress_named_in_the_sentence_is_the_body():
    text = f"Recalling the {KYOTO}, held in Kyoto, Japan, from 7 to 12 March 2021, as reflected in"
    [record] = read_session_dates(text)
    assert (record.body, record.number, record.year, record.venue) == (KYOTO, None, 2021, "Kyoto, Japan")
    assert (record.start, record.end) == (date(2021, 3, 7), date(2021, 3, 12))


def test_the_date_may_come_before_the_congress():
    text = f"From 7 to 12 March 2021, the {KYOTO} was held in Kyoto, Japan. The Congress adopted"
    [record] = read_session_dates(text)
    assert (record.body, record.start, record.venue) == (KYOTO, date(2021, 3, 7), "Kyoto, Japan")


def test_the_commission_resolves_to_the_body_whose_report_it_is():
    text = f"{CCPCJ}\n\nReport on the thirtieth session\n\n118. The Commission held the regular part of its thirtieth session in Vienna from 17 to 21 May 2021."
    assert report_body(text) == CCPCJ
    [record] = read_session_dates(text)
    assert (record.body, record.venue) == (CCPCJ, "Vienna")


def test_a_postponed_schedule_is_not_read():
    text = (
        f"the regular twenty-ninth session of the {CCPCJ}, originally scheduled to be held from 18 to 22 May 2020, "
        "was postponed."
    )
    assert read_session_dates(text) == []


def test_a_meeting_of_a_session_is_not_the_session():
    text = f"At the 1st meeting of the thirtieth session of the {CCPCJ}, held on 17 May 2021, the Commission held"
    assert read_session_dates(text) == []


def test_a_session_of_an_unnamed_owner_is_skipped():
    text = "resolution 10/1 of the Conference of the Parties to the Convention, adopted at its tenth session, held in Vienna from 12 to 16 October 2020, and"
    assert read_session_dates(text) == []


def test_a_record_wins_over_an_announcement_of_the_same_session():
    text = (
        f"{CCPCJ} Report on the thirty-second session. At its reconvened thirty-first session, held on 8 and 9 "
        "December 2022, the Commission agreed that its thirty-second session would be held from 22 to 26 May 2023. "
        "The Commission held the regular part of its thirty-second session in Vienna from 22 to 27 May 2023."
    )
    records = by_key(read_session_dates(text))
    assert records[(CCPCJ, 32, "regular")].end == date(2023, 5, 27)
    assert records[(CCPCJ, 32, "regular")].planned is False
    assert records[(CCPCJ, 31, "resumed")].start == date(2022, 12, 8)


def test_the_thirtieth_session_report_gives_its_sessions_and_the_congress():
    records = by_key(read_session_dates(seed("000")))
    assert (records[(CCPCJ, 30, "regular")].start, records[(CCPCJ, 30, "regular")].end) == (
        date(2021, 5, 17),
        date(2021, 5, 21),
    )
    assert records[(CCPCJ, 30, "resumed")].start == date(2021, 12, 9)
    assert records[(CCPCJ, 29, "resumed")].end == date(2020, 12, 4)
    assert records[(KYOTO, None, "regular")].start == date(2021, 3, 7)


def test_the_twenty_eighth_session_report_gives_20_to_24_may_2019():
    records = by_key(read_session_dates(seed("002")))
    assert (records[(CCPCJ, 28, "regular")].start, records[(CCPCJ, 28, "regular")].end) == (
        date(2019, 5, 20),
        date(2019, 5, 24),
    )
    assert records[(CCPCJ, 27, "resumed")].start == date(2018, 12, 6)
    # The European preparatory meeting "for the Fourteenth Congress, held in Vienna" is not the Congress.
    assert (KYOTO, None, "regular") not in records


def test_the_thirty_second_session_report_gives_the_dates_as_held():
    records = by_key(read_session_dates(seed("003")))
    assert (records[(CCPCJ, 32, "regular")].start, records[(CCPCJ, 32, "regular")].end) == (
        date(2023, 5, 22),
        date(2023, 5, 27),
    )
    assert records[(CCPCJ, 32, "resumed")].start == date(2023, 12, 7)


def test_the_secretary_generals_report_gives_kyoto_and_the_thirtieth_session():
    records = by_key(read_session_dates(seed("004")))
    assert records[(KYOTO, None, "regular")].end == date(2021, 3, 12)
    assert records[(CCPCJ, 30, "regular")].start == date(2021, 5, 17)
    # "originally scheduled to be held from 18 to 22 May 2020, was postponed": never a 29th-session date.
    assert (CCPCJ, 29, "regular") not in records


def test_the_third_committee_draft_gives_the_special_session_of_the_assembly():
    records = by_key(read_session_dates(seed("001")))
    special = records[("General Assembly", 32, "special")]
    assert (special.start, special.end, special.venue) == (
        date(2021, 6, 2),
        date(2021, 6, 4),
        "United Nations Headquarters",
    )


def test_long_runs_of_capitalised_words_are_read_in_linear_time():
    # Unbounded name patterns once took minutes on this input.
    started = time.perf_counter()
    read_session_dates("The Commission on " * 10000 + "held its thirtieth session from 17 to 21 May 2021")
    assert time.perf_counter() - started < 5
