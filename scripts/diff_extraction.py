#!/usr/bin/env python3
"""Print MISSED / MISMATCH / FP between gold and extractor output, paired like score_extraction.match.

Usage: diff_extraction.py --gold GOLD_DIR --docs DOCS_DIR [--cmd "python manage.py extract {file} --format json"]
"""

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import score_extraction as se  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--docs", required=True)
    ap.add_argument("--cmd", default=f"{sys.executable} manage.py extract {{file}} --format json")
    ap.add_argument("--pred")
    ap.add_argument("--timeout", type=int, default=120)
    args = ap.parse_args()
    for gold_file in sorted(Path(args.gold).glob("*.json")):
        if gold_file.name.endswith(".fulfils.json"):
            continue
        doc = Path(args.docs) / gold_file.name[: -len(".json")]
        if not doc.exists():
            continue
        text = doc.read_text(encoding="utf-8")
        gold = json.loads(gold_file.read_text())
        pred = se.predictions(args, doc)
        pairs = se.match(text, gold, pred)
        got_g = {id(g) for g, _ in pairs}
        got_p = {id(p) for _, p in pairs}
        for g in gold:
            if id(g) not in got_g:
                must = "must" if g.get("must_find") else "opt"
                print(f"MISSED   {doc.name} ¶{g.get('paragraph')} ({must}): {g['quote'][:90]!r}")
        for g, p in pairs:
            bad = [f for f in se.FIELDS if f in g and not se.same(f, g.get(f), p.get(f))]
            if bad:
                print(f"MISMATCH {doc.name} ¶{g.get('paragraph')}:")
                for f in bad:
                    print(f"           {f}: gold={g.get(f)!r} pred={p.get(f)!r}")
        for p in pred:
            if id(p) not in got_p:
                print(f"FP       {doc.name} ¶{p.get('paragraph')}: {text[p['start'] : p['end']][:90]!r}")


if __name__ == "__main__":
    main()
