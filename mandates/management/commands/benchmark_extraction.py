"""`manage.py benchmark_extraction [--mb 10]`: extraction throughput on one core, next to a plain regex pass.

The fixture documents are repeated until the corpus holds at least --mb megabytes (of UTF-8), then every
copy runs through the full pipeline; the baseline is one `re.finditer` over the same texts.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from mandates.extraction import extract_text

BASELINE = re.compile(r"requests? the")


class Command(BaseCommand):
    help = "Measure extraction throughput (MB/s, documents/s) against a one-regex baseline."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("--mb", type=float, default=10.0, help="corpus size in megabytes (default 10)")
        parser.add_argument("--fixtures", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "seeds")

    def handle(self, *args, **options) -> None:
        seeds = [p.read_text(encoding="utf-8") for p in sorted(options["fixtures"].glob("*.txt"))]
        if not seeds:
            self.stderr.write("No fixture texts found.")
            return
        target = options["mb"] * 1_000_000
        corpus: list[str] = []
        size = 0
        while size < target:
            for text in seeds:
                corpus.append(text)
                size += len(text.encode("utf-8"))
                if size >= target:
                    break
        megabytes = size / 1_000_000

        started = time.perf_counter()
        hits = sum(1 for text in corpus for _ in BASELINE.finditer(text))
        baseline = time.perf_counter() - started

        started = time.perf_counter()
        mandates = sum(len(extract_text(text).mandates) for text in corpus)
        pipeline = time.perf_counter() - started

        self.stdout.write(f"corpus: {len(corpus)} documents, {megabytes:.1f} MB")
        self.stdout.write(
            f"baseline re.finditer(r'requests? the'): {baseline:.3f} s, {megabytes / baseline:.1f} MB/s, "
            f"{len(corpus) / baseline:.0f} documents/s ({hits} hits)"
        )
        self.stdout.write(
            f"extraction pipeline: {pipeline:.3f} s, {megabytes / pipeline:.2f} MB/s, "
            f"{len(corpus) / pipeline:.1f} documents/s ({mandates} mandates)"
        )
