#!/usr/bin/env python3
"""Build the open corpus: the unpacked `../shared/corpus` with every sealed document left out, in every language.

Rules are written by reading extraction output over the open corpus; a sealed document (any file under
`fixtures/*/sealed/docs`) must not be read, nor its French, Spanish or English version. The open corpus is a folder
of symbolic links, so it costs no disk.

Usage: open_corpus.py [--corpus /tmp/corpus] [--out /tmp/corpus-open]
(unpack first: `mkdir -p /tmp/corpus && for f in ../shared/corpus/*.tar.xz; do tar xJf $f -C /tmp/corpus; done`)
"""

import argparse
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def resolution_key(file_name: str) -> str:
    """The resolution a file holds, whatever its language and source: `75_148_E.xml`, `A_RES_75_148-2101234F.xml`
    and `A_RES_75_148.txt` give `75_148`; `E_RES_2021_12-2107774E.xml` gives `E_RES_2021_12`."""
    stem = re.sub(r"\.(?:xml|txt)$", "", file_name)
    stem = re.sub(r"-\d{7}[EFS]$", "", stem)  # the UN job number and language letter
    stem = re.sub(r"_[EFS]$", "", stem)
    return stem.replace("A_RES_", "").replace(" ", "_")


def sealed_keys() -> set[str]:
    return {resolution_key(p.name) for p in ROOT.glob("fixtures/*/sealed/docs/*")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/corpus"))
    ap.add_argument("--out", type=Path, default=Path("/tmp/corpus-open"))
    args = ap.parse_args()
    sealed = sealed_keys()
    kept = left_out = 0
    for source in sorted(args.corpus.rglob("*")):
        if not source.is_file() or source.suffix not in (".xml", ".txt"):
            continue
        if resolution_key(source.name) in sealed:
            left_out += 1
            continue
        target = args.out / source.relative_to(args.corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.symlink_to(source.resolve())
        kept += 1
    print(f"{len(sealed)} sealed resolutions; {kept} open files in {args.out}; {left_out} sealed files left out")


if __name__ == "__main__":
    main()
