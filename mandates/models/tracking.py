"""Flags, reminders, contacts and job heartbeats."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


class FlagEvent(models.Model):
    """A change of Mandate.flag, recorded by the flag job."""

    # No database FK constraint: the flag job inserts up to one event per mandate in one statement, and the
    # constraint's per-row check (a key-share lock on each just-updated mandate row) cost about a third of
    # a full run. Deletes still cascade through the ORM; the job only inserts ids it has just updated.
    mandate = models.ForeignKey(
        "mandates.Mandate", on_delete=models.CASCADE, related_name="flag_events", db_constraint=False
    )
    from_flag = models.CharField(max_length=16, blank=True)
    to_flag = models.CharField(max_length=16, blank=True)
    as_of = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-as_of", "-id"]


class Contact(models.Model):
    """Who receives reminders for an entity's mandates or a body's documentation."""

    name = models.CharField(max_length=255, blank=True)
    email = models.EmailField()
    entity = models.ForeignKey(
        "mandates.Entity", null=True, blank=True, on_delete=models.CASCADE, related_name="contacts"
    )
    body = models.ForeignKey("mandates.Body", null=True, blank=True, on_delete=models.CASCADE, related_name="contacts")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(entity__isnull=False) | models.Q(body__isnull=False),
                name="mandates_contact_has_scope",
            ),
        ]

    def __str__(self) -> str:
        return self.email


class Subscription(models.Model):
    """A user who wants reminders for a body, an entity, or everything."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mandate_subscriptions")
    body = models.ForeignKey("mandates.Body", null=True, blank=True, on_delete=models.CASCADE)
    entity = models.ForeignKey("mandates.Entity", null=True, blank=True, on_delete=models.CASCADE)

    def __str__(self) -> str:
        return f"{self.user} → {self.body or self.entity or 'all'}"


class Reminder(models.Model):
    """One reminder of one mandate to one recipient. The unique constraint is the 'never twice' guard."""

    class Kind(models.TextChoices):
        UPCOMING = "upcoming", "Upcoming"
        DUE = "due", "Due"
        OVERDUE = "overdue", "Overdue"

    class State(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    recipient = models.EmailField()
    mandate = models.ForeignKey("mandates.Mandate", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    due_on = models.DateField()
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    # A fresh token per claim: the sender selects exactly the rows its own conditional UPDATE moved to
    # `sending`, so two workers never send the same row (services.reminders).
    claim_token = models.CharField(max_length=64, blank=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    # Retries are spaced by time (services.reminders): not tried again before next_attempt_at, and given up
    # (state failed) when an attempt fails more than REMINDER_GIVE_UP_HOURS after the first failed one.
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    first_failed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "mandate", "kind", "due_on"], name="mandates_reminder_once"),
        ]
        indexes = [
            # The sender picks up unsent reminders per recipient.
            models.Index(fields=["state", "recipient"], name="mandates_reminder_state"),
        ]


class JobHeartbeat(models.Model):
    """Last successful run of a periodic job, and its last failure; staff see a warning when it is stale or
    failed more recently than it succeeded.
    """

    name = models.CharField(max_length=64, unique=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_success_at or self.last_failure_at:%Y-%m-%d %H:%M}"


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    """A per-user secret for subscribing to the iCalendar feed without a session cookie."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_token")
    token = models.CharField(max_length=64, unique=True, default=_new_token)
    created_at = models.DateTimeField(auto_now_add=True)
