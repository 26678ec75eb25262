"""A document's own symbol and title, as printed on its masthead or cover. Plain Python, no Django.

The document's own symbol is the one on the masthead ("United Nations A/C.3/76/L.9", a line "A/RES/78/292"), or
on an Official Records cover ("Supplement No. 10 (E/2021/30)"). Symbols in an asterisk footnote ("* A/76/50.", the
agenda list every report of the session carries), in a numbered footnote ("26 See Official Records ...
(E/2021/30)"), in a link or in running text ("see document A/76/119") name other documents and never count.
A session report that prints only its addendum's symbol ("will be issued as ... Supplement No. 10A
(E/2021/30/Add.1)") under a cover that says "Supplement No. 10" of the same year is E/2021/30. When unsure: "".
"""

from __future__ import annotations

import re

HEAD_CHARS = 3000
_SYM = r"(?:A|E|S|HRC|UNEP|CND|CCPCJ|TD)/(?:[A-Z0-9.]+/)*[A-Z0-9.]*\d[A-Z0-9.]*"
# A masthead line: the symbol alone, or after "United Nations" (page furniture around it is tolerated).
_ORGAN = r"(?:General\s+Assembly|Economic\s+and\s+Social\s+Council|Security\s+Council)"
MASTHEAD = re.compile(
    rf"^[\s*_]*(?:United\s+Nations\s+(?:{_ORGAN}\s+)?)?(?P<sym>{_SYM})(?:[\s*_]*$|\s+(?={_ORGAN}|Distr\.))"
)
# "Supplement No. 10 (E/2021/30)" on the cover of the Official Records.
SUPPLEMENT = re.compile(
    rf"^[\s*_]*(?:[A-Z][\w ]*?\s*Official\s+Records,?\s+(?:\d{{4}},?\s+)?)?Supplement\s+No\.\s*\d+[A-Z]?[\s*_]*\((?P<sym>{_SYM})\)"
)
COVER_SUPPLEMENT = re.compile(
    r"^[\s*_]*(?:.*Official\s+Records,?\s+(?P<year>\d{4})\s+)?Supplement\s+No\.\s*(?P<n>\d+)[\s*_]*$"
)
COVER_YEAR = re.compile(r"Official\s+Records,?\s+(?P<year>\d{4})\b")
ADDENDUM = re.compile(rf"Supplement\s+No\.\s*(?P<n>\d+)[A-Z]\W{{0,4}}\s*\(\W{{0,2}}(?P<sym>{_SYM})/Add\.\d+")
# "Report on the thirtieth session", "Report of the Commission on its sixty-sixth session": a session report's title.
REPORT_TITLE = re.compile(
    r"^[\s*_]*(?P<title>Report\s+(?:of\s+the\s+[A-Z][\w ,'-]+?\s+)?on\s+(?:its|the)\s+[\w-]+(?:\s+[\w-]+)?\s+session\b[^*\n]*)"
)


def _lines(head: str) -> list[str]:
    return [line for line in head.split("\n") if line.strip()]


def document_symbol(text: str) -> str:
    """The symbol printed on the document's masthead or cover; "" when none is printed."""
    head = text[:HEAD_CHARS]
    lines = _lines(head)
    for line in lines[:40]:
        if len(line) > 250:
            break  # running text: the masthead and cover are behind
        if "http" in line or "undocs" in line:
            continue
        m = MASTHEAD.match(line) or SUPPLEMENT.match(line)
        if m and not re.match(r"\s*\*\s", line):
            return m.group("sym").rstrip(".")
    # A session report whose cover gives only the supplement number: its addendum's symbol names it.
    numbers = {m.group("n") for m in map(COVER_SUPPLEMENT.match, lines[:40]) if m}
    years = {m.group("year") for m in map(COVER_YEAR.search, lines[:40]) if m}
    if len(numbers) == 1:
        for m in ADDENDUM.finditer(re.sub(r"\s+", " ", head)):
            sym = m.group("sym")
            if m.group("n") in numbers and any(f"/{y}/" in sym for y in years):
                return sym
    return ""


def document_title(text: str, body: str | None = None) -> str:
    """The title of a session report printed on its cover ("Report on the thirtieth session (...)"), with the
    body whose report it is when that is printed on the cover too; "" when none is printed."""
    head = text[:HEAD_CHARS]
    joined = re.sub(r"\*\*", "", head)
    for line in _lines(re.sub(r"\n(?=\()", " ", joined))[:30]:
        m = REPORT_TITLE.match(line)
        if m:
            title = re.sub(r"\s+", " ", m.group("title")).strip(" *")
            if body and body.lower() in re.sub(r"\s+", " ", joined[: joined.find(line)]).lower():
                return f"{body}: {title}"
            return title
    return ""
