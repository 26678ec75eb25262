"""Where session dates come from, and which source wins: fixture, documents, rules, staff; postponements."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from mandates.models import Body, Mandate, Session
from mandates.services.calendar import (
    calendar_load,
    mandates_schedule,
    session_move,
    sessions_record_from_document,
)
from tests import builders
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db

CCPCJ = "Commission on Crime Prevention and Criminal Justice"
GA = "General Assembly"
KYOTO = "Fourteenth United Nations Congress on Crime Prevention and Criminal Justice"
TODAY = date(2026, 11, 24)
HELD_35 = f"The {CCPCJ} held the regular part of its thirty-fifth session in Vienna from 18 to 22 May 2026."


def ccpcj_mandate(number: int) -> Mandate:
    body = builders.body(CCPCJ)
    inst = builders.instrument(adopting_body=body)
    mandate = builders.mandate(instrument=inst, due_body=body, delivered_to=body, due_session_number=number)
    mandates_schedule([mandate], today=TODAY)
    mandate.refresh_from_db()
    return mandate


def write_fixture(tmp_path, sessions: list[dict]):
    path = tmp_path / "sessions.json"
    body = {"name": CCPCJ, "acronym": "CCPCJ", "kind": "functional_commission", "sessions": sessions}
    path.write_text(json.dumps({"bodies": [body]}))
    return path


def test_loading_the_calendar_twice_changes_nothing():
    first = calendar_load()
    second = calendar_load()
    assert first["sessions_changed"] == first["sessions"] > 60
    assert second["sessions_changed"] == 0
    assert Session.objects.count() == first["sessions"]


def test_the_fixture_gives_bodies_their_names_acronyms_kinds_rules_and_lead_times():
    calendar_load()
    ccpcj = Body.objects.get(acronym="CCPCJ")
    assert (ccpcj.name, ccpcj.kind, ccpcj.lead_time_weeks) == (CCPCJ, Body.Kind.FUNCTIONAL_COMMISSION, 10)
    assert ccpcj.calendar_rule["numbering"] == "ordinal"
    assert set(Body.objects.exclude(acronym="").values_list("acronym", flat=True)) >= {
        "GA",
        "ECOSOC",
        "HRC",
        "CCPCJ",
        "CND",
        "CSW",
        "HLPF",
    }
    kyoto = Session.objects.get(body__name=KYOTO)
    assert (kyoto.start_date, kyoto.end_date, kyoto.confirmed) == (date(2021, 3, 7), date(2021, 3, 12), True)
    assert Session.objects.get(body__acronym="GA", number=80).start_date == date(2025, 9, 9)


def test_loading_fills_in_body_configuration_but_never_overwrites_it():
    builders.body(
        CCPCJ,
        lead_time_weeks=8,
        calendar_rule={"numbering": "ordinal", "first_year": 1992, "first_number": 1, "meetings": [{"month": 4}]},
    )
    calendar_load()
    body = Body.objects.get(name=CCPCJ)
    assert body.lead_time_weeks == 8
    assert body.calendar_rule["meetings"] == [{"month": 4}]
    assert body.acronym == "CCPCJ"


def test_an_estimate_is_replaced_in_place_when_the_fixture_brings_real_dates(tmp_path):
    calendar_load()
    mandate = ccpcj_mandate(35)
    estimate = mandate.due_session
    assert (estimate.date_source, mandate.dates_estimated) == (Session.Source.RULE, True)

    path = write_fixture(
        tmp_path, [{"number": 35, "start": "2026-05-11", "end": "2026-05-15", "source": "E/2026/30", "confirmed": True}]
    )
    call_command("load_calendar", str(path), verbosity=0)

    mandate.refresh_from_db()
    assert mandate.due_session_id == estimate.pk
    assert (mandate.session_opens_on, mandate.document_due_on) == (date(2026, 5, 11), date(2026, 3, 2))
    assert mandate.dates_estimated is False
    assert mandate.due_session.date_source == Session.Source.FIXTURE
    assert mandate.due_session.source_reference == "E/2026/30"


def test_an_estimate_is_replaced_by_dates_read_from_a_document():
    calendar_load()
    mandate = ccpcj_mandate(35)
    document = builders.document(symbol="E/2026/30", text=HELD_35)

    sessions_record_from_document(document)

    mandate.refresh_from_db()
    assert (mandate.session_opens_on, mandate.dates_estimated) == (date(2026, 5, 18), False)
    session = mandate.due_session
    assert (session.date_source, session.source_reference, session.venue) == (
        Session.Source.DOCUMENT,
        "E/2026/30",
        "Vienna",
    )
    assert session.end_date == date(2026, 5, 22)


def test_an_announced_date_from_a_document_stays_an_estimate():
    calendar_load()
    mandate = ccpcj_mandate(35)
    text = f"The {CCPCJ} agreed that its thirty-fifth session would be held from 18 to 22 May 2026."
    sessions_record_from_document(builders.document(symbol="E/2025/30", text=text))
    mandate.refresh_from_db()
    assert (mandate.session_opens_on, mandate.dates_estimated) == (date(2026, 5, 18), True)


def test_a_document_does_not_overwrite_confirmed_fixture_dates():
    calendar_load()
    text = f"The {CCPCJ} held the regular part of its thirty-first session from 2 to 6 May 2022."
    sessions_record_from_document(builders.document(symbol="X/1", text=text))
    session = Session.objects.get(body__name=CCPCJ, number=31, kind="regular")
    assert (session.start_date, session.date_source) == (date(2022, 5, 16), Session.Source.FIXTURE)


def test_staff_dates_win_over_documents_and_the_fixture():
    calendar_load()
    mandate = ccpcj_mandate(35)
    session_move(session=mandate.due_session, start_date=date(2026, 6, 1), end_date=date(2026, 6, 5))
    sessions_record_from_document(builders.document(symbol="E/2026/30", text=HELD_35))
    call_command("load_calendar", verbosity=0)

    session = Session.objects.get(pk=mandate.due_session_id)
    assert (session.start_date, session.date_source) == (date(2026, 6, 1), Session.Source.STAFF)
    mandate.refresh_from_db()
    assert mandate.session_opens_on == date(2026, 6, 1)


def test_the_fixture_never_overwrites_a_staff_entered_session(tmp_path):
    builders.session(
        builders.body(CCPCJ), 31, start_date=date(2022, 5, 9), date_source=Session.Source.STAFF, confirmed=True
    )
    calendar_load()
    assert Session.objects.get(body__name=CCPCJ, number=31, kind="regular").start_date == date(2022, 5, 9)


def test_a_postponement_moves_its_mandates_dates_and_nothing_else(alice):
    calendar_load()
    moved = ccpcj_mandate(31)
    other = ccpcj_mandate(32)
    before_other = (other.session_opens_on, other.document_due_on, other.due_session_id)
    session = moved.due_session

    session_move(session=session, start_date=date(2022, 6, 13), end_date=date(2022, 6, 17), by=alice)

    moved.refresh_from_db()
    other.refresh_from_db()
    session.refresh_from_db()
    assert (moved.session_opens_on, moved.document_due_on) == (date(2022, 6, 13), date(2022, 4, 4))
    assert (moved.due_session_id, moved.status, moved.dates_estimated) == (session.pk, Mandate.Status.PENDING, False)
    assert (other.session_opens_on, other.document_due_on, other.due_session_id) == before_other
    assert (session.date_source, session.end_date, session.source_reference) == (
        Session.Source.STAFF,
        date(2022, 6, 17),
        "Moved by alice",
    )
    assert Session.objects.get(body__name=CCPCJ, number=31, kind="resumed").start_date == date(2022, 12, 8)
    assert moved.history.first().document_due_on == date(2022, 4, 4)


def test_seed_reports_fill_an_empty_calendar():
    for path in SEEDS:
        sessions_record_from_document(builders.document(symbol=path.stem, text=path.read_text()))
    regular = {s.number: s for s in Session.objects.filter(body__name=CCPCJ, kind="regular")}
    assert (regular[28].start_date, regular[28].end_date) == (date(2019, 5, 20), date(2019, 5, 24))
    assert (regular[32].start_date, regular[32].end_date) == (date(2023, 5, 22), date(2023, 5, 27))
    assert regular[30].date_source == Session.Source.DOCUMENT
    reconvened = Session.objects.get(body__name=CCPCJ, number=30, kind="resumed")
    assert (reconvened.start_date, reconvened.confirmed) == (date(2021, 12, 9), False)
    kyoto = Session.objects.get(body__name=KYOTO)
    assert (kyoto.start_date, kyoto.venue, kyoto.body.kind) == (date(2021, 3, 7), "Kyoto, Japan", Body.Kind.CONFERENCE)
    assert Session.objects.get(body__name=GA, number=32, kind="special").end_date == date(2021, 6, 4)


def test_reading_the_same_document_twice_changes_nothing():
    document = builders.document(symbol="E/2026/30", text=HELD_35)
    assert len(sessions_record_from_document(document)) == 1
    assert sessions_record_from_document(document) == []


def test_a_move_that_ends_before_it_starts_is_refused_and_changes_nothing():
    calendar_load()
    mandate = ccpcj_mandate(31)
    with pytest.raises(ValidationError):
        session_move(session=mandate.due_session, start_date=date(2022, 6, 13), end_date=date(2022, 6, 1))
    mandate.refresh_from_db()
    assert mandate.session_opens_on == date(2022, 5, 16)
    assert Session.objects.get(pk=mandate.due_session_id).date_source == Session.Source.FIXTURE
