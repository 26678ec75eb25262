"""`manage.py export_gold DIR`: reviewed documents and the staff's decisions in the gold schema, which the
shared scorer reads and which scores 1.0 against predictions rebuilt from the stored mandates."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.core.management import call_command

from mandates.extraction import extract_text
from mandates.gold import quote_for
from mandates.models import Mandate
from mandates.services import ingest
from mandates.services.ingest import document_ingest, mandate_natural_keys
from mandates.services.review import mandate_confirm, mandate_correct, mandate_reject
from tests.conftest import FIXTURES, ROOT

pytestmark = pytest.mark.django_db

SEEDS = FIXTURES / "seeds"
REVIEWED, UNTOUCHED, HALF_DONE = "002_eebce0b12b52e239", "000_fe94a4e9157510c7", "001_1d6fc8e741c411a9"
SCHEMA_FIELDS = {
    "instrument",
    "instrument_title",
    "adopting_body",
    "paragraph",
    "category",
    "responsible_entity",
    "delivered_to",
    "channel",
    "due_body",
    "due_session",
    "due_event",
    "recurrence",
    "subject",
    "quote",
    "must_find",
    "note",
}


@pytest.fixture
def candidates_at(monkeypatch):
    """Real extraction, with the records at the given indexes turned into review candidates."""
    flagged: set[int] = set()

    def extract(text):
        result = extract_text(text)
        for i, mandate in enumerate(result.mandates):  # the test decides which are candidates, not the recall net
            mandate.review = i in flagged
        return result

    monkeypatch.setattr(ingest, "extract_text", extract)
    return flagged


def _ingest(name: str, alice):
    path = SEEDS / f"{name}.txt"
    document = document_ingest(data=path.read_bytes(), filename=path.name, uploaded_by=alice).document
    keys = mandate_natural_keys(extract_text(document.text).mandates)
    return [Mandate.all_objects.get(instrument__document=document, natural_key=k) for k in keys]


@pytest.fixture
def reviewed(candidates_at, alice):
    """One reviewed document, one nobody reviewed, and one with a decision but a candidate still waiting."""
    candidates_at.update({0, 1, 2})
    rows = _ingest(REVIEWED, alice)
    mandate_confirm(mandate=rows[0], by=alice)
    mandate_correct(mandate=rows[1], by=alice, due_session_number=99, subject="corrected by staff")
    mandate_reject(mandate=rows[2], by=alice, reason="not a request")
    mandate_reject(mandate=rows[5], by=alice)
    candidates_at.clear()
    _ingest(UNTOUCHED, alice)
    candidates_at.update({0, 1})
    half = _ingest(HALF_DONE, alice)
    mandate_confirm(mandate=half[0], by=alice)
    return rows


def score(out) -> dict:
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "score_extraction.py"),
            "--gold",
            str(out / "gold"),
            "--docs",
            str(out / "docs"),
            "--pred",
            str(out / "pred"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(run.stdout)


def test_export_gold_writes_reviewed_documents_that_score_1_against_the_stored_mandates(tmp_path, reviewed, capsys):
    rows = reviewed
    out = tmp_path / "gold-export"

    call_command("export_gold", str(out), "--predictions")

    # Only the reviewed document: the untouched one has no decision, the other still has a candidate waiting.
    assert sorted(p.name for p in (out / "docs").iterdir()) == [f"{REVIEWED}.txt"]
    document = rows[0].instrument.document
    assert (out / "docs" / f"{REVIEWED}.txt").read_text(encoding="utf-8") == document.text
    labels = json.loads((out / "gold" / f"{REVIEWED}.txt.json").read_text())
    tracked = Mandate.objects.filter(instrument__document=document)
    assert len(labels) == tracked.count() == len(rows) - 2  # the two rejected ones are left out
    for label in labels:
        assert set(label) == SCHEMA_FIELDS
        assert 40 <= len(label["quote"]) <= 200 and label["quote"] in document.text
    corrected = [g for g in labels if g["subject"] == "corrected by staff"]
    assert [(g["due_session"], g["note"].split(" by ")[0]) for g in corrected] == [(99, "corrected")]
    assert f"1 document, {len(labels)} mandates written" in capsys.readouterr().out

    result = score(out)
    assert (result["gold"], result["pred"], result["tp"]) == (len(labels), len(labels), len(labels))
    assert result["must"] > 0
    assert (result["precision"], result["recall"], result["strict_f1"]) == (1.0, 1.0, 1.0)
    assert set(result["fields"].values()) == {1.0}


def test_export_gold_all_adds_unreviewed_documents(tmp_path, reviewed):
    call_command("export_gold", str(tmp_path), "--all")
    assert sorted(p.name for p in (tmp_path / "docs").iterdir()) == [f"{UNTOUCHED}.txt", f"{REVIEWED}.txt"]
    assert not (tmp_path / "pred").exists()


def test_a_quote_lands_on_its_own_clause_when_an_identical_clause_comes_earlier():
    clause = "Requests the Secretary-General to submit to the General Assembly at its eightieth session a report"
    text = f"Resolution 1\n3. {clause};\n\nResolution 2\n7. {clause};\n"
    second = text.rindex(clause)

    quote = quote_for(text, second, second + len(clause))

    at = text.find(quote)
    assert 40 <= len(quote) <= 200
    assert at < second + len(clause) and second < at + len(quote)  # the scorer's find() overlaps clause two
    assert quote_for(text, text.index(clause), text.index(clause) + len(clause)) == clause
