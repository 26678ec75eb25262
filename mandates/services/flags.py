"""Timeliness flags: Mandate.flag computed from dates and status as of a day, set-based.

Flags, as of `today` (tiers from settings.FLAG_TIERS_WEEKS, default 14, 10, 6):

- ``done``: the mandate is submitted, considered, superseded, cancelled or retired (a review retired it);
- ``overdue``: open, and the due date has passed (or, with no due date, the session has opened);
- ``due``: open, and the document is due today (the due date is reached, not yet passed);
- ``upcoming_14`` / ``upcoming_10`` / ``upcoming_6``: open, document due within the first, second or
  third tier (the names are the default week counts; a configured [12, 8, 4] still fills them in order);
- ``later``: open, document due further ahead than the widest tier;
- ``""``: open and no document due date (and no session date that has passed).

The due date (`document_due_on`) depends on the mandate's category: services.calendar.due_rule.
`flag_conditions` is the one definition; `Mandate.flagged_on` is the date the mandate entered its flag:
overdue since the day after its due date, due since its due date (not the day a job noticed).

Flags are set on every write that can change them (`mandates_reflag`: ingest, edits, status changes,
calendar changes); the daily job only moves those that change with the date.

The job is a handful of statements however many mandates there are: one statement that updates every
changed flag and records one FlagEvent per change (PostgreSQL: a data-modifying CTE; elsewhere an
INSERT ... SELECT followed by an UPDATE in the same transaction), one count by flag, and the heartbeat.
On PostgreSQL the updates are HOT (no index on flag or flagged_on, fillfactor 50: migration 0004), and a
`SET LOCAL work_mem` keeps the join in one hash batch; see docs/benchmarks.md "Flags".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, Count, F, Func, Q, QuerySet, Value, When
from django.db.models.fields import CharField, DateField
from django.utils import timezone

from mandates.models import FlagEvent, Mandate
from mandates.services.heartbeat import heartbeat_record

F_ = Mandate.Flag
S = Mandate.Status

HEARTBEAT_NAME = "flag_due"
DONE_STATUSES = (S.SUBMITTED, S.CONSIDERED, S.SUPERSEDED, S.CANCELLED, S.RETIRED)
UPCOMING_FLAGS = (F_.UPCOMING_14, F_.UPCOMING_10, F_.UPCOMING_6)
DATED_SINCE_FLAGS = (F_.OVERDUE, F_.DUE)  # their "since" follows from the dates (since_expression)
NOTHING = Q(pk__in=[])  # the condition of a tier that is not configured


@dataclass
class FlagSummary:
    as_of: dt.date
    changed: int = 0
    by_flag: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"as_of": self.as_of.isoformat(), "changed": self.changed, "by_flag": self.by_flag}


def _tiers() -> list[tuple[str, int]]:
    """(flag value, weeks) from the widest tier to the narrowest."""
    weeks = sorted((int(w) for w in settings.FLAG_TIERS_WEEKS), reverse=True)
    if len(weeks) > len(UPCOMING_FLAGS) or any(w <= 0 for w in weeks):
        raise ValueError(f"FLAG_TIERS_WEEKS must hold up to {len(UPCOMING_FLAGS)} positive numbers, got {weeks}.")
    return list(zip(UPCOMING_FLAGS, weeks, strict=False))


def flag_conditions(*, today: dt.date) -> dict[str, Q]:
    """The one definition of each flag on `today`, as mutually exclusive conditions over status and dates.

    The flag job, the writes that set a flag at once, the overview counts and the list's flag filter all
    read these, so a count and the list behind it never disagree. Flags of unused tiers match nothing.
    """
    open_ = Q(status__in=Mandate.OPEN_STATUSES)
    conditions = {
        F_.DONE: Q(status__in=DONE_STATUSES),
        # Past its due date; or, with no due date recorded, its session has opened.
        F_.OVERDUE: open_
        & (Q(document_due_on__lt=today) | Q(document_due_on__isnull=True, session_opens_on__lte=today)),
        F_.DUE: open_ & Q(document_due_on=today),
        F_.NONE: open_
        & Q(document_due_on__isnull=True)
        & (Q(session_opens_on__isnull=True) | Q(session_opens_on__gt=today)),
    }
    lower = today
    for flag in UPCOMING_FLAGS:
        conditions[flag] = NOTHING
    for flag, weeks in reversed(_tiers()):  # narrowest tier first
        upper = today + dt.timedelta(weeks=weeks)
        conditions[flag] = open_ & Q(document_due_on__gt=lower, document_due_on__lte=upper)
        lower = upper
    conditions[F_.LATER] = open_ & Q(document_due_on__gt=lower)
    return conditions


def flag_expression(*, today: dt.date) -> Case:
    """The flag a mandate should carry on `today`, as one SQL CASE over its status and dates."""
    whens = [When(q, then=Value(flag)) for flag, q in flag_conditions(today=today).items() if q is not NOTHING]
    return Case(*whens, default=Value(F_.NONE), output_field=CharField())


class _DayAfter(Func):
    """date + 1 day, as a date, on PostgreSQL and SQLite."""

    output_field = DateField()

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="(%(expressions)s + 1)", **extra)

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="date(%(expressions)s, '+1 day')", **extra)


def since_expression(*, today: dt.date) -> Case:
    """Since when a mandate carries the flag `flag_expression` gives it (Mandate.flagged_on), in SQL.

    Overdue since the day after the document was due (or since its session opened, when it has no due date),
    due since its due date: dates, not the day a job noticed. Other flags: since `today`.
    """
    overdue = flag_conditions(today=today)[F_.OVERDUE]
    return Case(
        When(overdue & Q(document_due_on__isnull=False), then=_DayAfter("document_due_on")),
        When(overdue, then=F("session_opens_on")),
        When(status__in=Mandate.OPEN_STATUSES, document_due_on=today, then=F("document_due_on")),
        default=Value(today),
        output_field=DateField(),
    )


def flag_for(mandate: Mandate, *, today: dt.date) -> str:
    """The same rule as `flag_conditions`, in Python, for one mandate in memory (tests, previews)."""
    if mandate.status in DONE_STATUSES:
        return F_.DONE
    due, opens = mandate.document_due_on, mandate.session_opens_on
    if (due and due < today) or (due is None and opens and opens <= today):
        return F_.OVERDUE
    if due == today:
        return F_.DUE
    if due is None:
        return F_.NONE
    for flag, weeks in reversed(_tiers()):
        if due <= today + dt.timedelta(weeks=weeks):
            return flag
    return F_.LATER


def flag_since(mandate: Mandate, flag: str, *, today: dt.date) -> dt.date:
    """The same rule as `since_expression`, in Python."""
    if flag == F_.OVERDUE:
        return mandate.document_due_on + dt.timedelta(days=1) if mandate.document_due_on else mandate.session_opens_on
    if flag == F_.DUE:
        return mandate.document_due_on
    return today


def mandates_reflag(mandates, *, today: dt.date | None = None) -> int:
    """Set the flag of `mandates` (a queryset, or ids) right now, with one FlagEvent per change.

    Called by every write that can change a flag (ingest, edit, status change, calendar change), so a flag
    is right from the moment the data is; the daily job then only moves the flags that change with the date.
    A few queries per 500 mandates. Returns how many flags changed.
    """
    today = today or timezone.localdate()
    if isinstance(mandates, QuerySet):
        return _reflag(mandates, today)
    ids = list(mandates)
    return sum(_reflag(Mandate.objects.filter(pk__in=ids[i : i + 500]), today) for i in range(0, len(ids), 500))


def _reflag(qs: QuerySet, today: dt.date) -> int:
    changed = list(
        qs.order_by()
        .annotate(new_flag=flag_expression(today=today), new_since=since_expression(today=today))
        .filter(
            ~Q(flag=F("new_flag"))
            | Q(new_flag__in=DATED_SINCE_FLAGS) & (~Q(flagged_on=F("new_since")) | Q(flagged_on__isnull=True))
        )
        .only("id", "flag", "flagged_on")
    )
    events = []
    for mandate in changed:
        if mandate.flag != mandate.new_flag:
            events.append(
                FlagEvent(mandate_id=mandate.pk, from_flag=mandate.flag, to_flag=mandate.new_flag, as_of=today)
            )
        mandate.flag, mandate.flagged_on = mandate.new_flag, mandate.new_since
    if changed:
        Mandate.objects.bulk_update(changed, ["flag", "flagged_on"], batch_size=500)
        FlagEvent.objects.bulk_create(events)
    return len(events)


def _changed_rows_sql(*, today: dt.date) -> tuple[str, tuple]:
    """SELECT id, old flag, new flag, since FROM every mandate whose flag changes on `today`."""
    new_flag = flag_expression(today=today)
    changed = (
        Mandate.objects.order_by()
        .annotate(new_flag=new_flag, new_since=since_expression(today=today))
        .filter(~Q(flag=new_flag))
        .values_list("id", "flag", "new_flag", "new_since")
    )
    return changed.query.sql_with_params()


@transaction.atomic
def mandates_flag(*, today: dt.date) -> FlagSummary:
    """Set Mandate.flag and flagged_on on every mandate whose flag changes on `today`, writing one FlagEvent
    per change, and record the `flag_due` heartbeat. A handful of queries whatever the number of mandates.
    """
    now = timezone.now()
    select_sql, params = _changed_rows_sql(today=today)
    mandate_table = Mandate._meta.db_table
    event_table = FlagEvent._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Enough memory for the self-join to hash every mandate's (id, flag) in one batch (~56 MB at a
            # million): the UPDATE then visits the rows in table order and dirties each page once, where
            # the default 4 MB split it into batches that revisited every page ~8 times. This transaction only.
            cursor.execute("SET LOCAL work_mem = '64MB'")
            # One statement: the UPDATE and the events come from the same rows, so a flag never changes
            # without its event. `m.flag = changed.old_flag` is re-checked on a row that a status change
            # (which sets the flag itself, see workflow) committed meanwhile: that row is left alone.
            cursor.execute(
                f"""
                WITH changed (id, old_flag, new_flag, new_since) AS ({select_sql}),
                updated AS (
                    UPDATE {mandate_table} AS m SET flag = changed.new_flag, flagged_on = changed.new_since
                    FROM changed WHERE m.id = changed.id AND m.flag = changed.old_flag
                    RETURNING m.id, changed.old_flag, changed.new_flag
                )
                INSERT INTO {event_table} (mandate_id, from_flag, to_flag, as_of, created_at)
                SELECT id, old_flag, new_flag, %s, %s FROM updated
                """,
                (*params, today, now),
            )
            changed = cursor.rowcount
        else:
            # SQLite (the demo): the INSERT takes the write lock, so no other writer can slip in before
            # the UPDATE of the same transaction.
            cursor.execute(
                f"""
                INSERT INTO {event_table} (mandate_id, from_flag, to_flag, as_of, created_at)
                SELECT changed.id, changed.flag, changed.new_flag, %s, %s FROM ({select_sql}) AS changed
                """,
                (today, now, *params),
            )
            changed = cursor.rowcount
            new_flag = flag_expression(today=today)
            Mandate.objects.filter(~Q(flag=new_flag)).update(flag=new_flag, flagged_on=since_expression(today=today))

    by_flag = {row["flag"]: row["n"] for row in Mandate.objects.order_by().values("flag").annotate(n=Count("id"))}
    summary = FlagSummary(as_of=today, changed=changed, by_flag=dict(sorted(by_flag.items())))
    heartbeat_record(HEARTBEAT_NAME, detail=summary.as_dict())
    return summary
