#!/usr/bin/env python3
"""Choose a second French and Spanish blind set (issue #12) and split it at random into a development half and a
sealed half. Run once, before any rule of the round is written; the choice is written to fixtures/i18n2/split.json
and the documents are copied next to it.

    python scripts/select_i18n_round2.py --corpus ../shared/corpus --out fixtures/i18n2

Every resolution already in fixtures/ (in any language) is left out. Half of the draw is French, half Spanish, one
language per resolution, from the General Assembly's 75th session (no ECOSOC 2021 resolution is left fresh). Caveat: earlier rounds read
the cross-language agreement over the open corpus, which holds these files; they are fresh to this round's rules, not
to every rule ever written (docs/extraction.md says so beside the scores).
"""

import argparse
import random
import tempfile
from pathlib import Path

from open_corpus import resolution_key
from select_blind_round2 import ROMANCE_REPORTING
from select_blind_set import choose, split_halves, unpack

SEED = 20261209
# ECOSOC 2021 has no fresh French or Spanish resolution left (all 32 are in fixtures in some language)
COUNTS = {"ga75-fr": 12, "ga75-es": 12}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--out", default="fixtures/i18n2")
    ap.add_argument("--fixtures", default="fixtures")
    args = ap.parse_args()
    rng = random.Random(SEED)
    # resolution_key reads every naming of the corpus (75_148_F.xml, A_RES_75_148-2101234F.xml, E_RES_2021_2_B-...)
    used = {resolution_key(p.name) for p in Path(args.fixtures).rglob("*") if p.suffix in {".txt", ".xml", ".pdf"}}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        unpack(Path(args.corpus), tmp)
        kinds = {}
        for kind, folder, language in (
            ("ga75-fr", "ga75", "French"),
            ("ga75-es", "ga75", "Spanish"),
        ):
            # one language per resolution: a key drawn in French is not drawn again in Spanish
            taken = used | {resolution_key(p.name) for paths in kinds.values() for p in paths}
            pool = [
                path
                for path in sorted((tmp / folder / language).glob("*.xml"))
                if resolution_key(path.name) not in taken and ROMANCE_REPORTING.search(path.read_text(encoding="utf-8"))
            ]
            kinds[kind] = choose(rng, pool, COUNTS[kind])
        split = split_halves(rng, kinds, Path(args.out), SEED)
    for name in ("dev", "sealed"):
        print(name, {kind: len(v) for kind, v in split[name].items()})


if __name__ == "__main__":
    main()
