"""Read-only queries for the dashboard, exports and API. Nothing here writes."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Min, Prefetch, Q, QuerySet
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone

from mandates.filters import MandateFilter
from mandates.models import (
    Body,
    Contact,
    CycleItem,
    Document,
    DocumentFile,
    Entity,
    ExportJob,
    FeedToken,
    IngestBatch,
    IngestItem,
    Instrument,
    JobHeartbeat,
    Mandate,
    MandateNote,
    MandateText,
    Paragraph,
    Reminder,
    ReviewDecision,
    SavedFilter,
    Session,
    StatusChange,
    UploadJob,
)
from mandates.services.calendar import due_rule
from mandates.services.flags import flag_conditions
from mandates.services.heartbeat import heartbeat_is_failing, heartbeat_is_stale
from mandates.services.reminders import reminders_given_up
from mandates.text import without_number

OPEN = Q(status__in=Mandate.OPEN_STATUSES)
WINDOWS_WEEKS = (6, 10, 14)


TRACKED = Q(review_state=Mandate.ReviewState.CONFIRMED)
WAITING = Q(review_state=Mandate.ReviewState.CANDIDATE)


def mandate_base_qs(manager=None) -> QuerySet:
    """Tracked mandates (or `manager`'s rows) with everything a list row shows, in one query."""
    return (
        (manager or Mandate.objects)
        .select_related(
            "due_body", "responsible_entity", "delivered_to", "instrument__document", "due_session", "owner"
        )
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


def mandate_filter(params: QueryDict, request=None) -> FilteredMandates:
    """Apply MandateFilter to `params`. An invalid value yields no rows and the errors, never all rows.
    `request` gives "My mandates" its user."""
    filterset = MandateFilter(params, queryset=mandate_base_qs(), request=request)
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

DUE_NEXT_WEEKS = 6


def mandates_overdue(today: dt.date, *, mandates=None) -> QuerySet:
    """Open mandates overdue on `today` (the flag's own condition), longest overdue first. The overview's list
    and the list's "Overdue" (when=overdue) both read this."""
    qs = Mandate.objects.all() if mandates is None else mandates
    return qs.filter(flag_conditions(today=today)[Mandate.Flag.OVERDUE]).order_by(
        F("document_due_on").asc(nulls_last=True), "id"
    )


def mandates_due_next(today: dt.date, *, weeks: int = DUE_NEXT_WEEKS, mandates=None) -> QuerySet:
    """Open mandates whose document is due from `today` to `weeks` weeks on, soonest first (the overview's
    "Due in the next six weeks" and the list's when=next6)."""
    qs = Mandate.objects.all() if mandates is None else mandates
    until = today + dt.timedelta(weeks=weeks)
    return qs.filter(OPEN, document_due_on__gte=today, document_due_on__lte=until).order_by("document_due_on", "id")


def overview_todo(today: dt.date, limit: int = 15) -> dict:
    """What to do: the overdue mandates and those due in the next six weeks, each with owner and days, the
    first `limit` of each and how many there are."""
    result = {}
    for name, qs in (
        ("overdue", mandates_overdue(today, mandates=mandate_base_qs())),
        ("due_next", mandates_due_next(today, mandates=mandate_base_qs())),
    ):
        rows = list(qs[: limit + 1])
        result[name] = {"rows": rows[:limit], "count": len(rows) if len(rows) <= limit else qs.count()}
    result["weeks"] = DUE_NEXT_WEEKS
    return result


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
        return _number_once([(paragraph.text, False)], paragraph)
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
    return _number_once(pieces, paragraph)


def _number_once(pieces: list[tuple[str, bool]], paragraph: Paragraph) -> list[tuple[str, bool]]:
    """The page prints the paragraph's number itself: drop the number the text starts with ("13. Requests")."""
    if pieces and paragraph.number:
        first, marked = pieces[0]
        pieces[0] = (without_number(first, paragraph.number), marked)
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


# --- Lineage (issue #13) ------------------------------------------------------------------------------


def _document_symbol(instrument) -> str:
    return instrument.document.symbol or instrument.adopted_symbol or instrument.document.source_key


def lineage_export(*, include_broken: bool = False) -> dict:
    """What `manage.py lineage` prints: stored links and fulfilments read from later resolutions."""
    from mandates.models import MandateLink, NoteFulfilment

    links = MandateLink.objects.select_related("predecessor__instrument__document", "successor__instrument__document")
    if not include_broken:
        links = links.exclude(state=MandateLink.State.BROKEN)
    fulfilled = NoteFulfilment.objects.select_related("instrument__document")
    return {
        "links": [
            {
                "from_document": _document_symbol(link.predecessor.instrument),
                "to_document": _document_symbol(link.successor.instrument),
                "from_mandate": link.predecessor_id,
                "to_mandate": link.successor_id,
                "evidence": link.evidence,
                "confidence": link.confidence,
                "state": link.state,
            }
            for link in links.order_by("id")
        ],
        "fulfilled": [
            {
                "mandate": item.mandate_id,
                "document": _document_symbol(item.instrument),
                "paragraph": item.paragraph,
                "submitted_symbol": item.submitted_symbol,
                "evidence": item.evidence,
            }
            for item in fulfilled.order_by("id")
        ],
    }


def mandate_lineage(mandate) -> dict:
    """The mandate's chain (earliest first, links staff broke left out), the recurrence the chain shows when
    the text states none, and the reports later resolutions took note of for it."""
    from mandates.models import Mandate, MandateLink

    def neighbour(current, forward):
        links = MandateLink.objects.exclude(state=MandateLink.State.BROKEN)
        link = (
            links.filter(predecessor=current).order_by("-confidence").first()
            if forward
            else links.filter(successor=current).order_by("-confidence").first()
        )
        if link is None:
            return None, None
        other = link.successor if forward else link.predecessor
        return Mandate.all_objects.select_related("instrument").get(pk=other.pk), link

    chain, links, current = [mandate], [], mandate
    while len(chain) < 50 and (found := neighbour(current, False))[0] is not None and found[0] not in chain:
        chain.insert(0, found[0])
        links.insert(0, found[1])
        current = found[0]
    current = mandate
    while len(chain) < 50 and (found := neighbour(current, True))[0] is not None and found[0] not in chain:
        chain.append(found[0])
        links.append(found[1])
        current = found[0]
    recurrence = ""
    if len(chain) > 1 and not mandate.recurrence:
        # A renewed request's cycle: from the session that asked to the session it is due at.
        cycles = [
            m.due_session_number - m.instrument.session_number
            for m in chain
            if m.due_session_number
            and m.instrument.session_number
            and m.due_session_number > m.instrument.session_number
        ]
        if cycles:
            years = min(cycles)
            recurrence = {1: "annual", 2: "biennial"}.get(years, f"every {years} years")
    return {
        "chain": chain if len(chain) > 1 else [],
        "links": links,
        "recurrence": recurrence,
        "since": chain[0].instrument.adopted_on if len(chain) > 1 else None,
        "fulfilled": list(mandate.note_fulfilments.select_related("instrument")),
    }


# --- Ingest batches (issue #11) -----------------------------------------------------------------------


@dataclass
class BatchProgress:
    """Where a batch stands: files per state, and each file that is done (for the summary)."""

    total: int
    counts: dict[str, int]
    done_items: list = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(self.counts.get(state, 0) for state in IngestItem.DONE_STATES)

    @property
    def finished(self) -> bool:
        return self.done >= self.total

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100

    def count(self, state: str) -> int:
        return self.counts.get(state, 0)

    @property
    def mandates(self) -> int:
        return sum(item.mandates for item in self.done_items)

    @property
    def waiting(self) -> int:
        return sum(item.waiting for item in self.done_items)

    def reasons(self, state: str) -> dict[str, list[str]]:
        """Refused or failed files grouped by their reason: {"no resolutions or decisions found": [names]}."""
        grouped: dict[str, list[str]] = OrderedDict()
        for item in self.done_items:
            if item.state == state:
                grouped.setdefault(item.reason, []).append(item.filename)
        return grouped


def batch_progress(batch: IngestBatch, *, with_items: bool = True) -> BatchProgress:
    """Counts per state in one query; with_items also loads the finished files (without their bytes)."""
    counts = dict(batch.items.order_by().values_list("state").annotate(n=Count("id")).values_list("state", "n"))
    items = []
    if with_items:
        items = list(
            batch.items.filter(state__in=IngestItem.DONE_STATES)
            .defer("data")
            .select_related("document")
            .order_by("order")
        )
    return BatchProgress(total=sum(counts.values()), counts=counts, done_items=items)


def batch_get(pk: int) -> IngestBatch:
    return get_object_or_404(IngestBatch, pk=pk)


# --- Owners, notes, saved filters -----------------------------------------------------------------------


def owner_choices() -> QuerySet:
    """Users who can own a mandate: active ones, by name."""
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")


def mandate_notes(mandate: Mandate) -> QuerySet:
    return MandateNote.objects.filter(mandate=mandate).select_related("author")


def saved_filters(user) -> QuerySet:
    return SavedFilter.objects.filter(user=user)


# --- Calendar ----------------------------------------------------------------------------------------------


def calendar_month(year: int, month: int, *, mandates: QuerySet) -> list[list[dict]]:
    """A month as weeks of days (Monday first), each day with the mandates whose document is due that day
    (from `mandates`, the list's filtered queryset) and the sessions opening that day."""
    import calendar

    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    due: dict[dt.date, list] = {}
    for m in mandates.filter(document_due_on__gte=first, document_due_on__lte=last).order_by("document_due_on", "id"):
        due.setdefault(m.document_due_on, []).append(m)
    opening: dict[dt.date, list] = {}
    sessions = Session.objects.select_related("body").filter(start_date__gte=first, start_date__lte=last)
    for session in sessions.order_by("start_date", "body__name"):
        opening.setdefault(session.start_date, []).append(session)
    return [
        [{"date": d, "in_month": d.month == month, "due": due.get(d, []), "sessions": opening.get(d, [])} for d in week]
        for week in weeks
    ]


def document_original(pk: int) -> DocumentFile:
    """The stored file of document `pk`'s current version (the newest one kept); 404 when none was kept."""
    document = get_object_or_404(Document.objects.only("id", "version"), pk=pk)
    stored = (
        DocumentFile.objects.filter(document=document, content__isnull=False)
        .order_by("-version", "-created_at", "-id")
        .first()
    )
    if stored is None:
        raise Http404("The original file of this document was not kept (stored before files were kept).")
    return stored


def reminder_recipients() -> list[str]:
    """Everyone who can receive reminders: contacts, entity and body addresses, owners and subscribers."""
    from django.contrib.auth import get_user_model

    emails = set(Contact.objects.values_list("email", flat=True))
    emails |= set(Entity.objects.exclude(email="").values_list("email", flat=True))
    emails |= set(Body.objects.exclude(secretariat_email="").values_list("secretariat_email", flat=True))
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    owned = users.filter(
        Q(owned_mandates__isnull=False) | Q(backup_mandates__isnull=False) | Q(mandate_subscriptions__isnull=False)
    )
    emails |= set(owned.values_list("email", flat=True))
    return sorted({e.strip().lower() for e in emails})


# --- Mandate review cycles (issue #13, UN80) ----------------------------------------------------------

# Years since a mandate was adopted or last renewed: below the first bound it is "recent", below the second
# "ageing", from the second on "old" (the colour of its age on the cycle page).
AGE_BANDS_YEARS = (3, 6)


@dataclass
class CycleRow:
    """One mandate of a cycle as the cycle page and both exports show it."""

    item: CycleItem
    mandate: Mandate
    age_since: dt.date | None  # adoption, or the latest renewal found through lineage links
    age_basis: str  # "adopted", "renewed", "session opened" (no adoption date), or "" (unknown)
    renewed_by: Mandate | None
    age_years: int | None
    age_band: str  # recent / ageing / old / unknown

    def as_export(self) -> dict:
        item, m = self.item, self.mandate
        return {
            "mandate": m.pk,
            "document": _document_symbol(m.instrument),
            "paragraph": m.paragraph_label,
            "entity": str(m.responsible_entity),
            "delivered_to": str(m.delivered_to or ""),
            "subject": m.subject,
            "status": m.status,
            "adopted_or_renewed_on": self.age_since.isoformat() if self.age_since else None,
            "age_basis": self.age_basis,
            "age_years": self.age_years,
            "decision": item.decision,
            "merge_into": item.merge_into_id,
            "reason": item.reason,
            "state": item.state,
            "decided_by": item.decided_by.username if item.decided_by_id else "",
            "decided_at": item.decided_at.isoformat() if item.decided_at else None,
            "approved_by": item.approved_by.username if item.approved_by_id else "",
            "approved_at": item.approved_at.isoformat() if item.approved_at else None,
            "return_note": item.return_note,
        }


def review_cycles() -> QuerySet:
    """Every cycle, newest first, with its counts (total, decided, approved)."""
    from mandates.models import ReviewCycle

    return ReviewCycle.objects.select_related("entity", "body", "opened_by").annotate(**_cycle_counts("items__"))


def _cycle_counts(prefix: str = "") -> dict:
    ST = CycleItem.State
    return {
        "total": Count(f"{prefix}id", distinct=bool(prefix)),
        "decided": Count(f"{prefix}id", filter=Q(**{f"{prefix}state__in": [ST.DECIDED, ST.APPROVED]}), distinct=True),
        "approved": Count(f"{prefix}id", filter=Q(**{f"{prefix}state": ST.APPROVED}), distinct=True),
        "waiting": Count(f"{prefix}id", filter=Q(**{f"{prefix}state": ST.DECIDED}), distinct=True),
    }


def review_cycle_get(pk: int):
    return get_object_or_404(review_cycles(), pk=pk)


def cycle_progress(cycle) -> list[dict]:
    """Per responsible entity: mandates in the cycle, decided (waiting or approved) and approved, with shares."""
    rows = list(
        cycle.items.values("mandate__responsible_entity", "mandate__responsible_entity__name")
        .annotate(**_cycle_counts())
        .order_by("mandate__responsible_entity__name")
    )
    for row in rows:
        row["entity_id"], row["entity"] = (
            row.pop("mandate__responsible_entity"),
            row.pop("mandate__responsible_entity__name"),
        )
        row["decided_pct"] = round(100 * row["decided"] / row["total"]) if row["total"] else 0
        row["approved_pct"] = round(100 * row["approved"] / row["total"]) if row["total"] else 0
        row["waiting_pct"] = row["decided_pct"] - row["approved_pct"]  # the bar's second segment
    return rows


def cycle_items(cycle, *, entity_id: int | None = None, state: str = "") -> QuerySet:
    """The cycle's items (optionally of one entity, in one state), in the page's order, with what a row shows."""
    items = cycle.items.select_related(
        "mandate__responsible_entity",
        "mandate__delivered_to",
        "mandate__instrument__document",
        "mandate__instrument__adopting_body",
        "merge_into",
        "decided_by",
        "approved_by",
    ).defer("mandate__instrument__document__text")
    if entity_id:
        items = items.filter(mandate__responsible_entity_id=entity_id)
    if state:
        items = items.filter(state=state)
    return items


def _latest_renewals(mandates: list[Mandate]) -> dict[int, Mandate]:
    """For each mandate, the latest-adopted mandate along its chain of successors (links staff broke left out).

    One query per step of the chains, however many mandates: a frontier walk forward from all of them at once.
    """
    from mandates.models import MandateLink

    latest: dict[int, Mandate] = {}
    frontier = {(m.pk, m.pk) for m in mandates}  # (the mandate whose chain this is, a member reached)
    seen = set(frontier)
    for _ in range(50):
        if not frontier:
            break
        roots_of: dict[int, set[int]] = {}
        for root, member in frontier:
            roots_of.setdefault(member, set()).add(root)
        links = (
            MandateLink.objects.exclude(state=MandateLink.State.BROKEN)
            .filter(predecessor_id__in=roots_of)
            .select_related("successor__instrument")
        )
        frontier = set()
        for link in links:
            successor = link.successor
            for root in roots_of[link.predecessor_id]:
                if (root, successor.pk) in seen:
                    continue  # a loop in the links
                seen.add((root, successor.pk))
                frontier.add((root, successor.pk))
                current = latest.get(root)
                if current is None or _adopted(successor.instrument) > _adopted(current.instrument):
                    latest[root] = successor
    return latest


def _adopted(instrument) -> dt.date:
    return instrument.adopted_on or dt.date.min


def _session_openings(instruments) -> dict[tuple[int, int], dt.date]:
    """Opening dates of the sessions that adopted `instruments` (for instruments without an adoption date)."""
    wanted = {(i.adopting_body_id, i.session_number) for i in instruments if i.adopting_body_id and i.session_number}
    if not wanted:
        return {}
    sessions = Session.objects.filter(
        body_id__in={b for b, _ in wanted}, number__in={n for _, n in wanted}, start_date__isnull=False
    ).values_list("body_id", "number", "start_date")
    openings: dict[tuple[int, int], dt.date] = {}
    for body_id, number, start in sessions:
        key = (body_id, number)
        if key in wanted and (key not in openings or start < openings[key]):
            openings[key] = start
    return openings


def age_band(years: int | None) -> str:
    if years is None:
        return "unknown"
    recent, ageing = AGE_BANDS_YEARS
    return "recent" if years < recent else "ageing" if years < ageing else "old"


def cycle_rows(items, *, today: dt.date | None = None) -> list[CycleRow]:
    """`items` (cycle_items, or a page of them) as rows with each mandate's age: years since the latest renewal
    found through lineage links, else since its instrument was adopted (else since the adopting session opened).
    The cycle page and the CSV and JSON exports read these same rows."""
    today = today or timezone.localdate()
    items = list(items)
    mandates = [item.mandate for item in items]
    renewals = _latest_renewals(mandates)
    from mandates.models import MandateLink

    # A mandate that renews an earlier one was itself "renewed" on its adoption date.
    renewing = set(
        MandateLink.objects.exclude(state=MandateLink.State.BROKEN)
        .filter(successor_id__in=[m.pk for m in mandates])
        .values_list("successor_id", flat=True)
    )
    openings = _session_openings([m.instrument for m in mandates])
    rows = []
    for item in items:
        mandate = item.mandate
        renewal = renewals.get(mandate.pk)
        instrument = mandate.instrument
        since = instrument.adopted_on
        basis = ("renewed" if mandate.pk in renewing else "adopted") if since else ""
        if (
            renewal is not None
            and renewal.instrument.adopted_on
            and (not since or renewal.instrument.adopted_on > since)
        ):
            since, basis = renewal.instrument.adopted_on, "renewed"
        if since is None:
            since = openings.get((instrument.adopting_body_id, instrument.session_number))
            basis = "session opened" if since else ""
        years = None
        if since is not None:
            years = today.year - since.year - ((today.month, today.day) < (since.month, since.day))
            years = max(years, 0)
        rows.append(
            CycleRow(
                item=item,
                mandate=mandate,
                age_since=since,
                age_basis=basis,
                renewed_by=renewal if renewal is not None and since == renewal.instrument.adopted_on else None,
                age_years=years,
                age_band=age_band(years),
            )
        )
    return rows


def cycle_export(cycle, *, today: dt.date | None = None) -> dict:
    """A cycle's decisions, every mandate in it: what the CSV and the JSON export write."""
    return {
        "cycle": {
            "id": cycle.pk,
            "name": cycle.name,
            "scope": cycle.scope_label,
            "state": cycle.state,
            "opened_at": cycle.opened_at.isoformat(),
            "closed_at": cycle.closed_at.isoformat() if cycle.closed_at else None,
        },
        "decisions": [row.as_export() for row in cycle_rows(cycle_items(cycle), today=today)],
    }


def mandate_cycle_events(mandate: Mandate) -> QuerySet:
    """The mandate's review-cycle history: decisions recorded, approved and returned, newest first."""
    from mandates.models import CycleEvent

    return CycleEvent.objects.filter(item__mandate=mandate).select_related("item__cycle", "by", "merge_into")


# --- Possible duplicates and reporting burden (issue #13) ------------------------------------------------


@dataclass
class DuplicateGroup:
    """Mandates that may ask for the same thing: their block, the pairs that joined them and why."""

    mandate_ids: list[int]
    pairs: list
    year: int
    mandates: list = field(default_factory=list)

    @property
    def similarity(self) -> float:
        return max(p.similarity for p in self.pairs)

    @property
    def reason(self) -> str:
        first = self.mandates[0] if self.mandates else None
        if first is None:
            return ""
        bodies = sorted({str(b) for m in self.mandates for b in (m.delivered_to, m.due_body) if b})
        return (
            f"{len(self.mandate_ids)} open mandates of {len(self.instruments)} instruments ask "
            f"{first.responsible_entity} for the same kind of delivery ({first.get_category_display().lower()}), "
            f"due in {self.year}, to {' / '.join(bodies) or 'the same body'}; subjects "
            + (f"{self.similarity:.0f}% alike" if len(self.pairs) == 1 else f"up to {self.similarity:.0f}% alike")
        )

    @property
    def instruments(self) -> set[int]:
        return {m.instrument_id for m in self.mandates}


def _not_dismissed(qs: QuerySet) -> QuerySet:
    from django.db.models import Exists, OuterRef

    from mandates.models import DuplicateDismissal

    dismissed = DuplicateDismissal.objects.filter(first_id=OuterRef("first_id"), second_id=OuterRef("second_id"))
    return qs.exclude(Exists(dismissed))


def possible_duplicates(*, min_similarity: float | None = None) -> list:
    """Groups of open mandates from different instruments that ask the same entity for the same kind of
    delivery, to the same or related bodies, due the same year, on similar subjects: the stored pairs
    (services.duplicates keeps them up to date), less those staff dismissed, joined into groups. One query; the
    caller loads the mandates of the groups it shows (`duplicate_groups_load`)."""
    from mandates import duplicates
    from mandates.models import DuplicatePair

    threshold = duplicates.SIMILARITY_MIN if min_similarity is None else max(min_similarity, duplicates.SIMILARITY_MIN)
    rows = _not_dismissed(DuplicatePair.objects.filter(similarity__gte=threshold)).values_list(
        "first_id", "second_id", "similarity", "year"
    )
    pairs, years, by_first = [], {}, {}
    for first, second, similarity, year in rows:
        pair = duplicates.Pair(first, second, similarity)
        pairs.append(pair)
        years[first] = year
        by_first.setdefault(first, []).append(pair)
    groups = []
    for ids in duplicates.connected_groups(pairs):
        members = [p for pk in ids for p in by_first.get(pk, [])]
        groups.append(DuplicateGroup(ids, members, years[members[0].first]))
    groups.sort(key=lambda g: (-g.similarity, g.mandate_ids[0]))
    return groups


def duplicate_groups_load(groups: list) -> list:
    """Fill each group's mandates (one query for all the groups given)."""
    ids = [pk for group in groups for pk in group.mandate_ids]
    found = mandate_base_qs().in_bulk(ids)
    for group in groups:
        group.mandates = [found[pk] for pk in group.mandate_ids if pk in found]
    return groups


def mandate_possible_duplicates(mandate: Mandate) -> list[dict]:
    """The open mandates `mandate` may duplicate, from the stored pairs less those dismissed (two queries)."""
    from mandates.models import DuplicatePair

    if mandate.status not in Mandate.OPEN_STATUSES or not mandate.is_tracked:
        return []
    pairs = _not_dismissed(DuplicatePair.objects.filter(Q(first=mandate) | Q(second=mandate)))
    others = {
        (second if first == mandate.pk else first): (similarity, reason)
        for first, second, similarity, reason in pairs.values_list("first_id", "second_id", "similarity", "reason")
    }
    found = mandate_base_qs().in_bulk(list(others))
    return [
        {"mandate": found[pk], "similarity": similarity, "reason": reason}
        for pk, (similarity, reason) in sorted(others.items(), key=lambda item: (-item[1][0], item[0]))
        if pk in found
    ]


def mandate_duplicate_dismissals(mandate: Mandate) -> list:
    """The pairs of `mandate` staff marked "not a duplicate", newest first, with who and when (`other_id`: the
    other mandate)."""
    from mandates.models import DuplicateDismissal

    dismissals = list(
        DuplicateDismissal.objects.filter(Q(first=mandate) | Q(second=mandate)).select_related("dismissed_by")
    )
    for dismissal in dismissals:
        dismissal.other_id = dismissal.second_id if dismissal.first_id == mandate.pk else dismissal.first_id
    return dismissals


@dataclass
class BurdenRow:
    key: tuple
    label: str
    period: str
    one_off: int
    recurring: int

    @property
    def total(self) -> int:
        return self.one_off + self.recurring


@dataclass
class Burden:
    """Reports requested, split one-off / recurring: per entity per year, per receiving body per session, and
    per adopting session (the trend over the sessions ingested)."""

    entity_year: list[BurdenRow]
    body_session: list[BurdenRow]
    trend: list[BurdenRow]

    def __post_init__(self):
        # The charts' scales, once: a template reads them for every bar.
        self.entity_year_max = max((r.total for r in self.entity_year), default=0)
        self.body_session_max = max((r.total for r in self.body_session), default=0)
        self.trend_max = max((r.total for r in self.trend), default=0)
        self.years = sorted({r.period for r in self.entity_year})

    def entity_totals(self) -> list[dict]:
        """Entities by reports requested, with their years (for the page's matrix)."""
        per: dict[tuple, dict] = {}
        for row in self.entity_year:
            entry = per.setdefault(row.key, {"label": row.label, "one_off": 0, "recurring": 0, "years": {}})
            entry["one_off"] += row.one_off
            entry["recurring"] += row.recurring
            entry["years"][row.period] = row
        years = self.years
        for entry in per.values():
            entry["total"] = entry["one_off"] + entry["recurring"]
            entry["cells"] = [entry["years"].get(year) for year in years]
        return sorted(per.values(), key=lambda e: (-e["total"], e["label"]))


# COUNT(recurrence), not COUNT(id): the counts read only the columns of the burden indexes (index-only scans).
BURDEN_COUNTS = {
    "one_off": Count("recurrence", filter=Q(recurrence="")),
    "recurring": Count("recurrence", filter=~Q(recurrence="")),
}


def _burden_counts(qs: QuerySet) -> tuple[list, list, list]:
    """Three GROUP BY queries over reports owed (models.mandates.BURDEN_ROWS), each on the columns of its partial
    index: the stored due year, the due body and session, the instrument's adopting session."""
    from mandates.models.mandates import BURDEN_ROWS

    qs = qs.filter(BURDEN_ROWS).order_by()
    return (
        list(qs.values("responsible_entity_id", "due_year").annotate(**BURDEN_COUNTS)),
        list(qs.values("due_body_id", "due_session_number", "due_session__year").annotate(**BURDEN_COUNTS)),
        list(qs.values("instrument__adopting_body_id", "instrument__session_number").annotate(**BURDEN_COUNTS)),
    )


def reporting_burden(*, mandates: QuerySet | None = None, counts: tuple | None = None) -> Burden:
    """Reports (category "report") requested from tracked mandates, except those superseded or cancelled: the
    counts (`_burden_counts`, or `counts` already read) and two queries for the names; the page and the CSV both
    read this."""
    if counts is None:
        counts = _burden_counts(mandates if mandates is not None else Mandate.objects.all())
    by_entity_year, by_body_session, by_adopting_session = counts
    entities = dict(
        Entity.objects.filter(pk__in={r["responsible_entity_id"] for r in by_entity_year}).values_list("pk", "name")
    )
    body_ids = {r["due_body_id"] for r in by_body_session} | {
        r["instrument__adopting_body_id"] for r in by_adopting_session
    }
    bodies = dict(Body.objects.filter(pk__in=body_ids - {None}).values_list("pk", "name"))

    def session(number, year=None):
        return f"session {number}" if number else str(year or "—")

    entity_year = sorted(
        (
            BurdenRow(
                (r["responsible_entity_id"],),
                entities.get(r["responsible_entity_id"], "—"),
                str(r["due_year"] or "undated"),
                r["one_off"],
                r["recurring"],
            )
            for r in by_entity_year
        ),
        key=lambda row: (row.label, row.period),
    )
    body_session = sorted(
        (
            BurdenRow(
                (r["due_body_id"], r["due_session_number"] or 0, r["due_session__year"] or 0),
                bodies.get(r["due_body_id"], "No receiving session"),
                session(r["due_session_number"], r["due_session__year"]),
                r["one_off"],
                r["recurring"],
            )
            for r in by_body_session
        ),
        key=lambda row: (row.label, row.key[1:]),
    )
    trend = sorted(
        (
            BurdenRow(
                (r["instrument__adopting_body_id"], r["instrument__session_number"] or 0),
                bodies.get(r["instrument__adopting_body_id"], "Unknown body"),
                session(r["instrument__session_number"]),
                r["one_off"],
                r["recurring"],
            )
            for r in by_adopting_session
        ),
        key=lambda row: (row.label, row.key[1:]),
    )
    return Burden(entity_year, body_session, trend)


def mandate_links(mandate: Mandate) -> list:
    """Every link of the mandate, broken ones too, each with its history (two queries)."""
    from mandates.models import MandateLink

    links = list(
        MandateLink.objects.filter(Q(predecessor=mandate) | Q(successor=mandate))
        .select_related("predecessor__instrument", "successor__instrument", "decided_by")
        .order_by("-confidence", "id")
    )
    history: dict[int, list] = {}
    for record in (
        MandateLink.history.filter(id__in=[link.pk for link in links])
        .select_related("history_user")
        .order_by("history_date", "history_id")
    ):
        history.setdefault(record.id, []).append(record)
    for link in links:
        link.other = link.successor if link.predecessor_id == mandate.pk else link.predecessor
        link.direction = "renewed by" if link.predecessor_id == mandate.pk else "renews"
        link.history_records = history.get(link.pk, [])
    return links


def link_get(pk: int):
    from mandates.models import MandateLink

    return get_object_or_404(MandateLink, pk=pk)
