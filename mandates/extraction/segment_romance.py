"""Segmentation of French and Spanish resolutions printed as text (PDF, Word, plain text): find each instrument by
its opening formula ("L’Assemblée générale,", "El Consejo Económico y Social,") and the heading and numbered title
above it, then its paragraphs as the English segmentation reads them.

How each language prints these lives in `vocab/<lang>/document.toml`. Akoma Ntoso XML does not come here: its
markup states the instruments (pipeline.segment_from_markup).
"""

from __future__ import annotations

import re

from mandates.extraction import romance
from mandates.extraction.context import Context
from mandates.extraction.printed import DocumentGrammar, document_grammar
from mandates.extraction.segment import (
    OPERATIVE,
    Line,
    _adopted_symbol,
    _paragraphs,
    _session_of,
)
from mandates.extraction.types import InstrumentRecord

# how far above the formula the heading and the numbered title may stand
HEADING_REACH = 8
# "75/106. Question du Sahara occidental", "2025/9. Fortalecimiento de ..." (the Council numbers by year)
TITLE = re.compile(r"(?P<num>\d{1,4}/\d{1,4})\.\s+(?P<title>\S.*)")


def formula_body(line: str, g: DocumentGrammar, language: str) -> str | None:
    """The canonical (English) body of an opening formula line, or None when the line is no formula."""
    m = g.formula.match(line.strip())
    if not m:
        return None
    printed = m.group(0).rstrip(" ,:")
    canonical = romance.adopting_body(printed, language)
    if canonical != printed:
        return canonical
    return printed if any(word in m.group("body") for word in g.body_words) else None


def segment_romance(ctx: Context, lines: list[Line]) -> None:
    """Writes: context.instruments (offsets into context.text)."""
    g = document_grammar(ctx.language)
    formulas: list[tuple[int, str]] = []
    for i, line in enumerate(lines[:-1]):
        text = line.text.strip()
        if len(text) > 200:
            continue
        following = lines[i + 1].text.strip()
        body = formula_body(text, g, ctx.language)
        if not body:
            continue
        # A known body's formula opens a text before any paragraph; a name that only reads like a body's, before a
        # preambular or an operative one; a formula printed without its comma, before the first operative one.
        known = body != text.rstrip(" ,:")
        if not text.endswith((",", ":")):
            opens = known and bool(OPERATIVE.match(following))
        else:
            opens = bool(g.preamble.match(following) or OPERATIVE.match(following)) or (
                known and following[:1].isupper()
            )
        if opens:
            formulas.append((i, body))
    starts = [_start_above(lines, i, formulas[k - 1][0] if k else -1, g) for k, (i, _) in enumerate(formulas)]
    for k, ((formula, body), first) in enumerate(zip(formulas, starts, strict=True)):
        limit = starts[k + 1] if k + 1 < len(starts) else len(lines)
        record = _instrument(ctx, lines, first, formula, limit, body, g)
        record.order = len(ctx.instruments)
        ctx.instruments.append(record)


def _start_above(lines: list[Line], formula: int, previous: int, g: DocumentGrammar) -> int:
    """The instrument's first line: its heading or numbered title above the formula, else the formula itself."""
    first = formula
    for j in range(formula - 1, max(formula - HEADING_REACH, previous), -1):
        text = lines[j].text.strip()
        if g.heading(text):
            return j
        if TITLE.fullmatch(text):
            first = j
    return first


def _instrument(
    ctx: Context, lines: list[Line], first: int, formula: int, limit: int, body: str, g: DocumentGrammar
) -> InstrumentRecord:
    above = [line.text.strip() for line in lines[first:formula]]
    heading = g.heading(above[0]) if above else None
    kind = g.kinds.get(heading.group("kind").lower(), "resolution") if heading else "resolution"
    is_draft = bool(heading and heading.re is g.draft) or bool(re.search(r"/L\.\d+", ctx.symbol))
    titled = next((m for text in above if (m := TITLE.fullmatch(text))), None)
    number = titled.group("num") if titled else ""
    title = titled.group("title").strip() if titled else " ".join(t for t in above[1:] if t)
    symbol = _adopted_symbol(number, ctx.symbol, body) if number else ("" if is_draft else ctx.symbol)
    if "/DEC/" in symbol:
        kind = "decision"
    if is_draft:
        roman = heading.group("roman") if heading and heading.re is g.draft else None
        label = f"Draft {kind}" + (f" {roman}" if roman else "")
    else:
        label = symbol or kind.capitalize()
    record = InstrumentRecord(
        label=label,
        title=title,
        kind=kind,
        is_draft=is_draft,
        adopting_body=body,
        symbol=symbol,
        session_number=_session_of(ctx, symbol),
        start=lines[first].start,
    )
    _paragraphs(record, lines, formula, formula, limit, printed=g.printed)
    return record
