#!/usr/bin/env python3
"""Every development gold set scored in one process (fast, for rule work): strict F1, recall, candidates.

    python scripts/score_dev.py            # seeds, ga78, otherbodies, blind*/dev, i18n*/dev, dev4, dev5

The same pairing and totals as the shared scorer (text by offsets, XML by paragraph). Development figures only:
sealed halves are never scored here (scripts/score_blind.py does that, at the start and end of a round).
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

import score_extraction as se  # noqa: E402

from mandates.extraction import extract_reading  # noqa: E402
from mandates.extraction.readers import read_document_path  # noqa: E402

SETS = {
    "seeds": ("fixtures/gold", "fixtures/seeds"),
    "ga78": ("fixtures/ga78/gold", "fixtures/ga78/docs"),
    "otherbodies": ("fixtures/otherbodies/gold", "fixtures/otherbodies/docs"),
    "blind/dev": ("fixtures/blind/dev/gold", "fixtures/blind/dev/docs"),
    "blind2/dev": ("fixtures/blind2/dev/gold", "fixtures/blind2/dev/docs"),
    "blind3/dev": ("fixtures/blind3/dev/gold", "fixtures/blind3/dev/docs"),
    "i18n/dev": ("fixtures/i18n/dev/gold", "fixtures/i18n/dev/docs"),
    "i18n2/dev": ("fixtures/i18n2/dev/gold", "fixtures/i18n2/dev/docs"),
    "dev4": ("fixtures/dev4/gold", "fixtures/dev4/docs"),
    "dev5": ("fixtures/dev5/gold", "fixtures/dev5/docs"),
}


def documents(gold_dir: Path, docs_dir: Path):
    for gold_file in sorted(gold_dir.glob("*.json")):
        doc = docs_dir / gold_file.name[: -len(".json")]
        if gold_file.name.endswith(".fulfils.json") or not doc.exists():
            continue
        predicted = [m.to_json() for m in extract_reading(read_document_path(doc)).mandates]
        yield doc, doc.read_text(encoding="utf-8"), json.loads(gold_file.read_text(encoding="utf-8")), predicted


def main() -> None:
    names = sys.argv[1:] or list(SETS)
    for name in names:
        gold_dir, docs_dir = (ROOT / part for part in SETS[name])
        if not gold_dir.exists():
            continue
        docs = list(documents(gold_dir, docs_dir))
        line = []
        for kind, keep in (("text", lambda d: d.suffix != ".xml"), ("xml", lambda d: d.suffix == ".xml")):
            part = [d for d in docs if keep(d[0])]
            if not part:
                continue
            result, _ = se.score(part, lambda p: not p.get("review"), kind == "xml")
            net, _ = se.score(part, lambda p: True, kind == "xml")
            candidates = sum(bool(p.get("review")) for *_, pred in part for p in pred)
            line.append(
                f"{kind}: R {result['recall']:.3f} ({result['must_found']}/{result['must']}) "
                f"strict P {result['strict_precision']:.3f} F1 {result['strict_f1']:.3f} "
                f"| +cand R {net['recall']:.3f} ({candidates / len(part):.2f}/doc)"
            )
        print(f"{name:12} {len(docs):3} docs  " + "  ".join(line))


if __name__ == "__main__":
    main()
