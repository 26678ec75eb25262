"""What the extraction pipeline produces. Plain dataclasses: no Django here.

All offsets (`start`, `end`) are Python str indices into the *source text*: the file's decoded text
for plain-text files, or the text the project extracted for PDF, DOCX and HTML.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


class ExtractionError(ValueError):
    """A document cannot be read or holds nothing to extract; the message is one line for a person."""


@dataclass
class ParagraphRecord:
    number: str  # as printed: "13", "4 (b)"; "" for preambular paragraphs
    kind: str  # "preambular" | "operative"
    text: str
    start: int
    end: int
    order: int = 0


@dataclass
class InstrumentRecord:
    label: str  # "Draft resolution I", "Resolution 30/1", "Decision 28/2", "A/C.3/76/L.9"
    title: str
    kind: str  # "resolution" | "decision"
    is_draft: bool
    adopting_body: str  # canonical full name, e.g. "General Assembly"
    symbol: str = ""  # "30/1", "A/C.3/76/L.9", "A/RES/78/1"
    session_number: int | None = None  # session of the adopting body the text belongs to, when known
    adopted_on: str = ""  # ISO date of adoption, when the source states it (Akoma Ntoso FRBR metadata)
    start: int = 0
    end: int = 0
    order: int = 0
    paragraphs: list[ParagraphRecord] = field(default_factory=list)
    # A decision printed as narrative ("At its 65th plenary meeting, the General Assembly ... requested ..."): verbs in
    # the past tense are its operative verbs.
    narrative: bool = False


@dataclass
class MandateRecord:
    """One mandate, with the field names of the gold schema (fixtures/gold/SCHEMA.md)."""

    instrument: str
    instrument_title: str
    adopting_body: str
    paragraph: str
    category: str  # report | information | oral | action
    responsible_entity: str
    delivered_to: str | None
    channel: str | None
    due_body: str | None
    due_session: int | None
    due_event: str | None
    recurrence: str | None
    subject: str
    start: int
    end: int
    text: str
    # Two tiers (issue #8): confident mandates come from the grammar; review candidates come from the recall
    # net where the grammar produced nothing, and wait for a person. `review_reason` says why.
    confidence: float = 1.0
    review: bool = False
    review_reason: str = ""

    def to_json(self) -> dict:
        return asdict(self)


@dataclass
class ExtractionResult:
    text: str  # the source text all offsets refer to
    instruments: list[InstrumentRecord] = field(default_factory=list)
    mandates: list[MandateRecord] = field(default_factory=list)
    symbol: str = ""  # the document's own symbol when printed (A/C.3/76/L.9, E/2021/30)
    title: str = ""
    language: str = "en"  # ISO 639-1 code of the document's language


@dataclass
class Markup:
    """What a structured source (Akoma Ntoso XML) states itself, so extraction need not guess it: the document's
    symbol, title and language, and its instruments with their paragraphs (number, kind, offsets into the text
    the reader derived). Segmentation is skipped for such a document."""

    symbol: str
    title: str
    language: str
    instruments: list[InstrumentRecord] = field(default_factory=list)


@dataclass
class Reading:
    """A file read into text: the text extraction runs on, its format, and the markup when the format has one."""

    text: str
    format: str
    markup: Markup | None = None

    @property
    def language(self) -> str:
        return self.markup.language if self.markup else "en"
