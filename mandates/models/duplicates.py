"""Possible duplicates, stored (issue #13): the pairs found among open mandates, the pairs staff dismissed as
"not a duplicate", and how far the pairs have been brought up to date. Written only by services.duplicates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class _MandatePair(models.Model):
    """Two mandates, stored once: `first` is the lower id."""

    first = models.ForeignKey("mandates.Mandate", on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey("mandates.Mandate", on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="mandates_%(class)s_once"),
            models.CheckConstraint(condition=models.Q(first__lt=models.F("second")), name="mandates_%(class)s_order"),
        ]


class DuplicatePair(_MandatePair):
    """Two open tracked mandates of different instruments, same entity, kind and due year, to related bodies, with
    subjects alike (mandates.duplicates). Recomputed for the mandates that change; a pair that no longer holds is
    deleted."""

    similarity = models.FloatField()
    year = models.PositiveSmallIntegerField()
    reason = models.TextField()
    computed_at = models.DateTimeField(auto_now=True)

    class Meta(_MandatePair.Meta):
        ordering = ["-similarity", "first_id", "second_id"]
        indexes = [models.Index(fields=["second"], name="mandates_duplicatepair_second")]

    def __str__(self) -> str:
        return f"#{self.first_id} ~ #{self.second_id} ({self.similarity:.0f}%)"


class DuplicateDismissal(_MandatePair):
    """Staff said these two mandates are not duplicates: the pair is never shown again, whatever is recomputed or
    ingested (mandates keep their ids across re-ingest). Kept by mandate ids, apart from the computed pairs."""

    note = models.TextField(blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    dismissed_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta(_MandatePair.Meta):
        ordering = ["-dismissed_at", "-id"]
        indexes = [models.Index(fields=["second"], name="mandates_duplicatedism_second")]

    def __str__(self) -> str:
        return f"#{self.first_id} is not a duplicate of #{self.second_id}"


class DuplicateRefresh(models.Model):
    """One row: the last mandate history row the stored pairs account for (services.duplicates)."""

    history_id = models.BigIntegerField(default=0)
    rebuilt_at = models.DateTimeField(null=True, blank=True)
    refreshed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"pairs up to history #{self.history_id}"
