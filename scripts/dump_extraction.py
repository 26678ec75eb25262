#!/usr/bin/env python3
"""Dump what `manage.py extract FILE --format json` prints, for many files in one process, to check that a speed-up
changes no output: run it before and after, then `diff -r BEFORE AFTER`.

Usage: dump_extraction.py OUT_DIR [FILE_OR_DIR ...] [--files LIST]
Defaults: fixtures/seeds, fixtures/ga78/docs, fixtures/blind/dev/docs, fixtures/otherbodies/docs and the first 100
texts of /tmp/corpus-open/ga78-text (the open corpus: no sealed document). `--files LIST`: the files named in LIST, one
path a line, instead (never a fixtures/*/sealed/ one). Beside each file's mandates (NAME.json, as `extract` prints
them) goes NAME.extra.json: symbol, title, language, and each instrument's span and paragraphs.
"""

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mandates.extraction import extract_reading  # noqa: E402
from mandates.extraction.readers import read_document_path  # noqa: E402

DEFAULT = ["fixtures/seeds", "fixtures/ga78/docs", "fixtures/blind/dev/docs", "fixtures/otherbodies/docs"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--files", type=Path, help="a list of files, one path a line")
    args = ap.parse_args()
    files: list[Path] = []
    entries = args.files.read_text().splitlines() if args.files else args.paths or DEFAULT
    for entry in filter(None, entries):
        path = Path(entry) if Path(entry).is_absolute() else ROOT / entry
        files += sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    if not args.paths and not args.files:
        files += sorted(Path("/tmp/corpus-open/ga78-text").glob("*.txt"))[:100]
    if any("sealed" in p.parts for p in files):
        raise SystemExit("refusing to read a sealed folder")
    args.out.mkdir(parents=True, exist_ok=True)
    for path in files:
        result = extract_reading(read_document_path(path))
        name = str(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path).replace("/", "_")
        rows = [m.to_json() for m in result.mandates]
        extra = {
            "symbol": result.symbol,
            "title": result.title,
            "language": result.language,
            "instruments": [
                [i.label, i.start, i.end, i.adopting_body, [[p.number, p.kind, p.start, p.end] for p in i.paragraphs]]
                for i in result.instruments
            ],
        }
        (args.out / f"{name}.json").write_text(json.dumps(rows, ensure_ascii=False, indent=1))
        (args.out / f"{name}.extra.json").write_text(json.dumps(extra, ensure_ascii=False, indent=1, default=str))
    print(f"{len(files)} files -> {args.out}")


if __name__ == "__main__":
    main()
