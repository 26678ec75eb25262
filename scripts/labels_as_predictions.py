#!/usr/bin/env python3
"""Print one labeller's gold labels for a document as if they were extractor output, so that the shared scorer can
measure how far two labellers agree (the ceiling any extractor's score against one of them has).

    python scripts/labels_as_predictions.py OTHER_GOLD_DIR FILE

Each label becomes a confident prediction (`review: false`) whose `start`/`end` are where its quote stands in the
file. Used as `scripts/score_blind.py HALF --cmd "python scripts/labels_as_predictions.py OTHER_GOLD {file}"`.
"""

import json
import sys
from pathlib import Path


def main() -> None:
    gold_dir, document = Path(sys.argv[1]), Path(sys.argv[2])
    text = document.read_text(encoding="utf-8")
    labels = json.loads((gold_dir / f"{document.name}.json").read_text(encoding="utf-8"))
    predictions = []
    for label in labels:
        start = text.find(label["quote"])
        row = {**label, "review": False, "confidence": 1.0}
        if start >= 0:
            row["start"], row["end"] = start, start + len(label["quote"])
        predictions.append(row)
    print(json.dumps(predictions, ensure_ascii=False))


if __name__ == "__main__":
    main()
