"""The mandate workflow. `mandate_set_status` is the only place Mandate.status changes, and
`mandate_set_review_state` the only place Mandate.review_state changes (issue #8: review candidates)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from mandates.errors import ApplicationError, MandateBusy, TransitionNotAllowed
from mandates.models import Document, FlagEvent, Mandate, ReviewDecision, StatusChange
from mandates.services.flags import flag_for, flag_since

S = Mandate.Status
R = Mandate.ReviewState
A = ReviewDecision.Action

# target status -> statuses it may be reached from
ALLOWED_SOURCES: dict[str, frozenset[str]] = {
    S.PENDING: frozenset({S.IN_PREPARATION, S.DEFERRED, S.SUBMITTED, S.CANCELLED, S.SUPERSEDED}),
    S.IN_PREPARATION: frozenset({S.PENDING, S.DEFERRED, S.SUBMITTED}),
    S.SUBMITTED: frozenset({S.PENDING, S.IN_PREPARATION, S.DEFERRED}),
    S.CONSIDERED: frozenset({S.SUBMITTED}),
    # From submitted too: undoing a fulfilment returns a deferred mandate to deferred.
    S.DEFERRED: frozenset({S.PENDING, S.IN_PREPARATION, S.SUBMITTED}),
    S.SUPERSEDED: frozenset({S.PENDING, S.IN_PREPARATION, S.DEFERRED}),
    S.CANCELLED: frozenset({S.PENDING, S.IN_PREPARATION, S.DEFERRED}),
    # Final: only an approved review-cycle decision retires a mandate (services.cycles, `by_review=True`).
    S.RETIRED: frozenset({S.PENDING, S.IN_PREPARATION, S.DEFERRED}),
}
# Statuses no person chooses in the status form: they follow from a decision taken elsewhere.
REVIEW_ONLY_STATUSES = frozenset({S.RETIRED})


SUBMITTED_STATUSES = (S.SUBMITTED, S.CONSIDERED)
SYMBOL_MAX = Mandate._meta.get_field("submitted_symbol").max_length


def document_with_symbol(symbol: str) -> Document | None:
    """The stored document whose symbol is `symbol` (any case), the first stored when several are."""
    symbol = (symbol or "").strip()
    return Document.objects.filter(symbol__iexact=symbol).order_by("id").first() if symbol else None


def allowed_targets(status: str) -> list[str]:
    """Statuses a person may move a mandate in `status` to, in workflow order."""
    return [target for target in S.values if status in ALLOWED_SOURCES[target] and target not in REVIEW_ONLY_STATUSES]


LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout expires


def _lock_mandate(pk: int) -> Mandate:
    """SELECT ... FOR UPDATE, waiting at most STATUS_LOCK_TIMEOUT_MS for a lock an ingest holds.

    The timeout is set inside a savepoint and restored after, so a caller's own transaction keeps its
    lock_timeout; if the wait runs out, the savepoint is rolled back and MandateBusy says "try again".
    """
    if connection.vendor != "postgresql":
        return Mandate.all_objects.select_for_update().get(pk=pk)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
                    [f"{settings.STATUS_LOCK_TIMEOUT_MS}ms"],
                )
                previous = cursor.fetchone()[0]
            locked = Mandate.all_objects.select_for_update().get(pk=pk)
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])
            return locked
    except OperationalError as exc:
        if getattr(exc.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise MandateBusy(
                "This mandate is being updated by a document import right now. Nothing was changed: "
                "please try again in a minute."
            ) from exc
        raise


@transaction.atomic
def mandate_set_status(
    *, mandate: Mandate, status: str, by=None, note: str = "", by_review: bool = False, **fields
) -> Mandate:
    """Move `mandate` to `status`, writing a StatusChange row in the same transaction.

    Extra keyword fields (submitted_symbol, superseded_by) are saved with the change. `by_review`: the move
    applies an approved review-cycle decision, the only way to reach REVIEW_ONLY_STATUSES.
    Raises TransitionNotAllowed when the current status may not move to `status`.
    """
    # Lock the row so two editors cannot both move it from the same source state.
    locked = _lock_mandate(mandate.pk)
    if status not in ALLOWED_SOURCES:
        raise TransitionNotAllowed(f"Unknown status {status!r}.")
    if status in REVIEW_ONLY_STATUSES and not by_review:
        raise TransitionNotAllowed(
            f"A mandate is {S(status).label.lower()} only by an approved decision of a review cycle."
        )
    if locked.review_state != R.CONFIRMED:
        raise TransitionNotAllowed(
            f"This mandate is {locked.get_review_state_display().lower()}: confirm it before changing its status."
        )
    if locked.status not in ALLOWED_SOURCES[status]:
        raise TransitionNotAllowed(
            f"Cannot move a mandate from {locked.get_status_display().lower()} to {S(status).label.lower()}."
        )
    previous = locked.status
    locked.status = status
    if fields.get("submitted_symbol") and "submitted_document" not in fields:
        # Submitting with a symbol links the report when it is already stored (else when it is ingested).
        fields["submitted_document"] = document_with_symbol(fields["submitted_symbol"])
    for name, value in fields.items():
        setattr(locked, name, value)
    # The flag changes now, not at the next daily run, so the dashboard never shows a submitted report as
    # overdue (or a reopened one as done).
    flag_fields = []
    today = timezone.localdate()
    new_flag = flag_for(locked, today=today)
    if new_flag != locked.flag:
        FlagEvent.objects.create(mandate=locked, from_flag=locked.flag, to_flag=new_flag, as_of=today)
        locked.flag, locked.flagged_on = new_flag, flag_since(locked, new_flag, today=today)
        flag_fields = ["flag", "flagged_on"]
    locked._history_user = by  # simple-history records who made the change
    locked.save(update_fields=["status", "updated_at", *flag_fields, *fields])
    StatusChange.objects.create(mandate=locked, from_status=previous, to_status=status, changed_by=by, note=note)
    mandate.refresh_from_db()
    return mandate


# target review state -> review states it may be reached from
REVIEW_SOURCES: dict[str, frozenset[str]] = {
    R.CONFIRMED: frozenset({R.CANDIDATE}),
    R.REJECTED: frozenset({R.CANDIDATE, R.CONFIRMED}),
    R.CANDIDATE: frozenset({R.REJECTED}),  # undo a rejection: back to the queue
}


@transaction.atomic
def mandate_set_review_state(
    *, mandate: Mandate, state: str, action: str, by=None, reason: str = "", changes: dict | None = None
) -> Mandate:
    """Move `mandate` to review `state`, writing a ReviewDecision row (who, when, what changed) in the same
    transaction. A correction of a tracked mandate records its decision without a move (state unchanged).

    Entering the tracked state sets the flag now, and leaving it clears the flag (with a FlagEvent), so the
    dashboard counts a confirmed candidate at once and stops counting a rejected mandate at once.
    Raises TransitionNotAllowed when the current state may not move to `state`.
    """
    locked = Mandate.all_objects.select_for_update().get(pk=mandate.pk)
    if state not in REVIEW_SOURCES:
        raise TransitionNotAllowed(f"Unknown review state {state!r}.")
    previous = locked.review_state
    stays = previous == state and action == A.CORRECTED
    if not stays and previous not in REVIEW_SOURCES[state]:
        raise TransitionNotAllowed(
            f"Cannot move a mandate that is {locked.get_review_state_display().lower()} to {R(state).label.lower()}."
        )
    if not stays:
        today = timezone.localdate()
        new_flag = flag_for(locked, today=today) if state == R.CONFIRMED else Mandate.Flag.NONE
        update = ["review_state", "updated_at"]
        if new_flag != locked.flag:
            FlagEvent.objects.create(mandate=locked, from_flag=locked.flag, to_flag=new_flag, as_of=today)
            locked.flag, locked.flagged_on = new_flag, flag_since(locked, new_flag, today=today)
            update += ["flag", "flagged_on"]
        locked.review_state = state
        locked._history_user = by  # simple-history records who made the change
        locked.save(update_fields=update)
    ReviewDecision.objects.create(
        mandate=locked,
        action=action,
        from_state=previous,
        to_state=state,
        changes=changes or {},
        reason=reason,
        decided_by=by,
    )
    mandate.refresh_from_db()
    return mandate


@transaction.atomic
def mandate_set_submitted_symbol(*, mandate: Mandate, symbol: str, by=None) -> Mandate:
    """Add or correct the symbol of the report that answered a submitted (or considered) mandate.

    Links the stored document with that symbol, if any (else ingesting it later links it:
    services.fulfilment.submitted_documents_link). Recorded in the mandate's field history, by `by`.
    Raises TransitionNotAllowed when the mandate is not submitted or considered, ApplicationError for an
    empty or overlong symbol.
    """
    symbol = re.sub(r"\s+", " ", symbol or "").strip()
    if not symbol:
        raise ApplicationError("Give the symbol of the report (e.g. A/80/123).")
    if len(symbol) > SYMBOL_MAX:
        raise ApplicationError(f"A symbol has at most {SYMBOL_MAX} characters.")
    locked = Mandate.objects.select_for_update().get(pk=mandate.pk)
    if locked.status not in SUBMITTED_STATUSES:
        raise TransitionNotAllowed("Only a submitted or considered mandate has a submitted symbol; submit it first.")
    document = document_with_symbol(symbol)
    if locked.submitted_symbol == symbol and locked.submitted_document_id == (document.pk if document else None):
        return locked
    locked.submitted_symbol = symbol
    locked.submitted_document = document
    locked._history_user = by
    locked._change_reason = "submitted symbol recorded"
    locked.save(update_fields=["submitted_symbol", "submitted_document", "updated_at"])
    mandate.refresh_from_db()
    return mandate


@transaction.atomic
def mandate_update_request(*, mandate: Mandate, what: str, by=None) -> Mandate:
    """Open `mandate` for correction: an approved "Update" decision of a review cycle says what is to change.
    Recorded in its field history by `by`; the mandate page shows it until staff mark it updated. A second
    request while one is open is added to it. Raises ApplicationError without `what`."""
    what = (what or "").strip()
    if not what:
        raise ApplicationError("Say what is to be updated.")
    locked = _lock_mandate(mandate.pk)
    locked.update_requested = f"{locked.update_requested}\n{what}".strip() if locked.update_requested else what
    locked._history_user = by
    locked._change_reason = "update requested by a review decision"
    locked.save(update_fields=["update_requested", "updated_at"])
    mandate.refresh_from_db()
    return mandate


@transaction.atomic
def mandate_update_done(*, mandate: Mandate, by=None, note: str = "") -> Mandate:
    """Staff made the update a review decision asked for: the request is closed (field history, by `by`, with
    the note as the change reason). Raises ApplicationError when no update is requested."""
    locked = _lock_mandate(mandate.pk)
    if not locked.update_requested:
        raise ApplicationError("No update is requested for this mandate.")
    locked.update_requested = ""
    locked._history_user = by
    locked._change_reason = ("updated: " + note.strip()) if (note or "").strip() else "update done"
    locked.save(update_fields=["update_requested", "updated_at"])
    mandate.refresh_from_db()
    return mandate


_UNSET = object()


@transaction.atomic
def mandate_set_owner(*, mandate: Mandate, owner=_UNSET, backup_owner=_UNSET, by=None) -> Mandate:
    """Give `mandate` an owner (a user, or None to clear) and/or a backup; recorded in its field history by
    `by`. An argument left out is not changed. The owner and the backup are two different people: a backup
    made owner (a bulk assignment) stops being the backup.
    """
    locked = Mandate.all_objects.select_for_update().get(pk=mandate.pk)
    changed = []
    if owner is not _UNSET and locked.owner_id != (owner.pk if owner else None):
        locked.owner, changed = owner, [*changed, "owner"]
        if backup_owner is _UNSET and owner is not None and locked.backup_owner_id == owner.pk:
            locked.backup_owner, changed = None, [*changed, "backup_owner"]  # the backup takes over
    if backup_owner is not _UNSET and locked.backup_owner_id != (backup_owner.pk if backup_owner else None):
        locked.backup_owner, changed = backup_owner, [*changed, "backup_owner"]
    if locked.owner_id and locked.owner_id == locked.backup_owner_id:
        raise ApplicationError("The backup must be someone other than the owner.")
    if changed:
        locked._history_user = by
        locked._change_reason = "owner assigned"
        locked.save(update_fields=[*changed, "updated_at"])
    mandate.refresh_from_db()
    return mandate


@dataclass
class BulkOutcome:
    """What a bulk action did: the mandates changed, and why each other one was not."""

    changed: list[int] = field(default_factory=list)
    refused: dict[int, str] = field(default_factory=dict)

    def summary(self) -> str:
        text = f"{len(self.changed)} changed"
        if self.refused:
            text += f", {len(self.refused)} not changed (" + "; ".join(
                f"#{pk}: {reason}" for pk, reason in list(self.refused.items())[:5]
            )
            text += ", …)" if len(self.refused) > 5 else ")"
        return text


def _bulk(ids, change) -> BulkOutcome:
    """Apply `change` to each tracked mandate of `ids`, one transaction each, as the single-mandate form does:
    a mandate the workflow refuses is reported and the others still change."""
    outcome = BulkOutcome()
    mandates = Mandate.objects.in_bulk(list(ids))
    for pk in sorted({int(i) for i in ids}):
        mandate = mandates.get(pk)
        if mandate is None:
            outcome.refused[pk] = "not a tracked mandate"
            continue
        try:
            change(mandate)
        except ApplicationError as exc:
            outcome.refused[pk] = str(exc)
        else:
            outcome.changed.append(pk)
    return outcome


def mandates_bulk_set_status(*, ids, status: str, by=None, note: str = "") -> BulkOutcome:
    """Bulk status change: mandate_set_status for each (same checks, StatusChange rows, flags)."""
    return _bulk(ids, lambda m: mandate_set_status(mandate=m, status=status, by=by, note=note))


def mandates_bulk_set_owner(*, ids, owner, by=None) -> BulkOutcome:
    """Bulk owner assignment: mandate_set_owner for each (field history rows)."""
    return _bulk(ids, lambda m: mandate_set_owner(mandate=m, owner=owner, by=by))
