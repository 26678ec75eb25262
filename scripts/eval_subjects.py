#!/usr/bin/env python3
"""Compare extracted mandate subjects with the hand-written gold subjects (fixtures/gold, fixtures/ga78/gold).

Usage: python scripts/eval_subjects.py [-v]

A gold mandate is matched to the first extracted mandate whose span overlaps its quote. Prints the number of
mandates and of empty subjects over all fixture documents, then, over matched pairs: mean token F1 and gold-token
recall (stop words dropped), exact matches and containment (one subject inside the other). -v lists every pair.
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mandates.extraction import extract_text  # noqa: E402

STOP = set(["the", "of", "a", "an", "and", "to", "on", "in", "for", "by", "its", "at", "with", "present"])
PAIRS = [("fixtures/seeds", "fixtures/gold"), ("fixtures/ga78/docs", "fixtures/ga78/gold")]


def tokens(text):
    return {t for t in re.findall(r"[a-z0-9]+", (text or "").lower()) if t not in STOP}


def norm(text):
    return re.sub(r"^the ", "", " ".join(text.lower().split())).strip(" .,")


def main():
    total = empty = 0
    rows = []
    for docs, gold in PAIRS:
        for path in sorted((ROOT / docs).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            result = extract_text(text)
            total += len(result.mandates)
            empty += sum(1 for m in result.mandates if not m.subject.strip())
            gold_path = ROOT / gold / f"{path.name}.json"
            if not gold_path.exists():
                continue
            for g in json.loads(gold_path.read_text(encoding="utf-8")):
                at = text.find(g["quote"])
                if at < 0:
                    continue
                end = at + len(g["quote"])
                found = next((m for m in result.mandates if m.start < end and m.end > at), None)
                if found:
                    rows.append((path.name, g["paragraph"], found.subject, g["subject"]))
    f1s, recalls = [], []
    for _, _, mine, theirs in rows:
        a, b = tokens(mine), tokens(theirs)
        p = len(a & b) / len(a) if a else 0
        r = len(a & b) / len(b) if b else 0
        f1s.append(2 * p * r / (p + r) if p + r else 0)
        recalls.append(r)
    exact = sum(1 for _, _, mine, theirs in rows if mine and norm(mine) == norm(theirs))
    inside = sum(
        1 for _, _, mine, theirs in rows if mine and (norm(mine) in norm(theirs) or norm(theirs) in norm(mine))
    )
    n = len(rows) or 1
    print(f"mandates {total}, empty subjects {empty}; matched pairs {len(rows)}")
    print(
        f"token F1 {sum(f1s) / n:.3f}, gold-token recall {sum(recalls) / n:.3f}, exact {exact}, containment {inside}, "
        f"no overlap {sum(1 for f in f1s if f == 0)}"
    )
    if "-v" in sys.argv:
        for row, f1 in zip(rows, f1s, strict=True):
            print(f"{f1:.2f}", *row, sep=" | ")


if __name__ == "__main__":
    main()
