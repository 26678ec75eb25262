"""Extraction pipeline: plain Python, no Django. `extract_text` is the entry point."""

from __future__ import annotations

from mandates.extraction.pipeline import extract_marked_up, extract_reading, extract_text
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
    "extract_marked_up",
    "extract_reading",
    "extract_text",
]
