"""The mandate: one reporting obligation, and the history of its status."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

# Fields that extraction writes and staff may correct. Re-ingestion updates a field only while it is
# not in Mandate.staff_edited_fields.
EXTRACTED_FIELDS = (
    "category",
    "responsible_entity",
    "delivered_to",
    "channel",
    "due_body",
    "due_session_number",
    "due_event",
    "recurrence",
    "subject",
    "paragraph_label",
    "source_text",
    "source_start",
    "source_end",
)


# Reports owed (selectors.reporting_burden): tracked reports not superseded or cancelled.
BURDEN_ROWS = models.Q(category="report", review_state="confirmed") & ~models.Q(status__in=["cancelled", "superseded"])


class MandateQuerySet(models.QuerySet):
    def candidates(self) -> MandateQuerySet:
        """Review candidates waiting for a person (issue #8)."""
        return self.filter(review_state=Mandate.ReviewState.CANDIDATE)

    def open(self) -> MandateQuerySet:
        return self.filter(status__in=Mandate.OPEN_STATUSES)

    def for_body(self, body) -> MandateQuerySet:
        return self.filter(due_body=body)


class TrackedMandateManager(models.Manager.from_queryset(MandateQuerySet)):
    """Mandate.objects: only tracked mandates (review_state "confirmed").

    The one place that keeps review candidates and rejected mandates out of everything that tracks
    mandates: lists, filters, exports, the API, the overview, the flag job, reminders, fulfilment and the
    commands. Code that must see every row (ingestion, the review queue, a mandate's own page, the admin)
    uses Mandate.all_objects. Joins from other models (`instruments__mandates`) bypass managers and must
    filter on review_state themselves.
    """

    def get_queryset(self) -> MandateQuerySet:
        return super().get_queryset().filter(review_state=Mandate.ReviewState.CONFIRMED)


class Mandate(models.Model):
    class ReviewState(models.TextChoices):
        CANDIDATE = "candidate", "Waiting for review"
        CONFIRMED = "confirmed", "Tracked"
        REJECTED = "rejected", "Rejected"

    class Category(models.TextChoices):
        REPORT = "report", "Report"
        INFORMATION = "information", "Information / contribution"
        ORAL = "oral", "Oral report or briefing"
        ACTION = "action", "Action at a session"

    class Recurrence(models.TextChoices):
        NONE = "", "One-off"
        ANNUAL = "annual", "Annual"
        BIENNIAL = "biennial", "Biennial"
        ONGOING = "ongoing", "Ongoing"
        # "every N years" is stored as text, e.g. "every 4 years"; choices are not enforced for it.

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        IN_PREPARATION = "in_preparation", "In preparation"
        SUBMITTED = "submitted", "Submitted"
        CONSIDERED = "considered", "Considered"
        DEFERRED = "deferred", "Deferred"
        SUPERSEDED = "superseded", "Superseded"
        CANCELLED = "cancelled", "Cancelled"
        # Ended by an approved decision of a mandate review (services.cycles): no longer flagged or reminded.
        RETIRED = "retired", "Retired"

    class Flag(models.TextChoices):
        NONE = "", "No deadline"
        LATER = "later", "Later"
        UPCOMING_14 = "upcoming_14", "Due within 14 weeks"
        UPCOMING_10 = "upcoming_10", "Due within 10 weeks"
        UPCOMING_6 = "upcoming_6", "Due within 6 weeks"
        DUE = "due", "Due"
        OVERDUE = "overdue", "Overdue"
        DONE = "done", "Done"

    OPEN_STATUSES = (Status.PENDING, Status.IN_PREPARATION, Status.DEFERRED)

    instrument = models.ForeignKey("mandates.Instrument", on_delete=models.CASCADE, related_name="mandates")
    paragraph = models.ForeignKey(
        "mandates.Paragraph", null=True, blank=True, on_delete=models.SET_NULL, related_name="mandates"
    )
    paragraph_label = models.CharField(max_length=32, blank=True)
    category = models.CharField(max_length=16, choices=Category.choices)
    responsible_entity = models.ForeignKey("mandates.Entity", on_delete=models.PROTECT, related_name="mandates")
    delivered_to = models.ForeignKey(
        "mandates.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="mandates_received"
    )
    channel = models.ForeignKey("mandates.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    due_body = models.ForeignKey(
        "mandates.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="mandates_due"
    )
    due_session_number = models.PositiveIntegerField(null=True, blank=True)
    due_event = models.CharField(max_length=255, blank=True)
    recurrence = models.CharField(max_length=32, blank=True)
    subject = models.TextField(blank=True)
    source_text = models.TextField(help_text="The clause exactly as it stands in the document.")
    source_start = models.PositiveIntegerField(default=0)
    source_end = models.PositiveIntegerField(default=0)
    # Identifies "the same mandate" across re-ingestion of a document; see services.ingest.
    natural_key = models.CharField(max_length=64)
    # Set when a new version of the document no longer holds this clause but staff had touched the mandate:
    # it is kept for staff to resolve (services.ingest), never reassigned to another clause.
    absent_since_version = models.PositiveIntegerField(null=True, blank=True)
    staff_edited_fields = models.JSONField(default=list, blank=True)

    # Review (issue #8; changed only through services.workflow.mandate_set_review_state). Confident
    # extractions are stored "confirmed"; the recall net's candidates wait as "candidate" until a person
    # confirms or rejects them. `confidence` and `review_reason` are what extraction said.
    review_state = models.CharField(max_length=16, choices=ReviewState.choices, default=ReviewState.CONFIRMED)
    confidence = models.FloatField(default=1.0)
    review_reason = models.TextField(blank=True)

    # Calendar (filled by services.calendar)
    due_session = models.ForeignKey(
        "mandates.Session", null=True, blank=True, on_delete=models.SET_NULL, related_name="mandates"
    )
    session_opens_on = models.DateField(null=True, blank=True)
    document_due_on = models.DateField(null=True, blank=True)
    dates_estimated = models.BooleanField(default=False)
    # The year it is due (document date, else the session's opening, else a year-named session's year): derived,
    # written only by services.duplicates for the mandates that changed, so the duplicates and burden pages group
    # on an indexed column instead of computing it over every row.
    due_year = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    # Tracking (changed only through services.workflow and services.flags)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    flag = models.CharField(max_length=16, choices=Flag.choices, default=Flag.NONE, blank=True)
    flagged_on = models.DateField(null=True, blank=True)
    submitted_symbol = models.CharField(max_length=128, blank=True)
    # The report that fulfilled this mandate, when fulfilment found it (services.fulfilment).
    submitted_document = models.ForeignKey(
        "mandates.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="fulfils"
    )
    superseded_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # What an approved "Update" decision of a review cycle asks to change: the mandate is open for correction
    # until staff mark it updated (services.workflow.mandate_update_request / mandate_update_done).
    update_requested = models.TextField(blank=True)
    # Who prepares it (issue 10): reminders go to the owner (and backup) first; changed only through
    # services.workflow.mandate_set_owner.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_mandates"
    )
    backup_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="backup_mandates"
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(excluded_fields=["flag", "flagged_on", "updated_at", "due_year"])
    objects = TrackedMandateManager()
    all_objects = MandateQuerySet.as_manager()

    class Meta:
        default_manager_name = "objects"
        # Saving, refreshing and following a foreign key must reach every row, candidates included.
        base_manager_name = "all_objects"
        ordering = ["document_due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "natural_key"], name="mandates_mandate_unique_key"),
            models.CheckConstraint(
                condition=models.Q(
                    status__in=[
                        "pending",
                        "in_preparation",
                        "submitted",
                        "considered",
                        "deferred",
                        "superseded",
                        "cancelled",
                        "retired",
                    ]
                ),
                name="mandates_mandate_status_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(category__in=["report", "information", "oral", "action"]),
                name="mandates_mandate_category_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(review_state__in=["candidate", "confirmed", "rejected"]),
                name="mandates_mandate_review_state_valid",
            ),
        ]
        indexes = [
            # Flag and reminder scans: open mandates by document due date (services.flags).
            models.Index(
                fields=["document_due_on"],
                name="mandates_mandate_open_due",
                condition=models.Q(status__in=["pending", "in_preparation", "deferred"]),
            ),
            # Dashboard list's default order (Meta.ordering): the first page of 100,000 rows reads 50 index
            # entries instead of joining and sorting every row (see docs/benchmarks.md).
            models.Index(fields=["document_due_on", "id"], name="mandates_mandate_due_order"),
            # Dashboard filters by session. Deliberately no index on `flag` or `flagged_on`: the flag job
            # writes them, and an index on either makes every flag change a non-HOT update that writes an
            # entry into each of this table's indexes (migration 0004, docs/benchmarks.md "Flags").
            models.Index(fields=["due_body", "due_session_number"], name="mandates_mandate_due_session"),
            # The review queue and the count in the nav (on every page): candidates are few, newest first.
            models.Index(
                fields=["-created_at", "-id"],
                name="mandates_mandate_candidates",
                condition=models.Q(review_state="candidate"),
            ),
            # Possible duplicates: the block (entity, kind, due year) of open tracked mandates (services.duplicates).
            models.Index(
                fields=["responsible_entity", "category", "due_year"],
                name="mandates_mandate_dup_block",
                condition=models.Q(
                    status__in=["pending", "in_preparation", "deferred"],
                    review_state="confirmed",
                    due_year__isnull=False,
                ),
            ),
            # Reporting burden: reports owed, grouped three ways; each index holds the columns its GROUP BY reads
            # (recurrence splits one-off from recurring), so the counts are index-only scans.
            models.Index(
                fields=["responsible_entity", "due_year", "recurrence"],
                name="mandates_mandate_burden_year",
                condition=BURDEN_ROWS,
            ),
            models.Index(
                fields=["due_body", "due_session_number", "due_session", "recurrence"],
                name="mandates_mandate_burden_sess",
                condition=BURDEN_ROWS,
            ),
            models.Index(
                fields=["instrument", "recurrence"], name="mandates_mandate_burden_inst", condition=BURDEN_ROWS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.responsible_entity} → {self.delivered_to or '—'}: {self.subject[:60]}"

    @property
    def is_candidate(self) -> bool:
        return self.review_state == self.ReviewState.CANDIDATE

    @property
    def is_tracked(self) -> bool:
        return self.review_state == self.ReviewState.CONFIRMED

    @property
    def due_label(self) -> str:
        if self.due_session_number and self.due_body_id:
            return f"{self.due_body}, session {self.due_session_number}"
        if self.due_event:
            return self.due_event
        return self.recurrence or "—"


class StatusChange(models.Model):
    """One transition of Mandate.status: who, when, from, to, why."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=Mandate.Status.choices)
    to_status = models.CharField(max_length=16, choices=Mandate.Status.choices)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.mandate_id}: {self.from_status} → {self.to_status}"


class ReviewDecision(models.Model):
    """One decision a person took on an extracted mandate: confirmed, corrected or rejected (issue #8).

    `changes` holds the corrected fields as {field: [old, new]} (display values: names, not ids), so
    the decision says what changed even after later edits. Written only by services.workflow.
    """

    class Action(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        CORRECTED = "corrected", "Corrected"
        REJECTED = "rejected", "Rejected"
        REOPENED = "reopened", "Returned to review"
        # Not a person: a new version of the document made extraction confident about a candidate.
        EXTRACTED = "extracted", "Confirmed by extraction"

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="review_decisions")
    action = models.CharField(max_length=16, choices=Action.choices)
    from_state = models.CharField(max_length=16, choices=Mandate.ReviewState.choices)
    to_state = models.CharField(max_length=16, choices=Mandate.ReviewState.choices)
    changes = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.mandate_id}: {self.action} by {self.decided_by or 'system'}"


class MandateNote(models.Model):
    """One comment in a mandate's thread. Notes are never edited or deleted from the dashboard: the thread is
    part of the mandate's history (services.notes)."""

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.mandate_id}: {self.text[:40]}"


class SavedFilter(models.Model):
    """A named mandate-list query of one user ("My overdue GA reports")."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_filters")
    name = models.CharField(max_length=100)
    query = models.CharField(max_length=2000, help_text="The list's query string, without page.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="mandates_savedfilter_unique_name")]

    def __str__(self) -> str:
        return self.name


class MandateText(models.Model):
    """The clause of a mandate as one language version of its resolution prints it (issue #12).

    The French and Spanish texts of a resolution carry the same symbol as the English one: their mandates are
    matched to the same Mandate (services.languages) and only their clause is kept here, one row per language.
    Every stored mandate has the row of its own document's language too, so the page lists them all. Written only
    by services.ingest.
    """

    mandate = models.ForeignKey(Mandate, on_delete=models.CASCADE, related_name="texts")

    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        FRENCH = "fr", "French"
        SPANISH = "es", "Spanish"

    language = models.CharField(max_length=8, choices=Language.choices, help_text='ISO 639-1 code: "en", "fr", "es".')
    document = models.ForeignKey("mandates.Document", on_delete=models.CASCADE, related_name="mandate_texts")
    paragraph_label = models.CharField(max_length=32, blank=True)
    source_text = models.TextField(help_text="The clause exactly as it stands in this language's document.")
    source_start = models.PositiveIntegerField(default=0)
    source_end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(fields=["mandate", "language"], name="mandates_mandatetext_one_per_language"),
        ]

    def __str__(self) -> str:
        return f"{self.mandate_id} [{self.language}]"
