"""Session calendar and due dates. PLACEHOLDER until the calendar branch lands."""

from __future__ import annotations

from collections.abc import Iterable


def mandates_schedule(mandates: Iterable) -> None:
    """Attach each mandate to its due session and compute session_opens_on and document_due_on."""


def sessions_record_from_document(document) -> None:
    """Read session dates printed in `document` (dateparser) into the calendar."""
