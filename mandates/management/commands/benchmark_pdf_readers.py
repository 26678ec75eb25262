"""`manage.py benchmark_pdf_readers [FOLDER ...]`: PDF text libraries side by side, time and extraction scores.

Each PDF is read by each library (readers.PDF_ENGINES, plus pdfminer.six when it is importable; it is not a
dependency). Per library: CPU seconds per PDF (mean, median, max), files it rejects, and the extraction on its
text against the gold labels of the same stem (fixtures/ga78/gold/<stem>.txt.json). Gold quotes are substrings
of pypdf's text only, so mandates are compared by key, (paragraph, responsible entity, due body, due session),
as multisets: must-find recall, precision and F1 on keys, and agreement with the mandates of pypdf's text.
"""

from __future__ import annotations

import io
import json
import statistics
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from mandates.extraction import extract_text
from mandates.extraction.readers import PAGE_BREAK, PDF_ENGINES, normalize_text


def _pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text as pdfminer_text

    pages = pdfminer_text(io.BytesIO(data)).split("\f")
    return PAGE_BREAK.join(normalize_text(p).strip("\n") for p in pages if p.strip())


def _key(record) -> tuple:
    get = record.get if isinstance(record, dict) else lambda f: getattr(record, f)
    return (str(get("paragraph")).replace(" ", ""), get("responsible_entity"), get("due_body"), get("due_session"))


class Command(BaseCommand):
    help = "Compare PDF text libraries: CPU time per PDF and extraction scores on the gold set."
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("folders", nargs="*", type=Path, help="folders of PDFs (default: fixtures/pdf)")
        parser.add_argument("--gold", type=Path, default=Path(settings.BASE_DIR) / "fixtures" / "ga78" / "gold")

    def handle(self, *args, folders: list[Path], gold: Path, **options) -> None:
        folders = folders or [Path(settings.BASE_DIR) / "fixtures" / "pdf"]
        pdfs = sorted(p for folder in folders for p in folder.glob("*.pdf"))
        engines = dict(PDF_ENGINES)
        try:
            import pdfminer  # noqa: F401

            engines["pdfminer.six"] = _pdfminer
        except ImportError:
            self.stdout.write("pdfminer.six not installed: skipped")
        labels = {}
        for path in pdfs:
            gold_file = gold / f"{path.stem}.txt.json"
            if gold_file.exists():
                labels[path.name] = json.loads(gold_file.read_text(encoding="utf-8"))
        keys: dict[str, dict[str, Counter]] = {}
        self.stdout.write(f"{len(pdfs)} PDFs, {len(labels)} with gold labels")
        self.stdout.write("library | s/PDF mean | median | max | rejected | must-find R | key P | key F1 | agree")
        rows: list[tuple[str, str]] = []
        for name, read in engines.items():
            times, rejected, keys[name] = [], 0, {}
            for path in pdfs:
                data = path.read_bytes()
                start = time.process_time()
                try:
                    text = read(data)
                except Exception:
                    rejected += 1
                    continue
                times.append(time.process_time() - start)
                result = extract_text(text)
                keys[name][path.name] = Counter(_key(m) for m in result.mandates if not getattr(m, "review", False))
            tp = pred = must = must_found = 0
            for doc, gold_records in labels.items():
                got = keys[name].get(doc, Counter())
                expected = Counter(_key(g) for g in gold_records)
                must_keys = Counter(_key(g) for g in gold_records if g.get("must_find"))
                tp += sum((got & expected).values())
                pred += sum(got.values())
                must += sum(must_keys.values())
                must_found += sum((got & must_keys).values())
            precision = tp / pred if pred else 0.0
            recall = must_found / must if must else 0.0
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
            rows.append(
                (
                    name,
                    f"{name} | {statistics.mean(times):.3f} | {statistics.median(times):.3f} | {max(times):.3f} | "
                    f"{rejected} | {recall:.3f} | {precision:.3f} | {f1:.3f} | ",
                )
            )
        base = keys.get("pypdf", {})
        for name, row in rows:
            agree = sum(1 for doc in base if keys[name].get(doc) == base[doc])
            differ = sorted(doc for doc in base if keys[name].get(doc) != base[doc])
            note = "reference" if name == "pypdf" else f"{agree}/{len(base)} PDFs same mandates as pypdf"
            self.stdout.write(row + note + (f" (differ: {', '.join(differ)})" if differ and name != "pypdf" else ""))
