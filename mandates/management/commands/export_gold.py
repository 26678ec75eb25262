"""Write reviewed documents and the staff's decisions as gold labels (fixtures/gold/SCHEMA.md)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from mandates.gold import export_gold


class Command(BaseCommand):
    help = (
        "Write DIR/docs/<name>.txt (the stored text offsets refer to) and DIR/gold/<name>.txt.json (the tracked "
        "mandates: confirmed and corrected, rejected ones left out) for every reviewed document: one with at "
        "least one review decision and no candidate still waiting. Score an extractor against it with "
        "scripts/score_extraction.py --gold DIR/gold --docs DIR/docs."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("directory", metavar="DIR")
        parser.add_argument(
            "--all", action="store_true", help="Also documents nobody reviewed (their tracked mandates as labels)."
        )
        parser.add_argument(
            "--predictions",
            action="store_true",
            help="Also write DIR/pred/<name>.txt.json: the stored mandates as predictions (a self-check: 1.0).",
        )

    def handle(self, *args, directory: str, all: bool, predictions: bool, **options) -> None:
        result = export_gold(Path(directory), include_unreviewed=all, predictions=predictions)
        for line in result.lines:
            self.stdout.write(line)
        self.stdout.write(
            f"{result.documents} document{'s' if result.documents != 1 else ''}, {result.labels} mandates "
            f"written to {directory}"
        )
