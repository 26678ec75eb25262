#!/usr/bin/env python3
"""Choose a fresh English development set (round 4, issue #8): more labelled text to write rules from, with no
sealed half of its own; ECOSOC 2021 has no fresh resolution left (round 3's sealed half, start-scored before its rules, stays the judge). Written to
fixtures/dev4/docs and fixtures/dev4/choice.json.

    python scripts/select_dev_round4.py --corpus ../shared/corpus --out fixtures/dev4

Every resolution already in fixtures/ (in any language) is left out.
"""

import argparse
import json
import random
import re
import shutil
import tempfile
from pathlib import Path

from open_corpus import resolution_key
from select_blind_round2 import REPORTING, REQUEST
from select_blind_set import choose, unpack

SEED = 20261210
KINDS = {  # kind: (folder under the unpacked corpus, glob, filter, count)
    "ga78": ("ga78-text", "*.txt", REPORTING, 10),
    "ga75-akn": ("ga75/English", "*.xml", REPORTING, 6),
    "ga-decisions": ("ga-decisions-71-76", "*.txt", REQUEST, 4),
}


def file_name(path: Path) -> str:
    """The corpus has names with spaces and a tab ("75_544._\t.txt"): fixtures get plain ones."""
    return re.sub(r"\s+", "_", path.name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--out", default="fixtures/dev4")
    ap.add_argument("--fixtures", default="fixtures")
    args = ap.parse_args()
    rng = random.Random(SEED)
    used = {resolution_key(p.name) for p in Path(args.fixtures).rglob("*") if p.suffix in {".txt", ".xml", ".pdf"}}
    out = Path(args.out)
    choice = {"seed": SEED}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        unpack(Path(args.corpus), tmp)
        for kind, (folder, pattern, keep, count) in KINDS.items():
            pool = [
                path
                for path in sorted((tmp / folder).glob(pattern))
                if resolution_key(path.name) not in used and keep.search(path.read_text(encoding="utf-8"))
            ]
            picked = choose(rng, pool, count)
            for path in picked:
                target = out / "docs" / file_name(path)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
            choice[kind] = sorted(file_name(path) for path in picked)
    (out / "choice.json").write_text(json.dumps(choice, indent=2) + "\n")
    print({kind: len(v) for kind, v in choice.items() if kind != "seed"})


if __name__ == "__main__":
    main()
