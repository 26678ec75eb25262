#!/usr/bin/env python3
"""How many documents of a folder ingest would refuse, and how many give no instrument or no mandate.

    .venv/bin/python scripts/corpus_coverage.py /tmp/corpus/ga78-text [more folders or files] [--list]

Reads each file as `ingest` does (readers.read_path), extracts, and applies the ingest service's refusal
rule (`services.ingest.refusal_reason`); nothing is stored. Prints one line per folder:
files, refused, no instruments, no operative paragraphs, no mandates, mandates; --list names the files.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")


def main() -> None:
    import django

    django.setup()
    from mandates.extraction import extract_text
    from mandates.extraction.readers import ReadError, read_path
    from mandates.services.ingest import refusal_reason

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--list", action="store_true", help="name the files in each group")
    args = parser.parse_args()
    for raw in args.paths:
        root = Path(raw)
        files = sorted(p for p in root.iterdir() if p.is_file()) if root.is_dir() else [root]
        groups: dict[str, list[str]] = {
            "refused": [],
            "unreadable": [],
            "no instruments": [],
            "no operative paragraphs": [],
            "no mandates": [],
        }
        mandates = 0
        for path in files:
            try:
                text, _ = read_path(path)
            except ReadError as exc:
                groups["unreadable"].append(f"{path.name} ({exc})")
                continue
            result = extract_text(text)
            mandates += len(result.mandates)
            reason = refusal_reason(result)
            if reason:
                groups["refused"].append(f"{path.name} ({reason})")
            if not result.instruments:
                groups["no instruments"].append(path.name)
            if not any(p.kind == "operative" for i in result.instruments for p in i.paragraphs):
                groups["no operative paragraphs"].append(path.name)
            if not result.mandates:
                groups["no mandates"].append(path.name)
        counts = ", ".join(f"{len(names)} {group}" for group, names in groups.items())
        print(f"{raw}: {len(files)} files: {counts}; {mandates} mandates")
        if args.list:
            for group, names in groups.items():
                if names and group != "no mandates":
                    more = f" ... ({len(names) - 20} more)" if len(names) > 20 else ""
                    print(f"  {group}: {', '.join(names[:20])}{more}")


if __name__ == "__main__":
    main()
