#!/usr/bin/env python3
"""Choose the documents of the blind gold set and split them, at random, into a development half and a
sealed half. Run once, before any rule is written against them; the choice is written to
fixtures/blind/split.json and the documents are copied next to it.

    python scripts/select_blind_set.py --corpus ../shared/corpus --out fixtures/blind

Kinds and how many (issue #8): ECOSOC resolutions (Akoma Ntoso XML), GA resolutions of 2023 that ask for
reports to bodies other than the Assembly (PDF text), GA decisions 2016-2022 with a request or a report,
and GA 75th-session resolutions (Akoma Ntoso XML). Each kind is split half and half.
"""

import argparse
import json
import random
import re
import shutil
import tarfile
import tempfile
from pathlib import Path

SEED = 20261201
OTHER_BODY = re.compile(
    r"(?:report|submit|present)[^.;]{0,200}(?:Human Rights Council|Economic and Social Council|Commission on|"
    r"Commission for|Conference of the Parties|Board|Forum|Committee on|Security Council)",
    re.S,
)
REQUEST = re.compile(r"\b(?:request|report)", re.I)


def unpack(corpus: Path, into: Path) -> None:
    for archive in sorted(corpus.glob("*.tar.xz")):
        with tarfile.open(archive, "r:xz") as tar:
            tar.extractall(into, filter="data")


def choose(rng, paths, count):
    paths = sorted(paths)
    return sorted(rng.sample(paths, min(count, len(paths))))


def split_halves(rng: random.Random, kinds: dict[str, list[Path]], out: Path, seed: int) -> dict:
    """Shuffle each kind and split it half and half into dev and sealed; copy the documents under `out` and write
    `out/split.json`. Returns the split."""
    split = {"seed": seed, "dev": {}, "sealed": {}}
    for kind, paths in kinds.items():
        shuffled = paths[:]
        rng.shuffle(shuffled)
        half = len(shuffled) // 2
        for name, part in (("dev", shuffled[:half]), ("sealed", shuffled[half:])):
            names = []
            for path in sorted(part):
                target = out / name / "docs" / path.name.replace(" ", "_")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
                names.append(target.name)
            split[name][kind] = names
    (out / "split.json").write_text(json.dumps(split, indent=2) + "\n")
    return split


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="../shared/corpus")
    ap.add_argument("--out", default="fixtures/blind")
    ap.add_argument("--exclude", default="fixtures/ga78/docs", help="documents already labelled")
    args = ap.parse_args()
    rng = random.Random(SEED)
    out = Path(args.out)
    already = {p.name for p in Path(args.exclude).glob("*")}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        unpack(Path(args.corpus), tmp)
        ga78 = [
            p
            for p in (tmp / "ga78-text").glob("*.txt")
            if p.name not in already and OTHER_BODY.search(p.read_text(encoding="utf-8"))
        ]
        decisions = [
            p for p in (tmp / "ga-decisions-71-76").glob("*.txt") if REQUEST.search(p.read_text(encoding="utf-8"))
        ]
        kinds = {
            "ecosoc": choose(rng, (tmp / "ecosoc2021" / "English").glob("*.xml"), 28),
            "ga78-other-bodies": choose(rng, ga78, 36),
            "ga-decisions": choose(rng, decisions, 20),
            "ga75-akn": choose(rng, (tmp / "ga75" / "English").glob("*.xml"), 18),
        }
        split = split_halves(rng, kinds, out, SEED)
    for name in ("dev", "sealed"):
        print(name, {kind: len(v) for kind, v in split[name].items()})


if __name__ == "__main__":
    main()
