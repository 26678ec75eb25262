"""What a resolution says about its predecessors (issue #13). Plain Python, no Django.

- `recalled_symbols(paragraphs)`: the resolutions of the same body a preamble recalls ("Recalling its
  resolution 75/124 of 11 December 2020", "its resolutions 74/1 and 75/2"), each with the paragraph as evidence.
- `title_similarity(a, b)`: how alike two titles are, 0-100 (rapidfuzz), after dropping what always differs
  between renewals (years, session ordinals).
- `taken_note_reports(paragraphs, text)`: operative paragraphs that take note of a report, with the symbol the
  paragraph's footnote gives ("Takes note of the report of the Secretary-General;9" ... "9 A/78/360.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

NUMBER = r"\d{1,3}/\d{1,4}(?:\s?[A-H](?![\w/]))?"
# "its resolution 75/124", "its resolutions 74/1 of ... and 75/2", "General Assembly resolution 75/124"
RECALL = re.compile(
    rf"\b(?:its|General\s+Assembly|Council(?:'s)?)\s+resolutions?\s+(?P<list>{NUMBER}(?:[^;.]{{0,80}}?"
    rf"(?:,|\band\b)\s+{NUMBER})*)",
)
SYMBOL = re.compile(NUMBER)
# "Takes note [with appreciation] of the [main|consolidated] report(s) of ..."
LEAD = r"^\s*(?:\d{1,3}\.\s*)?"  # the printed paragraph number, when the text carries it
TAKES_NOTE = re.compile(LEAD + r"(?:Also\s+|Further\s+)?takes\s+note\b[^;]{0,60}?\breports?\b", re.IGNORECASE)
HAVING_CONSIDERED = re.compile(LEAD + r"Having\s+considered\b[^;]{0,40}?\breports?\b", re.IGNORECASE)
# A footnote marker glued to a word or punctuation: "Secretary-General;9", "persons18", "General,9".
MARKER = re.compile(r"(?<=[A-Za-z\u2019\u201d;,)])(\d{1,3})(?=[\s;,.]|$)|(?<=resolution\s\d{2}/\d{3})(\d{1,2})\b")
# A footnote line: "9  A/78/360." or "15 A/HRC/54/38." (symbols of every body)
FOOTNOTE = re.compile(r"^[ \t]*(\d{1,3})[ \t]+([A-Z]{1,6}(?:/[A-Za-z0-9.()\-]+)+(?:\s*-\s*[A-Z]/[\w./]+)?)", re.M)
DROP_FROM_TITLE = re.compile(
    r"\b(?:\d{4}(?:[–-]\d{2,4})?|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
    r"\w+tieth|\w+(?:-\w+)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)|session)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Recalled:
    symbol: str  # "75/124" (a part letter dropped: "75/251 B" recalls the series 75/251)
    quote: str


@dataclass(frozen=True)
class TakenNote:
    paragraph: str  # the paragraph number as printed, "1"
    symbol: str  # "A/78/360"
    quote: str  # the paragraph and the footnote


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def base_symbol(symbol: str) -> str:
    """'A/RES/75/251 B' -> '75/251': the session/number that names a resolution series member."""
    match = re.search(r"(\d{1,3}/\d{1,4})", symbol)
    return match.group(1) if match else ""


def recalled_symbols(paragraphs: list[str]) -> list[Recalled]:
    """Resolutions of the adopting body named in preambular `paragraphs`, in order, each once."""
    found: dict[str, Recalled] = {}
    for paragraph in paragraphs:
        flat = _flat(paragraph)
        for match in RECALL.finditer(flat):
            for symbol in SYMBOL.findall(match.group("list")):
                key = base_symbol(symbol)
                found.setdefault(key, Recalled(symbol=key, quote=flat[:400]))
    return list(found.values())


def normalise_title(title: str) -> str:
    return _flat(DROP_FROM_TITLE.sub(" ", title.lower()))


def title_similarity(a: str, b: str) -> float:
    """0-100: alike titles of renewals score near 100; "Situation of human rights in X" vs "... in Y" do not,
    because the whole string is compared (not token sets)."""
    if not a or not b:
        return 0.0
    return fuzz.ratio(normalise_title(a), normalise_title(b))


def subject_similarity(a: str, b: str) -> float:
    """0-100: subjects of the same request renewed; word order and added words matter little."""
    if not a or not b:
        return 0.0
    return fuzz.token_set_ratio(a.lower(), b.lower())


def footnotes(text: str) -> dict[str, str]:
    """Footnote number -> the symbol it gives, for footnotes that are a document symbol (the last wins: notes
    restart on no page of a resolution, but the text may repeat a header)."""
    notes: dict[str, str] = {}
    for match in FOOTNOTE.finditer(text):
        notes.setdefault(match.group(1), re.sub(r"\s+", "", match.group(2)).rstrip(".,;"))
    return notes


def _first_marker(text: str) -> str:
    flat = _flat(text)
    head = re.split(r"\band\s+(?:the|of)\b", flat, maxsplit=1)[0]  # the first report named
    for candidate in (head, flat):
        match = MARKER.search(candidate)
        if match:
            return match.group(1) or match.group(2)
    return ""


def taken_note_reports(
    operative: list[tuple[str, str]], preambular: list[str], text: str, notes: dict[str, str] | None = None
) -> list[TakenNote]:
    """Operative paragraphs (number, text) that take note of a report, with the symbol of its footnote.

    A paragraph without a marker ("Takes note of the report of the Secretary-General;") refers to the report the
    preamble "Having considered" footnotes. `notes` (marker -> symbol) replaces the footnotes read from `text`
    when the source states them (Akoma Ntoso).
    """
    notes = footnotes(text) if notes is None else notes
    considered = ""
    for paragraph in preambular:
        if HAVING_CONSIDERED.match(paragraph) and (marker := _first_marker(paragraph)) and marker in notes:
            considered = notes[marker]
            break
    found = []
    for number, paragraph in operative:
        if not TAKES_NOTE.match(paragraph):
            continue
        marker = _first_marker(paragraph)
        symbol = notes.get(marker, "") if marker else considered
        if symbol:
            found.append(TakenNote(paragraph=number, symbol=symbol, quote=f"{_flat(paragraph)[:400]} [{symbol}]"))
    return found
