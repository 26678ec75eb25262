"""scripts/labels_as_predictions.py turns one labelling into predictions for the shared scorer, so that two blind
labellings of the same documents can be compared as an extractor is scored (docs/extraction.md, "How far two
labellers agree")."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HALF = ROOT / "fixtures" / "i18n2" / "dev"


def score(gold_for_predictions: Path) -> dict:
    cmd = f"{sys.executable} {ROOT / 'scripts' / 'labels_as_predictions.py'} {gold_for_predictions} {{file}}"
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "score_blind.py"), str(HALF), "--cmd", cmd, "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out)


def test_a_labelling_scored_against_itself_agrees_fully():
    result = score(HALF / "gold")
    assert (result["precision"], result["recall"], result["strict_f1"]) == (1.0, 1.0, 1.0)


def test_a_second_blind_labelling_of_the_same_documents_differs_in_its_fields():
    result = score(HALF / "gold-second")
    assert result["recall"] == 1.0  # both labellers found every must-find clause of the first
    assert result["strict_f1"] < 1.0  # but not every field the same way
