#!/usr/bin/env python3
"""Share of extracted mandates that carry no session, event or recurrence (issue #8), over a folder of texts.

    python scripts/deadline_share.py /tmp/corpus/ga78-text [--list]

Prints the totals; --list also prints every mandate without a deadline (document, paragraph, clause), to read what
the grammar misses. Review candidates ("review": true) are counted apart: a candidate says why it has no deadline.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mandates.extraction import ExtractionError, extract_text  # noqa: E402


def undated(m) -> bool:
    return not (m.due_session or m.due_event or m.recurrence)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder", type=Path)
    ap.add_argument("--list", action="store_true", help="print every mandate without a deadline")
    args = ap.parse_args()
    docs = total = none = candidates = 0
    for path in sorted(args.folder.glob("*.txt")):
        try:
            result = extract_text(path.read_text(encoding="utf-8", errors="replace"))
        except ExtractionError:
            continue
        docs += 1
        for m in result.mandates:
            if m.review:
                candidates += 1
                continue
            total += 1
            if undated(m):
                none += 1
                if args.list:
                    clause = " ".join(m.text.split())[:160]
                    print(
                        f"{path.name} p{m.paragraph} {m.category} {m.responsible_entity} -> {m.delivered_to}: {clause}"
                    )
    share = none / total if total else 0.0
    print(f"{docs} documents, {total} confident mandates, {none} without session, event or recurrence ({share:.1%})")
    print(f"review candidates: {candidates}")


if __name__ == "__main__":
    main()
