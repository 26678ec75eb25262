#!/usr/bin/env python3
"""How far two blind labellings of the same documents agree, scored with the shared scorer as an extractor is scored:
the first labelling as gold and the second as predictions, the other way round, and the extractor against the second
labelling (which no rule was written from). The first two give the ceiling any extractor's score against one labeller
has.

    python scripts/label_agreement.py fixtures/dev4 fixtures/dev4/gold-second
    python scripts/label_agreement.py fixtures/i18n2/dev fixtures/i18n2/dev/gold-second

HALF holds docs/ and gold/ (the first labelling); SECOND is a folder of gold files for the same documents.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
AS_PREDICTIONS = f"{sys.executable} {HERE / 'labels_as_predictions.py'}"


def score(half: Path, cmd: str | None = None) -> str:
    args = [sys.executable, str(HERE / "score_blind.py"), str(half)] + (["--cmd", cmd] if cmd else [])
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout.splitlines()[0].split(": ", 1)[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("half", type=Path)
    ap.add_argument("second", type=Path)
    args = ap.parse_args()
    half, second = args.half.resolve(), args.second.resolve()
    with tempfile.TemporaryDirectory() as tmp:
        swapped = Path(tmp)
        (swapped / "docs").symlink_to(half / "docs")
        (swapped / "gold").symlink_to(second)
        first = half / "gold"
        second_as_predictions = f"{AS_PREDICTIONS} {second} {{file}}"
        first_as_predictions = f"{AS_PREDICTIONS} {first} {{file}}"
        print(f"second as predictions, first as gold:   {score(half, second_as_predictions)}")
        print(f"first as predictions, second as gold:   {score(swapped, first_as_predictions)}")
        print(f"extractor against the second labelling: {score(swapped)}")


if __name__ == "__main__":
    main()
