"""The one object every pipeline stage reads and writes."""

from __future__ import annotations

from dataclasses import dataclass, field

from mandates.extraction.offsets import OffsetMap, map_back
from mandates.extraction.types import InstrumentRecord, MandateRecord


@dataclass
class Context:
    source: str  # the original text; every offset we publish indexes it
    text: str = ""  # the current (normalised) text
    maps: list[OffsetMap] = field(default_factory=list)  # one per text-rewriting stage, in order
    hard_wrapped: bool = False  # lines are broken mid-sentence (PDF text)
    line_width: int = 0  # typical length of a full line, when wrapped
    symbol: str = ""
    title: str = ""
    body_hint: str = ""  # the body whose report this is, when the cover names one
    language: str = "en"  # ISO 639-1: which grammar reads the clauses (markup metadata, else detected)
    instruments: list[InstrumentRecord] = field(default_factory=list)
    mandates: list[MandateRecord] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.text:
            self.text = self.source

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the current text back to the original text."""
        return map_back(self.maps, start, end)
