"""The whole chain on the seed documents: calendar fixture, ingestion, extraction, scheduling, flags."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from mandates.models import Body, Mandate
from mandates.services.calendar import calendar_load
from mandates.services.flags import mandates_flag
from mandates.services.ingest import document_ingest
from tests.conftest import FIXTURES, SEEDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def ingested_seeds():
    calendar_load()
    for path in SEEDS:
        document_ingest(data=path.read_bytes(), filename=path.name)


def stored_mandate_for(gold: dict, text: str) -> Mandate | None:
    start = text.find(gold["quote"])
    end = start + len(gold["quote"])
    candidates = Mandate.objects.filter(
        source_start__lt=end, source_end__gt=start, instrument__document__text=text
    ).select_related("due_body")
    for mandate in candidates:
        if (mandate.due_session_number, mandate.due_event or None) == (gold["due_session"], gold["due_event"]):
            return mandate
    return None


def test_every_must_find_mandate_with_a_due_session_or_event_gets_dates(ingested_seeds):
    checked = 0
    for path in SEEDS:
        gold_path = FIXTURES / "gold" / f"{path.name}.json"
        text = path.read_text(encoding="utf-8")
        for gold in json.loads(gold_path.read_text()):
            if not gold["must_find"] or not (gold["due_session"] or gold["due_event"]):
                continue
            mandate = stored_mandate_for(gold, text)
            assert mandate is not None, f"{path.name}: not stored: {gold['quote'][:80]}"
            assert mandate.session_opens_on and mandate.document_due_on, f"{path.name}: undated {mandate}"
            assert mandate.document_due_on < mandate.session_opens_on
            checked += 1
    assert checked >= 20


def test_mandates_due_at_the_commissions_thirty_first_session_open_on_16_may_2022(ingested_seeds):
    ccpcj = Body.objects.get(name="Commission on Crime Prevention and Criminal Justice")
    due = Mandate.objects.filter(due_body=ccpcj, due_session_number=31)

    assert due.count() >= 3
    # Reports are due the Commission's 10 weeks before it opens; information for them 6 weeks earlier.
    dates = {(m.category, m.session_opens_on, m.document_due_on) for m in due}
    assert {d for d in dates if d[0] == "report"} == {("report", dt.date(2022, 5, 16), dt.date(2022, 3, 7))}
    assert {d[1:] for d in dates if d[0] == "information"} <= {(dt.date(2022, 5, 16), dt.date(2022, 1, 24))}


def test_flags_on_a_chosen_day_mark_the_past_sessions_overdue_and_the_next_upcoming(ingested_seeds):
    mandates_flag(today=dt.date(2022, 2, 1))

    ccpcj_31 = Mandate.objects.filter(due_body__acronym="CCPCJ", due_session_number=31, category="report")
    ga_77 = Mandate.objects.filter(due_body__name="General Assembly", due_session_number=77)
    ccpcj_29 = Mandate.objects.filter(due_body__acronym="CCPCJ", due_session_number=29)
    # 7 March 2022 is five weeks after 1 February: inside the 6-week tier.
    assert set(ccpcj_31.values_list("flag", flat=True)) == {Mandate.Flag.UPCOMING_6}
    assert set(ga_77.values_list("flag", flat=True)) == {Mandate.Flag.LATER}
    assert set(ccpcj_29.values_list("flag", flat=True)) == {Mandate.Flag.OVERDUE}
