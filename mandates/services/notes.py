"""Notes: the comment thread of a mandate."""

from __future__ import annotations

from mandates.errors import ApplicationError
from mandates.models import Mandate, MandateNote

NOTE_MAX = 4000


def mandate_add_note(*, mandate: Mandate, text: str, by=None) -> MandateNote:
    """Add a note to `mandate`'s thread, by `by`. Notes are kept: there is no edit or delete."""
    text = (text or "").strip()
    if not text:
        raise ApplicationError("Write something first.")
    if len(text) > NOTE_MAX:
        raise ApplicationError(f"A note has at most {NOTE_MAX} characters.")
    return MandateNote.objects.create(mandate=mandate, author=by, text=text)
