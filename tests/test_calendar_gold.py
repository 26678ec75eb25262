"""Every must-find gold mandate with a due session or event gets dates once the calendar is loaded.

The gold labels (fixtures/gold) stand in for the extractor's output here, so this holds whatever the
extractor's recall; the lead's integration test does the same after ingesting the seeds.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from mandates.models import Mandate
from mandates.services.calendar import calendar_load, mandates_schedule
from tests import builders
from tests.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def gold_due_mandates():
    for path in sorted((FIXTURES / "gold").glob("*.txt.json")):
        for label in json.loads(path.read_text()):
            if label["must_find"] and label["due_body"] and (label["due_session"] or label["due_event"]):
                yield path.name, label


def test_every_must_find_mandate_due_at_a_session_or_event_is_dated():
    calendar_load()
    made = []
    for name, label in gold_due_mandates():
        inst = builders.instrument(
            label=f"{name} {label['instrument']}", adopting_body=builders.body(label["adopting_body"])
        )
        due_body = builders.body(label["due_body"])
        made.append(
            builders.mandate(
                instrument=inst,
                due_body=due_body,
                delivered_to=due_body,
                due_session_number=label["due_session"],
                due_event=label["due_event"] or "",
                recurrence=label["recurrence"] or "",
                subject=label["subject"],
            )
        )
    assert len(made) >= 20

    mandates_schedule(made, today=date(2026, 11, 24))

    undated = Mandate.objects.filter(pk__in=[m.pk for m in made], document_due_on__isnull=True)
    assert list(undated.values_list("due_body__name", "due_session_number", "due_event")) == []
    ccpcj_31 = Mandate.objects.filter(due_body__acronym="CCPCJ", due_session_number=31)
    assert {(m.session_opens_on, m.document_due_on) for m in ccpcj_31} == {(date(2022, 5, 16), date(2022, 3, 7))}
    assert not Mandate.objects.filter(pk__in=[m.pk for m in made], dates_estimated=True).exists()
