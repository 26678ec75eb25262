"""Reports that answer mandates. PLACEHOLDER until the tracking branch lands."""

from __future__ import annotations


def document_fulfil(document, *, by=None) -> list:
    """Mark the mandates that `document` answers ("prepared pursuant to ...") as submitted."""
    return []
