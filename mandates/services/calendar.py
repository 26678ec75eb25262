"""Session calendar and due dates.

A mandate says "at its thirty-first session"; this module turns that into a Session and two dates:
the session's opening (`session_opens_on`) and the day the document is due (`document_due_on` = opening
minus the body's lead time, `Body.lead_time_weeks` or `settings.DEFAULT_LEAD_TIME_WEEKS`).

Where a session's dates come from, strongest first. A weaker source never overwrites a stronger one:

    staff (session_move, admin)  >  fixture, confirmed  >  document / fixture, unconfirmed  >  rule

Sessions missing from the calendar are estimated from `Body.calendar_rule` (stored with date_source=rule,
confirmed=False) and replaced in place when real dates arrive, so mandates keep pointing at the same row.

`Body.calendar_rule` (JSON):

    {"numbering": "ordinal", "first_year": 1992, "first_number": 1,
     "meetings": [{"month": 5, "weekday": "monday", "nth": 3, "days": 5}]}

- "ordinal": numbered sessions, len(meetings) a year. The k-th meeting of year Y is session
  len(meetings) * (Y - first_year) + first_number + k. "every_years": 2 makes them biennial (meetings in
  first_year, first_year + 2, ...; the Biennial Meeting of States). CCPCJ: one a year, session N in 1991 + N.
  Human Rights Council: three a year, first_year 2007, first_number 4.
- "year": sessions named by year (ECOSOC, HLPF); meetings[0] dates the session of year Y.
- "single": a conference with one session (the Crime Congresses); no estimate.
- A meeting opens on the `nth` `weekday` of `month` (nth -1 = the last) and lasts `days` days.
"""

from __future__ import annotations

import calendar as pycalendar
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, prefetch_related_objects
from simple_history.utils import bulk_update_with_history

from mandates.extraction.session_dates import CANONICAL_BODIES, read_session_dates
from mandates.models import Body, Mandate, Session
from mandates.services import flags

DEFAULT_FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "sessions.json"
SCHEDULE_FIELDS = ["due_session", "session_opens_on", "document_due_on", "dates_estimated"]
# The mandate fields a schedule is computed from: changing one re-dates the mandate (mandate_dates_refresh). The
# recipient counts for a periodic delivery that names no due body (see _schedule_body).
SCHEDULE_INPUTS = ("category", "due_body", "due_session_number", "due_event", "recurrence", "delivered_to")
# Delivered at the session itself: due the day it opens, not a lead time earlier.
AT_SESSION_CATEGORIES = (Mandate.Category.ORAL, Mandate.Category.ACTION)
_WEEKDAYS = {name: i for i, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday"])}
_PERIOD_YEARS = {"annual": 1, "annually": 1, "biennial": 2, "biennially": 2, "triennial": 3, "quadrennial": 4}
_YEAR_EVENT = re.compile(
    r"\s*(?:in\s+|(?:at\s+)?its\s+(?:\w+\s+)?session\s+in\s+|(?:at\s+)?its\s+)?((?:19|20)\d{2})(?:\s+session)?\s*",
    re.IGNORECASE,
)
_NEXT_SESSION = re.compile(r"\bnext\b.*\bsession\b", re.IGNORECASE)
# A deadline given as a date ("no later than 1 September 2024"): the due date itself.
_DATE_EVENT = re.compile(
    r"\s*(?:(?:no\s+later\s+than|not\s+later\s+than|by|before|on)\s+)?(\d{1,2})\s+(January|February|March|April|May|June"
    r"|July|August|September|October|November|December),?\s+((?:19|20)\d{2})\s*",
    re.IGNORECASE,
)
_MONTHS = {
    name: i + 1
    for i, name in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
# Sessions named by year start from here; a smaller number is an ordinal (of another body's numbering).
_FIRST_SESSION_YEAR = 1900

Key = tuple[int, str, int, str]  # (body id, "n" numbered | "y" year-named, number or year, Session.Kind)


# --- Rules (pure) -------------------------------------------------------------------------------------


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The nth `weekday` (0 = Monday) of the month; nth=-1 is the last."""
    days = [d for d in pycalendar.Calendar().itermonthdates(year, month) if d.month == month and d.weekday() == weekday]
    return days[nth - 1] if nth > 0 else days[nth]


def _meeting_dates(meeting: dict, year: int) -> tuple[date, date]:
    weekday = meeting.get("weekday", "monday")
    weekday = _WEEKDAYS[weekday] if isinstance(weekday, str) else int(weekday)
    start = nth_weekday(year, int(meeting["month"]), weekday, int(meeting.get("nth", 1)))
    return start, start + timedelta(days=max(int(meeting.get("days", 1)), 1) - 1)


def rule_session_dates(rule: dict, *, number: int | None = None, year: int | None = None) -> tuple[date, date] | None:
    """Estimated (start, end) of a session under `rule`; None when the rule cannot say."""
    meetings = rule.get("meetings") or []
    numbering = rule.get("numbering")
    if numbering == "ordinal" and number is not None and meetings:
        index = number - int(rule["first_number"])
        if index < 0:
            return None
        year = int(rule["first_year"]) + (index // len(meetings)) * _every(rule)
        return _meeting_dates(meetings[index % len(meetings)], year)
    if year is not None and number is None:
        if numbering == "year" and meetings:
            return _meeting_dates(meetings[0], year)
        if numbering != "single":
            # Nothing better is known than the year: the earliest day of it, so nothing is late by surprise.
            return date(year, 1, 1), date(year, 12, 31)
    return None


def rule_numbers_in_year(rule: dict, year: int) -> list[int]:
    """Session numbers an ordinal rule places in `year` (CCPCJ 2022 -> [31]; HRC 2019 -> [40, 41, 42])."""
    if rule.get("numbering") != "ordinal" or not rule.get("meetings"):
        return []
    per_year, every = len(rule["meetings"]), _every(rule)
    if (year - int(rule["first_year"])) % every:
        return []  # a biennial body does not meet this year
    first = per_year * ((year - int(rule["first_year"])) // every) + int(rule["first_number"])
    return [first + k for k in range(per_year) if first + k >= int(rule["first_number"])]


def _every(rule: dict) -> int:
    return max(int(rule.get("every_years") or 1), 1)


def rule_describe(rule: dict) -> str:
    """'Estimated by rule: 3rd monday of May' (for Session.source_reference)."""
    nths = {1: "1st", 2: "2nd", 3: "3rd", -1: "last"}
    meetings = [
        f"{nths.get(int(m.get('nth', 1)), str(m.get('nth')) + 'th')} {m.get('weekday', 'monday')} of "
        f"{pycalendar.month_name[int(m['month'])]}"
        for m in rule.get("meetings", [])
    ]
    return f"Estimated by rule: {', '.join(meetings)}" if meetings else "Estimated by rule: first day of the year"


def _period_years(recurrence: str) -> int | None:
    text = (recurrence or "").strip().lower()
    if text in _PERIOD_YEARS:
        return _PERIOD_YEARS[text]
    every = re.fullmatch(r"every\s+(\d+|two|three|four|five)\s+years?", text)
    if every:
        word = every.group(1)
        return int(word) if word.isdigit() else {"two": 2, "three": 3, "four": 4, "five": 5}[word]
    return None


# --- Precedence ---------------------------------------------------------------------------------------


def _rank(source: str, confirmed: bool) -> int:
    if source == Session.Source.STAFF:
        return 3
    if source == Session.Source.FIXTURE and confirmed:
        return 2
    if source in (Session.Source.FIXTURE, Session.Source.DOCUMENT):
        return 1
    return 0


def _may_replace(session: Session, *, source: str, confirmed: bool) -> bool:
    if session.date_source == Session.Source.STAFF and source != Session.Source.STAFF:
        return False
    return _rank(source, confirmed) >= _rank(session.date_source, session.confirmed)


# --- Bodies -------------------------------------------------------------------------------------------


def body_get(*, name: str) -> Body:
    """The body called `name` (canonical name or acronym, any case). Raises Body.DoesNotExist."""
    name = name.strip()
    found = Body.objects.filter(Q(name__iexact=name) | Q(acronym__iexact=name)).order_by("-acronym").first()
    if found is None:
        raise Body.DoesNotExist(f"No body is called {name!r}.")
    return found


def _lead(body: Body) -> timedelta:
    weeks = body.lead_time_weeks if body.lead_time_weeks is not None else settings.DEFAULT_LEAD_TIME_WEEKS
    return timedelta(weeks=weeks)


# --- Recording session dates --------------------------------------------------------------------------


@dataclass
class SessionDatesIn:
    number: int | None
    year: int | None
    kind: str
    start: date | None
    end: date | None
    venue: str
    source: str
    reference: str
    confirmed: bool


def _session_key(session: Session) -> tuple:
    return (session.number, None if session.number is not None else session.year, session.kind)


def _sessions_record(body: Body, entries: Iterable[SessionDatesIn]) -> list[Session]:
    """Create or update `body`'s sessions from `entries`, respecting precedence. Returns the rows that changed."""
    existing = {_session_key(s): s for s in Session.objects.filter(body=body)}
    changed: list[Session] = []
    for entry in entries:
        key = (entry.number, None if entry.number is not None else entry.year, entry.kind)
        session = existing.get(key)
        values = dict(
            start_date=entry.start,
            end_date=entry.end,
            date_source=entry.source,
            source_reference=entry.reference[:255],
            confirmed=entry.confirmed,
        )
        if entry.venue:
            values["venue"] = entry.venue[:255]
        if session is None:
            year = entry.year if entry.year is not None else (entry.start.year if entry.start else None)
            session = Session(body=body, number=entry.number, year=year, kind=entry.kind, **values)
        elif not _may_replace(session, source=entry.source, confirmed=entry.confirmed) or all(
            getattr(session, field) == value for field, value in values.items()
        ):
            continue
        else:
            for field, value in values.items():
                setattr(session, field, value)
        session.full_clean()
        session.save()
        existing[key] = session
        changed.append(session)
    return changed


def _mandates_follow(sessions: Iterable[Session]) -> int:
    """Recompute the dates of the mandates attached to `sessions` (their dates changed). Returns how many."""
    by_id = {s.pk: s for s in sessions}
    if not by_id:
        return 0
    return _mandates_redate(Mandate.all_objects.filter(due_session__in=by_id))


def _mandates_redate(mandates) -> int:
    """Recompute the dates of `mandates` (a queryset) from their sessions, and their flags. Returns how many
    changed."""
    changed = []
    for mandate in mandates.select_related("due_session__body").order_by("pk"):
        if _apply(mandate, mandate.due_session):
            changed.append(mandate)
    if changed:
        bulk_update_with_history(changed, Mandate, SCHEDULE_FIELDS, batch_size=500, manager=Mandate.all_objects)
        flags.mandates_reflag([m.pk for m in changed])
    return len(changed)


def event_date(event: str) -> date | None:
    """The date a deadline names ("1 September 2024", "no later than 31 March 2025"), else None."""
    match = _DATE_EVENT.fullmatch(event or "")
    if not match:
        return None
    try:
        return date(int(match.group(3)), _MONTHS[match.group(2).lower()], int(match.group(1)))
    except ValueError:
        return None  # "31 June"


def _apply(mandate: Mandate, session: Session | None) -> bool:
    """Set mandate's calendar fields from `session`; True when anything changed. Without a session, a deadline
    given as a date is the due date itself (no session opens for it)."""
    opens = session.start_date if session else None
    due = opens - due_offset(mandate.category, session.body) if opens else None
    if session is None:
        due = event_date(mandate.due_event)
    estimated = bool(session and opens and not session.confirmed)
    new = (session.pk if session else None, opens, due, estimated)
    old = (mandate.due_session_id, mandate.session_opens_on, mandate.document_due_on, mandate.dates_estimated)
    if new == old:
        return False
    mandate.due_session = session
    mandate.session_opens_on, mandate.document_due_on, mandate.dates_estimated = opens, due, estimated
    return True


def due_offset(category: str, body: Body) -> timedelta:
    """How long before its session opens a mandate of `category` is due (see `due_rule`)."""
    if category in AT_SESSION_CATEGORIES:
        return timedelta(0)
    lead = _lead(body)
    if category == Mandate.Category.INFORMATION:
        lead += timedelta(weeks=settings.INFORMATION_LEAD_TIME_WEEKS)
    return lead


# Why a mandate has no due date (issue #11): shown on its page (`due_rule`), a filter of the list, and counted by
# `manage.py dated_share`. Checked in this order; the first that holds is the reason.
UNDATED_REASONS = {
    "no_deadline": "no session, event or recurrence in the clause",
    "ongoing": "an ongoing obligation (reported within existing reports): no date of its own",
    "no_body": "a session or recurrence, but no body whose session it is",
    "event_without_date": "an event without a date",
    "no_calendar": "the body has no calendar (no session dates and no rule to estimate them)",
    "session_without_dates": "the session has no dates yet",
}


def _has_calendar():
    dated = Session.objects.filter(body=OuterRef("due_body"), start_date__isnull=False)
    return Exists(dated) | ~Q(due_body__calendar_rule={})


def undated_condition(reason: str) -> Q:
    """Undated mandates for `reason` (a key of UNDATED_REASONS), as a condition on Mandate."""
    no_deadline = Q(due_session_number__isnull=True, due_event="", recurrence="")
    ongoing = Q(due_session_number__isnull=True, due_event="", recurrence="ongoing")
    bodiless = ~no_deadline & ~ongoing & Q(due_body__isnull=True)
    with_body = ~no_deadline & ~ongoing & Q(due_body__isnull=False)
    conditions = {
        "no_deadline": no_deadline,
        "ongoing": ongoing,
        "no_body": bodiless & Q(due_event=""),
        "event_without_date": bodiless & ~Q(due_event=""),
        "no_calendar": with_body & ~_has_calendar(),
        "session_without_dates": with_body & _has_calendar(),
    }
    return Q(document_due_on__isnull=True) & conditions[reason]


def undated_reason(mandate: Mandate) -> str | None:
    """The key of UNDATED_REASONS that explains why `mandate` has no due date, or None when it has one."""
    if mandate.document_due_on is not None:
        return None
    for reason in UNDATED_REASONS:
        if Mandate.all_objects.filter(undated_condition(reason), pk=mandate.pk).exists():
            return reason
    return "session_without_dates"


def due_rule(mandate: Mandate) -> str:
    """The rule that gives `mandate` its due date, in words (shown on the mandate page)."""
    session = mandate.due_session
    if session is None and mandate.document_due_on is not None:
        return f"Due on the date the clause names ({mandate.due_event})."
    if session is None or session.start_date is None:
        return f"No due date: {UNDATED_REASONS[undated_reason(mandate)]}."
    body = session.body
    if mandate.due_body_id is None and not mandate.due_event:
        # a periodic delivery that names no body: see _schedule_body
        return f"No body is named: due at the sessions of the {body}. " + _lead_rule(mandate, body)
    return _lead_rule(mandate, body)


def _lead_rule(mandate: Mandate, body: Body) -> str:
    weeks = body.lead_time_weeks if body.lead_time_weeks is not None else settings.DEFAULT_LEAD_TIME_WEEKS
    whose = f"the lead time of the {body}" if body.lead_time_weeks is not None else "the default lead time"
    if mandate.category in AT_SESSION_CATEGORIES:
        return (
            f"{Mandate.Category(mandate.category).label}: delivered at the session itself, so due the day the "
            "session opens; no document is due before it."
        )
    if mandate.category == Mandate.Category.INFORMATION:
        extra = settings.INFORMATION_LEAD_TIME_WEEKS
        return (
            f"Information for a report: due {extra} weeks before the report itself (INFORMATION_LEAD_TIME_WEEKS), "
            f"which is due {weeks} weeks before the session opens ({whose}): {weeks + extra} weeks before the opening."
        )
    return f"Document due {weeks} weeks before the session opens ({whose})."


@transaction.atomic
def calendar_load(*, path: str | Path | None = None) -> dict[str, int]:
    """Load bodies and real session dates from the calendar fixture; never overwrites staff-entered dates.

    Idempotent: loading twice changes nothing the second time. Mandates attached to a session whose dates
    changed (an estimate replaced) follow it.
    """
    data = json.loads(Path(path or DEFAULT_FIXTURE).read_text(encoding="utf-8"))
    counts = {"bodies": 0, "bodies_created": 0, "sessions": 0, "sessions_changed": 0, "mandates_changed": 0}
    changed_sessions: list[Session] = []
    for entry in data["bodies"]:
        body = Body.objects.filter(name__iexact=entry["name"]).first()
        if body is None:
            body = Body(name=entry["name"])
            counts["bodies_created"] += 1
        # Configuration staff may have changed is filled in, never overwritten.
        body.acronym = body.acronym or entry.get("acronym", "")
        if body.kind == Body.Kind.OTHER:
            body.kind = entry.get("kind", Body.Kind.OTHER)
        body.calendar_rule = body.calendar_rule or entry.get("calendar_rule", {})
        if body.lead_time_weeks is None:
            body.lead_time_weeks = entry.get("lead_time_weeks")
        body.full_clean()
        body.save()
        counts["bodies"] += 1
        sessions = [
            SessionDatesIn(
                number=s.get("number"),
                year=s.get("year"),
                kind=s.get("kind", Session.Kind.REGULAR),
                start=date.fromisoformat(s["start"]) if s.get("start") else None,
                end=date.fromisoformat(s["end"]) if s.get("end") else None,
                venue=s.get("venue", ""),
                source=Session.Source.FIXTURE,
                reference=s.get("source", ""),
                confirmed=bool(s.get("confirmed", False)),
            )
            for s in entry.get("sessions", [])
        ]
        counts["sessions"] += len(sessions)
        changed_sessions += _sessions_record(body, sessions)
    counts["sessions_changed"] = len(changed_sessions)
    counts["mandates_changed"] = _mandates_follow(changed_sessions) + mandates_redate_stale()
    return counts


@transaction.atomic
def sessions_record_from_document(document) -> list[Session]:
    """Read session dates printed in `document` (dateparser) into the calendar and move the mandates due at
    those sessions. date_source=document, source_reference=the document's symbol; staff-entered dates and
    confirmed fixture dates are kept. Returns the sessions that changed.
    """
    bodies = {b.name: b for b in Body.objects.all()}
    names = tuple(dict.fromkeys([*bodies, *CANONICAL_BODIES]))
    reference = (document.symbol or document.source_key or document.filename)[:255]
    per_body: dict[str, list[SessionDatesIn]] = {}
    for record in read_session_dates(document.text or "", bodies=names):
        per_body.setdefault(record.body, []).append(
            SessionDatesIn(
                number=record.number,
                year=record.year,
                kind=record.kind,
                start=record.start,
                end=record.end,
                venue=record.venue,
                source=Session.Source.DOCUMENT,
                reference=reference,
                confirmed=not record.planned,
            )
        )
    changed: list[Session] = []
    for name, entries in per_body.items():
        body = bodies.get(name) or Body.objects.filter(name__iexact=name).first()
        if body is None:
            kind = Body.Kind.CONFERENCE if "Congress" in name else Body.Kind.OTHER
            rule = {"numbering": "single"} if kind == Body.Kind.CONFERENCE else {}
            body = Body.objects.create(name=name, kind=kind, calendar_rule=rule)
        changed += _sessions_record(body, entries)
    _mandates_follow(changed)
    return changed


@transaction.atomic
def session_move(*, session: Session, start_date: date, end_date: date | None = None, by=None) -> Session:
    """Move a session (a postponement): its dates become staff-entered and its mandates' dates follow.
    Nothing else changes: no status, no other session, no other mandate.
    """
    session.start_date = start_date
    session.end_date = end_date or start_date
    session.date_source = Session.Source.STAFF
    session.confirmed = True
    session.source_reference = f"Moved by {by}" if by else "Moved by staff"
    session.full_clean()
    session.save()
    _mandates_follow([session])
    return session


# --- Scheduling mandates ------------------------------------------------------------------------------


class _Calendar:
    """Every session of the bodies involved, loaded in one query, plus rule estimates for the rest."""

    def __init__(self, bodies: Iterable[Body]):
        self.bodies = {b.pk: b for b in bodies}
        self.sessions: dict[Key, Session] = {}
        for session in Session.objects.filter(body__in=self.bodies).select_related("body"):
            self._index(session)
        self.wanted: dict[Key, Session] = {}
        self.estimated: dict[Key, Session] = {}  # stored sessions without dates that the rules date now

    def _index(self, session: Session) -> None:
        if session.number is not None:
            self.sessions[(session.body_id, "n", session.number, session.kind)] = session
        elif session.year is not None:
            self.sessions[(session.body_id, "y", session.year, session.kind)] = session

    def start(self, key: Key) -> date | None:
        session = self.sessions.get(key) or self.wanted.get(key)
        if session is not None and session.start_date is not None:
            return session.start_date
        dates = self._estimate(key)
        return dates[0] if dates else None

    def _estimate(self, key: Key) -> tuple[date, date] | None:
        body_id, numbering, value, kind = key
        if kind != Session.Kind.REGULAR:
            return None
        rule = self.bodies[body_id].calendar_rule or {}
        if numbering == "n":
            return rule_session_dates(rule, number=value)
        return rule_session_dates(rule, year=value)

    def session(self, key: Key) -> Session:
        """The session for `key`: known, or a new estimate (saved later, in bulk)."""
        found = self.sessions.get(key) or self.wanted.get(key)
        if found is not None and found.start_date is None and found.pk is not None:
            # A session known by its number only (named in a document, created before its body had a rule):
            # the rule's estimate dates it, replaced when real dates arrive.
            dates = self._estimate(key)
            if dates:
                found.start_date, found.end_date = dates
                found.date_source, found.confirmed = Session.Source.RULE, False
                found.source_reference = rule_describe(self.bodies[key[0]].calendar_rule or {})
                self.estimated[key] = found
        if found is not None:
            return found
        body_id, numbering, value, kind = key
        body = self.bodies[body_id]
        dates = self._estimate(key)
        session = Session(
            body=body,
            number=value if numbering == "n" else None,
            year=value if numbering == "y" else (dates[0].year if dates else None),
            kind=kind,
            start_date=dates[0] if dates else None,
            end_date=dates[1] if dates else None,
            date_source=Session.Source.RULE,
            source_reference=rule_describe(body.calendar_rule or {}) if dates else "",
            confirmed=False,
        )
        self.wanted[key] = session
        return session

    def single(self, body: Body) -> Key | None:
        """A one-session body (a Congress): its regular session, if the calendar has one."""
        keys = [k for k in self.sessions if k[0] == body.pk and k[3] == Session.Kind.REGULAR]
        keys.sort(key=lambda k: (self.sessions[k].start_date or date.max, k[2]))
        return keys[0] if keys else None

    def first_on_or_after(self, body: Body, day: date) -> Key | None:
        """The first regular session of `body` opening on or after `day` (known or estimated)."""
        rule = body.calendar_rule or {}
        numbering = rule.get("numbering")
        if numbering == "ordinal":
            candidates = [
                ("n", n) for year in range(day.year - 1, day.year + 3) for n in rule_numbers_in_year(rule, year)
            ]
        elif numbering == "year" or any(k[0] == body.pk and k[1] == "y" for k in self.sessions):
            candidates = [("y", year) for year in range(day.year, day.year + 3)]
        else:
            candidates = [(k[1], k[2]) for k in self.sessions if k[0] == body.pk and k[3] == Session.Kind.REGULAR]
        for numbering_kind, value in sorted(set(candidates), key=lambda c: c[1]):
            key = (body.pk, numbering_kind, value, Session.Kind.REGULAR)
            start = self.start(key)
            if start is not None and start >= day:
                return key
        return None

    def save_wanted(self) -> None:
        """Create the estimated sessions in one statement and index them with their ids; save the dates the rules
        gave to stored sessions that had none."""
        if self.estimated:
            fields = ["start_date", "end_date", "date_source", "confirmed", "source_reference"]
            dated = list(self.estimated.values())
            Session.objects.bulk_update(dated, fields)
            self.estimated = {}
            _mandates_follow(dated)  # mandates already attached to them, outside this run, take the dates too
        if not self.wanted:
            return
        Session.objects.bulk_create(list(self.wanted.values()), ignore_conflicts=True)
        body_ids = {k[0] for k in self.wanted}
        for session in Session.objects.filter(body__in=body_ids).select_related("body"):
            self._index(session)
        self.wanted = {}


def _instrument_session(instrument) -> int | None:
    """The adopting body's session (number, or year for year-named bodies) the instrument belongs to."""
    if instrument.session_number:
        return instrument.session_number
    for text in (instrument.symbol, instrument.adopted_symbol, instrument.label):
        match = re.search(r"\bA/(?:RES/|C\.\d/)?(\d{2,3})/", text or "") or re.search(
            r"^(?:(?:Resolution|Decision)\s+)?(\d{1,4})/\d+\b", (text or "").strip()
        )
        if match:
            return int(match.group(1))
    return None


def _event_body(event: str, by_name: dict[str, Body]) -> Body | None:
    return by_name.get(event.strip().lower()) if event else None


def _schedule_body(mandate: Mandate, event_body: Body | None, cal: _Calendar) -> Body | None:
    """The body whose sessions `mandate` is due at: the due body, else the body the event names. A periodic
    delivery that names no due body ("to submit annual reports", "to report annually to the Secretary-General") is
    due at the sessions of the body it is delivered to when that body meets, else of the body that adopted the
    request: that body takes the report up at its regular session."""
    body = mandate.due_body or event_body
    if body is not None or _period_years(mandate.recurrence) is None:
        return body
    recipient = mandate.delivered_to
    if recipient is not None and _meets(recipient, cal):
        return recipient
    return mandate.instrument.adopting_body


def _meets(body: Body, cal: _Calendar) -> bool:
    """Whether sessions of `body` can be dated: a calendar rule, or sessions in the calendar."""
    return bool(body.calendar_rule) or any(k[0] == body.pk for k in cal.sessions)


def _first_after_adoption(mandate: Mandate, body: Body, cal: _Calendar, today: date) -> Key | None:
    """The first session of `body` whose document falls due after the instrument was adopted (its date, else the
    opening of the adopting session, else today): a request cannot be due before it is made."""
    instrument = mandate.instrument
    anchor = instrument.adopted_on
    adopting = instrument.adopting_body
    adopted_in = _instrument_session(instrument)
    if anchor is None and adopting is not None and adopting.pk in cal.bodies and adopted_in is not None:
        numbering = "y" if (adopting.calendar_rule or {}).get("numbering") == "year" else "n"
        anchor = cal.start((adopting.pk, numbering, adopted_in, Session.Kind.REGULAR))
    return cal.first_on_or_after(
        body, (anchor + timedelta(days=1) if anchor else today) + due_offset(mandate.category, body)
    )


def _target(mandate: Mandate, cal: _Calendar, by_name: dict[str, Body], today: date) -> Key | None:
    """Which session `mandate` is due at (None: no session can be said)."""
    event = (mandate.due_event or "").strip()
    event_body = _event_body(event, by_name)
    body = _schedule_body(mandate, event_body, cal)
    if body is None:
        return None
    rule = body.calendar_rule or {}
    regular = Session.Kind.REGULAR
    period = _period_years(mandate.recurrence)
    year_named = rule.get("numbering") == "year"

    key: Key | None = None
    if mandate.due_session_number and year_named and mandate.due_session_number < _FIRST_SESSION_YEAR:
        # "to transmit to the Conference on Disarmament the records of the seventy-eighth session": a body whose
        # sessions are named by year has no 78th session; the number is the adopting body's. Due at the body's
        # first session after the adoption.
        key = _first_after_adoption(mandate, body, cal, today)
    elif mandate.due_session_number:
        key = (body.pk, "n", mandate.due_session_number, regular)
    elif event_body is not None and rule.get("numbering") in ("ordinal", "year"):
        # "to transmit its report to the Conference on Disarmament": a body that meets regularly, named as the
        # occasion; due at its first session after the adoption.
        key = _first_after_adoption(mandate, event_body, cal, today)
    elif event_body is not None or rule.get("numbering") == "single":
        key = cal.single(event_body or body)
    elif year_match := _YEAR_EVENT.fullmatch(event):
        year = int(year_match.group(1))
        numbers = rule_numbers_in_year(rule, year)
        key = (body.pk, "n", numbers[0], regular) if numbers else (body.pk, "y", year, regular)
    elif _NEXT_SESSION.search(event):
        key = _next_session(mandate, body, cal)

    if period is None:
        return key
    return _next_occurrence(body, key, period, mandate, cal, today)


def _next_session(mandate: Mandate, body: Body, cal: _Calendar) -> Key | None:
    """ "At its next session": the session after the one that adopted the text."""
    instrument = mandate.instrument
    adopted_in = _instrument_session(instrument)
    if adopted_in is None:
        return None
    adopting = instrument.adopting_body
    numbering = (body.calendar_rule or {}).get("numbering")
    if adopting is None or adopting.pk == body.pk:
        return (body.pk, "y" if numbering == "year" else "n", adopted_in + 1, Session.Kind.REGULAR)
    # Adopted by another body: the due body's first session after the adopting session opened.
    if adopting.pk not in cal.bodies:
        return None
    adopting_numbering = (adopting.calendar_rule or {}).get("numbering")
    anchor = cal.start((adopting.pk, "y" if adopting_numbering == "year" else "n", adopted_in, Session.Kind.REGULAR))
    return cal.first_on_or_after(body, anchor + timedelta(days=1)) if anchor else None


def _next_occurrence(body: Body, key: Key | None, period: int, mandate: Mandate, cal: _Calendar, today: date):
    """A recurring mandate's next occurrence opening on or after `today`."""
    rule = body.calendar_rule or {}
    numbering = "y" if rule.get("numbering") == "year" else "n"
    step = period * max(len(rule.get("meetings") or []), 1) if numbering == "n" else period
    if key is None:
        adopted_in = _instrument_session(mandate.instrument)
        if adopted_in is not None and mandate.instrument.adopting_body_id == body.pk:
            key = (body.pk, numbering, adopted_in + step, Session.Kind.REGULAR)
    if key is None:
        return cal.first_on_or_after(body, today)
    for _ in range(200):
        start = cal.start(key)
        if start is None or start >= today:
            return key
        key = (key[0], key[1], key[2] + step, key[3])
    return key


def mandates_schedule(mandates: Iterable[Mandate], *, today: date | None = None) -> int:
    """Attach each mandate to its due session (creating estimates as needed) and set session_opens_on,
    document_due_on (opening - lead time) and dates_estimated. Recurring mandates get their next occurrence
    opening on or after `today`. Set-based: a fixed number of queries whatever the number of mandates.
    Returns how many mandates changed.
    """
    today = today or date.today()
    mandates = list(mandates)
    if not mandates:
        return 0
    prefetch_related_objects(mandates, "due_body", "delivered_to", "instrument__adopting_body")
    all_bodies = list(Body.objects.all())
    by_name = {b.name.lower(): b for b in all_bodies} | {b.acronym.lower(): b for b in all_bodies if b.acronym}
    # The sessions of the bodies these mandates can be due to, delivered to or adopted by, in one query.
    involved = {m.due_body_id for m in mandates} | {m.instrument.adopting_body_id for m in mandates}
    involved |= {m.delivered_to_id for m in mandates}
    involved |= {b.pk for m in mandates if (b := _event_body(m.due_event, by_name))}
    cal = _Calendar([b for b in all_bodies if b.pk in involved])

    with transaction.atomic():
        targets = [_target(m, cal, by_name, today) for m in mandates]
        sessions = [cal.session(key) if key else None for key in targets]
        cal.save_wanted()
        changed = []
        for mandate, key, session in zip(mandates, targets, sessions, strict=True):
            if session is not None and session.pk is None:
                session = cal.sessions[key]
            if _apply(mandate, session):
                changed.append(mandate)
        if changed:
            bulk_update_with_history(changed, Mandate, SCHEDULE_FIELDS, batch_size=500, manager=Mandate.all_objects)
        # Every scheduled mandate gets its flag now (a new one has none yet), in the same transaction.
        flags.mandates_reflag([m.pk for m in mandates])
    return len(changed)


def mandates_redate_stale() -> int:
    """Repair: schedule again the mandates whose session is not the one their due body and session number name
    (edited before edits re-dated them), and recompute every attached mandate's dates and flag from its session
    (due dates by category, lead times). Changes nothing on a consistent database. Returns how many changed.
    """
    stale = Mandate.all_objects.filter(due_body__isnull=False, due_session_number__isnull=False).filter(
        Q(due_session__isnull=True)
        | ~Q(due_session__body=F("due_body"))
        | ~Q(due_session__number=F("due_session_number"))
        | ~Q(due_session__kind=Session.Kind.REGULAR)
    )
    # A recurring mandate's session legitimately differs from the number it started at (next occurrence).
    rescheduled = mandates_schedule([m for m in stale if _period_years(m.recurrence) is None])
    # Sessions known by number only, created before their body had a rule: scheduling again dates them.
    rescheduled += mandates_schedule(list(Mandate.all_objects.filter(due_session__start_date__isnull=True)))
    return rescheduled + _mandates_redate(Mandate.all_objects.filter(due_session__isnull=False))


@transaction.atomic
def body_lead_time_set(*, body: Body, weeks: int | None) -> int:
    """Change a body's lead time; the due dates and flags of its mandates follow. Returns how many changed."""
    body.lead_time_weeks = weeks
    body.full_clean()
    body.save(update_fields=["lead_time_weeks"])
    return _mandates_redate(Mandate.all_objects.filter(due_session__body=body))
