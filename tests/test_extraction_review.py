"""Two tiers (issue #8): confident mandates get a confidence, deadline-less ones and recall-net catches go to review.

The grammar is swapped for stubs here, so these tests hold whatever the grammar learns later: candidates appear
exactly where the grammar produced nothing.
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from mandates.extraction import extract_text
from mandates.extraction.context import Context
from mandates.extraction.normalise import NORMALISE_STAGES
from mandates.extraction.pipeline import PIPELINE, extract_mandates, publish_offsets, run
from mandates.extraction.review import (
    ACTION_NO_DEADLINE,
    NO_DEADLINE,
    UNBOUND_DEADLINE,
    grade_and_review,
)
from mandates.extraction.segment import detect_document, segment
from mandates.extraction.types import MandateRecord
from tests import builders
from tests.test_extraction_scoring import load_scorer

ROOT = Path(__file__).resolve().parent.parent

TEXT = (
    "Resolution adopted by the General Assembly on 19 December 2023\n\n"
    "78/999. A test resolution\n\n"
    "The General Assembly,\n\n"
    "Recalling its resolution 70/1,\n\n"
    "1. Requests the Secretary-General to submit to the General Assembly at its eightieth session a report on the "
    "implementation of the present resolution;\n\n"
    "2. Decides that the secretariat of the Forum should present a synthesis of the contributions to the Forum at "
    "its nineteenth session;\n\n"
    "3. Encourages Member States to strengthen their cooperation;\n\n"
    "4. Decides to remain seized of the matter.\n"
)


def no_grammar(ctx: Context) -> None:
    """The grammar finds nothing at all."""


def stages(grammar) -> list:
    return [*NORMALISE_STAGES, detect_document, segment, grammar, grade_and_review, publish_offsets]


def paragraph_span(ctx: Context, number: str) -> tuple[int, int]:
    (p,) = [p for i in ctx.instruments for p in i.paragraphs if p.number == number]
    return p.start, p.end


def test_candidates_appear_where_the_grammar_has_nothing():
    ctx = run(TEXT, stages(no_grammar))
    assert {m.paragraph for m in ctx.mandates} == {"1", "2"}  # 3 delivers nothing, 4 asks nothing
    for m in ctx.mandates:
        assert m.review is True
        assert 0 < m.confidence < 0.5
        assert m.review_reason
        assert TEXT[m.start : m.end] == m.text
    (first,) = [m for m in ctx.mandates if m.paragraph == "1"]
    # The grammar's resolvers fill what they can.
    assert first.responsible_entity == "Secretary-General"
    assert first.delivered_to == "General Assembly" and first.due_session == 80
    assert first.text.startswith("Requests the Secretary-General")  # the clause, without its number


def test_no_candidate_where_the_grammar_found_a_mandate():
    def grammar_for_paragraph_one(ctx: Context) -> None:
        start, end = paragraph_span(ctx, "1")
        ctx.mandates.append(
            builders.mandate_record(
                instrument="78/999", instrument_title="A test resolution", start=start + 3, end=end, text=""
            )
        )

    ctx = run(TEXT, stages(grammar_for_paragraph_one))
    confident = [m for m in ctx.mandates if not m.review]
    candidates = [m for m in ctx.mandates if m.review]
    assert [m.paragraph for m in confident] == ["1"]
    assert confident[0].confidence == 1.0
    assert [m.paragraph for m in candidates] == ["2"]
    assert [m.start for m in ctx.mandates] == sorted(m.start for m in ctx.mandates)  # text order


def deadline_less(category: str, text: str) -> MandateRecord:
    def grammar(ctx: Context) -> None:
        start, end = paragraph_span(ctx, "1")
        ctx.mandates.append(
            builders.mandate_record(
                instrument="78/999",
                instrument_title="A test resolution",
                category=category,
                due_body=None,
                due_session=None,
                subject="the question",
                start=start + 3,
                end=end,
                text="",
            )
        )

    doc = TEXT.replace(TEXT[TEXT.index("1. Requests") : TEXT.index("2. Decides")], f"1. {text}\n\n")
    (m,) = [m for m in run(doc, stages(grammar)).mandates if m.paragraph == "1"]
    return m


@pytest.mark.parametrize(
    "category,text,reason",
    [
        ("report", "Requests the Secretary-General to report to the General Assembly on the question;", NO_DEADLINE),
        (
            "report",
            "Requests the Secretary-General to report to the General Assembly at that session on the question;",
            UNBOUND_DEADLINE,
        ),
        ("action", "Requests the Secretary-General to transmit the text to the General Assembly;", ACTION_NO_DEADLINE),
    ],
)
def test_a_mandate_without_deadline_becomes_a_candidate_that_says_why(category, text, reason):
    m = deadline_less(category, text)
    assert m.review is True
    assert m.review_reason == reason
    assert m.confidence < 0.5


def test_the_real_pipeline_grades_confident_mandates():
    result = extract_text(TEXT)
    (report,) = [m for m in result.mandates if m.paragraph == "1"]
    assert report.review is False and report.review_reason == ""
    assert report.confidence == 1.0  # known entity, a body, a numbered session
    assert all(m.review_reason for m in result.mandates if m.review)


def test_extract_json_prints_the_two_tiers():
    seed = ROOT / "fixtures" / "seeds" / "000_fe94a4e9157510c7.txt"
    out = StringIO()
    call_command("extract", str(seed), "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    text = seed.read_text(encoding="utf-8")
    assert {r["review"] for r in rows} == {True, False}
    for row in rows:
        assert isinstance(row["confidence"], float) and isinstance(row["review"], bool)
        assert text[row["start"] : row["end"]] == row["text"]
        if row["review"]:
            assert row["confidence"] < 0.5 and row["review_reason"]
        else:
            assert row["confidence"] >= 0.9 and row["review_reason"] == ""
            assert row["due_session"] or row["due_event"] or row["recurrence"]


GOLD_SETS = [
    (ROOT / "fixtures" / "gold", ROOT / "fixtures" / "seeds"),
    (ROOT / "fixtures" / "ga78" / "gold", ROOT / "fixtures" / "ga78" / "docs"),
    (ROOT / "fixtures" / "otherbodies" / "gold", ROOT / "fixtures" / "otherbodies" / "docs"),
]


def documents(gold_dir: Path, docs: Path):
    for gold in sorted(gold_dir.glob("*.txt.json")):
        doc = docs / gold.name[: -len(".json")]
        yield doc, doc.read_text(encoding="utf-8"), json.loads(gold.read_text())


def test_the_net_alone_finds_the_must_find_mandates_of_the_gold_sets():
    """With no grammar at all, candidates pair (as the shared scorer pairs them) with at least 95% of the must-find
    mandates labelled in the three gold sets (seeds, GA 2023, other bodies): the net does not lean on the grammar
    it backs up. Reached: 83 of 84."""
    scorer = load_scorer()
    found = total = 0
    for gold_dir, docs in GOLD_SETS:
        for _, text, gold in documents(gold_dir, docs):
            candidates = [m.to_json() for m in run(text, stages(no_grammar)).mandates]
            total += sum(bool(g.get("must_find")) for g in gold)
            found += sum(bool(g.get("must_find")) for g, _ in scorer.match(text, gold, candidates))
    assert total >= 80
    assert found / total >= 0.95, (found, total)


def test_candidates_never_overlap_a_confident_mandate_on_real_documents():
    for gold_dir, docs in GOLD_SETS[1:]:
        for _, text, _ in documents(gold_dir, docs):
            mandates = extract_text(text).mandates
            confident = [(m.start, m.end) for m in mandates if not m.review]
            for m in mandates:
                if m.review and m.review_reason not in (NO_DEADLINE, UNBOUND_DEADLINE, ACTION_NO_DEADLINE):
                    assert not any(s < m.end and m.start < e for s, e in confident), m.text[:80]


def test_candidate_volume_on_real_general_assembly_resolutions():
    """At most one candidate per document on average over the 40 GA 2023 resolutions of fixtures/ga78 (the full
    328-text corpus is measured with scripts/review_candidates.py, docs/extraction.md)."""
    docs = sorted((ROOT / "fixtures" / "ga78" / "docs").glob("*.txt"))
    candidates = sum(m.review for d in docs for m in extract_text(d.read_text(encoding="utf-8")).mandates)
    assert candidates / len(docs) <= 1.0


def test_the_stage_runs_between_clauses_and_offsets():
    assert PIPELINE.index(extract_mandates) < PIPELINE.index(grade_and_review) < PIPELINE.index(publish_offsets)
