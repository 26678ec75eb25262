"""Reviewed documents as evaluation data, in the gold schema (fixtures/gold/SCHEMA.md).

Staff decisions become labels: for each reviewed document, its stored text (the text every offset refers
to) and one gold object per tracked mandate (confident ones staff let stand, confirmed and corrected
candidates, with the corrected values); rejected mandates and candidates still waiting are left out.
Used by `manage.py export_gold`; reads only.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import Exists, OuterRef, Prefetch

from mandates.models import Document, Mandate, ReviewDecision

QUOTE_MIN, QUOTE_MAX = 40, 200  # the schema's quote length
MUST_FIND_CATEGORIES = (Mandate.Category.REPORT, Mandate.Category.INFORMATION, Mandate.Category.ORAL)


def reviewed_documents(*, include_unreviewed: bool = False):
    """Documents a person has reviewed (at least one decision) and with no candidate still waiting.

    `include_unreviewed` adds every other document with instruments (its tracked mandates as labels).
    """
    decided = ReviewDecision.objects.filter(mandate__instrument__document=OuterRef("pk")).exclude(
        action=ReviewDecision.Action.EXTRACTED
    )
    waiting = Mandate.all_objects.candidates().filter(instrument__document=OuterRef("pk"))
    qs = Document.objects.annotate(decided=Exists(decided), waiting=Exists(waiting)).filter(waiting=False)
    if not include_unreviewed:
        qs = qs.filter(decided=True)
    tracked = Mandate.objects.select_related(
        "responsible_entity", "delivered_to", "channel", "due_body", "instrument__adopting_body"
    ).prefetch_related(
        Prefetch("review_decisions", queryset=ReviewDecision.objects.select_related("decided_by").order_by("id"))
    )
    return (
        qs.filter(instruments__isnull=False)
        .distinct()
        .prefetch_related(Prefetch("instruments__mandates", queryset=tracked.order_by("source_start", "id")))
        .order_by("id")
    )


def clause_span(text: str, mandate: Mandate) -> tuple[int, int] | None:
    """Where the mandate's clause is in `text`: its offsets when they hold the clause, else its first
    occurrence; None when the text does not hold it."""
    s, e = mandate.source_start, mandate.source_end
    if 0 <= s < e <= len(text) and (not mandate.source_text or text[s:e] == mandate.source_text):
        return s, e
    if mandate.source_text and (at := text.find(mandate.source_text)) >= 0:
        return at, at + len(mandate.source_text)
    return None


def quote_for(text: str, start: int, end: int) -> str:
    """A 40-200 character exact substring that overlaps the clause [start, end) and occurs first at its own
    position, so a scorer that finds the quote with text.find() lands on this clause and not on an
    identical clause earlier in the document (common across resolutions of one report)."""
    windows = []
    head_end = min(end, start + QUOTE_MAX)
    if head_end - start < QUOTE_MIN:  # a short clause: widen it around itself
        head_end = min(len(text), start + QUOTE_MIN)
    windows.append((start, head_end))
    # Reaching back into the paragraph number and the text before the clause makes it unique.
    for back in range(10, QUOTE_MAX, 10):
        a = max(0, start - back)
        windows.append((a, min(len(text), a + QUOTE_MAX)))
    # Later stretches of a long clause.
    for offset in range(20, max(0, end - start - QUOTE_MIN), 20):
        windows.append((start + offset, min(end, start + offset + QUOTE_MAX)))
    for a, b in windows:
        if b - a >= min(QUOTE_MIN, len(text)) and text.find(text[a:b]) == a:
            return text[a:b]
    a, b = windows[0]
    return text[a:b]


def _name(obj) -> str | None:
    return obj.name if obj is not None else None


def must_find(mandate: Mandate) -> bool:
    """The schema's rule: report, information and oral clauses that name a body and a deadline."""
    has_body = bool(mandate.delivered_to_id or mandate.due_body_id)
    has_deadline = bool(mandate.due_session_number or mandate.due_event or mandate.recurrence)
    return mandate.category in MUST_FIND_CATEGORIES and has_body and has_deadline


def _fields(mandate: Mandate) -> dict:
    instrument = mandate.instrument
    return {
        "instrument": instrument.label,
        "instrument_title": instrument.title,
        "adopting_body": _name(instrument.adopting_body) or "",
        "paragraph": mandate.paragraph_label,
        "category": mandate.category,
        "responsible_entity": mandate.responsible_entity.name,
        "delivered_to": _name(mandate.delivered_to),
        "channel": _name(mandate.channel),
        "due_body": _name(mandate.due_body),
        "due_session": mandate.due_session_number,
        "due_event": mandate.due_event or None,
        "recurrence": mandate.recurrence or None,
        "subject": mandate.subject,
    }


def _note(mandate: Mandate) -> str:
    people = [d for d in mandate.review_decisions.all() if d.action != ReviewDecision.Action.EXTRACTED]
    if not people:
        return "extracted with confidence; left as it was in review"
    last = people[-1]
    note = f"{last.get_action_display().lower()} by {last.decided_by or 'unknown'} on {last.decided_at:%Y-%m-%d}"
    corrected = sorted({name for d in people for name in d.changes})
    return note + (f" (corrected: {', '.join(corrected)})" if corrected else "")


def gold_label(text: str, mandate: Mandate) -> dict | None:
    span = clause_span(text, mandate)
    if span is None:
        return None
    return {
        **_fields(mandate),
        "quote": quote_for(text, *span),
        "must_find": must_find(mandate),
        "note": _note(mandate),
    }


def prediction(text: str, mandate: Mandate) -> dict | None:
    """The stored mandate as an extractor's output (fields plus offsets), for scoring against the gold."""
    span = clause_span(text, mandate)
    if span is None:
        return None
    return {**_fields(mandate), "start": span[0], "end": span[1], "text": text[span[0] : span[1]], "review": False}


def file_stem(document: Document, taken: set[str]) -> str:
    """A safe, unique file name for the document: its file name without extension, else its symbol."""
    raw = Path(document.filename).stem or document.symbol or f"document-{document.pk}"
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", raw).strip("._") or f"document-{document.pk}"
    if stem in taken:
        stem = f"{stem}-{document.pk}"
    taken.add(stem)
    return stem


@dataclass
class GoldExport:
    documents: int = 0
    labels: int = 0
    lines: list[str] = field(default_factory=list)


def export_gold(directory: Path, *, include_unreviewed: bool = False, predictions: bool = False) -> GoldExport:
    """Write DIR/docs/<name>.txt and DIR/gold/<name>.txt.json for each reviewed document (and, with
    `predictions`, DIR/pred/<name>.txt.json: the stored mandates as predictions, which score 1.0)."""
    result = GoldExport()
    folders = {"docs": directory / "docs", "gold": directory / "gold"}
    if predictions:
        folders["pred"] = directory / "pred"
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    for document in reviewed_documents(include_unreviewed=include_unreviewed):
        text = document.text
        if "\r" in text:  # the scorer reads with universal newlines: offsets would not hold
            result.lines.append(f"{document}: skipped (its text holds carriage returns)")
            continue
        name = f"{file_stem(document, taken)}.txt"
        mandates = [m for inst in document.instruments.all() for m in inst.mandates.all()]
        labels, preds, missing = [], [], 0
        for mandate in mandates:
            label = gold_label(text, mandate)
            if label is None:
                missing += 1
                continue
            labels.append(label)
            preds.append(prediction(text, mandate))
        (folders["docs"] / name).write_text(text, encoding="utf-8", newline="")
        _write_json(folders["gold"] / f"{name}.json", labels)
        if predictions:
            _write_json(folders["pred"] / f"{name}.json", preds)
        result.documents += 1
        result.labels += len(labels)
        line = f"{name}: {len(labels)} mandate{'s' if len(labels) != 1 else ''}"
        if missing:
            line += f" ({missing} left out: clause not found in the stored text)"
        result.lines.append(line)
    return result


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
