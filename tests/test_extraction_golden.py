"""Golden files: the full extraction output of every seed fixture, pinned.

Regenerate with `UPDATE_GOLDEN=1 pytest tests/test_extraction_golden.py` and review the diff.
"""

from __future__ import annotations

import difflib
import json
import os
from dataclasses import asdict
from pathlib import Path

import pytest

from mandates.extraction import extract_text

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
GOLDEN = Path(__file__).resolve().parent / "golden"


def snapshot(text: str) -> str:
    result = extract_text(text)
    data = {
        "symbol": result.symbol,
        "instruments": [
            # adopted_on is only known from markup (Akoma Ntoso); the golden texts never have it
            {k: v for k, v in asdict(i).items() if k != "paragraphs" and not (k == "adopted_on" and not v)}
            | {"operative_paragraphs": [p.number for p in i.paragraphs if p.kind == "operative"]}
            for i in result.instruments
        ],
        "mandates": [m.to_json() for m in result.mandates],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_extraction_matches_the_golden_file(seed: Path):
    actual = snapshot(seed.read_text(encoding="utf-8"))
    golden = GOLDEN / f"{seed.stem}.json"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "actual", n=2)
        )
        pytest.fail(f"extraction of {seed.name} changed (UPDATE_GOLDEN=1 to accept):\n{diff[:6000]}")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_offset_indexes_the_original_text(seed: Path):
    text = seed.read_text(encoding="utf-8")
    result = extract_text(text)
    for mandate in result.mandates:
        assert text[mandate.start : mandate.end] == mandate.text
        assert mandate.text.strip(), mandate
    for instrument in result.instruments:
        assert 0 <= instrument.start < instrument.end <= len(text)
        for paragraph in instrument.paragraphs:
            original = " ".join(text[paragraph.start : paragraph.end].split())
            # The paragraph's first words are in the original slice (markup aside).
            first_words = " ".join(paragraph.text.split()[:2]).replace("*", "")
            assert first_words in original.replace("*", ""), (paragraph.number, first_words, original[:80])
