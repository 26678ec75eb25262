"""Read-only queries for the dashboard, exports and API. Nothing here writes."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mandates.filters import MandateFilter
from mandates.models import (
    Body,
    Document,
    ExportJob,
    FeedToken,
    Instrument,
    Mandate,
    Paragraph,
    Reminder,
    Session,
    StatusChange,
    UploadJob,
)
from mandates.services.heartbeat import heartbeat_status

OPEN = Q(status__in=Mandate.OPEN_STATUSES)
WINDOWS_WEEKS = (6, 10, 14)


def mandate_base_qs() -> QuerySet:
    """Mandates with everything a list row shows, in one query."""
    return Mandate.objects.select_related(
        "due_body", "responsible_entity", "delivered_to", "instrument__document", "due_session"
    ).defer("instrument__document__text")  # a whole document per row is what made pages slow


@dataclass
class FilteredMandates:
    filterset: MandateFilter
    qs: QuerySet
    errors: dict = field(default_factory=dict)

    @property
    def is_valid(self) -> bool:
        return not self.errors


def mandate_filter(params: QueryDict) -> FilteredMandates:
    """Apply MandateFilter to `params`. An invalid value yields no rows and the errors, never all rows."""
    filterset = MandateFilter(params, queryset=mandate_base_qs())
    if not filterset.is_valid():
        return FilteredMandates(filterset, Mandate.objects.none(), dict(filterset.errors))
    return FilteredMandates(filterset, filterset.qs)


def mandate_page(qs: QuerySet, number, per_page: int) -> Page:
    """One page of `qs`: first the page's ids (no joins beyond what filters and sort need), then its rows.

    Joining every related table before sorting and limiting costs hundreds of ms at 100,000 rows; joining
    only the 50 rows of the page does not.
    """
    page = Paginator(qs, per_page).get_page(number)
    ids = list(page.object_list.values_list("pk", flat=True))
    rows = mandate_base_qs().in_bulk(ids)  # no query when ids is empty
    page.object_list = [rows[pk] for pk in ids]
    return page


def mandate_get(pk: int) -> Mandate:
    return get_object_or_404(
        mandate_base_qs()
        .select_related("instrument__adopting_body", "paragraph", "channel", "superseded_by")
        .defer(None),  # the page highlights the clause inside Document.text
        pk=pk,
    )


@dataclass
class Highlight:
    before: str
    clause: str
    after: str
    exact: bool  # True when offsets located the clause; False when shown from source_text only


def _split(text: str, start: int, end: int) -> Highlight | None:
    if 0 <= start < end <= len(text):
        return Highlight(text[:start], text[start:end], text[end:], True)
    return None


def mandate_clause_context(mandate: Mandate) -> dict[str, Highlight]:
    """The clause inside its paragraph and inside its instrument, from the offsets into Document.text.

    Falls back to finding source_text in the paragraph when offsets are missing or out of range.
    """
    document = mandate.instrument.document
    text = document.text or ""
    s, e = mandate.source_start, mandate.source_end
    offsets_ok = 0 <= s < e <= len(text)
    result: dict[str, Highlight] = {}

    paragraph = mandate.paragraph
    if paragraph is not None:
        if offsets_ok and paragraph.start <= s and e <= paragraph.end and paragraph.end <= len(text):
            result["paragraph"] = _split(
                text[paragraph.start : paragraph.end], s - paragraph.start, e - paragraph.start
            )
        else:
            found = paragraph.text.find(mandate.source_text) if mandate.source_text else -1
            if found >= 0:
                result["paragraph"] = _split(paragraph.text, found, found + len(mandate.source_text))
    instrument = mandate.instrument
    if offsets_ok and instrument.start <= s and e <= instrument.end <= len(text):
        result["instrument"] = _split(
            text[instrument.start : instrument.end], s - instrument.start, e - instrument.start
        )
    if "paragraph" not in result:
        result["paragraph"] = Highlight("", mandate.source_text, "", False)
    return {k: v for k, v in result.items() if v is not None}


def mandate_status_changes(mandate: Mandate) -> QuerySet:
    return StatusChange.objects.filter(mandate=mandate).select_related("changed_by")


def mandate_reminders(mandate: Mandate) -> QuerySet:
    return Reminder.objects.filter(mandate=mandate).order_by("-created_at")


def mandate_field_history(mandate: Mandate, limit: int = 50) -> list[dict]:
    """simple-history records of `mandate`, newest first, each with the fields it changed."""
    records = list(mandate.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    rows = []
    for i, record in enumerate(records[:limit]):
        previous = records[i + 1] if i + 1 < len(records) else None
        changes = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [(c.field, c.old, c.new) for c in delta.changes]
        rows.append({"record": record, "changes": changes})
    return rows


def heartbeat_read(name: str) -> dict:
    """Last success of periodic job `name`, and whether it is older than HEARTBEAT_MAX_AGE_HOURS (or missing)."""
    last, stale = heartbeat_status(name)
    return {"name": name, "last_success_at": last, "is_stale": stale, "max_age_hours": settings.HEARTBEAT_MAX_AGE_HOURS}


def _window_aggregates(today: dt.date) -> dict:
    aggregates = {
        "open": Count("id", filter=OPEN),
        "overdue": Count("id", filter=OPEN & Q(document_due_on__lt=today)),
    }
    for weeks in WINDOWS_WEEKS:
        until = today + dt.timedelta(weeks=weeks)
        aggregates[f"within_{weeks}"] = Count(
            "id", filter=OPEN & Q(document_due_on__gte=today, document_due_on__lte=until)
        )
    return aggregates


def overview_counts(today: dt.date) -> dict:
    """Open mandates: overdue and due within 6/10/14 weeks, in total and per due body.

    Computed from document_due_on rather than Mandate.flag, so the overview is right even when the
    flag job has not run (its heartbeat warns about that separately).
    """
    aggregates = _window_aggregates(today)
    # Grouped by id only (no join, no text in the GROUP BY); the few bodies are named afterwards.
    by_body = list(Mandate.objects.filter(OPEN).values("due_body_id").annotate(**aggregates).order_by())
    _name_bodies(by_body)
    by_body.sort(key=lambda row: (row["due_body__name"] is None, row["due_body__name"] or ""))
    # One scan of the open mandates: the totals are the sums of the per-body rows.
    totals = {name: sum(row[name] for row in by_body) for name in aggregates}
    return {"totals": totals, "by_body": by_body}


def _name_bodies(rows: list[dict]) -> None:
    """Add due_body__name and due_body__acronym to rows grouped by due_body_id (one query)."""
    bodies = Body.objects.in_bulk({row["due_body_id"] for row in rows if row["due_body_id"]})
    for row in rows:
        body = bodies.get(row["due_body_id"])
        row["due_body__name"] = body.name if body else None
        row["due_body__acronym"] = body.acronym if body else None


def upcoming_sessions(today: dt.date, limit: int = 12) -> list[dict]:
    """Upcoming sessions (by date the session opens) with counts per status, for the chart and table."""
    rows = list(
        Mandate.objects.filter(session_opens_on__gte=today, due_body__isnull=False, due_session_number__isnull=False)
        .values("due_body_id", "due_session_number", "status")
        .annotate(
            n=Count("id"),
            overdue=Count("id", filter=OPEN & Q(document_due_on__lt=today)),
            opens=Min("session_opens_on"),
            docs_due=Min("document_due_on"),
        )
        .order_by()
    )
    _name_bodies(rows)
    sessions: dict[tuple, dict] = OrderedDict()
    for row in rows:
        key = (row["due_body_id"], row["due_session_number"])
        entry = sessions.setdefault(
            key,
            {
                "body_id": row["due_body_id"],
                "body": row["due_body__acronym"] or row["due_body__name"],
                "body_name": row["due_body__name"],
                "number": row["due_session_number"],
                "opens": row["opens"],
                "docs_due": row["docs_due"],
                "by_status": {},
                "total": 0,
                "overdue": 0,
            },
        )
        entry["overdue"] += row["overdue"]
        entry["by_status"][row["status"]] = entry["by_status"].get(row["status"], 0) + row["n"]
        entry["total"] += row["n"]
        entry["opens"] = min(entry["opens"], row["opens"])
        if row["docs_due"] and (entry["docs_due"] is None or row["docs_due"] < entry["docs_due"]):
            entry["docs_due"] = row["docs_due"]
    ordered = sorted(sessions.values(), key=lambda s: (s["opens"], s["body"], s["number"]))[:limit]
    peak = max((s["total"] for s in ordered), default=0)
    for s in ordered:
        s["segments"] = [
            {
                "status": value,
                "label": label,
                "n": s["by_status"].get(value, 0),
                "pct": 100 * s["by_status"].get(value, 0) / peak if peak else 0,
            }
            for value, label in Mandate.Status.choices
            if s["by_status"].get(value)
        ]
        s["open"] = sum(s["by_status"].get(v, 0) for v in Mandate.OPEN_STATUSES)
    return ordered


def session_list() -> list[dict]:
    """Every (body, session number) mandates are due at, newest session first."""
    return list(
        Mandate.objects.filter(due_body__isnull=False, due_session_number__isnull=False)
        .values("due_body_id", "due_body__name", "due_body__acronym", "due_session_number")
        .annotate(
            total=Count("id"),
            open=Count("id", filter=OPEN),
            opens=Min("session_opens_on"),
            docs_due=Min("document_due_on"),
            estimated=Count("id", filter=Q(dates_estimated=True)),  # MAX(boolean) is not portable
        )
        .order_by("due_body__name", "-due_session_number")
    )


def session_get(body_id: int, number: int) -> tuple[Body, Session | None, QuerySet]:
    """A body, its Session row for `number` (when the calendar has it), and every mandate due there."""
    body = get_object_or_404(Body, pk=body_id)
    session = (
        Session.objects.filter(body=body, number=number).order_by("kind").first()
    )  # the regular session sorts first
    mandates = (
        mandate_base_qs()
        .filter(due_body=body, due_session_number=number)
        .order_by("document_due_on", "responsible_entity__name", "id")
    )
    return body, session, mandates


def document_list() -> QuerySet:
    return (
        Document.objects.select_related("uploaded_by")
        .annotate(
            n_instruments=Count("instruments", distinct=True), n_mandates=Count("instruments__mandates", distinct=True)
        )
        .order_by("-created_at", "-id")  # Meta.ordering is dropped from GROUP BY queries
    )


def document_get(pk: int) -> Document:
    """A document with its instruments, their paragraphs and each paragraph's mandates, in four queries."""
    mandates = Mandate.objects.select_related("responsible_entity", "due_body").order_by("id")
    paragraphs = Paragraph.objects.order_by("order", "id").prefetch_related(Prefetch("mandates", queryset=mandates))
    instruments = (
        Instrument.objects.select_related("adopting_body")
        .order_by("order", "id")
        .prefetch_related(
            Prefetch("paragraphs", queryset=paragraphs),
            Prefetch("mandates", queryset=mandates.filter(paragraph__isnull=True), to_attr="loose_mandates"),
        )
    )
    document = get_object_or_404(
        Document.objects.select_related("uploaded_by").prefetch_related(Prefetch("instruments", queryset=instruments)),
        pk=pk,
    )
    for instrument in document.instruments.all():
        for paragraph in instrument.paragraphs.all():
            paragraph.segments = paragraph_segments(document.text, paragraph)
    return document


def paragraph_segments(text: str, paragraph: Paragraph) -> list[tuple[str, bool]]:
    """The paragraph as (text, is_clause) pieces, marking each mandate's clause by its offsets.

    Offsets that fall outside the paragraph (or a paragraph without offsets) leave the text unmarked.
    """
    start, end = paragraph.start, paragraph.end
    if not (0 <= start < end <= len(text)):
        return [(paragraph.text, False)]
    spans = sorted(
        (m.source_start, m.source_end)
        for m in paragraph.mandates.all()
        if start <= m.source_start < m.source_end <= end
    )
    pieces, cursor = [], start
    for s, e in spans:
        s = max(s, cursor)  # overlapping clauses: mark the union once
        if e <= s:
            continue
        if s > cursor:
            pieces.append((text[cursor:s], False))
        pieces.append((text[s:e], True))
        cursor = e
    if cursor < end:
        pieces.append((text[cursor:end], False))
    return pieces


def feed_token_find(token: str) -> FeedToken | None:
    """The active user's token, unless it is older than FEED_TOKEN_MAX_AGE_DAYS."""
    issued_after = timezone.now() - dt.timedelta(days=settings.FEED_TOKEN_MAX_AGE_DAYS)
    return (
        FeedToken.objects.select_related("user")
        .filter(token=token, user__is_active=True, created_at__gt=issued_after)
        .first()
    )


def feed_token_expires_at(token: FeedToken) -> dt.datetime:
    return token.created_at + dt.timedelta(days=settings.FEED_TOKEN_MAX_AGE_DAYS)


def export_jobs_of(user) -> QuerySet:
    return ExportJob.objects.filter(user=user)[:50]


def export_job_get(user, pk: int) -> ExportJob:
    """A job of `user`'s own: another user's job is a 404, not a 403 (its existence is not theirs to know)."""
    return get_object_or_404(ExportJob, pk=pk, user=user)


def upload_job_get(user, pk: int) -> UploadJob:
    return get_object_or_404(UploadJob.objects.select_related("document"), pk=pk, user=user)
