"""Akoma Ntoso (AKN4UN) resolutions: hardened parsing, FRBR metadata, and the text and structure extraction runs on.

`read_akn(data)` returns a `Reading`: the text derived from the markup (one block per line, blank lines between
blocks, footnotes collected at the end under "Notes") and a `Markup` holding the instruments and paragraphs the
markup states, with offsets into that text. The pipeline then skips segmentation (see
`pipeline.extract_marked_up`): the preamble/operative split, the paragraph numbers, the symbol, adopting body,
adoption date and language come from the XML, not from patterns over the text.

Layout of the derived text (what a person sees, and what the plain-text pipeline would segment the same way):
the cover lines, "75/100. Title", "The General Assembly,", one line per preambular paragraph, "4. Requests ..."
per operative paragraph and "(a) To ..." per sub-paragraph, the closing lines ("41st plenary meeting"), any
annex, and the footnotes (`authorialNote`) last, never inside a paragraph.

Hostile XML is refused before and during parsing: no DTD (so no entity declarations: "billion laughs" and external
entities), no network, no huge text nodes or deep nesting (libxml2 limits without XML_PARSE_HUGE).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from mandates.extraction.names import ALIASES, BODY_NAMES
from mandates.extraction.readers import CorruptFile, ReadError, UnsupportedFormat
from mandates.extraction.types import InstrumentRecord, Markup, ParagraphRecord, Reading

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
_N = f"{{{NS}}}"

# FRBR author codes of the deliberating bodies (the component before the date in a FRBR work URI) and the
# resolution symbol prefix each uses.
AUTHORS = {
    "unga": ("General Assembly", "A/RES/"),
    "unecosoc": ("Economic and Social Council", "E/RES/"),
    "unsc": ("Security Council", "S/RES/"),
    "unhrc": ("Human Rights Council", "A/HRC/RES/"),
}
# ISO 639-2 (FRBRlanguage) -> ISO 639-1, the code Document.language stores.
LANGUAGES = {"eng": "en", "fra": "fr", "spa": "es", "ara": "ar", "rus": "ru", "zho": "zh"}

_HOSTILE = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_DIGITS = re.compile(r"\(?(\d{1,3})\)?\.?")
# "(a)" in English, "a)" in French and Spanish.
_LETTER = re.compile(r"\(?([a-z]{1,5})\)")
_TEXT_LETTER = re.compile(r"\(?([a-z]{1,4})\)\s")
_HEADING_NUM = re.compile(r"(?:[IVXLC]+|[A-Z])\.?")
_WORK_NUMBER = re.compile(r"(?P<session>S-\d+|\d+)-(?P<number>\d+)(?P<part>[A-Z](?:-[A-Z])*)?")
_BREAK = "\ue000"  # an <eol/> while collecting text; source newlines are only whitespace
_BLOCK_TAGS = {"p", "heading", "subheading", "crossHeading", "docTitle", "tr", "listIntroduction", "intro", "wrapUp"}


class HostileXml(ReadError):
    """XML with a DTD, entity declarations or beyond the parser's safety limits."""


def parse(data: bytes) -> etree._Element:
    """The root element, parsed with entity expansion, DTD loading and network access all off.

    A document that is not well-formed is parsed again in libxml2's recovery mode (same safety options): one of
    the UN's own files has a mismatched tag, and everything else in it is sound."""
    if _HOSTILE.search(data):
        raise HostileXml("XML with a DTD or entity declarations is refused (entity expansion, external entities)")
    try:
        root = etree.fromstring(data, _parser(recover=False))
    except etree.XMLSyntaxError as exc:
        if "huge" in str(exc).lower() or "depth" in str(exc).lower() or "amplification" in str(exc).lower():
            raise HostileXml(f"XML beyond the parser's safety limits ({_first_line(exc)})") from exc
        try:
            root = etree.fromstring(data, _parser(recover=True))
        except etree.XMLSyntaxError:
            root = None
        if root is None or _local(root) != "akomaNtoso":
            raise CorruptFile(f"malformed XML ({_first_line(exc)})") from exc
    if root is None:
        raise CorruptFile("malformed XML (no root element)")
    if root.getroottree().docinfo.internalDTD is not None:
        raise HostileXml("XML with a DTD is refused")
    if _local(root) != "akomaNtoso" or root.tag != f"{_N}akomaNtoso":
        raise UnsupportedFormat("XML that is not an Akoma Ntoso document (root <akomaNtoso> in the OASIS namespace)")
    return root


def _parser(*, recover: bool) -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        recover=recover,
    )


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0] if lines else type(exc).__name__)[:120]


def _local(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def read_akn(data: bytes) -> Reading:
    root = parse(data)
    builder = _Builder()
    builder.document(root)
    if not any(inst.paragraphs for inst in builder.instruments):
        raise UnsupportedFormat("an Akoma Ntoso document without a resolution or decision (no <statement> body)")
    _unique_labels(builder.instruments)
    text = builder.text()
    symbol = builder.doc_symbol or next((i.symbol for i in builder.instruments if i.symbol), "")
    title = builder.doc_title or (builder.instruments[0].title if builder.instruments else "")
    markup = Markup(symbol=symbol, title=title, language=builder.language or "en", instruments=builder.instruments)
    return Reading(text=text, format="xml", markup=markup)


# ----------------------------------------------------------------------------------------------- text


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class _Frbr:
    author: str = ""
    number: str = ""  # "75-100", "2021-2B", "S-32-1"
    adopted_on: str = ""
    language: str = ""


def _frbr(meta) -> _Frbr:
    info = _Frbr()
    if meta is None:
        return info
    work = meta.find(f"{_N}identification/{_N}FRBRWork")
    if work is not None:
        uri = work.find(f"{_N}FRBRuri")
        parts = [p for p in (uri.get("value", "") if uri is not None else "").split("/") if p]
        for i, part in enumerate(parts):
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", part) and i > 0:
                info.author, info.adopted_on = parts[i - 1], part
                info.number = parts[i + 1] if i + 1 < len(parts) else ""
                break
        for date in work.iterfind(f"{_N}FRBRdate"):
            if date.get("name") == "adoption" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date.get("date", "")):
                info.adopted_on = date.get("date")
    language = meta.find(f"{_N}identification/{_N}FRBRExpression/{_N}FRBRlanguage")
    if language is not None:
        code = language.get("language", "").lower()
        info.language = LANGUAGES.get(code, code[:8])
    return info


def symbol_from_frbr(author: str, number: str) -> str:
    """("unga", "75-101A") -> "A/RES/75/101 A"; ("unecosoc", "2021-2B") -> "E/RES/2021/2 B"."""
    m = _WORK_NUMBER.fullmatch(number)
    if not m or author not in AUTHORS:
        return ""
    symbol = f"{AUTHORS[author][1]}{m.group('session')}/{m.group('number')}"
    return f"{symbol} {m.group('part')}" if m.group("part") else symbol


def session_of(symbol: str) -> int | None:
    """A/RES/75/100 -> 75; E/RES/2021/11 (a year) and A/RES/S-32/1 (a special session) -> None."""
    m = re.search(r"/RES/(\d+)/", symbol)
    return int(m.group(1)) if m and int(m.group(1)) < 1000 else None


def body_from_formula(formula: str) -> str:
    """ "The General Assembly," -> "General Assembly" (canonical when known)."""
    name = re.sub(r"^The\s+|[\s,:;.]+$", "", _clean(formula))
    canonical = ALIASES.get(name.lower())
    return canonical if canonical in BODY_NAMES else name


@dataclass
class _State:
    """Numbering inside one operative part."""

    numbered: bool  # the part prints its own paragraph numbers
    last: str = ""  # "4"
    last_sub: str = ""  # "4 (b)"
    counter: int = 0


@dataclass
class _Builder:
    parts: list[str] = field(default_factory=list)
    pos: int = 0
    notes: list[tuple[str, str]] = field(default_factory=list)
    instruments: list[InstrumentRecord] = field(default_factory=list)
    doc_symbol: str = ""
    doc_title: str = ""
    language: str = ""
    current: InstrumentRecord | None = None

    def text(self) -> str:
        if self.notes:
            self.line("Notes")
            for marker, note in self.notes:
                self.line(f"{marker} {note}".strip())
        return "".join(self.parts) + "\n"

    def line(self, text: str) -> tuple[int, int] | None:
        text = _clean(text)
        if not text:
            return None
        if self.parts:
            self.parts.append("\n\n")
            self.pos += 2
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def paragraph(self, number: str, kind: str, text: str) -> None:
        span = self.line(text)
        if span is None or self.current is None:
            return
        record = self.current
        record.paragraphs.append(
            ParagraphRecord(number, kind, _clean(text), span[0], span[1], order=len(record.paragraphs))
        )
        record.end = span[1]

    # ----------------------------------------------------------------------------------- inline text

    def inline(self, el, *, breaks: bool = False) -> str:
        """The text of `el`; footnotes go to `notes` (not into the text); <eol/> is a space or a line break."""
        out: list[str] = []

        def walk(node) -> None:
            if node.text:
                out.append(node.text)
            for child in node:
                tag = _local(child)
                if tag == "authorialNote":
                    self.notes.append((child.get("marker", ""), _clean(self.inline(child))))
                elif tag in ("eol", "br", "eop"):
                    out.append(_BREAK if breaks else " ")
                elif tag and tag not in ("meta", "img"):
                    walk(child)
                if child.tail:
                    out.append(child.tail)

        walk(el)
        return "".join(out)

    def lines_of(self, el) -> None:
        """Every block of `el` as its own line (cover page, closing lines, annexes, tables)."""
        tag = _local(el)
        if not tag or tag in ("meta", "authorialNote", "collectionBody"):
            return
        if tag == "tr":
            self.line("\t".join(_clean(self.inline(cell)) for cell in el))
            return
        children = [c for c in el if _local(c)]
        if tag in _BLOCK_TAGS or not any(_local(c) in _BLOCK_TAGS or len(c) for c in children):
            for piece in self.inline(el, breaks=True).split(_BREAK):
                self.line(piece)
            return
        num = el.find(f"{_N}num")
        prefix = _clean(self.inline(num)) if num is not None else ""
        for child in children:
            if child is num:
                continue
            if prefix and _local(child) in ("content", "p"):
                self.line(f"{prefix} {self.inline(child)}")
                prefix = ""
                continue
            self.lines_of(child)
        if prefix:
            self.line(prefix)

    # ------------------------------------------------------------------------------------- structure

    def document(self, root) -> None:
        for child in root:
            tag = _local(child)
            if tag == "statement":
                self.statement(child, nested=False)
            elif tag in ("documentCollection", "components", "component", "collectionBody"):
                self.collection(child)
            elif tag:
                self.lines_of(child)

    def collection(self, el) -> None:
        for child in el:
            tag = _local(child)
            if tag == "meta":
                info = _frbr(child)
                self.language = self.language or info.language
            elif tag == "statement":
                self.statement(child, nested=_local(el) == "components" and self.current is not None)
            elif tag in ("components", "component", "documentCollection"):
                self.collection(child)
            elif tag == "coverPage":
                self.cover(child)
            elif tag == "preface":
                self.preface(child, None)
            elif tag and tag != "collectionBody":
                self.lines_of(child)

    def cover(self, el) -> None:
        for number in el.iter(f"{_N}docNumber"):
            if number.get("refersTo") == "#symbol" and not self.doc_symbol:
                self.doc_symbol = _clean(self.inline(number))
        self.lines_of(el)

    def preface(self, el, record: InstrumentRecord | None) -> None:
        for title in el.iter(f"{_N}docTitle"):
            text = _clean(self.inline(title))
            if record is not None and not record.title:
                record.title = text
            if not self.doc_title:
                self.doc_title = text
            break
        self.lines_of(el)

    def statement(self, st, *, nested: bool) -> None:
        name = (st.get("name") or "resolution").lower()
        info = _frbr(st.find(f"{_N}meta"))
        self.language = self.language or info.language
        is_draft = "draft" in name
        symbol = "" if is_draft else symbol_from_frbr(info.author, info.number)
        if not is_draft and not nested and (not symbol or re.fullmatch(re.escape(symbol) + r" [A-Z]", self.doc_symbol)):
            symbol = self.doc_symbol  # the cover prints the part the FRBR number lacks ("A/RES/75/245 B")
        body = AUTHORS.get(info.author, ("", ""))[0] if not is_draft else ""
        record = InstrumentRecord(
            label=symbol or ("Draft " + name.replace("draft ", "") if is_draft else name.capitalize()),
            title="",
            kind="decision" if "decision" in name else "resolution",
            is_draft=is_draft,
            adopting_body=body,
            symbol=symbol,
            session_number=session_of(symbol),
            adopted_on="" if is_draft else info.adopted_on,
            start=self.pos + (2 if self.parts else 0),
        )
        _lift_misplaced_parts(st)
        outer = self.current
        self.current = record
        self.instruments.append(record)
        record.order = len(self.instruments) - 1
        deferred = []
        for child in st:
            tag = _local(child)
            if tag in ("meta", ""):
                continue
            if tag == "coverPage":
                self.cover(child)
            elif tag == "preface":
                self.preface(child, record)
            elif tag == "preamble":
                self.preamble(child, record)
            elif tag == "mainBody":
                self.operative(child, _State(numbered=_prints_numbers(child)))
            elif tag == "components":
                deferred.append(child)  # nested draft resolutions follow the instrument that recommends them
            else:
                self.lines_of(child)  # conclusions, attachments (annexes): text, not paragraphs
        if not record.adopting_body:
            record.adopting_body = self._issuing_body(st) or "General Assembly"
        if not record.title and outer is not None:
            record.title = outer.title  # a recommended draft carries the title of the resolution recommending it
        for components in deferred:
            self.collection(components)
        self.current = outer
        record.end = max(record.end, record.start)

    def _issuing_body(self, st) -> str:
        for authority in st.iter(f"{_N}docAuthority"):
            if authority.get("refersTo") == "#issuingBody":
                return body_from_formula(self.inline(authority))
        return ""

    def preamble(self, el, record: InstrumentRecord) -> None:
        for child in el:
            tag = _local(child)
            if tag == "formula":
                text = self.inline(child)
                self.line(text)
                if not record.adopting_body and text.strip():
                    record.adopting_body = body_from_formula(text)
            elif tag == "blockList":
                self.items(child, kind="preambular")
            elif tag == "container" and child.find(f"{_N}blockList") is not None:
                for part in child:
                    if _local(part) == "blockList":
                        self.items(part, kind="preambular")
                    elif _local(part):
                        self.paragraph("", "preambular", self.inline(part))
            elif tag:
                self.paragraph("", "preambular", self.inline(child))

    def items(self, block, *, kind: str) -> None:
        for item in block:
            tag = _local(item)
            if tag in ("listIntroduction", "listWrapUp"):
                self.paragraph("", kind, self.inline(item))
            elif tag == "item":
                num = item.find(f"{_N}num")
                prefix = _clean(self.inline(num)) + " " if num is not None else ""
                body = " ".join(self.inline(c) for c in item if c is not num and _local(c))
                self.paragraph("", kind, prefix + body)

    def operative(self, el, state: _State) -> None:
        for child in el:
            tag = _local(child)
            if not tag:
                continue
            if tag in ("num", "heading", "subheading"):
                self.line(self.inline(child))
            elif tag == "crossHeading":
                self.paragraph("", "preambular", self.inline(child))  # preambular text inside a section
            elif tag in ("paragraph", "point", "item"):
                self.operative_paragraph(child, state, depth=0)
            elif tag in ("section", "part", "chapter", "hcontainer", "division", "subsection", "title", "level"):
                self.operative(child, state)
            else:
                self.lines_of(child)  # tables and other containers: text, not paragraphs

    def operative_paragraph(self, el, state: _State, *, depth: int, parent: str = "") -> None:
        num_el = el.find(f"{_N}num")
        num = _clean(self.inline(num_el)) if num_el is not None else ""
        for child in el:
            if _local(child) in ("heading", "subheading"):
                self.line(self.inline(child))
        if num and _HEADING_NUM.fullmatch(num):
            # "I." or "A." at paragraph level: a section heading, not a paragraph
            content = " ".join(self.inline(c) for c in el if _local(c) in ("content", "intro"))
            self.line(f"{num} {_clean(content).lstrip('. ')}")
            return
        units: list[str] = []
        lists = []
        for child in el:
            tag = _local(child)
            if tag == "content":
                ps = [p for p in child if _local(p) == "p"]
                units.extend(self.inline(p) for p in ps) if ps else units.append(self.inline(child))
            elif tag in ("list", "blockList"):
                lists.append(child)
                # the chapeau of the list belongs to the paragraph line: "27. Notes ..., and:"
                units.extend(self.inline(i) for i in child if _local(i) in ("intro", "listIntroduction"))
            elif tag in ("intro", "wrapUp"):
                units.append(self.inline(child))
        units = [u for u in (_clean(u) for u in units) if u]
        number = self._number(num, units[0] if units else "", state, depth=depth, parent=parent)
        first = True
        for unit in units:
            if first:
                self.paragraph(number, "operative", f"{num} {unit}" if num else unit)
                first = False
                continue
            letter = _TEXT_LETTER.match(unit)
            self.paragraph(self._number("", unit, state, depth=0) if letter else number, "operative", unit)
        if first and num:
            self.paragraph(number, "operative", num)
        for block in lists:
            for item in block:
                tag = _local(item)
                if tag in ("point", "item"):
                    self.operative_paragraph(item, state, depth=depth + 1, parent=number)
                elif tag in ("list", "blockList", "sublist"):
                    for sub in item:
                        if _local(sub) in ("point", "item"):
                            self.operative_paragraph(sub, state, depth=depth + 2, parent=number)
                elif tag and tag not in ("intro", "listIntroduction"):
                    self.paragraph(number, "operative", self.inline(item))

    def _number(self, num: str, text: str, state: _State, *, depth: int, parent: str = "") -> str:
        """The paragraph number as the gold schema writes it: "4", "4 (b)"; (i), (ii) under "4 (b)" stay "4 (b)"."""
        digits = _DIGITS.fullmatch(num) if num else None
        if digits and depth == 0:
            state.last, state.last_sub = digits.group(1), ""
            return state.last
        letter = _LETTER.fullmatch(num) if num else _TEXT_LETTER.match(text)
        if depth >= 2:
            return parent or state.last_sub or state.last  # an item under a sub-paragraph
        if letter:
            if depth == 0 and state.last_sub and _is_roman_item(letter.group(1), state.last_sub):
                return state.last_sub
            number = f"{state.last} ({letter.group(1)})" if state.last else f"({letter.group(1)})"
            state.last_sub = number
            return number
        if depth == 1:
            return parent or state.last
        if not state.numbered:
            # An operative part printed without numbers ("Urges ...:" then (a), (b)): numbered as the text reads.
            state.counter += 1
            state.last, state.last_sub = str(state.counter), ""
            return state.last
        return state.last_sub or state.last  # a continuation of the paragraph above


_ROMAN_ITEMS = frozenset(["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"])


def _is_roman_item(letter: str, previous: str) -> bool:
    """True for "(ii)" under "4 (a)"; false for "(i)" that simply follows "(h)"."""
    if letter not in _ROMAN_ITEMS:
        return False
    prev_letter = previous.split("(")[-1].rstrip(") ")
    return (prev_letter, letter) not in (("h", "i"), ("u", "v"), ("w", "x"))


def _lift_misplaced_parts(st) -> None:
    """A tag left open in the preface (a file repaired in recovery mode) swallows the preamble and the operative
    part: move them back to the statement, after the preface."""
    for child in list(st):
        if _local(child) not in ("coverPage", "preface"):
            continue
        misplaced = [el for el in child.iter(f"{_N}preamble", f"{_N}mainBody", f"{_N}conclusions") if el is not child]
        for offset, el in enumerate(misplaced, start=1):
            st.insert(st.index(child) + offset, el)


def _prints_numbers(main_body) -> bool:
    return any(_DIGITS.fullmatch(_clean("".join(num.itertext()))) for num in main_body.iter(f"{_N}num"))


def _unique_labels(instruments: list[InstrumentRecord]) -> None:
    """Instrument labels are unique within a document: several nested drafts become "Draft resolution I", "II"."""
    counts: dict[str, int] = {}
    for inst in instruments:
        counts[inst.label] = counts.get(inst.label, 0) + 1
    seen: dict[str, int] = {}
    for inst in instruments:
        if counts.get(inst.label, 0) > 1 and not re.search(r" [IVXLC]+$", inst.label):
            seen[inst.label] = seen.get(inst.label, 0) + 1
            inst.label = f"{inst.label} {_ROMAN_NUMERALS[seen[inst.label] - 1]}"


_ROMAN_NUMERALS = [
    "I",
    "II",
    "III",
    "IV",
    "V",
    "VI",
    "VII",
    "VIII",
    "IX",
    "X",
    "XI",
    "XII",
    "XIII",
    "XIV",
    "XV",
    "XVI",
    "XVII",
    "XVIII",
    "XIX",
    "XX",
]
