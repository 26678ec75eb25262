"""The mandate status workflow. `mandate_set_status` is the only place Mandate.status changes."""

from __future__ import annotations

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from mandates.errors import MandateBusy, TransitionNotAllowed
from mandates.models import FlagEvent, Mandate, StatusChange
from mandates.services.flags import DONE_STATUSES, flag_for

S = Mandate.Status

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
}


def allowed_targets(status: str) -> list[str]:
    """Statuses a mandate in `status` may move to, in workflow order."""
    return [target for target in S.values if status in ALLOWED_SOURCES[target]]


LOCK_NOT_AVAILABLE = "55P03"  # PostgreSQL's SQLSTATE when lock_timeout expires


def _lock_mandate(pk: int) -> Mandate:
    """SELECT ... FOR UPDATE, waiting at most STATUS_LOCK_TIMEOUT_MS for a lock an ingest holds.

    The timeout is set inside a savepoint and restored after, so a caller's own transaction keeps its
    lock_timeout; if the wait runs out, the savepoint is rolled back and MandateBusy says "try again".
    """
    if connection.vendor != "postgresql":
        return Mandate.objects.select_for_update().get(pk=pk)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT current_setting('lock_timeout'), set_config('lock_timeout', %s, true)",
                    [f"{settings.STATUS_LOCK_TIMEOUT_MS}ms"],
                )
                previous = cursor.fetchone()[0]
            locked = Mandate.objects.select_for_update().get(pk=pk)
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
def mandate_set_status(*, mandate: Mandate, status: str, by=None, note: str = "", **fields) -> Mandate:
    """Move `mandate` to `status`, writing a StatusChange row in the same transaction.

    Extra keyword fields (submitted_symbol, superseded_by) are saved with the change.
    Raises TransitionNotAllowed when the current status may not move to `status`.
    """
    # Lock the row so two editors cannot both move it from the same source state.
    locked = _lock_mandate(mandate.pk)
    if status not in ALLOWED_SOURCES:
        raise TransitionNotAllowed(f"Unknown status {status!r}.")
    if locked.status not in ALLOWED_SOURCES[status]:
        raise TransitionNotAllowed(
            f"Cannot move a mandate from {locked.get_status_display().lower()} to {S(status).label.lower()}."
        )
    previous = locked.status
    locked.status = status
    for name, value in fields.items():
        setattr(locked, name, value)
    # Entering or leaving a done status changes the flag now, not at the next daily run, so the dashboard
    # stops showing a submitted report as overdue. Other flag changes are the flag job's.
    flag_fields = []
    if (previous in DONE_STATUSES) != (status in DONE_STATUSES):
        today = timezone.localdate()
        new_flag = flag_for(locked, today=today)
        if new_flag != locked.flag:
            FlagEvent.objects.create(mandate=locked, from_flag=locked.flag, to_flag=new_flag, as_of=today)
            locked.flag, locked.flagged_on = new_flag, today
            flag_fields = ["flag", "flagged_on"]
    locked._history_user = by  # simple-history records who made the change
    locked.save(update_fields=["status", "updated_at", *flag_fields, *fields])
    StatusChange.objects.create(mandate=locked, from_status=previous, to_status=status, changed_by=by, note=note)
    mandate.refresh_from_db()
    return mandate
