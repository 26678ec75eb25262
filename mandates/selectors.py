"""Read-only queries for the dashboard, exports and API. Nothing here writes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404

from mandates.filters import MandateFilter
from mandates.models import (
    Body,
    Document,
    FeedToken,
    Instrument,
    JobHeartbeat,
    Mandate,
    MandateText,
    Paragraph,
    Reminder,
    ReviewDecision,
    Session,
    StatusChange,
)
from mandates.services.calendar import due_rule
from mandates.services.flags import flag_conditions
from mandates.services.heartbeat import heartbeat_is_failing, heartbeat_is_stale
from mandates.services.reminders import reminders_given_up

OPEN = Q(status__in=Mandate.OPEN_STATUSES)
WINDOWS_WEEKS = (6, 10, 14)


TRACKED = Q(review_state=Mandate.ReviewState.CONFIRMED)
WAITING = Q(review_state=Mandate.ReviewState.CANDIDATE)


def mandate_base_qs(manager=None) -> QuerySet:
    """Tracked mandates (or `manager`'s rows) with everything a list row shows, in one query."""
    return (
        (manager or Mandate.objects)
        .select_related("due_body", "responsible_entity", "delivered_to", "instrument__document", "due_session")
        .defer("instrument__document__text")
    )  # a whole document per row is what made pages slow


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
        mandate_base_qs(Mandate.all_objects)  # a candidate's and a rejected mandate's page too
        .select_related("instrument__adopting_body", "paragraph", "channel", "superseded_by", "due_session__body")
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


def mandate_review_decisions(mandate: Mandate) -> QuerySet:
    return ReviewDecision.objects.filter(mandate=mandate).select_related("decided_by")


def mandate_other_languages(mandate: Mandate) -> list[MandateText]:
    """The clause in each other language version of the resolution that was ingested (issue #12)."""
    own = mandate.instrument.document.language
    return [t for t in MandateText.objects.filter(mandate=mandate).select_related("document") if t.language != own]


def review_waiting_count() -> int:
    """Candidates waiting for a person, across all documents (the nav's count; a partial index)."""
    return Mandate.all_objects.candidates().count()


def review_queue(document: Document | None = None) -> QuerySet:
    """Candidates waiting for review: across all documents newest first; in one document, in text order."""
    qs = mandate_base_qs(Mandate.all_objects).candidates().select_related("channel", "instrument__adopting_body")
    if document is None:
        return qs.order_by("-created_at", "-id")
    return qs.filter(instrument__document=document).order_by("instrument__order", "source_start", "id")


def review_document_get(pk: int) -> Document:
    return get_object_or_404(Document.objects.defer("text"), pk=pk)


def document_counts(document: Document) -> dict:
    """Tracked mandates and waiting candidates of one document (one query)."""
    return Mandate.all_objects.filter(instrument__document=document).aggregate(
        mandates=Count("id", filter=TRACKED), waiting=Count("id", filter=WAITING)
    )


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


def heartbeats_read(*names: str) -> dict[str, dict]:
    """For each periodic job: last success, whether it is older than HEARTBEAT_MAX_AGE_HOURS (or missing), and
    whether its last recorded outcome is a failure (with the error). One query.
    """
    rows = {
        row["name"]: row
        for row in JobHeartbeat.objects.filter(name__in=names).values(
            "name", "last_success_at", "last_failure_at", "last_error"
        )
    }
    result = {}
    for name in names:
        row = rows.get(name, {})
        last, failed_at = row.get("last_success_at"), row.get("last_failure_at")
        result[name] = {
            "name": name,
            "last_success_at": last,
            "is_stale": heartbeat_is_stale(last),
            "max_age_hours": settings.HEARTBEAT_MAX_AGE_HOURS,
            "last_failure_at": failed_at,
            "last_error": row.get("last_error", ""),
            "is_failing": heartbeat_is_failing(last, failed_at),
        }
    return result


def heartbeat_read(name: str) -> dict:
    """Last success of periodic job `name`, and whether it is older than HEARTBEAT_MAX_AGE_HOURS (or missing)."""
    return heartbeats_read(name)[name]


def reminders_given_up_read(limit: int = 10) -> dict:
    """Reminders given up for good that their mandate still needs: the first `limit` (oldest due first) and
    how many there are, for the overview.
    """
    rows = list(
        reminders_given_up()
        .select_related("mandate", "mandate__responsible_entity", "mandate__due_body")
        .order_by("due_on", "recipient", "id")[: limit + 1]
    )
    count = len(rows) if len(rows) <= limit else reminders_given_up().count()
    return {"rows": rows[:limit], "count": count, "give_up_hours": settings.REMINDER_GIVE_UP_HOURS}


# --- Due at a session ---------------------------------------------------------------------------------


def mandates_due_at(session: Session | Iterable[Session] | QuerySet | None = None, *, mandates=None) -> QuerySet:
    """The one definition of "due at a session": the mandates the scheduler attached to it (Mandate.due_session).

    A mandate due "at its eightieth session", a biennial one whose next occurrence is that session, one due at
    "the Congress" or "in 2026": services.calendar attaches each to its session and keeps its dates with it.
    `session`: a Session, several (a list or queryset), or None for every mandate due at some session.
    `mandates`: the mandates to choose from (default: all); every view, export and command that lists or
    counts mandates by session goes through here.
    """
    qs = Mandate.objects.all() if mandates is None else mandates
    if session is None:
        return qs.filter(due_session__isnull=False)
    if isinstance(session, Session):
        return qs.filter(due_session=session)
    return qs.filter(due_session__in=session)


def sessions_numbered(number: int, *, body: Body | None = None) -> QuerySet:
    """Regular sessions called `number`: session 80, or for bodies that name sessions by year, the 2026 session."""
    found = Session.objects.filter(kind=Session.Kind.REGULAR).filter(
        Q(number=number) | Q(number__isnull=True, year=number)
    )
    return found.filter(body=body) if body is not None else found


def session_url_number(session: Session) -> int | None:
    """What a session's page is addressed by: its number, else its year."""
    return session.number if session.number is not None else session.year


def session_label(session: Session) -> str:
    return f"session {session.number}" if session.number is not None else f"{session.year} session"


def session_summaries(*, today: dt.date, mandates=None, opening_from: dt.date | None = None) -> list[dict]:
    """Every session that mandates are due at (mandates_due_at), with counts per status, open, overdue, the
    earliest due date and whether its dates are estimated. `opening_from`: only sessions opening on or after it.
    Unordered; callers sort.
    """
    due = mandates_due_at(mandates=mandates)
    if opening_from is not None:
        due = due.filter(due_session__start_date__gte=opening_from)
    overdue = flag_conditions(today=today)[Mandate.Flag.OVERDUE]
    rows = list(
        due.values("due_session_id", "status")
        .annotate(n=Count("id"), overdue=Count("id", filter=overdue), docs_due=Min("document_due_on"))
        .order_by()
    )
    sessions = Session.objects.select_related("body").in_bulk({row["due_session_id"] for row in rows})
    summaries: dict[int, dict] = {}
    for row in rows:
        session = sessions[row["due_session_id"]]
        entry = summaries.get(session.pk)
        if entry is None:
            entry = summaries[session.pk] = {
                "session": session,
                "body_id": session.body_id,
                "body": session.body.acronym or session.body.name,
                "body_name": session.body.name,
                "body_acronym": session.body.acronym,
                "number": session_url_number(session),
                "label": session_label(session),
                "opens": session.start_date,
                "estimated": bool(session.start_date and not session.confirmed),
                "docs_due": None,
                "by_status": {},
                "total": 0,
                "overdue": 0,
            }
        entry["overdue"] += row["overdue"]
        entry["by_status"][row["status"]] = entry["by_status"].get(row["status"], 0) + row["n"]
        entry["total"] += row["n"]
        if row["docs_due"] and (entry["docs_due"] is None or row["docs_due"] < entry["docs_due"]):
            entry["docs_due"] = row["docs_due"]
    for entry in summaries.values():
        entry["open"] = sum(entry["by_status"].get(v, 0) for v in Mandate.OPEN_STATUSES)
    return list(summaries.values())


# --- Overview -----------------------------------------------------------------------------------------


def _window_aggregates(today: dt.date) -> dict:
    """Counts by flag_conditions, the definition the flags and the list's flag filter use."""
    aggregates = {
        "open": Count("id", filter=OPEN),
        "overdue": Count("id", filter=flag_conditions(today=today)[Mandate.Flag.OVERDUE]),
    }
    for weeks in WINDOWS_WEEKS:
        until = today + dt.timedelta(weeks=weeks)
        aggregates[f"within_{weeks}"] = Count(
            "id", filter=OPEN & Q(document_due_on__gte=today, document_due_on__lte=until)
        )
    return aggregates


def overview_counts(today: dt.date) -> dict:
    """Open mandates: overdue and due within 6/10/14 weeks, in total and per due body.

    Computed from the dates as of `today` with the flags' own conditions (services.flags.flag_conditions), so
    a count and the list it links to agree at every moment, whenever the flag job last ran.
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
    """Sessions opening today or later that mandates are due at, soonest first, with counts per status for the
    overview's chart and table."""
    ordered = sorted(
        session_summaries(today=today, opening_from=today), key=lambda s: (s["opens"], s["body"], s["number"])
    )[:limit]
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
    return ordered


def session_list(today: dt.date) -> list[dict]:
    """Every session mandates are due at, by body, newest session first."""
    return sorted(
        sorted(session_summaries(today=today), key=lambda s: s["number"] or 0, reverse=True),
        key=lambda s: s["body_name"],
    )


def session_get(body_id: int, number: int) -> tuple[Body, Session, QuerySet]:
    """A body, its regular session `number` (or of that year) and every mandate due there. 404 when the
    calendar has no such session: nothing can be due at it."""
    body = get_object_or_404(Body, pk=body_id)
    session = sessions_numbered(number, body=body).order_by("number").first()
    if session is None:
        raise Http404(f"{body} has no session {number} in the calendar.")
    mandates = mandates_due_at(session, mandates=mandate_base_qs()).order_by(
        "document_due_on", "responsible_entity__name", "id"
    )
    return body, session, mandates


def mandate_due_rule(mandate: Mandate) -> str:
    """The rule that gave the mandate its due date, in words."""
    return due_rule(mandate)


def document_list() -> QuerySet:
    return (
        Document.objects.select_related("uploaded_by")
        .annotate(
            n_instruments=Count("instruments", distinct=True),
            # A join, not Mandate.objects: the review state is filtered here.
            n_mandates=Count(
                "instruments__mandates", distinct=True, filter=Q(instruments__mandates__review_state="confirmed")
            ),
            n_waiting=Count(
                "instruments__mandates", distinct=True, filter=Q(instruments__mandates__review_state="candidate")
            ),
        )
        .order_by("-created_at", "-id")  # Meta.ordering is dropped from GROUP BY queries
    )


def document_get(pk: int) -> Document:
    """A document with its instruments, their paragraphs and each paragraph's mandates, in four queries.

    Review candidates are listed beside their paragraphs too (marked); rejected mandates are not.
    """
    mandates = (
        Mandate.all_objects.exclude(review_state=Mandate.ReviewState.REJECTED)
        .select_related("responsible_entity", "due_body")
        .order_by("id")
    )
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
    return FeedToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
