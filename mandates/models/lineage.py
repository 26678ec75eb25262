"""Mandates through time (issue #13): a mandate renewed by a later instrument, and a report a later
resolution takes note of. Written only by services.lineage."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class MandateLink(models.Model):
    """`predecessor` was asked again by `successor` (same series, same request), with the evidence.

    Computed at ingest ("proposed"); staff confirm or break it. A broken link is kept so that recomputing
    never proposes it again. `needs_review`: the renewal would supersede a mandate staff have edited, so it
    waits in the review queue instead of being applied.
    """

    class State(models.TextChoices):
        PROPOSED = "proposed", "Found by the tracker"
        CONFIRMED = "confirmed", "Confirmed by staff"
        BROKEN = "broken", "Broken by staff"

    predecessor = models.ForeignKey("mandates.Mandate", on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey("mandates.Mandate", on_delete=models.CASCADE, related_name="predecessor_links")
    evidence = models.TextField()
    confidence = models.FloatField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.PROPOSED)
    needs_review = models.BooleanField(default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["predecessor", "successor"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="mandates_link_unique_pair"),
            models.CheckConstraint(
                condition=models.Q(state__in=["proposed", "confirmed", "broken"]), name="mandates_link_state_valid"
            ),
        ]
        indexes = [
            models.Index(fields=["needs_review"], name="mandates_link_review", condition=models.Q(needs_review=True))
        ]

    def __str__(self) -> str:
        return f"{self.predecessor_id} -> {self.successor_id} ({self.confidence:.2f})"


class NoteFulfilment(models.Model):
    """A later resolution took note of the report that answered `mandate`: the footnote is the evidence."""

    mandate = models.ForeignKey("mandates.Mandate", on_delete=models.CASCADE, related_name="note_fulfilments")
    instrument = models.ForeignKey("mandates.Instrument", on_delete=models.CASCADE, related_name="+")
    paragraph = models.CharField(max_length=32, blank=True)
    submitted_symbol = models.CharField(max_length=128)
    evidence = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["mandate", "id"]
        constraints = [
            models.UniqueConstraint(fields=["mandate", "instrument", "paragraph"], name="mandates_notefulfil_unique")
        ]

    def __str__(self) -> str:
        return f"{self.mandate_id} <- {self.submitted_symbol}"
