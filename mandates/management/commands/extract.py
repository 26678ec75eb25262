"""`manage.py extract FILE`: run the extraction pipeline on one document and print its mandates.

No database: the command only reads the file and prints, so it works before `migrate`.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from mandates.extraction import ExtractionError, extract_reading
from mandates.extraction.readers import read_document_path

TABLE_FIELDS = (
    "instrument",
    "paragraph",
    "category",
    "responsible_entity",
    "delivered_to",
    "due_body",
    "due_session",
    "due_event",
    "recurrence",
    "review",
)


class Command(BaseCommand):
    help = "Extract reporting mandates from a UN document and print them (JSON or a table)."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--format", choices=("json", "text"), default="text")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        try:
            # Through the readers: PDF, Word, HTML, text, and Akoma Ntoso XML with its markup.
            result = extract_reading(read_document_path(path))
        except (ExtractionError, UnicodeDecodeError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        rows = [m.to_json() for m in result.mandates]
        if options["format"] == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1))
            return
        widths = {
            f: max([len(f)] + [len(str(r[f] if f != "review" else r["review_reason"])) for r in rows])
            for f in TABLE_FIELDS
        }
        widths = {f: min(w, 40) for f, w in widths.items()}
        self.stdout.write("  ".join(f.ljust(widths[f]) for f in TABLE_FIELDS))
        for row in rows:
            cells = {**row, "review": row["review_reason"] if row["review"] else ""}
            self.stdout.write(
                "  ".join(str(cells[f] if cells[f] is not None else "-")[:40].ljust(widths[f]) for f in TABLE_FIELDS)
            )
        review = sum(bool(row["review"]) for row in rows)
        self.stdout.write(
            f"{len(rows) - review} mandates, {review} review candidates in {len(result.instruments)} instruments."
        )
