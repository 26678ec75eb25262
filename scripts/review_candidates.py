#!/usr/bin/env python3
"""How many review candidates extraction emits per document, over a folder of texts.

Usage:
  scripts/review_candidates.py DIR [DIR ...] [--top 10] [--show N] [--json]

Prints the number of documents, confident mandates and review candidates, candidates per document (mean, median,
max), a histogram of candidates per document, the reasons, and the documents with the most candidates. --show N
prints the first N candidates (reason and clause) to read what the net catches. Files that extraction refuses
(no resolution in them) count as documents with no mandates and no candidates.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mandates.extraction import ExtractionError, extract_reading  # noqa: E402
from mandates.extraction.readers import read_document_path  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--top", type=int, default=10, help="documents with the most candidates to list")
    ap.add_argument("--show", type=int, default=0, help="print this many candidates")
    ap.add_argument("--json", action="store_true", help="print the totals as JSON")
    args = ap.parse_args()

    per_doc: dict[str, int] = {}
    confident = 0
    reasons: Counter[str] = Counter()
    shown = 0
    for path in sorted(p for d in args.dirs for p in d.iterdir() if p.is_file()):
        try:
            # Through the readers, so Akoma Ntoso XML keeps its markup (paragraphs, numbers) as in ingest.
            mandates = extract_reading(read_document_path(path)).mandates
        except (ExtractionError, UnicodeDecodeError, OSError):
            mandates = []
        candidates = [m for m in mandates if m.review]
        confident += len(mandates) - len(candidates)
        per_doc[path.name] = len(candidates)
        for m in candidates:
            reasons[m.review_reason] += 1
            if shown < args.show:
                shown += 1
                clause = " ".join(m.text.split())
                print(f"{path.name} {m.paragraph} [{m.confidence}] {m.review_reason}\n    {clause[:300]}")
    counts = list(per_doc.values())
    total = sum(counts)
    histogram = Counter(min(n, 5) for n in counts)
    summary = {
        "documents": len(counts),
        "confident_mandates": confident,
        "review_candidates": total,
        "candidates_per_document": {
            "mean": round(total / len(counts), 3) if counts else 0.0,
            "median": statistics.median(counts) if counts else 0,
            "max": max(counts, default=0),
        },
        "histogram": {("5+" if k == 5 else str(k)): histogram[k] for k in sorted(histogram)},
        "reasons": dict(reasons.most_common()),
        "top_documents": dict(sorted(per_doc.items(), key=lambda kv: (-kv[1], kv[0]))[: args.top]),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    per = summary["candidates_per_document"]
    print(
        f"{summary['documents']} documents: {confident} confident mandates, {total} review candidates; "
        f"candidates per document mean {per['mean']}, median {per['median']}, max {per['max']}"
    )
    print("candidates per document  documents")
    for k, n in summary["histogram"].items():
        print(f"  {k:>5}  {n:5d}  {'#' * min(n, 60)}")
    print("reasons:")
    for reason, n in summary["reasons"].items():
        print(f"  {n:5d}  {reason}")
    print("most candidates: " + ", ".join(f"{name} {n}" for name, n in summary["top_documents"].items() if n))


if __name__ == "__main__":
    main()
