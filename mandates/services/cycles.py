"""Mandate review cycles (issue #13, UN80). One function per state change:

- `cycle_open`: staff open a cycle; the open, tracked mandates in its scope become its items;
- `cycle_decision_record`: a reviewer records retain, update, merge (with another mandate) or retire, with a reason;
- `cycle_decision_approve` / `cycle_decision_return`: an approver, never the person who decided, approves the
  decision or returns it to the reviewer with a note;
- `cycle_close`: no more decisions.

Every step writes a CycleEvent (the mandate page's "Mandate review" history). An approved retire moves the
mandate to "retired" through services.workflow.mandate_set_status (a StatusChange with the cycle and the reason),
so it is done for the flags and no longer reminded. An approved merge supersedes the mandate by the one it merges
into (`superseded_by`, a StatusChange naming the cycle), so the other carries the request on; an approved update
opens the mandate for correction (workflow.mandate_update_request: the page says what is to change until staff
mark it updated). Retain changes nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from mandates.errors import ApplicationError
from mandates.models import Body, CycleEvent, CycleItem, Entity, Mandate, ReviewCycle
from mandates.services.workflow import mandate_set_status, mandate_update_request

D = CycleItem.Decision
ST = CycleItem.State
NAME_MAX = ReviewCycle._meta.get_field("name").max_length


def cycle_scope(*, entity: Entity | None = None, body: Body | None = None) -> QuerySet:
    """Open tracked mandates owed by `entity` and/or concerning `body` (adopted by it, delivered to it or due
    at its sessions): what a cycle with that scope reviews."""
    scope = Mandate.objects.open()
    if entity is not None:
        scope = scope.filter(responsible_entity=entity)
    if body is not None:
        scope = scope.filter(Q(instrument__adopting_body=body) | Q(delivered_to=body) | Q(due_body=body))
    return scope


@transaction.atomic
def cycle_open(*, name: str, by, entity: Entity | None = None, body: Body | None = None) -> ReviewCycle:
    """Open a review cycle over the mandates in scope now (one undecided CycleItem each).

    Raises ApplicationError for an empty or overlong name, or when nothing is in scope.
    """
    name = " ".join((name or "").split())
    if not name:
        raise ApplicationError("Give the cycle a name (e.g. 2027 programme budget review).")
    if len(name) > NAME_MAX:
        raise ApplicationError(f"A cycle's name has at most {NAME_MAX} characters.")
    ids = list(cycle_scope(entity=entity, body=body).order_by("id").values_list("id", flat=True))
    if not ids:
        raise ApplicationError("No open mandate is in this scope: nothing to review.")
    cycle = ReviewCycle(name=name, entity=entity, body=body, opened_by=by)
    cycle.full_clean()
    cycle.save()
    CycleItem.objects.bulk_create([CycleItem(cycle=cycle, mandate_id=pk) for pk in ids], batch_size=1000)
    return cycle


def _locked(item: CycleItem) -> CycleItem:
    locked = CycleItem.objects.select_for_update().select_related("cycle", "mandate").get(pk=item.pk)
    if not locked.cycle.is_open:
        raise ApplicationError(f"The cycle “{locked.cycle}” is closed: its decisions can no longer change.")
    return locked


@transaction.atomic
def cycle_decision_record(
    *, item: CycleItem, decision: str, reason: str, by, merge_into: Mandate | None = None
) -> CycleItem:
    """Record (or, until it is approved, change) the reviewer's decision on one mandate; it waits for approval.

    Raises ApplicationError for an unknown decision, a missing reason, a merge without another tracked mandate
    to merge into, an approved decision or a closed cycle.
    """
    locked = _locked(item)
    reason = (reason or "").strip()
    if decision not in D.values or decision == D.NONE:
        raise ApplicationError(f"Unknown decision {decision!r}: retain, update, merge or retire.")
    if not reason:
        raise ApplicationError("Give the reason for the decision.")
    if locked.state == ST.APPROVED:
        raise ApplicationError("This decision is approved already.")
    if decision == D.MERGE:
        if merge_into is None or merge_into.pk == locked.mandate_id:
            raise ApplicationError("Name the other mandate this one merges into.")
        if not Mandate.objects.filter(pk=merge_into.pk).exists():
            raise ApplicationError(f"#{merge_into.pk} is not a tracked mandate.")
    else:
        merge_into = None
    locked.decision, locked.merge_into, locked.reason = decision, merge_into, reason
    locked.state, locked.decided_by, locked.decided_at = ST.DECIDED, by, timezone.now()
    locked.approved_by, locked.approved_at, locked.return_note = None, None, ""
    locked.save()
    _log(locked, CycleEvent.Action.DECIDED, reason, by)
    return locked


def _log(item: CycleItem, action: str, note: str, by) -> CycleEvent:
    """The history row of a decision, approval or return: what the item's decision is at that moment."""
    return CycleEvent.objects.create(
        item=item, action=action, decision=item.decision, merge_into=item.merge_into, note=note, by=by
    )


def _answerable(locked: CycleItem, by) -> None:
    if locked.state != ST.DECIDED:
        raise ApplicationError(f"There is no decision waiting for approval ({locked.get_state_display().lower()}).")
    if locked.decided_by_id is not None and by is not None and locked.decided_by_id == by.pk:
        raise ApplicationError("You recorded this decision: another approver must approve or return it.")


@transaction.atomic
def cycle_decision_approve(*, item: CycleItem, by, note: str = "") -> CycleItem:
    """Approve the decision waiting on `item`, and apply it: retire retires the mandate, merge supersedes it by
    the mandate it merges into, update opens it for correction (workflow, with history); retain changes nothing.

    Raises ApplicationError when nothing waits for approval, when `by` recorded the decision, on a closed
    cycle, when the mandate to merge into is gone or no longer open, and (TransitionNotAllowed) when a mandate
    to retire or merge is no longer open.
    """
    locked = _locked(item)
    _answerable(locked, by)
    if locked.decision == D.MERGE:
        target = Mandate.objects.filter(pk=locked.merge_into_id).first() if locked.merge_into_id else None
        if target is None or target.status not in Mandate.OPEN_STATUSES:
            raise ApplicationError(
                "The mandate to merge into is gone or no longer open: return the decision to the reviewer."
            )
    note = (note or "").strip()
    locked.state, locked.approved_by, locked.approved_at = ST.APPROVED, by, timezone.now()
    locked.save(update_fields=["state", "approved_by", "approved_at"])
    _log(locked, CycleEvent.Action.APPROVED, note, by)
    if locked.decision == D.RETIRE:
        mandate_set_status(
            mandate=locked.mandate,
            status=Mandate.Status.RETIRED,
            by=by,
            by_review=True,
            note=f"Retired by the review “{locked.cycle}”: {locked.reason}",
        )
    elif locked.decision == D.MERGE:
        mandate_set_status(
            mandate=locked.mandate,
            status=Mandate.Status.SUPERSEDED,
            by=by,
            note=f"Merged into #{locked.merge_into_id} by the review “{locked.cycle}”: {locked.reason}",
            superseded_by=locked.merge_into,
        )
    elif locked.decision == D.UPDATE:
        mandate_update_request(mandate=locked.mandate, what=f"{locked.reason} (review “{locked.cycle}”)", by=by)
    return locked


@transaction.atomic
def cycle_decision_return(*, item: CycleItem, by, note: str) -> CycleItem:
    """Send the decision waiting on `item` back to the reviewer, with why. Nothing happens to the mandate.

    Raises ApplicationError without a note, when nothing waits for approval, when `by` recorded the decision,
    or on a closed cycle.
    """
    locked = _locked(item)
    _answerable(locked, by)
    note = (note or "").strip()
    if not note:
        raise ApplicationError("Say why the decision is returned.")
    locked.state, locked.return_note = ST.RETURNED, note
    locked.save(update_fields=["state", "return_note"])
    _log(locked, CycleEvent.Action.RETURNED, note, by)
    return locked


@transaction.atomic
def cycle_close(*, cycle: ReviewCycle, by) -> ReviewCycle:
    """Close the cycle: decisions stand as they are and can no longer change.

    Raises ApplicationError when it is closed already or while decisions wait for approval.
    """
    locked = ReviewCycle.objects.select_for_update().get(pk=cycle.pk)
    if not locked.is_open:
        raise ApplicationError("This cycle is closed already.")
    waiting = locked.items.filter(state=ST.DECIDED).count()
    if waiting:
        raise ApplicationError(f"{waiting} decision(s) wait for approval: approve or return them first.")
    locked.state, locked.closed_by, locked.closed_at = ReviewCycle.State.CLOSED, by, timezone.now()
    locked.save(update_fields=["state", "closed_by", "closed_at"])
    return locked
