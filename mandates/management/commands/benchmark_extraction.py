"""`manage.py benchmark_extraction [--mb 10] [--xml]`: extraction throughput on one core, next to a plain regex pass.

The fixture documents are repeated until the corpus holds at least --mb megabytes (of UTF-8), then every
copy runs through the full pipeline; the baseline is one `re.finditer` over the same texts.
`--xml` also times the English Akoma Ntoso files of fixtures/akn (GA75 and ECOSOC 2021) from their bytes:
parsing, laying out the text, and extraction from the markup, in MB of XML per second; `--xml-language fr` (or es)
times the French (Spanish) files instead, read by the French (Spanish) grammar.
"""

from __future__ import annotations

import re
import tarfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from mandates.extraction import extract_reading, extract_text
from mandates.extraction.readers import read_document

BASELINE = re.compile(r"requests? the")
FOLDERS = {"en": "English", "fr": "French", "es": "Spanish"}


class Command(BaseCommand):
    help = "Measure extraction throughput (MB/s, documents/s) against a one-regex baseline."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("--mb", type=float, default=10.0, help="corpus size in megabytes (default 10)")
        parser.add_argument("--fixtures", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "seeds")
        parser.add_argument("--xml", action="store_true", help="also time the English Akoma Ntoso XML of fixtures/akn")
        parser.add_argument(
            "--xml-language", choices=sorted(FOLDERS), default="en", help="which language's XML --xml times"
        )

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

        # CPU time of this process (one core), so other jobs on a shared machine do not count; wall time
        # is printed next to it.
        wall, cpu = time.perf_counter(), time.process_time()
        hits = sum(1 for text in corpus for _ in BASELINE.finditer(text))
        baseline_wall, baseline_cpu = time.perf_counter() - wall, time.process_time() - cpu

        wall, cpu = time.perf_counter(), time.process_time()
        mandates = sum(len(extract_text(text).mandates) for text in corpus)
        pipeline_wall, pipeline_cpu = time.perf_counter() - wall, time.process_time() - cpu

        self.stdout.write(f"corpus: {len(corpus)} documents, {megabytes:.1f} MB")
        self.stdout.write(
            f"baseline re.finditer(r'requests? the'): {baseline_cpu:.3f} s CPU ({baseline_wall:.3f} s wall), "
            f"{megabytes / baseline_cpu:.1f} MB/s, {len(corpus) / baseline_cpu:.0f} documents/s ({hits} hits)"
        )
        self.stdout.write(
            f"extraction pipeline: {pipeline_cpu:.3f} s CPU ({pipeline_wall:.3f} s wall), "
            f"{megabytes / pipeline_cpu:.2f} MB/s ({megabytes / pipeline_wall:.2f} MB/s wall), "
            f"{len(corpus) / pipeline_cpu:.1f} documents/s ({mandates} mandates)"
        )
        if options["xml"]:
            self._xml(Path(settings.BASE_DIR) / "fixtures" / "akn", options["xml_language"])

    def _xml(self, folder: Path, language: str) -> None:
        files = []
        for archive in sorted(folder.glob("*.tar.xz")):
            with tarfile.open(archive, "r:xz") as tar:
                for member in tar.getmembers():
                    if member.isfile() and f"/{FOLDERS[language]}/" in member.name and member.name.endswith(".xml"):
                        files.append((Path(member.name).name, tar.extractfile(member).read()))
        megabytes = sum(len(data) for _, data in files) / 1_000_000
        wall, cpu = time.perf_counter(), time.process_time()
        readings = [read_document(data, name) for name, data in files]
        read_cpu = time.process_time() - cpu
        mandates = sum(len(extract_reading(reading).mandates) for reading in readings)
        xml_wall, xml_cpu = time.perf_counter() - wall, time.process_time() - cpu
        derived = sum(len(r.text.encode("utf-8")) for r in readings) / 1_000_000
        self.stdout.write(
            f"Akoma Ntoso XML ({FOLDERS[language]}): {len(files)} documents, {megabytes:.1f} MB of XML ({derived:.1f} MB of derived text): "
            f"{xml_cpu:.3f} s CPU ({xml_wall:.3f} s wall, {read_cpu:.3f} s CPU of it parsing and layout), "
            f"{megabytes / xml_cpu:.2f} MB/s of XML, {len(files) / xml_cpu:.1f} documents/s ({mandates} mandates)"
        )
