#!/usr/bin/env python3
"""What the extractor got wrong on a development half, mandate by mandate, in one process.

    python scripts/diff_blind.py fixtures/blind/dev [fixtures/blind2/dev ...] [--all-fields]

Pairs gold and confident predictions as the shared scorer does (text by offsets, Akoma Ntoso XML by
paragraph) and prints MISSED, MISMATCH (strict fields and category) and FP lines, then the review candidates
that caught a missed must-find clause. Refuses a sealed half: its failures stay unread (docs/extraction.md).
"""

import argparse
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

SHOWN = ("responsible_entity", "due_body", "due_session", "due_event", "recurrence", "category", "delivered_to")


def diff_document(doc: Path, gold: list[dict], fields: tuple[str, ...]) -> None:
    text = doc.read_text(encoding="utf-8")
    predicted = [m.to_json() for m in extract_reading(read_document_path(doc)).mandates]
    by_paragraph = doc.suffix == ".xml"
    confident = [p for p in predicted if not p.get("review")]
    pairs = se.match(text, gold, confident, by_paragraph)
    paired_gold = {id(g) for g, _ in pairs}
    paired_pred = {id(p) for _, p in pairs}
    caught = {id(g) for g, _ in se.match(text, gold, predicted, by_paragraph)}
    for g in gold:
        if id(g) not in paired_gold:
            must = "MUST" if g.get("must_find") else "opt"
            net = " (caught as candidate)" if id(g) in caught else ""
            print(f"MISSED   {doc.name} ¶{g.get('paragraph')} {must}{net}: {g['quote'][:110]!r}")
            if g.get("must_find"):
                print(f"           gold: {json.dumps({f: g.get(f) for f in SHOWN}, ensure_ascii=False)}")
    for g, p in pairs:
        bad = [f for f in fields if not se.same(f, g.get(f), p.get(f))]
        if bad:
            must = "MUST" if g.get("must_find") else "opt"
            print(f"MISMATCH {doc.name} ¶{g.get('paragraph')} {must}: {g['quote'][:90]!r}")
            for f in bad:
                print(f"           {f}: gold={g.get(f)!r} pred={p.get(f)!r}")
    for p in confident:
        if id(p) not in paired_pred:
            where = p.get("quote") or text[p.get("start", 0) : p.get("end", 0)]
            print(f"FP       {doc.name} ¶{p.get('paragraph')}: {where[:110]!r}")
            print(f"           pred: {json.dumps({f: p.get(f) for f in SHOWN}, ensure_ascii=False)}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("halves", nargs="+", type=Path)
    ap.add_argument("--all-fields", action="store_true", help="also delivered_to, channel, instrument, ...")
    args = ap.parse_args()
    fields = se.FIELDS if args.all_fields else SHOWN
    for half in args.halves:
        if "sealed" in half.parts:
            raise SystemExit(f"{half}: a sealed half's failures are not read (docs/extraction.md)")
        for gold_file in sorted((half / "gold").glob("*.json")):
            doc = half / "docs" / gold_file.name[: -len(".json")]
            if doc.exists():
                diff_document(doc, json.loads(gold_file.read_text(encoding="utf-8")), fields)


if __name__ == "__main__":
    main()
