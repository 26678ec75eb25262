"""Admin: a real tool for staff. Status changes are actions that go through services.workflow."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from mandates.errors import ApplicationError
from mandates.filters import mandate_text_search
from mandates.models import (
    Body,
    Contact,
    CycleEvent,
    CycleItem,
    Document,
    DocumentFile,
    DuplicateDismissal,
    DuplicatePair,
    DuplicateRefresh,
    Entity,
    ExportJob,
    FeedToken,
    FlagEvent,
    IngestBatch,
    IngestItem,
    Instrument,
    JobHeartbeat,
    Mandate,
    MandateLink,
    MandateNote,
    MandateText,
    NoteFulfilment,
    Paragraph,
    Reminder,
    ReviewCycle,
    ReviewDecision,
    SavedFilter,
    Session,
    StatusChange,
    Subscription,
    UploadJob,
)
from mandates.services.calendar import SCHEDULE_INPUTS, body_lead_time_set, mandates_schedule, session_move
from mandates.services.reminders import reminders_retry
from mandates.services.workflow import REVIEW_ONLY_STATUSES, mandate_set_status


@admin.register(Body)
class BodyAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "kind", "lead_time_weeks", "secretariat_email")
    list_filter = ("kind",)
    search_fields = ("name", "acronym")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "lead_time_weeks" in form.changed_data:
            # A new lead time re-dates the body's mandates and their flags.
            body_lead_time_set(body=obj, weeks=obj.lead_time_weeks)


@admin.register(Entity)
class EntityAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "email")
    search_fields = ("name", "acronym")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("body", "number", "year", "kind", "start_date", "end_date", "date_source", "confirmed")
    list_filter = ("kind", "date_source", "confirmed", "body")
    search_fields = ("body__name", "body__acronym", "venue", "source_reference")
    list_select_related = ("body",)
    autocomplete_fields = ("body",)
    date_hierarchy = "start_date"

    def save_model(self, request, obj, form, change):
        # Changed dates are a postponement: session_move marks them staff-entered and moves the mandates.
        if change and {"start_date", "end_date"} & set(form.changed_data) and obj.start_date:
            super().save_model(request, obj, form, change)
            session_move(session=obj, start_date=obj.start_date, end_date=obj.end_date, by=request.user)
        else:
            super().save_model(request, obj, form, change)


class InstrumentInline(admin.TabularInline):
    model = Instrument
    fields = ("order", "label", "kind", "is_draft", "symbol", "adopted_symbol", "session_number")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "title", "filename", "format", "version", "size_bytes", "uploaded_by", "created_at")
    list_filter = ("format",)
    search_fields = ("symbol", "title", "filename", "source_key")
    list_select_related = ("uploaded_by",)
    # The text is what mandate offsets point into: editing it here would break every highlight.
    readonly_fields = ("text", "content_hash", "size_bytes", "source_key", "version", "created_at", "updated_at")
    raw_id_fields = ("uploaded_by",)
    inlines = [InstrumentInline]


@admin.register(DocumentFile)
class DocumentFileAdmin(admin.ModelAdmin):
    """Read-only: every file read as a document (services.ingest records them)."""

    list_display = ("filename", "document", "format", "version", "size_bytes", "created_at")
    list_filter = ("format",)
    search_fields = ("filename", "content_hash", "document__symbol")
    list_select_related = ("document",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ("label", "document", "kind", "is_draft", "adopting_body", "adopted_symbol", "session_number")
    list_filter = ("kind", "is_draft", "adopting_body")
    search_fields = ("label", "title", "symbol", "adopted_symbol", "document__symbol")
    list_select_related = ("document", "adopting_body")
    autocomplete_fields = ("document", "adopting_body")
    readonly_fields = ("start", "end")


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "number", "order")
    list_filter = ("kind",)
    search_fields = ("text", "instrument__label")
    list_select_related = ("instrument",)
    raw_id_fields = ("instrument",)
    readonly_fields = ("text", "start", "end")


class StatusChangeInline(admin.TabularInline):
    """The status history; read-only because it is written only by the workflow."""

    model = StatusChange
    fields = ("changed_at", "from_status", "to_status", "changed_by", "note")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-changed_at", "-id")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


def _status_action(target: str):
    label = Mandate.Status(target).label

    def action(modeladmin, request: HttpRequest, queryset: QuerySet) -> None:
        moved, refused = 0, []
        for mandate in queryset:
            try:
                mandate_set_status(mandate=mandate, status=target, by=request.user, note="Changed in admin")
            except ApplicationError as exc:
                refused.append(f"#{mandate.pk}: {exc}")
            else:
                moved += 1
        if moved:
            modeladmin.message_user(request, f"{moved} mandate(s) moved to {label.lower()}.", messages.SUCCESS)
        if refused:
            modeladmin.message_user(
                request, f"{len(refused)} refused by the workflow: " + " ".join(refused[:10]), messages.ERROR
            )

    action.__name__ = f"mark_{target}"
    action.short_description = f"Mark selected as {label.lower()} (through the workflow)"
    action.allowed_permissions = ("change",)
    return action


@admin.register(Mandate)
class MandateAdmin(SimpleHistoryAdmin):
    list_display = (
        "id",
        "subject_short",
        "responsible_entity",
        "due_body",
        "due_session_number",
        "document_due_on",
        "status",
        "review_state",
        "flag",
        "category",
    )
    list_display_links = ("id", "subject_short")
    list_filter = ("review_state", "status", "flag", "category", "dates_estimated", "due_body", "responsible_entity")
    search_fields = ("subject", "source_text", "responsible_entity__name", "responsible_entity__acronym")
    list_select_related = ("responsible_entity", "due_body")
    autocomplete_fields = ("responsible_entity", "delivered_to", "channel", "due_body")
    raw_id_fields = ("instrument", "paragraph", "due_session", "superseded_by", "owner", "backup_owner")
    # Status and flag change only through the workflow actions and the flag job; the clause is the document's.
    readonly_fields = (
        "status",
        "review_state",
        "confidence",
        "review_reason",
        "flag",
        "flagged_on",
        "source_text",
        "source_start",
        "source_end",
        "natural_key",
        "created_at",
        "updated_at",
    )
    date_hierarchy = "document_due_on"
    inlines = [StatusChangeInline]
    actions = [_status_action(s) for s in Mandate.Status.values if s not in REVIEW_ONLY_STATUSES]
    list_per_page = 50
    show_full_result_count = False  # a COUNT(*) over every mandate on each page load is not worth it

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        # Every row, candidates and rejected mandates too (review_state is a list filter).
        return Mandate.all_objects.all()

    def get_search_results(self, request, queryset, search_term):
        # The dashboard's text search: same matches, and it uses the trigram indexes on PostgreSQL.
        return mandate_text_search(queryset, search_term), False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if set(form.changed_data) & set(SCHEDULE_INPUTS) or "due_session" in form.changed_data:
            # As in the dashboard: a new session, body, event or category re-dates the mandate and its flag.
            mandates_schedule([obj])

    @admin.display(description="Subject", ordering="subject")
    def subject_short(self, obj: Mandate) -> str:
        return (obj.subject or obj.source_text)[:80]


@admin.register(StatusChange)
class StatusChangeAdmin(admin.ModelAdmin):
    list_display = ("mandate", "from_status", "to_status", "changed_by", "changed_at")
    list_filter = ("to_status", "from_status")
    search_fields = ("note", "mandate__subject")
    list_select_related = ("mandate__responsible_entity", "mandate__delivered_to", "changed_by")
    raw_id_fields = ("mandate", "changed_by")

    def has_add_permission(self, request) -> bool:
        return False  # written by the workflow only

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReviewDecision)
class ReviewDecisionAdmin(admin.ModelAdmin):
    list_display = ("mandate_id", "action", "from_state", "to_state", "decided_by", "decided_at")
    list_filter = ("action", "to_state")
    search_fields = ("reason",)
    list_select_related = ("decided_by",)
    raw_id_fields = ("mandate", "decided_by")

    def has_add_permission(self, request) -> bool:
        return False  # written by the workflow only

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(MandateText)
class MandateTextAdmin(admin.ModelAdmin):
    list_display = ("mandate_id", "language", "document", "paragraph_label")
    list_filter = ("language",)
    search_fields = ("source_text",)
    list_select_related = ("document",)
    raw_id_fields = ("mandate", "document")

    def has_add_permission(self, request) -> bool:
        return False  # written by ingestion only

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(FlagEvent)
class FlagEventAdmin(admin.ModelAdmin):
    list_display = ("mandate_id", "from_flag", "to_flag", "as_of", "created_at")
    list_filter = ("to_flag", "as_of")
    raw_id_fields = ("mandate",)


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ("email", "name", "entity", "body")
    search_fields = ("email", "name", "entity__name", "body__name")
    list_select_related = ("entity", "body")
    autocomplete_fields = ("entity", "body")


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("user", "body", "entity")
    list_select_related = ("user", "body", "entity")
    autocomplete_fields = ("body", "entity")
    raw_id_fields = ("user",)


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("recipient", "mandate_id", "kind", "due_on", "state", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("state", "kind")
    search_fields = ("recipient",)
    raw_id_fields = ("mandate",)
    readonly_fields = (
        "claimed_at",
        "sent_at",
        "attempts",
        "first_failed_at",
        "next_attempt_at",
        "last_error",
        "created_at",
    )
    actions = ["retry_now"]

    @admin.action(description="Retry now (given-up reminders go out with the next run)")
    def retry_now(self, request, queryset):
        count = reminders_retry(ids=list(queryset.values_list("id", flat=True)))
        self.message_user(request, f"{count} given-up reminders will be sent with the next run.", messages.SUCCESS)


@admin.register(JobHeartbeat)
class JobHeartbeatAdmin(admin.ModelAdmin):
    list_display = ("name", "last_success_at", "last_failure_at", "last_error")


@admin.register(FeedToken)
class FeedTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at")
    raw_id_fields = ("user",)
    readonly_fields = ("token", "created_at")


@admin.register(MandateLink)
class MandateLinkAdmin(SimpleHistoryAdmin):
    """Links are written by services.lineage; staff confirm or break them there (history kept)."""

    list_display = ("predecessor", "successor", "confidence", "state", "needs_review")
    list_filter = ("state", "needs_review")
    raw_id_fields = ("predecessor", "successor", "decided_by")
    readonly_fields = ("predecessor", "successor", "evidence", "confidence", "state", "needs_review", "decided_by")


@admin.register(NoteFulfilment)
class NoteFulfilmentAdmin(admin.ModelAdmin):
    list_display = ("mandate", "instrument", "paragraph", "submitted_symbol")
    raw_id_fields = ("mandate", "instrument")
    readonly_fields = ("mandate", "instrument", "paragraph", "submitted_symbol", "evidence")


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Review cycles are written by services.cycles (the dashboard's Reviews pages): here they are only read,
    so no decision or approval bypasses the rule that the approver is not the reviewer."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(ReviewCycle)
class ReviewCycleAdmin(_ReadOnlyAdmin):
    list_display = ("name", "entity", "body", "state", "opened_by", "opened_at", "closed_at")
    list_filter = ("state",)
    search_fields = ("name",)


@admin.register(CycleItem)
class CycleItemAdmin(_ReadOnlyAdmin):
    list_display = ("cycle", "mandate", "decision", "state", "decided_by", "approved_by")
    list_filter = ("state", "decision")
    list_select_related = ("cycle", "mandate__responsible_entity", "mandate__delivered_to", "decided_by", "approved_by")
    raw_id_fields = ("cycle", "mandate", "merge_into", "decided_by", "approved_by")


@admin.register(CycleEvent)
class CycleEventAdmin(_ReadOnlyAdmin):
    list_display = ("item", "action", "decision", "by", "at")
    list_filter = ("action",)
    list_select_related = ("item", "by")
    raw_id_fields = ("item", "merge_into", "by")


@admin.register(ExportJob)
class ExportJobAdmin(admin.ModelAdmin):
    list_display = ("pk", "user", "state", "expected_rows", "row_count", "created_at", "finished_at")
    list_filter = ("state",)
    raw_id_fields = ("user",)
    readonly_fields = ("file", "row_count", "size_bytes", "error", "started_at", "finished_at")


@admin.register(UploadJob)
class UploadJobAdmin(admin.ModelAdmin):
    list_display = ("pk", "user", "filename", "state", "document", "created_at", "finished_at")
    list_filter = ("state",)
    raw_id_fields = ("user", "document")
    readonly_fields = ("file", "summary", "error", "finished_at")


# --- Ingest batches (issue #11): read-only, the workers write them. ---


class IngestItemInline(admin.TabularInline):
    model = IngestItem
    fields = ("order", "filename", "size_bytes", "state", "reason", "document", "finished_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(IngestBatch)
class IngestBatchAdmin(admin.ModelAdmin):
    list_display = ("id", "source", "created_by", "created_at")
    readonly_fields = ("source", "created_by", "require_operative", "reextract", "created_at")
    inlines = [IngestItemInline]


@admin.register(IngestItem)
class IngestItemAdmin(admin.ModelAdmin):
    list_display = ("filename", "batch", "state", "reason", "finished_at")
    list_filter = ("state",)
    exclude = ("data",)
    readonly_fields = ("batch", "order", "filename", "size_bytes", "state", "reason", "document", "finished_at")


@admin.register(MandateNote)
class MandateNoteAdmin(admin.ModelAdmin):
    list_display = ("mandate", "author", "created_at", "text")
    raw_id_fields = ("mandate", "author")
    readonly_fields = ("created_at",)


@admin.register(SavedFilter)
class SavedFilterAdmin(admin.ModelAdmin):
    list_display = ("user", "name", "query")
    raw_id_fields = ("user",)


@admin.register(DuplicatePair)
class DuplicatePairAdmin(_ReadOnlyAdmin):
    """Pairs are computed by services.duplicates when mandates are written; here they are only read."""

    list_display = ("first", "second", "similarity", "year", "computed_at")
    raw_id_fields = ("first", "second")


@admin.register(DuplicateDismissal)
class DuplicateDismissalAdmin(SimpleHistoryAdmin):
    """Staff dismiss a pair on the duplicates page; the history is kept."""

    list_display = ("first", "second", "dismissed_by", "dismissed_at")
    raw_id_fields = ("first", "second", "dismissed_by")
    readonly_fields = ("first", "second", "dismissed_by", "dismissed_at")


@admin.register(DuplicateRefresh)
class DuplicateRefreshAdmin(_ReadOnlyAdmin):
    list_display = ("history_id", "rebuilt_at", "refreshed_at")
