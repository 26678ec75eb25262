"""The development halves of the blind gold sets, scored as the shared scorer scores them: a regression fails CI.

Development figures only (rules were written against these halves). The sealed halves are never scored here: they
are scored at the start and at the end of a round, totals only (docs/extraction.md), so that CI runs do not turn
them into something tuned on.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from mandates.extraction import extract_reading
from mandates.extraction.readers import read_document_path

ROOT = Path(__file__).resolve().parent.parent


def _scorer():
    spec = importlib.util.spec_from_file_location("score_extraction", ROOT / "scripts" / "score_extraction.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_half(half: Path, xml: bool) -> dict:
    scorer = _scorer()
    docs = []
    for gold_file in sorted((half / "gold").glob("*.json")):
        doc = half / "docs" / gold_file.name[: -len(".json")]
        if doc.exists() and (doc.suffix == ".xml") == xml:
            predicted = [m.to_json() for m in extract_reading(read_document_path(doc)).mandates]
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            docs.append((doc, doc.read_text(encoding="utf-8"), gold, predicted))
    result, _ = scorer.score(docs, lambda p: not p.get("review"), xml)
    with_review, _ = scorer.score(docs, lambda p: True, xml)
    result["recall_with_review"] = with_review["recall"]
    return result


# (half, kind, recall, strict F1): reached at the end of round 2 (development figures), bars a margin below
BARS = [
    ("blind/dev", False, 0.95, 0.84),
    ("blind/dev", True, 0.97, 0.89),
    ("blind2/dev", False, 0.95, 0.89),
    # 8 December 2026: the annual progress reports of 75/240 ¶1 are found (recall 0.917 -> 1.000), due at the
    # Assembly as periodic reports are in fixtures/ga78, where this labeller left the due body empty (0.957 -> 0.917)
    ("blind2/dev", True, 0.95, 0.90),
    # round 3's dev half and round 4's dev set (8 December 2026): text 1.000 / 0.794 and XML 0.857 / 0.857; dev4
    # text 1.000 / 0.923 and XML 1.000 / 1.000
    ("blind3/dev", False, 0.95, 0.75),
    ("blind3/dev", True, 0.85, 0.80),
    ("dev4", False, 0.95, 0.88),
    ("dev4", True, 0.95, 0.95),
    ("dev5", False, 0.95, 0.95),  # text 1.000 / 1.000
    ("dev5", True, 0.95, 0.85),  # XML 1.000 / 0.909
    ("i18n2/dev", True, 0.95, 0.90),  # French/Spanish round 2's dev half: 1.000 / 0.957
]


@pytest.mark.parametrize(("half", "xml", "recall", "strict_f1"), BARS, ids=lambda v: str(v))
def test_development_half_scores_stay_above_the_bar(half, xml, recall, strict_f1):
    result = score_half(ROOT / "fixtures" / half, xml)
    assert result["recall"] >= recall, result
    assert result["strict_f1"] >= strict_f1, result
    assert result["recall_with_review"] >= result["recall"], result
