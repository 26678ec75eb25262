#!/usr/bin/env python3
"""Choose a second, fresh blind gold set (round 2) and split it at random into a development half and a
sealed half. Run once, before any rule of the round is written; the choice is written to
fixtures/blind2/split.json and the documents are copied next to it.

    python scripts/select_blind_round2.py --corpus ../shared/corpus --out fixtures/blind2

Round 1 (fixtures/blind, fixtures/i18n) was scored sealed at the end of its round; a new round needs documents
nobody on the team has read. Every resolution already in fixtures/ (in any language) is left out, so that no
text whose rules were tuned is drawn again. Unlike round 1, the GA 2023 texts are drawn from all resolutions
(not only those naming another body), as a secretariat receives them.
"""

import argparse
import random
import re
import tempfile
from pathlib import Path

from select_blind_set import REQUEST, choose, split_halves, unpack

SEED = 20261207
# "75_270_F.xml", "A_RES_78_103.txt", "E_RES_2021_10-2107771E.xml", "74_554._.txt" -> one key per resolution
KEY = re.compile(r"^(?:A_RES_)?(E_RES_\d{4}_\d+|\d{2}_[\dA-Z-]+?)(?:[_-]\w*)?(?:\.\w+)*$")
REPORTING = re.compile(r"\b(?:report|submit|inform|brief)", re.I)
ROMANCE_REPORTING = re.compile(r"\b(?:rapport|informe)", re.I)


def key(name: str) -> str:
    match = KEY.match(name.replace(" ", "_"))
    return match.group(1) if match else name


def used_keys(fixtures: Path) -> set[str]:
    return {key(p.name) for p in fixtures.rglob("*") if p.is_file() and p.suffix in {".txt", ".xml", ".pdf"}}


def fresh(paths, used, pattern):
    return [p for p in paths if key(p.name) not in used and pattern.search(p.read_text(encoding="utf-8"))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--out", default="fixtures/blind2")
    ap.add_argument("--fixtures", default="fixtures")
    args = ap.parse_args()
    rng = random.Random(SEED)
    out = Path(args.out)
    used = used_keys(Path(args.fixtures))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        unpack(Path(args.corpus), tmp)
        kinds = {
            "ga78": choose(rng, fresh((tmp / "ga78-text").glob("*.txt"), used, REPORTING), 24),
            "ga75-akn": choose(rng, fresh((tmp / "ga75" / "English").glob("*.xml"), used, REPORTING), 16),
            "ecosoc": choose(rng, fresh((tmp / "ecosoc2021" / "English").glob("*.xml"), used, REPORTING), 4),
            "ga-decisions": choose(rng, fresh((tmp / "ga-decisions-71-76").glob("*.txt"), used, REQUEST), 8),
        }
        # French and Spanish: other resolutions again, one language each, so no key is read twice
        romance_pool = fresh(
            [*(tmp / "ga75" / "French").glob("*.xml"), *(tmp / "ga75" / "Spanish").glob("*.xml")],
            used | {key(p.name) for paths in kinds.values() for p in paths},
            ROMANCE_REPORTING,
        )
        by_key = {}
        for path in sorted(romance_pool):
            by_key.setdefault(key(path.name), []).append(path)
        picked = choose(rng, list(by_key), 16)
        kinds["ga75-fr-es"] = sorted(rng.choice(sorted(by_key[k])) for k in picked)
        split = split_halves(rng, kinds, out, SEED)
    for name in ("dev", "sealed"):
        print(name, {kind: len(v) for kind, v in split[name].items()})


if __name__ == "__main__":
    main()
