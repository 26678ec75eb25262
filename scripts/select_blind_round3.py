#!/usr/bin/env python3
"""Choose a third, fresh blind gold set (round 3) and split it at random into a development half and a sealed
half. Run once, before any rule of the round is written; the choice is written to fixtures/blind3/split.json and
the documents are copied next to it.

    python scripts/select_blind_round3.py --corpus ../shared/corpus --out fixtures/blind3

As in round 2, every resolution already in fixtures/ (in any language) is left out, so that no text whose rules
were tuned is drawn again. This round weighs English toward the Akoma Ntoso resolutions, whose sealed recall was the
weakest of round 1.
"""

import argparse
import random
import tempfile
from pathlib import Path

from select_blind_round2 import REPORTING, ROMANCE_REPORTING, fresh, key, used_keys
from select_blind_set import REQUEST, choose, split_halves, unpack

SEED = 20261208
COUNTS = {"ga78": 12, "ga75-akn": 10, "ecosoc": 4, "ga-decisions": 2, "ga75-fr-es": 4}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--out", default="fixtures/blind3")
    ap.add_argument("--fixtures", default="fixtures")
    args = ap.parse_args()
    rng = random.Random(SEED)
    used = used_keys(Path(args.fixtures))
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        unpack(Path(args.corpus), tmp)
        kinds = {
            "ga78": choose(rng, fresh((tmp / "ga78-text").glob("*.txt"), used, REPORTING), COUNTS["ga78"]),
            "ga75-akn": choose(
                rng, fresh((tmp / "ga75" / "English").glob("*.xml"), used, REPORTING), COUNTS["ga75-akn"]
            ),
            "ecosoc": choose(
                rng, fresh((tmp / "ecosoc2021" / "English").glob("*.xml"), used, REPORTING), COUNTS["ecosoc"]
            ),
            "ga-decisions": choose(
                rng, fresh((tmp / "ga-decisions-71-76").glob("*.txt"), used, REQUEST), COUNTS["ga-decisions"]
            ),
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
        picked = choose(rng, list(by_key), COUNTS["ga75-fr-es"])
        kinds["ga75-fr-es"] = sorted(rng.choice(sorted(by_key[k])) for k in picked)
        split = split_halves(rng, kinds, Path(args.out), SEED)
    for name in ("dev", "sealed"):
        print(name, {kind: len(v) for kind, v in split[name].items()})


if __name__ == "__main__":
    main()
