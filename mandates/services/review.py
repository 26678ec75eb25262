"""Decisions on extracted mandates (issue #8): confirm, correct, reject, return to review.

One function per state change. Each goes through services.workflow.mandate_set_review_state, which locks
the row, moves review_state, sets the flag and writes the ReviewDecision (who, when, what changed).
Corrections go through services.ingest.mandate_edit, so a corrected field is a staff edit that a
re-ingestion of the document never overwrites.
"""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction

from mandates.errors import ApplicationError
from mandates.models import Mandate, ReviewDecision
from mandates.services import calendar
from mandates.services.ingest import mandate_edit
from mandates.services.workflow import mandate_set_review_state

R = Mandate.ReviewState
A = ReviewDecision.Action


def _schedule(mandate: Mandate) -> None:
    """Dates from the (possibly corrected) due body and session, before the flag is computed."""
    calendar.mandates_schedule([Mandate.all_objects.get(pk=mandate.pk)])


def _field_name(name: str) -> str:
    try:
        return Mandate._meta.get_field(name).name
    except FieldDoesNotExist:
        return Mandate._meta.get_field(name.removesuffix("_id")).name


def _shown(mandate: Mandate, name: str):
    """A field's value as a person reads it (names, not ids), for ReviewDecision.changes."""
    value = getattr(mandate, name)
    if value is None or isinstance(value, int | float | str | bool):
        return value
    return str(value)


@transaction.atomic
def mandate_confirm(*, mandate: Mandate, by, note: str = "") -> Mandate:
    """A candidate becomes a tracked mandate: listed, flagged, reminded, exported."""
    _schedule(mandate)
    return mandate_set_review_state(mandate=mandate, state=R.CONFIRMED, action=A.CONFIRMED, by=by, reason=note)


@transaction.atomic
def mandate_correct(*, mandate: Mandate, by, note: str = "", **changes) -> Mandate:
    """Save corrections of extracted fields (staff edits) and record them; a candidate is confirmed with them.

    A tracked mandate stays tracked. Raises ApplicationError for a rejected mandate (return it to review
    first) and when nothing would change on a tracked mandate; ValidationError for invalid values.
    """
    mandate = Mandate.all_objects.get(pk=mandate.pk)
    if mandate.review_state == R.REJECTED:
        raise ApplicationError("This mandate was rejected: return it to review before correcting it.")
    names = sorted({_field_name(name) for name in changes})
    before = {name: _shown(mandate, name) for name in names}
    mandate_edit(mandate=mandate, by=by, **changes)
    mandate = Mandate.all_objects.get(pk=mandate.pk)
    diff = {name: [before[name], _shown(mandate, name)] for name in names if before[name] != _shown(mandate, name)}
    if not diff and mandate.review_state == R.CONFIRMED:
        raise ApplicationError("Nothing changed.")
    _schedule(mandate)
    return mandate_set_review_state(
        mandate=mandate,
        state=R.CONFIRMED,
        action=A.CORRECTED if diff else A.CONFIRMED,
        by=by,
        reason=note,
        changes=diff,
    )


def mandate_reject(*, mandate: Mandate, by, reason: str = "") -> Mandate:
    """Not a mandate (a candidate, or a confident extraction that is wrong): out of every list, for good.

    A re-ingestion of the document keeps it rejected (services.ingest).
    """
    return mandate_set_review_state(mandate=mandate, state=R.REJECTED, action=A.REJECTED, by=by, reason=reason)


def mandate_reopen(*, mandate: Mandate, by, note: str = "") -> Mandate:
    """Undo a rejection: the mandate waits for review again."""
    return mandate_set_review_state(mandate=mandate, state=R.CANDIDATE, action=A.REOPENED, by=by, reason=note)
