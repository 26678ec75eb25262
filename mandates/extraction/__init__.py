"""Extraction pipeline: plain Python, no Django. `extract_text` is the entry point.

PLACEHOLDER until the extraction branch lands: returns an empty result.
"""

from __future__ import annotations

from mandates.extraction.types import (
    ExtractionError,
    ExtractionResult,
    InstrumentRecord,
    MandateRecord,
    ParagraphRecord,
)

__all__ = [
    "ExtractionError",
    "ExtractionResult",
    "InstrumentRecord",
    "MandateRecord",
    "ParagraphRecord",
    "extract_text",
]


def extract_text(text: str) -> ExtractionResult:
    """Split `text` into instruments and paragraphs and extract every mandate (offsets into `text`)."""
    return ExtractionResult(text=text)
