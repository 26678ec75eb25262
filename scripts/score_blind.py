#!/usr/bin/env python3
"""Score one half of the blind gold set (fixtures/blind/dev or fixtures/blind/sealed) with the shared scorer.

Text documents are paired by offsets; Akoma Ntoso XML documents by paragraph (`--by-paragraph`), since
offsets point into the text derived from the XML. The scorer runs once per kind and the totals are added.

    python scripts/score_blind.py fixtures/blind/dev [--cmd "..."] [--json] [--details]

Per-document lines are printed only with --details. Never use --details on the sealed half while rules
are being changed: its failures must stay unread (docs/extraction.md).
"""

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SCORER = Path(__file__).with_name("score_extraction.py")
DEFAULT_CMD = f"{sys.executable} manage.py extract {{file}} --format json"
COUNTS = ("gold", "must", "pred", "tp", "must_found", "strict", "must_strict")


def ratio(a, b):
    return a / b if b else 0.0


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def run(half: Path, suffixes: tuple[str, ...], cmd: str, by_paragraph: bool, details: bool) -> dict | None:
    docs = [p for p in sorted((half / "docs").iterdir()) if p.suffix in suffixes]
    if not docs:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        gold, linked = Path(tmp, "gold"), Path(tmp, "docs")
        gold.mkdir()
        linked.mkdir()
        for doc in docs:
            (linked / doc.name).symlink_to(doc.resolve())
            (gold / f"{doc.name}.json").symlink_to((half / "gold" / f"{doc.name}.json").resolve())
        args = [sys.executable, str(SCORER), "--gold", str(gold), "--docs", str(linked), "--cmd", cmd]
        args += ["--by-paragraph"] if by_paragraph else []
        if details:
            subprocess.run(args, check=True)
        out = subprocess.run([*args, "--json"], check=True, capture_output=True, text=True).stdout
    result = json.loads(out)
    result["documents"] = len(docs)
    return result


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("half", type=Path)
    ap.add_argument("--cmd", default=DEFAULT_CMD)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--details", action="store_true", help="per-document lines (development half only)")
    args = ap.parse_args()
    parts = {
        "text": run(args.half, (".txt",), args.cmd, False, args.details),
        "xml": run(args.half, (".xml",), args.cmd, True, args.details),
    }
    parts = {k: v for k, v in parts.items() if v}
    t = {key: sum(p[key] for p in parts.values()) for key in COUNTS}
    review = sum(p["with_review"]["review_candidates"] for p in parts.values())
    with_review_found = sum(round(p["with_review"]["recall"] * p["must"]) for p in parts.values())
    documents = sum(p["documents"] for p in parts.values())
    p, r = ratio(t["tp"], t["pred"]), ratio(t["must_found"], t["must"])
    sp, sr = ratio(t["strict"], t["pred"]), ratio(t["must_strict"], t["must"])
    total = {
        "documents": documents,
        **t,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "strict_precision": round(sp, 3),
        "strict_recall": round(sr, 3),
        "strict_f1": round(f1(sp, sr), 3),
        "recall_with_review": round(ratio(with_review_found, t["must"]), 3),
        "review_candidates": review,
        "review_per_document": round(ratio(review, documents), 2),
        "parts": {k: {f: v[f] for f in ("documents", "recall", "strict_f1", "precision")} for k, v in parts.items()},
    }
    if args.json:
        print(json.dumps(total, indent=2))
    else:
        print(
            f"{args.half}: {documents} documents, {t['must']} must-find | detection P {p:.3f} R {r:.3f} | "
            f"strict P {sp:.3f} R {sr:.3f} F1 {total['strict_f1']:.3f} | with {review} review candidates "
            f"({total['review_per_document']}/doc): R {total['recall_with_review']:.3f}"
        )
        for name, part in total["parts"].items():
            print(f"  {name}: {part}")


if __name__ == "__main__":
    main()
