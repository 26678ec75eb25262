"""Time ingestion of the fixture seeds into the configured database."""

from __future__ import annotations

import re
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from mandates.extraction.types import ExtractionResult, InstrumentRecord, MandateRecord, ParagraphRecord
from mandates.models import Document
from mandates.services import ingest

SEEDS = Path(settings.BASE_DIR) / "fixtures" / "seeds"


def synthetic_extract(text: str) -> ExtractionResult:
    """A stand-in for extract_text that measures storage only: one instrument, every "N. ..." line an
    operative paragraph, and one report mandate per paragraph that mentions a report."""
    paragraphs, mandates = [], []
    for order, match in enumerate(re.finditer(r"(?m)^(\d+)\.\s+(.+)$", text)):
        number, body = match.group(1), match.group(2)
        paragraphs.append(ParagraphRecord(number, "operative", body, match.start(), match.end(), order))
        if "report" in body.lower():
            mandates.append(
                MandateRecord(
                    instrument="Synthetic",
                    instrument_title="",
                    adopting_body="General Assembly",
                    paragraph=number,
                    category="report",
                    responsible_entity="Secretary-General",
                    delivered_to="General Assembly",
                    channel=None,
                    due_body="General Assembly",
                    due_session=80,
                    due_event=None,
                    recurrence=None,
                    subject=body[:200],
                    start=match.start(),
                    end=match.end(),
                    text=body,
                )
            )
    instrument = InstrumentRecord("Synthetic", "", "resolution", False, "General Assembly", paragraphs=paragraphs)
    return ExtractionResult(text=text, instruments=[instrument], mandates=mandates)


class Command(BaseCommand):
    help = (
        "Ingest fixtures/seeds/*.txt N times (each copy a distinct document) into the configured database "
        "and print the elapsed seconds and documents per second. The documents are deleted afterwards "
        "unless --keep. --synthetic swaps extract_text for a trivial stand-in to time reading and storage only."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--copies", type=int, default=4, help="How many copies of each seed (default 4).")
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark documents.")
        parser.add_argument("--synthetic", action="store_true", help="Use a stand-in extraction (storage only).")

    def handle(self, *args, copies: int, keep: bool, synthetic: bool, **options) -> None:
        seeds = sorted(SEEDS.glob("*.txt"))
        if not seeds:
            raise CommandError(f"no seeds in {SEEDS}")
        if copies < 1:
            raise CommandError("--copies must be at least 1")
        original = ingest.extract_text
        extract = synthetic_extract if synthetic else original
        extract_seconds = 0.0

        def timed_extract(text: str) -> ExtractionResult:
            nonlocal extract_seconds
            started = time.perf_counter()
            try:
                return extract(text)
            finally:
                extract_seconds += time.perf_counter() - started

        ingest.extract_text = timed_extract
        keys, mandates, failures = [], 0, []
        try:
            started = time.perf_counter()
            for copy in range(copies):
                for seed in seeds:
                    # A distinct key and content per copy, so every copy is a real "created" ingestion.
                    data = seed.read_bytes() + f"\n\nbenchmark copy {copy}\n".encode()
                    key = f"benchmark/{copy}/{seed.name}"
                    try:
                        # Every seed counts, as with `ingest --allow-no-resolutions`.
                        outcome = ingest.document_ingest(
                            data=data, filename=seed.name, source_key=key, require_operative=False
                        )
                    except Exception as exc:
                        failures.append(f"{seed.name}: {exc}")
                        continue
                    keys.append(key)
                    mandates += outcome.mandates_total
            elapsed = time.perf_counter() - started
        finally:
            ingest.extract_text = original
            if not keep:
                Document.objects.filter(source_key__startswith="benchmark/").delete()
        for failure in sorted(set(failures)):
            self.stderr.write(failure)
        if not keys:
            raise CommandError("nothing was ingested (is the extraction pipeline in place? try --synthetic)")
        n = len(keys)
        self.stdout.write(
            f"{connection.vendor}: {n} documents ({len(seeds)} seeds x {copies}), {mandates} mandates "
            f"in {elapsed:.2f} s = {n / elapsed:.1f} documents/s "
            f"(extraction {extract_seconds:.2f} s, reading and storing {elapsed - extract_seconds:.2f} s)"
            + (" [synthetic extraction]" if synthetic else "")
        )
