"""The `extract` and `benchmark_extraction` commands: no database needed."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "seeds" / "001_1d6fc8e741c411a9.txt"


def test_extract_prints_json_with_schema_fields_and_offsets():
    out = StringIO()
    call_command("extract", str(SEED), "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    text = SEED.read_text(encoding="utf-8")
    assert rows, "the seed holds at least one mandate"
    for row in rows:
        assert {
            "instrument",
            "paragraph",
            "category",
            "responsible_entity",
            "delivered_to",
            "channel",
            "due_body",
            "due_session",
            "due_event",
            "recurrence",
            "subject",
            "start",
            "end",
            "text",
        } <= set(row)
        assert text[row["start"] : row["end"]] == row["text"]
    assert any(r["due_session"] == 77 and r["responsible_entity"] == "Secretary-General" for r in rows)


def test_extract_reads_cp1252_files(tmp_path):
    doc = tmp_path / "draft.txt"
    doc.write_bytes(
        "The General Assembly,\n\nRecalling its resolution 70/1 \u2013 the \u201cAgenda\u201d,\n\n1. Requests the "
        "Secretary-General to submit to the General Assembly at its eightieth session a report.\n".encode("cp1252")
    )
    out = StringIO()
    call_command("extract", str(doc), "--format", "text", stdout=out)
    assert "Secretary-General" in out.getvalue()
    assert "1 mandates" in out.getvalue()


def test_benchmark_reports_throughput():
    out = StringIO()
    call_command("benchmark_extraction", "--mb", "0.5", stdout=out)
    assert "MB/s" in out.getvalue()
