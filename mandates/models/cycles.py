"""Mandate review cycles (issue #13, UN80): staff open a cycle over a scope of mandates, a reviewer records a
decision on each (retain, update, merge with another mandate, retire), and an approver approves or returns it.
Written only by services.cycles."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewCycle(models.Model):
    """A review of the existing stock, e.g. "2027 programme budget review", scoped by entity and/or body.

    The mandates in scope are fixed when the cycle opens (one CycleItem each), so progress is counted against
    the same total however the stock changes during the review.
    """

    class State(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=200)
    entity = models.ForeignKey(
        "mandates.Entity", null=True, blank=True, on_delete=models.PROTECT, related_name="review_cycles"
    )
    body = models.ForeignKey(
        "mandates.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="review_cycles",
        help_text="Mandates the body adopted, receives or is due to consider.",
    )
    state = models.CharField(max_length=16, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-opened_at", "-id"]
        permissions = [("approve_cycleitem", "Can approve or return review-cycle decisions")]
        constraints = [
            models.CheckConstraint(condition=models.Q(state__in=["open", "closed"]), name="mandates_cycle_state_valid"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def scope_label(self) -> str:
        parts = [str(p) for p in (self.entity, self.body) if p is not None]
        return " · ".join(parts) or "All open mandates"


class CycleItem(models.Model):
    """One mandate in a cycle: the reviewer's decision, and the approver's answer to it."""

    class Decision(models.TextChoices):
        NONE = "", "Not decided"
        RETAIN = "retain", "Retain"
        UPDATE = "update", "Update"
        MERGE = "merge", "Merge"
        RETIRE = "retire", "Retire"

    class State(models.TextChoices):
        UNDECIDED = "undecided", "Not decided"
        DECIDED = "decided", "Waiting for approval"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned to the reviewer"

    cycle = models.ForeignKey(ReviewCycle, on_delete=models.CASCADE, related_name="items")
    mandate = models.ForeignKey("mandates.Mandate", on_delete=models.CASCADE, related_name="cycle_items")
    decision = models.CharField(max_length=16, choices=Decision.choices, default=Decision.NONE, blank=True)
    merge_into = models.ForeignKey(
        "mandates.Mandate", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from_items"
    )
    reason = models.TextField(blank=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.UNDECIDED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField(blank=True)

    class Meta:
        ordering = ["cycle", "mandate__responsible_entity__name", "mandate_id"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "mandate"], name="mandates_cycleitem_one_per_mandate"),
            models.CheckConstraint(
                condition=models.Q(state__in=["undecided", "decided", "approved", "returned"]),
                name="mandates_cycleitem_state_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(decision__in=["", "retain", "update", "merge", "retire"]),
                name="mandates_cycleitem_decision_valid",
            ),
            # Only "merge" names another mandate (the service requires one; a deleted target leaves it null).
            models.CheckConstraint(
                condition=models.Q(decision="merge") | models.Q(merge_into__isnull=True),
                name="mandates_cycleitem_merge_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cycle_id}/{self.mandate_id}: {self.decision or 'undecided'} ({self.state})"


class CycleEvent(models.Model):
    """One step of a cycle item, for the mandate's history: a decision recorded, approved or returned."""

    class Action(models.TextChoices):
        DECIDED = "decided", "Review decision recorded"
        APPROVED = "approved", "Review decision approved"
        RETURNED = "returned", "Review decision returned"

    item = models.ForeignKey(CycleItem, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    decision = models.CharField(max_length=16, choices=CycleItem.Decision.choices, blank=True)
    merge_into = models.ForeignKey(
        "mandates.Mandate", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=["decided", "approved", "returned"]), name="mandates_cycleevent_action"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.action}"
