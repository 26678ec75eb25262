"""Normalisation stages: markup, page furniture, footnote markers and hard line wraps out; offsets kept.

Each stage is a small callable over `Context`; text-rewriting stages find edits with one regex pass
and record an `OffsetMap`, so a span found in the clean text maps back to the original text.
The output is one paragraph per line ("\\n"-separated), no blank lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from mandates.extraction.context import Context
from mandates.extraction.numbers import ORDINAL_UNITS, TENS
from mandates.extraction.offsets import Edit, apply_edits
from mandates.extraction.printed import LANGUAGES as PRINTED_LANGUAGES
from mandates.extraction.printed import DocumentGrammar, document_grammar
from mandates.extraction.vocabulary import words

Handler = Callable[[re.Match[str], str], Iterable[Edit]]


def delete_match(match: re.Match[str], text: str) -> Iterable[Edit]:
    return ((match.start(), match.end(), ""),)


def keep_group(name: str | int) -> Handler:
    """Delete a match except one group (e.g. the label of a markdown link)."""

    def handler(match: re.Match[str], text: str) -> Iterable[Edit]:
        return (
            (match.start(), match.start(name), ""),
            (match.end(name), match.end(), ""),
        )

    return handler


class RegexStage:
    """Rewrite every match of `pattern` with the edits `handler` returns.

    Reads: context.text
    Writes: context.text, context.maps (one OffsetMap when anything changed)

    Speed: `re` scans fastest for a pattern that starts with a literal ("\\n", "<", "\\*\\*" ...), so a
    stage may take several such patterns instead of one alternation, and `needles`: substrings of which
    one must occur for the stage to run at all (a C-speed `in` test).
    """

    def __init__(
        self,
        name: str,
        pattern: str | list[str],
        handler: Handler = delete_match,
        flags: int = re.M,
        needles: tuple[str, ...] = (),
    ) -> None:
        self.name = name
        patterns = [pattern] if isinstance(pattern, str) else pattern
        self.regexes = [re.compile(p, flags) for p in patterns]
        self.regex = self.regexes[0]
        self.handler = handler
        self.needles = needles

    def edits(self, ctx: Context) -> list[Edit]:
        text = ctx.text
        if self.needles and not any(needle in text for needle in self.needles):
            return []
        out: list[Edit] = []
        handler = self.handler
        for regex in self.regexes:
            for match in regex.finditer(text):
                out.extend(handler(match, text))
        return out

    def __call__(self, ctx: Context) -> None:
        edits = self.edits(ctx)
        if edits:
            ctx.text, omap = apply_edits(ctx.text, edits)
            ctx.maps.append(omap)

    def __repr__(self) -> str:
        return f"<{self.name}>"


# --- characters -----------------------------------------------------------------------------------

# Typographic ligatures some PDF readers return as one character ("ﬁnancial", "ﬂow").
LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
}


def _character_handler(match: re.Match[str], text: str) -> Iterable[Edit]:
    value = match.group()
    if value[0] == "\r":
        return ((match.start(), match.end(), "\n"),)
    if value == "\x7f":
        return ((match.start(), match.end(), " "),)  # DEL where some exports had a (non-breaking) space
    return ((match.start(), match.end(), LIGATURES.get(value, "")),)


# Windows line ends, lone carriage returns, ligatures, soft hyphens (with the line break after one: the word
# was hyphenated there, "implemen\u00ad\ntation"), zero-width characters from PDF/Word exports, and DEL ("41st\x7fplenary")
# which stands for a space.
normalise_characters = RegexStage(
    "normalise_characters",
    [r"\r\n?", "\u00ad(?:[ \t]*\r?\n[ \t]*)?", "\u200b", "\ufeff", "[\ufb00-\ufb06]", "\x7f"],
    _character_handler,
    needles=("\r", "\u00ad", "\u200b", "\ufeff", "\x7f", *LIGATURES),
)

# --- markup ---------------------------------------------------------------------------------------

strip_front_matter = RegexStage(
    "strip_front_matter", r"\A\ufeff?---[ \t]*\n.*?\n---[ \t]*\n", flags=re.S, needles=("---",)
)

# <sup>3</sup> is a footnote marker: drop it with its content; other tags lose only the tag.
strip_tags = RegexStage(
    "strip_tags", r"<(?:sup>[^<]{0,8}</sup>|/?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]{0,200})?/?>)", needles=("<",)
)

strip_links = RegexStage(
    "strip_links",
    r"\[(?:\^\w+\](?::.*\n?)?|(?P<label>[^\]\n]{1,300})\]\([^)\n]*\))",
    lambda m, t: keep_group("label")(m, t) if m.group("label") is not None else delete_match(m, t),
)


# *Requests*, **bold**, __bold__: in UN texts asterisks are only emphasis or footnote markers, so every run
# goes; underscores only when they touch a word (a line of underscores is a footnote rule).
def _emphasis_handler(match: re.Match[str], text: str) -> Iterable[Edit]:
    start, end = match.span()
    if match.group()[0] == "*":
        return ((start, end, ""),)
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if end - start <= 3 and (before.isalnum() or after.isalnum()) and before != "_" and after != "_":
        return ((start, end, ""),)
    return ()


# The patterns start with a literal or a rare character class so `re` can skip ahead quickly.
strip_emphasis = RegexStage("strip_emphasis", [r"\*\**", r"__*"], _emphasis_handler, needles=("*", "_"))

# Markdown headings and list bullets: "# Title", "- 13. Requests", " - (b) Reaffirms".
strip_list_prefixes = RegexStage(
    "strip_list_prefixes",
    [r"\n[ \t]*(?:#{1,6}|[-*+•])[ \t]+(?=\S)", r"\A[ \t]*(?:#{1,6}|[-*+•])[ \t]+(?=\S)"],
    lambda m, t: ((m.start() + (t[m.start()] == "\n"), m.end(), ""),),
)

# --- page furniture -------------------------------------------------------------------------------

_JOB = r"(?:[A-Z]\.)?\d{2}-\d{5}"
_PAGE = r"\d{1,4}/\d{1,4}"
_SYMBOL = r"[A-Z]{1,6}(?:/[A-Z0-9.()\-]*[A-Z0-9)]){2,}"  # never ends with "." (a footnote's full stop)
# The job number and page of a page's header or footer: on one line, or on two (some readers split them).
_JOB_PAGE = rf"(?:{_JOB}(?:[ \t]+|[ \t]*\n[ \t]*){_PAGE}|{_PAGE}(?:[ \t]+|[ \t]*\n[ \t]*){_JOB})"
_FURNITURE_LINES = [
    _JOB_PAGE,  # 5/63 V.21-04032, on one line or two ("23-24932\n2/2"): first, so the page number goes too
    # V.21-04032 5/63, 23-20100 (E) 271023; the letter is the version's language: (F) French, (S) Spanish, ...
    rf"{_JOB}(?:[ \t]+{_PAGE})?(?:[ \t]+\([EFSARC]\).*)?",
    r"\*\d{6,8}\*",  # barcode
    r"\d{1,4}",  # bare page number
    r"_{5,}|-{5,}",  # footnote separator
    r"https?://\S+",
    _SYMBOL,  # running header: the document symbol alone on its line
    # running header: "A/RES/78/187 Rights of the child", "A/RES/75/100 Étude d’ensemble des missions ..."
    rf"{_SYMBOL}[ \t]+[A-ZÀ-Ý][^\n.,;:]{{0,150}}",
    r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+[ \t].*",  # footnote text
    r"\d{1,3}[ \t]{2,}\S.*",  # PDF footnote text: " 1  See A/78/..."
    r"\*[ \t]+\S.*",  # " * A/76/50."
    r"Page[ \t]+\d+(?:[ \t]+of[ \t]+\d+)?",
    r"\f",  # the form feed of a PDF page break, alone on its line
]
# running header: "Rights of the child A/RES/78/187"; not a sentence ending in "(footnote: A/76/4)". Kept apart from
# the other lines: it scans its whole line and backtracks at every character (see `RemovePageFurniture`).
_TITLE_SYMBOL_LINE = rf"[^\n]{{0,150}}[ \t](?=[A-Z]{{1,6}}/)(?<!ootnote:[ \t]){_SYMBOL}"


def _furniture(lines: list[str]) -> str:
    return (
        # A running header in PDF text: the symbol, up to three lines of repeated title, the job/page line.
        # Blank lines may stand between the title and the job/page line ("A/RES/78/195\nTitle\nTitle\n\n23-26042 2/13").
        rf"[ \t]*{_SYMBOL}[ \t]*\n(?:[^\n]{{0,120}}\n){{0,3}}?(?:[ \t]*\n)*[ \t]*{_JOB_PAGE}[ \t]*(?=\n|$)"
        rf"|[ \t]*{_JOB_PAGE}[ \t]*\n(?:[ \t]*\n)*(?:[^\n]{{0,120}}\n){{0,3}}?[ \t]*{_SYMBOL}[ \t]*(?=\n|$)"
        rf"|[ \t]*(?:{'|'.join(lines)})[ \t]*(?=\n|$)"
    )


_FURNITURE = _furniture([*_FURNITURE_LINES, _TITLE_SYMBOL_LINE])


def _line_handler(match: re.Match[str], text: str) -> Iterable[Edit]:
    # Patterns start at the newline before the line (a literal prefix scans fast); delete the line and
    # the newline after it, keep the one before.
    start = match.start() + (text[match.start()] == "\n")
    end = match.end() + (match.end() < len(text) and text[match.end()] == "\n")
    return ((start, end, ""),)


# A page's header or footer: the running title with the symbol, with the job and page lines under it (a footnote
# continuing "... (NPT/CONF.1995/32 (Part I) and NPT/CONF.1995/32" also ends in a symbol, but no page line follows),
# or the job and page lines alone.
_PAGE_BREAK_LINE = rf"(?:[^\n]{{0,150}}?[ \t]{_SYMBOL}[ \t]*\n(?:[ \t]*\n)*[ \t]*(?={_JOB_PAGE})|[^\n]{{0,150}}?{_JOB_PAGE}[ \t]*(?:\n|$))"
# A page header whose symbol stands alone on its line, after the running title, above the page and job lines
# ("Report of the ... session\nA/RES/78/103\n \n3/6\n23-24974"): blank lines, the title (one to three lines), the symbol.
_TITLED_PAGE_BREAK = (
    rf"(?:[ \t]*\n)*(?:[ \t]*[A-Z][^\n]{{2,100}}\n){{1,3}}?[ \t]*{_SYMBOL}[ \t]*\n(?:[ \t]*\n)*[ \t]*{_JOB_PAGE}"
)


def _break_handler(match: re.Match[str], text: str) -> Iterable[Edit]:
    start = match.start() + 1  # keep the newline before the block
    if "title" in match.re.groupindex and match.group("title") is not None:
        # A running title is one to three short lines; the last body line of a page runs to the margin or
        # ends a sentence. Keep lines from the top until the rest are all title-like.
        lines = match.group("title").split("\n")
        for line in lines:
            stripped = line.strip()
            if len(stripped) <= 75 and not stripped.endswith((".", ";", ":", ",")) and stripped:
                break
            start += len(line) + 1
        if start >= match.end():
            return ()
    end = match.end() + (match.end() < len(text) and text[match.end()] == "\n")
    return ((start, end, ""),)


# PDF page breaks: the footnotes at the foot of a page (a rule, numbered notes and their continuation lines)
# and the running title above the page's symbol/job line. Both are recognised by the header or footer line
# that follows them, so word-processor text (no such lines) is left alone.
class PdfOnlyStage(RegexStage):
    """A RegexStage that runs on hard-wrapped (PDF) text only; see `detect_wrapping`.

    Reads: context.text, context.hard_wrapped
    Writes: context.text, context.maps
    """

    def edits(self, ctx: Context) -> list[Edit]:
        return super().edits(ctx) if ctx.hard_wrapped else []


# A line holding the document symbol after a space, as the running-title pattern's lookahead wants it.
_SYMBOL_LINE = re.compile(rf"(?:[^\n]{{0,150}}[ \t])?{_SYMBOL}[ \t]*\n")  # the symbol may open its line


def _symbol_line_windows(text: str) -> list[tuple[int, int]]:
    """Spans that hold every match of the running-title pattern: each from the newline three lines above a
    symbol line (a title is one to three lines, each match starts at the newline before its first one) to the end
    of the symbol line, overlapping spans merged. Symbol lines are found from their "/" with `str.find`."""
    windows: list[tuple[int, int]] = []
    slash = text.find("/")
    while slash >= 0:
        before = text.rfind("\n", 0, slash)  # the newline in front of the line
        line_end = text.find("\n", slash)
        if line_end < 0:
            break  # the lookahead wants a newline after the symbol line
        if before >= 0 and _SYMBOL_LINE.match(text, before + 1):
            start = before
            for _ in range(3):
                above = text.rfind("\n", 0, start)
                if above < 0:
                    break
                start = above
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], line_end + 1)
            else:
                windows.append((start, line_end + 1))
        slash = text.find("/", line_end)
    return windows


class RemovePdfPageBreaks(PdfOnlyStage):
    """The running-title pattern (the second) tries three lines and a lookahead at every line start that is a
    capital; it can only match just above a line holding the symbol, so it runs only in windows around those
    lines (`_symbol_line_windows`): the same matches as over the whole text, in the same order."""

    def edits(self, ctx: Context) -> list[Edit]:
        text = ctx.text
        if not ctx.hard_wrapped or not any(needle in text for needle in self.needles):
            return []
        footnotes, titles = self.regexes
        out = [edit for match in footnotes.finditer(text) for edit in self.handler(match, text)]
        for start, end in _symbol_line_windows(text):
            out += [edit for match in titles.finditer(text, start, end) for edit in self.handler(match, text)]
        return out


remove_pdf_page_breaks = RemovePdfPageBreaks(
    "remove_pdf_page_breaks",
    [
        # footnotes set double-spaced take two lines each: up to 60 lines
        rf"\n[ \t]*_{{5,}}[ \t]*\n(?:[ \t]*\n)*[ \t]*(?:\d{{1,3}}|\*)[ \t]+[^\n]*(?:\n[^\n]*){{0,60}}?"
        rf"(?=\n(?:{_PAGE_BREAK_LINE}|{_TITLED_PAGE_BREAK}))",
        rf"\n(?P<title>[ \t]*[A-Z][^\n]{{2,100}}(?:\n[ \t]*[A-Za-z][^\n]{{2,100}}){{0,2}}?)"
        rf"(?=\n[^\n]{{0,150}}(?:(?<=\n)|[ \t]){_SYMBOL}[ \t]*\n)",
    ],
    _break_handler,
    needles=("/",),
)

# The running head right after a form feed: the document symbol with the title beside it, above it or under it
# (wrapped over up to four lines, possibly with commas: "A/RES/78/260 International Year of ..., 2027"), blank
# lines, then the job number and page ("23-26042 2/13" or "3/13 23-26042"). A job/page line so close after
# the break, with the symbol in between, is furniture whatever the title says; the whole block goes, so the
# paragraph running over the page break joins up again in `unwrap_lines`. The pattern starts with the form
# feed (a literal `re` scans for fast); the newline before it stays.
remove_running_heads = PdfOnlyStage(
    "remove_running_heads",
    rf"\f[ \t]*\n(?:[ \t]*\n)*(?:[^\n]{{0,150}}\n){{0,3}}?[^\n]{{0,150}}?(?<!\S){_SYMBOL}(?![^\s])[^\n]{{0,150}}\n"
    rf"(?:[^\n]{{0,150}}\n){{0,3}}?(?:[ \t]*\n)*[ \t]*(?:{_JOB}[ \t]+{_PAGE}|{_PAGE}[ \t]+{_JOB})[ \t]*(?=\n|$)",
    _line_handler,
    needles=("\f",),
)


class RemovePageFurniture(RegexStage):
    """Lines of page furniture (`_FURNITURE`), each from the newline before it.

    The running-title line (`_TITLE_SYMBOL_LINE`) would be tried at every line, reading the line to its end and
    backtracking to each space; it needs a symbol's "/", so it is tried only at lines holding one (found with
    `str.find`) that no other furniture match covers. Every single-line match spans its whole line, so where
    another line pattern matches too the span is the same: the same matches as the whole alternation, in effect.
    The first line has no newline before it: the `\\A` pattern keeps every alternative."""

    def __init__(self) -> None:
        super().__init__(
            "remove_page_furniture",
            [rf"\n(?:{_furniture(_FURNITURE_LINES)})", rf"\A(?:{_FURNITURE})"],
            _line_handler,
        )
        self.title_line = re.compile(rf"\n[ \t]*(?:{_TITLE_SYMBOL_LINE})[ \t]*(?=\n|$)", re.M)

    def edits(self, ctx: Context) -> list[Edit]:
        text = ctx.text
        lines, at_start = self.regexes
        found = list(lines.finditer(text))
        spans = [m.span() for m in found]
        k = 0  # the first match that does not end before the line looked at
        slash = text.find("/")
        while slash >= 0:
            newline = text.rfind("\n", 0, slash)
            line_end = text.find("\n", slash)
            if newline >= 0:
                while k < len(spans) and spans[k][1] <= newline:
                    k += 1
                if not (k < len(spans) and spans[k][0] <= newline):
                    match = self.title_line.match(text, newline)
                    if match:
                        found.append(match)
            if line_end < 0:
                break
            slash = text.find("/", line_end)
        found += at_start.finditer(text)
        return [edit for match in found for edit in self.handler(match, text)]


remove_page_furniture = RemovePageFurniture()


# Footnote markers inside sentences: superscripts, digits glued to a word ("session,12", "victims31"),
# and PDF markers standing between spaces after punctuation ("Summit, 1  to review"), or at the end of a line after
# a paragraph's last punctuation ("informal meetings; 13").
def _marker_handler(match: re.Match[str], text: str) -> Iterable[Edit]:
    start, end = match.span()
    if match.re.groupindex.get("spaced") and match.group("spaced") is not None:
        return ((start - 1, end, ""),)  # " 1  " -> drop the marker and one of the spaces around it
    return ((start, end, ""),)


# Each branch starts with a digit (or a superscript), so `re` scans for candidates in C; the lookbehinds
# placed after the first digit then check what precedes the number.
class FootnoteMarkers(RegexStage):
    """Superscript digits are rare: the first pattern (a character class, which `re` scans slowly) runs only when
    one of them occurs (ten C-speed `in` tests)."""

    def edits(self, ctx: Context) -> list[Edit]:
        text = ctx.text
        regexes = self.regexes if any(digit in text for digit in SUPERSCRIPT_DIGITS) else self.regexes[1:]
        return [edit for regex in regexes for match in regex.finditer(text) for edit in self.handler(match, text)]


SUPERSCRIPT_DIGITS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
strip_footnote_markers = FootnoteMarkers(
    "strip_footnote_markers",
    [
        rf"[{SUPERSCRIPT_DIGITS}]+",
        # One branch point after the first digit, so the pattern still starts with a plain \d.
        r"\d(?:(?:(?<=[a-z][,.;:”’\")]\d)|(?<=[a-z]{3}\d))\d{0,2}(?![\d/])(?=[,.;:]?(?:\s|$))"
        r"|(?P<spaced>(?<=[a-z][,.;:] \d)\d{0,2}(?= {1,2}\S)|(?<=[a-z][.;] \d)\d{0,2}(?=[ \t]*(?:\n|$))))",
    ],
    _marker_handler,
)


# --- line structure -------------------------------------------------------------------------------

# A paragraph number or letter standing on a line of its own ("1.\nRequests ...", "(a)\nTo include ..."), as some
# PDF readers print it: it goes back in front of its paragraph. Followed by another label or a digit, it is
# something else (a list of numbers, a table) and stays.
join_paragraph_labels = RegexStage(
    "join_paragraph_labels",
    [
        r"\n[ \t]*(?:\d{1,3}\.|\([a-z]{1,4}\))(?P<gap>[ \t]*\n[ \t\n]*)(?=[^\s\d(])",
        r"\A[ \t]*(?:\d{1,3}\.|\([a-z]{1,4}\))(?P<gap>[ \t]*\n[ \t\n]*)(?=[^\s\d(])",
    ],
    lambda m, t: ((m.start("gap"), m.end("gap"), " "),),
    needles=(".\n", ")\n", ". \n", ") \n"),
)


def detect_wrapping(ctx: Context) -> None:
    """Decide whether lines are hard-wrapped (PDF text) rather than one paragraph per line.

    Reads: context.text
    Writes: context.hard_wrapped, context.line_width
    """
    lengths = [len(line) for line in ctx.text.split("\n") if line.strip()]
    if len(lengths) < 5:
        ctx.hard_wrapped = False
        return
    lengths.sort()
    # Typeset pages wrap at ~80-95 characters; word-processor text keeps whole paragraphs per line.
    ctx.hard_wrapped = lengths[len(lengths) // 2] < 110 and lengths[int(len(lengths) * 0.9)] < 130
    ctx.line_width = lengths[int(len(lengths) * 0.75)]


_HEADING_LINE = re.compile(
    r"[ \t]*(?:Draft (?:resolution|decision)(?: [IVXLC]+)?|(?:Resolution|Decision) \d+/\d+|Annex(?:es)?(?: [IVXLC]+)?"
    r"|Chapter [IVXLC]+|The [A-Z][A-Za-z ,'-]{3,120}?[,:]?|Resolution adopted by .*|.*: (?:revised )?draft (?:resolution|decision)|\d+(?:st|nd|rd|th) (?:\(resumed\) )?plenary meeting"
    r"|\d{1,2} [A-Z][a-z]+ \d{4})[ \t]*$"
)
_PARAGRAPH_START = re.compile(
    r"(?:\d{1,3}\.\s|\([a-z]{1,4}\)\s|\([ivx]+\)\s|[IVXLC]+\.\s|[A-Z]\.\s|Draft (?:resolution|decision)\b|Annex\b"
    r"|Chapter\b|\d+/(?:\d+\.|…\.?|\.\.\.\.?)\s|The (?:General Assembly|Security Council|Economic and Social Council|Human Rights Council"
    r"|Commission|Council|Conference|Assembly)\b|Resolution adopted\b|Decision adopted\b"
    # a decision's narrative: "At its 40th plenary meeting, ...", "On 14 August 2020, the General Assembly"
    r"|(?:Also\s+)?At\s+(?:its|the)\s+[^\n]{0,30}?\bmeetings?\b|On\s+\d{1,2}\s+[A-Z][a-z]+\s+\d{4},)"
)
_PREAMBLE_WORD = re.compile(r"[A-Z][a-z]+(?:ing|ed|ly)\b|(?:Aware|Mindful|Conscious|Cognizant|Also|Further|Having)\b")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# The first word of a preambular paragraph ("Reaffirming", "Deeply concerned", "Having considered").
_OPENING = re.compile(
    r"(?:[A-Z][a-z]+ing|Aware|Mindful|Conscious|Cognizant|Convinced|Concerned|Deeply|Gravely|Alarmed|Determined"
    r"|Guided|Acknowledging|Also|Further|Having)\b(?![-’'])"
)
# An operative paragraph's first words ("Takes note", "Also requests"): after a preamble's closing comma, a new
# paragraph (a one-paragraph resolution prints no number before it).
OPERATIVE_START = re.compile(
    rf"(?:(?:Also|Further|Again|Once again|Strongly|Firmly)\s+)?(?:{'|'.join(words('operative_verbs'))})\b(?![-’'])"
)


def _line_before(text: str, pos: int) -> str:
    return text[text.rfind("\n", 0, pos) + 1 : pos]


def _romance_break(grammar: DocumentGrammar, line: str, text: str, end: int, prev: str) -> bool:
    """A French or Spanish line break that ends a paragraph: after a heading or the opening formula ("L’Assemblée
    générale,"), before one, or before a preambular paragraph ("Rappelant ...", "Recordando ...")."""
    newline = text.find("\n", end, end + 400)
    next_line = text[end : newline if newline >= 0 else end + 400]
    for whole in (line.strip(), next_line.strip()):
        # a formula ends with its comma or colon (a wrapped sentence may start "Le Conseil ..." and run on)
        if grammar.heading(whole) or (whole.endswith((",", ":")) and grammar.formula.fullmatch(whole)):
            return True
    return prev == "," and bool(grammar.preamble.match(text, end))


class UnwrapLines(RegexStage):
    """Join lines broken mid-paragraph; blank lines between wrapped lines (DOCX exports) too.

    Reads: context.text, context.hard_wrapped
    Writes: context.text, context.maps
    """

    def __init__(self) -> None:
        super().__init__("unwrap_lines", r"\n[ \t\n\f]*(?=\S)")

    def edits(self, ctx: Context) -> list[Edit]:
        text = ctx.text
        wrapped = ctx.hard_wrapped
        grammar = document_grammar(ctx.language) if ctx.language in PRINTED_LANGUAGES else None
        out: list[Edit] = []
        for match in self.regex.finditer(text):
            start, end = match.span()
            while start > 0 and text[start - 1] in " \t":
                start -= 1  # trailing spaces of the line go with the break
            if start == 0:
                continue
            prev = text[start - 1]
            nxt = text[end]
            if prev in ".:" and wrapped and self._runs_on(text, start, end, prev, ctx.line_width):
                out.append((start, end, " "))
                continue
            if prev in ".:;!?":
                continue
            if nxt.islower():
                # A sentence continues: hyphenated word broken at the line end ("follow-\nup" keeps the hyphen
                # only for the usual compounds, "co-\noperation" -> "cooperation").
                out.append((start, end, "" if prev == "-" else " "))
                continue
            if not wrapped:
                continue
            if prev == "-":
                # UN typesetting breaks lines after real hyphens ("Secretary-\nGeneral", "seventy-\nninth"):
                # keep the hyphen, drop the break.
                out.append((start, end, ""))
                continue
            # Each test below keeps the break; the cheap one first (their order does not matter).
            line = _line_before(text, start)
            if len(line.strip()) < 0.6 * ctx.line_width:
                continue  # a short line before a capital: a title or cover line ends here, not a wrapped sentence
            if _PARAGRAPH_START.match(text, end) or _HEADING_LINE.fullmatch(line):
                continue
            if grammar and _romance_break(grammar, line, text, end, prev):
                continue
            if _BLANK_LINE.search(text, start, end) and "\f" not in text[start:end] and _OPENING.match(text, end):
                continue  # readers that print a blank line between paragraphs: a title ends, a preamble starts
            if prev == "," and (_PREAMBLE_WORD.match(text, end) or OPERATIVE_START.match(text, end)):
                continue  # a new preambular paragraph, or the first operative one
            out.append((start, end, " "))
        return out

    @staticmethod
    def _runs_on(text: str, start: int, end: int, prev: str, width: int) -> bool:
        """A sentence goes on past a line ending in "." or ":" in typeset text: an abbreviation ("The Gambia v.",
        "vol.") or a colon inside a title running to the margin ("Conference on Palestine:\nReconstructing Gaza")."""
        if _PARAGRAPH_START.match(text, end) or not (text[end].isupper() or text[end].isdigit()):
            return False
        line = _line_before(text, start)
        if prev == ".":
            return bool(_ABBREVIATION_END.search(line))
        # A title's colon: a capitalised word before it, the line at full width, a capitalised word after it.
        return (
            len(line.strip()) >= 0.8 * width
            and bool(re.search(r"\b[A-Z][A-Za-z’'-]+:$", line))
            and not _HEADING_LINE.fullmatch(line)
            and bool(re.match(r"[A-Z][a-z]+\b", text[end : end + 40]))
        )


_ABBREVIATION_END = re.compile(
    r"(?<![\w.])(?:v|vs|No|Nos|vol|vols|para|paras|art|arts|chap|sect|Mr|Ms|Mrs|Dr|St|cf)\.$"
)

unwrap_lines = UnwrapLines()


# An ordinal split at its hyphen by a reader ("eighty -first", "eighty- first", "eighty - first"): a session
# number that would otherwise be lost. Unambiguous, so any text is repaired.
# The scan looks for the hyphen alone (a character class is found far faster than words at every position);
# the spaces around it and the words on both sides are checked only where a hyphen is.
_TENS_BEFORE = re.compile(rf"(?i:\b(?:{TENS}))$")
_UNITS_AFTER = re.compile(rf"(?i:(?:{ORDINAL_UNITS})\b)")


def _split_ordinal_handler(match: re.Match[str], text: str) -> Iterable[Edit]:
    start, end = match.span()
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    while end < len(text) and text[end] in " \t":
        end += 1
    if end - start == 1 or not _UNITS_AFTER.match(text, end):
        return ()  # no space around the hyphen ("eighty-first" is whole), or no ordinal after it
    if _TENS_BEFORE.search(text, max(0, start - 12), start):
        return ((start, end, "-"),)
    return ()


join_split_ordinals = RegexStage(
    "join_split_ordinals",
    r"[-‑–]",
    _split_ordinal_handler,
    needles=(" -", "- ", " ‑", "‑ ", " –", "– "),
)


class CloseSpacedHyphens(RegexStage):
    """PDF text extraction sometimes spaces out hyphens in words: "Secretary - General", "Secretary- General",
    "follow -up", "high- level". A hyphen spaced on one side only, between lower-case words, is closed too,
    except a suspended hyphen ("medium- and long-term", "pre- or post-").

    Reads: context.text, context.hard_wrapped (only PDF-like text is touched)
    Writes: context.text, context.maps
    """

    def __init__(self) -> None:
        super().__init__(
            "close_spaced_hyphens",
            [
                r"(?<=[A-Za-z])(?: - |- | -)(?=[A-Z][a-z])",
                r"(?<=[a-z])(?:- (?!(?:and|or|to|as well as|but)\b)| -)(?=[a-z])",
            ],
        )

    def edits(self, ctx: Context) -> list[Edit]:
        if not ctx.hard_wrapped:
            return []
        text = ctx.text
        # Every match holds " -" or "- " (one hyphen): find those with C-speed `str.find` and try the patterns
        # only there, at the hyphen and at the space before it. The same matches as `finditer`, in the same order,
        # without running lookbehind-led patterns over the whole text.
        hyphens = sorted({at + 1 for at in _find_all(text, " -")} | set(_find_all(text, "- ")))
        out: list[Edit] = []
        for regex in self.regexes:
            for hyphen in hyphens:
                match = (hyphen > 0 and text[hyphen - 1] == " " and regex.match(text, hyphen - 1)) or regex.match(
                    text, hyphen
                )
                if match:
                    out.append((match.start(), match.end(), "-"))
        return out


def _find_all(text: str, literal: str) -> Iterable[int]:
    at = text.find(literal)
    while at >= 0:
        yield at
        at = text.find(literal, at + 1)


close_spaced_hyphens = CloseSpacedHyphens()


# One paragraph per line: trim line ends and starts, drop blank lines, squeeze runs of spaces.
def _tidy_handler(match: re.Match[str], text: str) -> Iterable[Edit]:
    start, end = match.span()
    value = match.group()
    if value == "\u00a0":
        return ((start, end, " "),)
    if "\n" in value:
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        return ((start, end, "" if start == 0 else "\n"),)
    if start == 0 or end == len(text) or text[end] == "\n":
        return ((start, end, ""),)
    return ((start + 1, end, ""),)


tidy_lines = RegexStage("tidy_lines", [r"\n[ \t\n]*", r"  +", "\u00a0", r"\A[ \t]+"], _tidy_handler)


NORMALISE_STAGES: list[Callable[[Context], None]] = [
    normalise_characters,
    strip_front_matter,
    detect_wrapping,
    strip_tags,
    strip_links,
    strip_emphasis,
    strip_list_prefixes,
    remove_pdf_page_breaks,
    remove_running_heads,
    remove_page_furniture,
    strip_footnote_markers,
    join_paragraph_labels,
    unwrap_lines,
    join_split_ordinals,
    close_spaced_hyphens,
    tidy_lines,
]


def normalise(text: str) -> Context:
    """Run the normalisation stages over `text`; the context holds the clean text and its offset maps."""
    ctx = Context(source=text)
    for stage in NORMALISE_STAGES:
        stage(ctx)
    return ctx
