"""Intergovernmental bodies, the entities that owe them documents, and the bodies' sessions."""

from __future__ import annotations

from django.db import models


class Body(models.Model):
    """An intergovernmental body that receives reports and meets in sessions."""

    class Kind(models.TextChoices):
        PRINCIPAL_ORGAN = "principal_organ", "Principal organ"
        FUNCTIONAL_COMMISSION = "functional_commission", "Functional commission"
        SUBSIDIARY_BODY = "subsidiary_body", "Subsidiary body"
        CONFERENCE = "conference", "Conference"
        OTHER = "other", "Other"

    name = models.CharField(max_length=255, unique=True, help_text="Canonical full name.")
    acronym = models.CharField(max_length=32, blank=True, db_index=True)
    kind = models.CharField(max_length=32, choices=Kind.choices, default=Kind.OTHER)
    # How to estimate sessions that are not in the calendar; see mandates.services.calendar.
    calendar_rule = models.JSONField(default=dict, blank=True)
    lead_time_weeks = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Weeks before a session that documents are due (default from settings)."
    )
    secretariat_email = models.EmailField(blank=True, help_text="Receives reminders for mandates due to this body.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "bodies"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    kind__in=["principal_organ", "functional_commission", "subsidiary_body", "conference", "other"]
                ),
                name="mandates_body_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Entity(models.Model):
    """Who must deliver: the Secretary-General, an office, Member States, a commission acting itself."""

    name = models.CharField(max_length=500, unique=True)
    acronym = models.CharField(max_length=32, blank=True)
    email = models.EmailField(blank=True, help_text="Focal point that receives reminders.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "entities"

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    """One session of a body, numbered ("thirty-first") or named by year ("2024 session")."""

    class Kind(models.TextChoices):
        REGULAR = "regular", "Regular"
        SPECIAL = "special", "Special"
        RESUMED = "resumed", "Resumed / reconvened"

    class Source(models.TextChoices):
        FIXTURE = "fixture", "Calendar fixture"
        DOCUMENT = "document", "Read from a document"
        RULE = "rule", "Estimated by rule"
        STAFF = "staff", "Entered by staff"

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveIntegerField(null=True, blank=True)
    year = models.PositiveIntegerField(null=True, blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.REGULAR)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    venue = models.CharField(max_length=255, blank=True)
    date_source = models.CharField(max_length=16, choices=Source.choices, default=Source.RULE)
    source_reference = models.CharField(max_length=255, blank=True, help_text="Document symbol or citation.")
    confirmed = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["body__name", "start_date", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "number", "kind"],
                condition=models.Q(number__isnull=False),
                name="mandates_session_unique_number",
            ),
            models.UniqueConstraint(
                fields=["body", "year", "kind"],
                condition=models.Q(number__isnull=True),
                name="mandates_session_unique_year",
            ),
            models.CheckConstraint(
                condition=models.Q(number__isnull=False) | models.Q(year__isnull=False),
                name="mandates_session_numbered_or_year",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="mandates_session_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        label = f"session {self.number}" if self.number else f"{self.year} session"
        if self.kind != self.Kind.REGULAR:
            label = f"{self.get_kind_display().lower()} {label}"
        return f"{self.body} – {label}"
