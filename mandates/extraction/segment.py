"""Segmentation: find the instruments (resolutions, decisions) in the clean text and their paragraphs.

Works on `context.text` (one paragraph per line). Offsets in the records it writes index the clean
text; `pipeline.publish_offsets` maps them back to the original text at the end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mandates.extraction.context import Context
from mandates.extraction.names import ALIASES, BODY_NAMES, Resolver
from mandates.extraction.normalise import OPERATIVE_START
from mandates.extraction.numbers import ordinal_pattern, ordinal_to_int
from mandates.extraction.printed import LANGUAGES as ROMANCE_PRINTED
from mandates.extraction.printed import Printed
from mandates.extraction.symbols import document_symbol, document_title
from mandates.extraction.types import InstrumentRecord, ParagraphRecord

_ROMAN = r"[IVXLC]+"
HEADING = re.compile(
    rf"(?P<draft>Draft (?P<dkind>resolution|decision)(?: (?P<droman>{_ROMAN}))?)"
    r"|(?P<adopted>(?P<akind>Resolution|Decision) (?P<anum>\d+/\d+(?: [A-Z])?|\d{3,4} \(\d{4}\)))"
    r"|(?P<bodyres>(?P<rbody>[A-Z][A-Za-z ]+?) (?P<rkind>resolution|decision) (?P<rnum>\d+/\d+(?: [A-Z])?))"
    r"|(?P<adoptedby>(?P<bkind>Resolution|Decision)s? adopted by the (?P<bbody>[A-Z][A-Za-z ]+?)(?: on .*| at .*)?)"
)
# "The General Assembly,", "The Economic and Social Council:", "The Economic and Social Council decides ..."
FORMULA = re.compile(
    r"The (?P<body>[A-Z][A-Za-z' -]+?(?: of the [A-Z][A-Za-z' -]+?)?)"
    r"(?:\s*[,:]\s*$|\s*$|\s+(?P<verb>(?:decides|takes note|approves|endorses|adopts|elects|appoints|requests|reaffirms)\b))"
)
STOP = re.compile(
    rf"(?:Annex(?:es)?(?: {_ROMAN}| [A-Z])?|Appendix(?: {_ROMAN})?|Chapter {_ROMAN}|Provisional agenda\b.*"
    r"|\d+(?:st|nd|rd|th) (?:\(resumed\) )?(?:plenary )?meeting|Notes?|Contents)\s*$"
)


def _heading(text: str) -> re.Match[str] | None:
    """`HEADING.fullmatch(text)`; every heading holds "resolution" or "decision", so most lines are spared the pattern
    (its "<Body> resolution 12/3" branch reads a long line to its end)."""
    return HEADING.fullmatch(text) if "esolution" in text or "ecision" in text else None


SECTION = re.compile(rf"(?:[A-Z]|{_ROMAN})\.\s+\S.*")
OPERATIVE = re.compile(r"(?P<num>\d{1,3})\.\s+(?=\S)")
SUBPARA = re.compile(r"\((?P<letter>[a-z]{1,3})\)\s+(?=\S)")
GA_TITLE = re.compile(r"(?P<num>\d{1,3}/\d{1,4})\.\s+(?P<title>\S.*)")
SESSION_LINE = re.compile(rf"^\s*(?P<ord>{ordinal_pattern()}) session\s*$", re.M | re.I)
ROMAN_SUB = frozenset(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"])


ENGLISH = Printed(FORMULA, STOP, _heading, SUBPARA)


@dataclass
class Line:
    start: int
    end: int
    text: str


def split_lines(text: str) -> list[Line]:
    """Non-empty lines with their offsets (str.split is much faster than a regex scan here)."""
    lines: list[Line] = []
    pos = 0
    for piece in text.split("\n"):
        if piece:
            lines.append(Line(pos, pos + len(piece), piece))
        pos += len(piece) + 1
    return lines


def canonical_body(name: str) -> str | None:
    """A body name in an opening formula, canonical; None when it is not a known body."""
    name = re.sub(r"\s+", " ", name).strip()
    canonical = ALIASES.get(name.lower())
    if canonical in BODY_NAMES:
        return canonical
    if re.fullmatch(
        r"(?:Commission|Council|Conference|Committee|Assembly|Board)\b.*|.*\b(?:Commission|Council|Assembly)", name
    ):
        return name  # an unlisted body: keep the name as printed
    return None


def _two_words(name: str) -> str:
    return " ".join(name.split(" ")[:2])


# Body names in BODY_NAMES's order, each with its first two words when other names open with them too ("Commission
# on", "Committee on"): a text that lacks them holds none of those names, one substring scan for the lot.
_PREFIX_SHARED = {
    prefix for prefix in map(_two_words, BODY_NAMES) if sum(_two_words(n) == prefix for n in BODY_NAMES) > 1
}
_BODY_PREFIXES = [(name, _two_words(name) if _two_words(name) in _PREFIX_SHARED else None) for name in BODY_NAMES]


def _counts_in(opening: str) -> dict[str, int]:
    """`{name: opening.count(name) for name in BODY_NAMES if name in opening}`, with fewer scans of `opening`."""
    present: dict[str, bool] = {}
    counts: dict[str, int] = {}
    for name, prefix in _BODY_PREFIXES:
        if prefix is not None:
            seen = present.get(prefix)
            if seen is None:
                seen = present[prefix] = prefix in opening
            if not seen:
                continue
        if name in opening:
            counts[name] = opening.count(name)
    return counts


def detect_document(ctx: Context) -> None:
    """Find the document's own symbol, the owning body printed on its cover and its session.

    Reads: context.source, context.text
    Writes: context.symbol, context.body_hint, context.title
    """
    ctx.symbol = document_symbol(ctx.source)  # masthead or cover only: never a footnote or a citation
    # The body whose report this is: the body named most often in the first part of the document (a
    # Commission's session report names the Commission again and again; the Assembly and the Council,
    # which every report mentions, only count when nothing else is named).
    opening = ctx.text[:12000].replace("\n", " ")
    counts = _counts_in(opening)
    specific = {
        name: n for name, n in counts.items() if name not in ("General Assembly", "Economic and Social Council")
    }
    pool = specific or counts
    if pool:
        ctx.body_hint = max(pool, key=lambda name: (pool[name], -opening.find(name)))
    ctx.title = document_title(ctx.source, ctx.body_hint)


def _body_from_formula(line: str, inline: bool = True) -> str | None:
    m = FORMULA.match(line)
    if not m or (m.group("verb") and not inline):
        return None
    return canonical_body(m.group("body"))


RES_PREFIX = {
    "General Assembly": "A/RES/",
    "Human Rights Council": "A/HRC/RES/",
    "Economic and Social Council": "E/RES/",
    "Security Council": "S/RES/",
}


NARRATIVE_DECISION = re.compile(
    r"(?:(?P<num>\d{1,3}/\d{1,4})\.\s+(?P<title>\S.*?)\s+)?At its [^.;]*?\bthe (?P<body>(?:[A-Z][\w-]*|on|and|of|the|for)(?: (?:[A-Z][\w-]*|on|and|of|the|for))*)"
    r"(?:,[^.;]*?,)?\s+decided\b(?:,[^.;]*?)?[:,]?\s*$"
)


# A decision printed by number and title on one line, then as narrative (GA decisions 71/401-76/5xx):
# "Decision 75/504 A and B. Adoption of the agenda" ... "At its 2nd plenary meeting, on ..., the General Assembly, ...,
# decided ...". Parts "A", "B" stand on lines of their own.
DECISION_TITLE = re.compile(
    r"Decision\s+(?P<num>\d{1,4}/\d{1,4})(?P<parts>\s+[A-Z](?:(?:\s*,\s*|\s+and\s+|\s*[-–]\s*)[A-Z])*)?"
    r"(?:\s*\.)+\s*(?P<title>\S.*)"
)
# How a narrative act opens: "At its 65th plenary meeting, on ...", "Also at the same meeting, ...", "On 14 August 2020,
# the General Assembly ...", "The General Assembly, at its ... meeting".
NARRATIVE_OPENING = re.compile(
    r"(?:(?:Also|Further|Furthermore|Subsequently),?\s+)?(?:[Aa]t\s+(?:its|the|their)\s+(?:resumed\s+)?(?:same\s+|\d+[a-z]*(?:\s+and\s+\d+[a-z]*)?\s*"
    r"(?:\(resumed\)\s+)?(?:plenary\s+)?)meetings?\b|[Oo]n\s+\d{1,2}(?:\s+and\s+\d{1,2})?\s+[A-Z][a-z]+(?:\s+\d{4})?\s*,"
    r"|The\s+[A-Z][\w ]+?,\s+at\s+its\s+\w+\s+(?:\(resumed\)\s+)?(?:plenary\s+)?meeting\b)"
)
PART_LINE = re.compile(r"(?:Decision\s+)?[A-Z]\.?|\W*")
NOTE_LINE = re.compile(r"\(See\b.*|_{3,}.*|\*+\s.*|\(footnote:.*\)")


def _narrative_opening(lines: list[Line], start: int, stop: int) -> int | None:
    """The line where a numbered decision's narrative starts (after part letters), or None."""
    for j in range(start, stop):
        text = lines[j].text.strip(" \t`'*")
        if NARRATIVE_OPENING.match(text):
            return j
        if _heading(text) or DECISION_TITLE.fullmatch(text) or FORMULA.match(text):
            return None  # a subtitle, a part letter or an editorial note may stand between; another text may not
    return None


def _narrative_body(line: str) -> str | None:
    """The body of a decision chapeau printed as narrative and ending before its lettered items:
    "At its 40th meeting, on 2 May, the Commission on X, recalling ..., decided, without a vote:"."""
    if "decided" not in line:
        return None
    m = NARRATIVE_DECISION.match(line.strip())
    return canonical_body(m.group("body")) if m else None


def _adopted_symbol(number: str, doc_symbol: str, body: str) -> str:
    """ "55/12" printed above the title -> the resolution's symbol (the document's own when it ends so)."""
    if not number:
        return ""
    if doc_symbol.endswith("/" + number):
        return doc_symbol
    if body == "Human Rights Council" and int(number.split("/")[1]) >= 101:
        return "A/HRC/DEC/" + number  # the Council numbers its decisions from 101
    return RES_PREFIX.get(body, "") + number


def _session_of(ctx: Context, label_symbol: str) -> int | None:
    """The session a symbol belongs to: A/RES/78/1 -> 78, A/HRC/RES/55/12 -> 55, 30/1 -> 30, A/C.3/76/L.9 -> 76."""
    for pattern in (r"/RES/(\d+)/", r"(\d+)/\d+(?: [A-Z])?$", r"[A-Z]+/(?:[A-Z0-9.]+/)*?(\d{2,3})/"):
        m = re.search(pattern, label_symbol) if pattern.startswith("/") else re.match(pattern, label_symbol)
        if m:
            number = int(m.group(1))
            return number if number < 1000 else None  # ECOSOC 2024/5: a year, not a session
    return None


def segment(ctx: Context) -> None:
    """Split the clean text into instruments with preambular and operative paragraphs.

    Reads: context.text, context.symbol, context.body_hint
    Writes: context.instruments (offsets into context.text)
    """
    lines = split_lines(ctx.text)
    if ctx.language in ROMANCE_PRINTED:
        # French and Spanish print other headings and formulas (imported here: that module builds on this one)
        from mandates.extraction.segment_romance import segment_romance

        segment_romance(ctx, lines)
        return
    starts: list[tuple[int, int]] = []  # (index of first line, index of formula line or -1)
    unprinted: set[int] = set()  # formula indexes that point at a first paragraph (no formula was printed)
    narrative: set[int] = set()  # first lines of decisions printed as narrative under "Decision 75/504. Title"
    i = 0
    n = len(lines)
    while i < n:
        line_text = lines[i].text.lstrip()
        # Cheap prefix tests first: this loop sees every line of the document.
        heading = (
            HEADING.fullmatch(line_text.rstrip())
            if len(line_text) < 160 and ("esolution" in line_text or "ecision" in line_text)
            else None
        )
        if heading:
            # A heading counts when an opening formula (or, for a narrative decision, a numbered
            # paragraph) follows within a few lines.
            found: tuple[int, int] | None = None
            for j in range(i + 1, min(i + 7, n)):
                following = lines[j].text
                if _body_from_formula(following, inline=True):
                    found = (i, j)
                    break
                if heading.group("adopted") and j > i + 1 and OPERATIVE.match(following):
                    found = (i, -1)
                    break
                if (heading.group("adopted") or heading.group("adoptedby")) and _narrative_body(following):
                    found = (i, j)  # "At its 52nd meeting, ..., the Council, recalling ..., decided:" + (a), (b)
                    break
                if _heading(following.strip()) or STOP.fullmatch(following):
                    break
            if not found and heading.group("adoptedby"):
                # "Resolution adopted by the General Assembly" over a text whose "The General Assembly," line
                # the reader lost: the instrument opens at its first preambular or operative paragraph.
                opening = _first_body_line(lines, i + 1, min(i + 8, n))
                if opening is not None:
                    found = (i, opening)
                    unprinted.add(opening)
            if not found and "Decision" in (heading.group("bkind"), heading.group("akind")):
                # "Decision adopted by the Human Rights Council" (or "Decision 55/115") over a narrative that holds
                # the whole decision: "At its 40th meeting, ..., the Council decided to request ...".
                opening = _narrative_opening(lines, i + 1, min(i + 6, n))
                if opening is not None:
                    found = (i, opening)
                    narrative.add(i)
            if found:
                starts.append(found)
                i = found[1] + 1 if found[1] >= 0 and found[1] not in unprinted | narrative else max(found[1], i + 1)
                continue
        elif line_text.startswith("Decision ") and DECISION_TITLE.fullmatch(line_text.rstrip()):
            opening = _narrative_opening(lines, i + 1, min(i + 5, n))
            if opening is not None:
                starts.append((i, opening))
                narrative.add(i)
                i = opening + 1
                continue
        elif (
            line_text.startswith("The ")
            and _body_from_formula(lines[i].text, inline=False)
            and i + 1 < n
            and _opens_body(lines[i].text, lines[i + 1].text)
        ):
            # A formula with no heading above it: a stand-alone draft or an adopted resolution.
            starts.append((i, i))
        i += 1

    if not starts:
        # No heading and no formula, but a numbered title ("78/225. Title") over a preamble or operative
        # paragraphs, in a document whose symbol or cover names the adopting body.
        found = _untitled_start(ctx, lines)
        if found is not None:
            starts.append(found)
            unprinted.add(found[1])

    for k, (first, formula) in enumerate(starts):
        limit = starts[k + 1][0] if k + 1 < len(starts) else n
        if first in narrative:
            record = _build_narrative_decision(ctx, lines, first, formula, limit)
        else:
            record = _build_instrument(ctx, lines, first, formula, limit, formula in unprinted)
        if record is not None:
            record.order = len(ctx.instruments)
            ctx.instruments.append(record)


# The first words of a resolution's first paragraph: a preambular participle or adjective, or an operative
# paragraph ("1. Requests", or an unnumbered "Takes note").
_PREAMBLE_OPENING = re.compile(
    r"(?:(?:Recalling|Reaffirming|Noting|Welcoming|Recognizing|Acknowledging|Bearing|Taking|Having|Guided|Aware"
    r"|Mindful|Conscious|Cognizant|Convinced|Concerned|Deeply|Gravely|Emphasizing|Stressing|Expressing|Underlining"
    r"|Determined|Alarmed|Considering|Affirming|Reiterating)\b|[A-Z][a-z]+ing\s+(?:its|also|further|the|that|with)\b)"
)


def _first_body_line(lines: list[Line], start: int, stop: int) -> int | None:
    """The first paragraph of a resolution printed without its "The General Assembly," line: after the
    title, a preambular paragraph or an operative one. None when something else comes first."""
    for j in range(start, stop):
        text = lines[j].text.strip()
        if _PREAMBLE_OPENING.match(text) or OPERATIVE.match(text) or OPERATIVE_START.match(text):
            return j
        if STOP.fullmatch(text) or _heading(text) or FORMULA.match(text):
            return None
    return None


def _untitled_start(ctx: Context, lines: list[Line]) -> tuple[int, int] | None:
    """(title line, first paragraph) of a lone resolution with no heading and no formula, when the document's
    symbol or cover says which body adopted it."""
    if not _body_of_document(ctx):
        return None
    for i, line in enumerate(lines[:80]):
        if GA_TITLE.fullmatch(line.text.strip()):
            opening = _first_body_line(lines, i + 1, min(i + 4, len(lines)))
            if opening is not None:
                return i, opening
    return None


def _body_of_document(ctx: Context) -> str | None:
    """The adopting body a document's own symbol implies (A/RES/ -> General Assembly), else its cover's body."""
    for body, prefix in RES_PREFIX.items():
        if ctx.symbol.startswith(prefix):
            return body
    return ctx.body_hint or None


def _opens_body(formula: str, following: str) -> bool:
    """A bare "The Commission on the Status of Women" line opens a text only when what follows reads like one:
    the formula ends with "," or ":", or a preambular participle or an operative paragraph comes next."""
    if formula.rstrip().endswith((",", ":")):
        return True
    return bool(
        re.match(
            r"(?:[A-Z][a-z]+(?:ing|ed)\b|(?:Aware|Mindful|Conscious|Deeply|Gravely|Also)\b|1\.\s+[A-Z][a-z]+s\b|[A-Z][a-z]+s\b)",
            following.strip(),
        )
    )


def _title_before(lines: list[Line], index: int) -> tuple[str, str]:
    """(title, symbol) for a stand-alone instrument: the nearest title-like line above the formula."""
    for j in range(index - 1, max(index - 12, -1), -1):
        text = lines[j].text.strip()
        ga = GA_TITLE.fullmatch(text)
        if ga:
            return ga.group("title").strip(), ga.group("num")
        if re.search(
            r"draft (?:resolution|decision)\s*$|^\[.*\]$|^Resolution adopted|^Distr\.|^Original:|session$|^Agenda",
            text,
            re.I,
        ):
            continue
        if re.fullmatch(r"\d{1,2} [A-Z][a-z]+(?:\s*[–-]\s*\d{1,2} [A-Z][a-z]+)? \d{4}|Agenda items? .*", text):
            continue  # the meeting dates or agenda line of the cover
        if len(text) > 8 and not text.endswith((".", ";", ",")):
            # "55/... The right to food" in a draft: the number is not yet known.
            return re.sub(r"^\d{1,3}/(?:\d+|…|\.\.\.)\.?\s+", "", text), ""
    return "", ""


def _build_instrument(
    ctx: Context, lines: list[Line], first: int, formula: int, limit: int, unprinted: bool = False
) -> InstrumentRecord | None:
    """`unprinted`: `formula` is the first paragraph, the formula line itself is missing from the text."""
    head = lines[first].text.strip()
    heading = HEADING.fullmatch(head)
    symbol = ""
    title = ""
    body: str | None = None
    if unprinted:
        body = (canonical_body(heading.group("bbody")) if heading and heading.group("bbody") else None) or (
            _body_of_document(ctx)
        )
    elif formula >= 0:
        body = _body_from_formula(lines[formula].text)
    if heading and heading.group("draft"):
        kind = heading.group("dkind")
        label = f"Draft {kind}" + (f" {heading.group('droman')}" if heading.group("droman") else "")
        is_draft = True
    elif heading and heading.group("adopted"):
        kind = heading.group("akind").lower()
        symbol = heading.group("anum")
        label = f"{heading.group('akind')} {symbol}"
        is_draft = False
        body = body or ctx.body_hint or None
    elif heading and heading.group("bodyres"):
        # "Economic and Social Council resolution 2024/5"
        kind = heading.group("rkind")
        symbol = heading.group("rnum")
        label = f"{kind.capitalize()} {symbol}"
        is_draft = False
        body = body or canonical_body(heading.group("rbody"))
    else:
        # Stand-alone text: "Resolution adopted by ..." or just the formula under the document's title.
        kind = "decision" if heading and heading.group("bkind") == "Decision" else "resolution"
        title, number = _title_before(lines, formula)
        symbol = _adopted_symbol(number, ctx.symbol, body or "")
        if "/DEC/" in symbol:
            kind = "decision"
        is_draft = (
            bool(re.search(r"/L\.\d+", ctx.symbol))
            or "draft resolution" in ctx.text[: lines[formula].start][-600:].lower()
        )
        symbol = symbol or ctx.symbol
        label = symbol or ("Draft resolution" if is_draft else "Resolution")
    told = False  # a decision told as narrative: "At its 52nd meeting, ..., the Council ... decided:" (a), (b)
    if body is None and formula < 0:
        # A decision printed as narrative: "At its 7th meeting, ..., the Commission on ... decided to ...".
        for line in lines[first + 1 : min(first + 4, limit)]:
            m = re.search(
                r"\bthe ((?:[A-Z][\w-]*|on|and|of|the|for)(?: (?:[A-Z][\w-]*|on|and|of|the|for))*) decided\b", line.text
            )
            if m:
                body = canonical_body(m.group(1))
                told = body is not None
                break
    elif body is None:
        body = _narrative_body(lines[formula].text)
        told = body is not None
        m = NARRATIVE_DECISION.match(lines[formula].text.strip())
        if body and m and m.group("num"):
            # the "55/115. Title" heading ran into the chapeau
            title, symbol = m.group("title"), _adopted_symbol(m.group("num"), ctx.symbol, body)
            label = f"{kind.capitalize()} {m.group('num')}"
    if body is None:
        return None
    if heading and (heading.group("draft") or heading.group("adopted") or heading.group("bodyres")):
        title_lines = [ln.text.strip() for ln in lines[first + 1 : formula if formula >= 0 else first + 2]]
        title = " ".join(t for t in title_lines if t) if title_lines else ""
        if formula < 0 and first + 1 < limit:
            title = lines[first + 1].text.strip()
    body_start = formula if formula >= 0 else first + 1
    record = InstrumentRecord(
        label=label,
        title=title,
        kind=kind,
        is_draft=is_draft,
        adopting_body=body,
        symbol=symbol,
        session_number=_session_of(ctx, symbol or (ctx.symbol if not heading else "")),
        start=lines[first].start,
        narrative=told,
    )
    if record.session_number is None and not heading:
        m = SESSION_LINE.search(ctx.text[:4000])
        if m:
            record.session_number = ordinal_to_int(m.group("ord"))
    _paragraphs(record, lines, body_start, formula, limit, unprinted)
    return record


def _narrative_adopter(ctx: Context, text: str) -> str | None:
    """The body that acts in a narrative ("..., the General Assembly, on the recommendation of ..., decided"): the first
    "the <Name>" that is a known body, else the first known body named, else the document's body."""
    for m in re.finditer(r"\bthe ((?:[A-Z][\w-]*)(?: (?:[A-Z][\w-]*|on|and|of|the|for))*)", text):
        name = m.group(1)
        while name:
            canonical = ALIASES.get(name.lower())
            if canonical in BODY_NAMES:
                return canonical
            name = re.sub(r"(?:^|\s)\S+$", "", name)  # "General Assembly On" -> "General Assembly"
    positions = [(text.find(name), name) for name in BODY_NAMES if name in text]
    return min(positions)[1] if positions else _body_of_document(ctx)


def _decision_number_and_title(lines: list[Line], first: int, opening: int) -> tuple[str, str]:
    """ "Decision 75/504 A and B. Title" on one line; or a heading ("Decision 55/115", "Decision adopted by the Council
    on ...") with "55/115. Title" or the title on the lines below it."""
    head = lines[first].text.strip()
    m = DECISION_TITLE.fullmatch(head)
    if m:
        return m.group("num"), m.group("title")
    heading = HEADING.fullmatch(head)
    number = heading.group("anum") if heading and heading.group("anum") else ""
    below = [ln.text.strip() for ln in lines[first + 1 : opening] if not PART_LINE.fullmatch(ln.text.strip())]
    for text in below:
        titled = GA_TITLE.fullmatch(text)
        if titled:
            return number or titled.group("num"), titled.group("title")
    return number, below[0] if below else ""


def _build_narrative_decision(
    ctx: Context, lines: list[Line], first: int, opening: int, limit: int
) -> InstrumentRecord | None:
    """A decision printed as "Decision 73/546. Title" over narrative: "At its 65th plenary meeting, ..., the General
    Assembly, ..., decided: (a) To ..., (b) To request ...". The narrative is its operative text, past tense and all:
    each act ("At its ... meeting", "At the same meeting") is a paragraph numbered 1, 2, ...; its lettered items are
    paragraphs "(a)", "(b)" as printed (under a second act "2 (a)"); lines that go on an act ("Decided to ...",
    "Confirmed that ...") belong to it. Part letters, "(See A/75/PV.2)" and footnotes are left out."""
    body = _narrative_adopter(ctx, lines[opening].text)
    if body is None:
        return None
    number, title = _decision_number_and_title(lines, first, opening)
    symbol = (
        number if DECISION_TITLE.fullmatch(lines[first].text.strip()) else _adopted_symbol(number, ctx.symbol, body)
    )
    record = InstrumentRecord(
        label=f"Decision {number}" if number else "Decision",
        title=re.sub(r"\s+", " ", title).strip().rstrip("*").strip(),
        kind="decision",
        is_draft=False,
        adopting_body=body,
        symbol=symbol,
        session_number=_session_of(ctx, symbol or number),
        start=lines[first].start,
        narrative=True,
    )
    act = 0
    current = ""
    end_line = opening
    for idx in range(opening, limit):
        text = lines[idx].text.strip()
        if idx > opening and (_heading(text) or DECISION_TITLE.fullmatch(text)):
            break
        if PART_LINE.fullmatch(text) or NOTE_LINE.fullmatch(text):
            continue
        sub = SUBPARA.match(text)
        if NARRATIVE_OPENING.match(text) or act == 0:
            act += 1
            current = str(act)
        elif sub:
            letter = sub.group("letter")
            previous = record.paragraphs[-1].number if record.paragraphs else ""
            if "(" in previous and _is_roman_item(letter, previous):
                current = previous  # (i), (ii) under a lettered item
            else:
                current = f"({letter})" if act == 1 else f"{act} ({letter})"
        record.paragraphs.append(ParagraphRecord(current, "operative", text, lines[idx].start, lines[idx].end))
        end_line = idx
    record.end = lines[end_line].end
    for order, paragraph in enumerate(record.paragraphs):
        paragraph.order = order
    return record


def _is_roman_item(letter: str, previous: str) -> bool:
    """True for "(ii)" under "4 (a)"; false for "(i)" that simply follows "(h)"."""
    if letter not in ROMAN_SUB or "(" not in previous:
        return False
    prev_letter = previous.split("(")[1].rstrip(") ")
    return (prev_letter, letter) not in (("h", "i"), ("u", "v"), ("w", "x"))


def _operative_verb(text: str) -> bool:
    word = re.match(r"[A-Z][a-z]+", text)
    return bool(word and (word.group().endswith("s") or word.group() in ("Also", "Further", "Strongly", "Again")))


def _paragraphs(
    record: InstrumentRecord,
    lines: list[Line],
    body_start: int,
    formula: int,
    limit: int,
    unprinted: bool = False,
    printed: Printed | None = None,
) -> None:
    """`printed`: how the document's language prints headings, ends and lettered items (English by default)."""
    printed = printed or ENGLISH
    operative_seen = False
    last_number = ""
    last_int = 0
    end_line = body_start
    inline = None
    if formula >= 0 and not unprinted:
        m = printed.formula.match(lines[formula].text)
        if m and m.group("verb"):
            inline = m.start("verb")  # "The Economic and Social Council decides to ..."
    if inline is not None:
        line = lines[formula]
        record.paragraphs.append(ParagraphRecord("1", "operative", line.text, line.start, line.end))
        operative_seen = True
        last_number, last_int = "1", 1
    for idx in range(body_start + (1 if formula >= 0 and not unprinted else 0), limit):
        line = lines[idx]
        text = line.text.strip()
        if printed.stop.fullmatch(text) or (idx > body_start + 1 and printed.heading(text)):
            break
        if SECTION.fullmatch(text) and operative_seen:
            # A section heading inside a resolution only if numbering carries on after it.
            nxt = next(
                (lines[j].text for j in range(idx + 1, min(idx + 4, limit)) if OPERATIVE.match(lines[j].text)), ""
            )
            m = OPERATIVE.match(nxt)
            if not m or not _operative_verb(nxt[m.end() :]):
                break
            continue
        op = OPERATIVE.match(text)
        sub = printed.subpara.match(text)
        if op:
            number = int(op.group("num"))
            if operative_seen and number != last_int + 1 and number != 1 and number <= last_int:
                break  # numbering went backwards: narrative text after the instrument
            operative_seen = True
            last_int = number
            last_number = op.group("num")
            record.paragraphs.append(ParagraphRecord(last_number, "operative", text, line.start, line.end))
        elif sub and (operative_seen or record.paragraphs and record.paragraphs[-1].text.endswith(":") or formula >= 0):
            letter = sub.group("letter")
            if record.paragraphs and _is_roman_item(letter, record.paragraphs[-1].number):
                number = record.paragraphs[-1].number  # (i), (ii) under a lettered sub-paragraph
            else:
                number = f"{last_number} ({letter})" if last_number else f"({letter})"
            kind = (
                "operative"
                if operative_seen or not record.paragraphs or record.paragraphs[-1].kind == "operative"
                else "preambular"
            )
            if not operative_seen and formula >= 0 and lines[formula].text.rstrip().endswith(":"):
                kind = "operative"  # "The Economic and Social Council:" followed by (a), (b) ...
            record.paragraphs.append(ParagraphRecord(number, kind, text, line.start, line.end))
        elif operative_seen:
            if (
                re.match(r"[A-Z][a-z]+ing\b|Noting\b", text)
                and record.paragraphs
                and record.paragraphs[-1].text.endswith(",")
            ):
                record.paragraphs.append(ParagraphRecord("", "preambular", text, line.start, line.end))
                continue
            # Wrapped or split continuation of the last operative paragraph.
            record.paragraphs.append(ParagraphRecord(last_number, "operative", text, line.start, line.end))
        else:
            record.paragraphs.append(ParagraphRecord("", "preambular", text, line.start, line.end))
        end_line = idx
    record.end = lines[end_line].end if end_line < len(lines) else record.start
    if not operative_seen and formula >= 0:
        _number_unnumbered(record)
    for order, paragraph in enumerate(record.paragraphs):
        paragraph.order = order


OPERATIVE_OPENING = re.compile(r"(?:(?:Also|Further|Strongly|Again|Once again|Firmly)\s+)?[A-Z][a-z]+s\b(?!\s+of\b)")


def _number_unnumbered(record: InstrumentRecord) -> None:
    """Word-processor exports lose automatic list numbers: no paragraph reads "1. ...". Then the operative part
    starts at the first paragraph opening with a verb in the third person ("Requests", "Also decides") that
    does not end with a comma, and its paragraphs are numbered as they would be printed."""
    first = next(
        (
            k
            for k, p in enumerate(record.paragraphs)
            if OPERATIVE_OPENING.match(p.text) and not p.text.rstrip().endswith(",")
        ),
        None,
    )
    if first is None:
        return
    number = 0
    for paragraph in record.paragraphs[first:]:
        sub = SUBPARA.match(paragraph.text)
        if sub and number:
            paragraph.number = f"{number} ({sub.group('letter')})"
        else:
            number += 1
            paragraph.number = str(number)
        paragraph.kind = "operative"


def resolver_for(record: InstrumentRecord, ctx: Context) -> Resolver:
    text = ctx.text[record.start : record.end]
    return Resolver(adopting_body=record.adopting_body, context_text=text, body_hint=ctx.body_hint, title=record.title)
