"""Timeliness flags: Mandate.flag computed from dates and status as of a day, set-based.

Flags, as of `today` (tiers from settings.FLAG_TIERS_WEEKS, default 14, 10, 6):

- ``done``: the mandate is submitted, considered, superseded or cancelled;
- ``overdue``: open, and the document due date has passed, or the session has opened;
- ``due``: open, and the document is due today (the due date is reached, not yet passed);
- ``upcoming_14`` / ``upcoming_10`` / ``upcoming_6``: open, document due within the first, second or
  third tier (the names are the default week counts; a configured [12, 8, 4] still fills them in order);
- ``later``: open, document due further ahead than the widest tier;
- ``""``: open and no document due date (and no session date that has passed).

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
from django.db.models import Case, Count, Q, Value, When
from django.db.models.fields import CharField
from django.utils import timezone

from mandates.models import FlagEvent, Mandate
from mandates.services.heartbeat import heartbeat_record

F_ = Mandate.Flag
S = Mandate.Status

HEARTBEAT_NAME = "flag_due"
DONE_STATUSES = (S.SUBMITTED, S.CONSIDERED, S.SUPERSEDED, S.CANCELLED)
UPCOMING_FLAGS = (F_.UPCOMING_14, F_.UPCOMING_10, F_.UPCOMING_6)


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


def flag_expression(*, today: dt.date) -> Case:
    """The flag a mandate should carry on `today`, as one SQL CASE over its status and dates."""
    whens = [
        When(status__in=DONE_STATUSES, then=Value(F_.DONE)),
        When(document_due_on__lt=today, then=Value(F_.OVERDUE)),
        When(session_opens_on__lte=today, then=Value(F_.OVERDUE)),
        When(document_due_on=today, then=Value(F_.DUE)),
        When(document_due_on__isnull=True, then=Value(F_.NONE)),
    ]
    # Narrowest tier first: the first matching When wins.
    for flag, weeks in reversed(_tiers()):
        whens.append(When(document_due_on__lte=today + dt.timedelta(weeks=weeks), then=Value(flag)))
    return Case(*whens, default=Value(F_.LATER), output_field=CharField())


def flag_for(mandate: Mandate, *, today: dt.date) -> str:
    """The same rule as `flag_expression`, in Python, for one mandate in memory (tests, previews)."""
    if mandate.status in DONE_STATUSES:
        return F_.DONE
    due, opens = mandate.document_due_on, mandate.session_opens_on
    if (due and due < today) or (opens and opens <= today):
        return F_.OVERDUE
    if due == today:
        return F_.DUE
    if due is None:
        return F_.NONE
    for flag, weeks in reversed(_tiers()):
        if due <= today + dt.timedelta(weeks=weeks):
            return flag
    return F_.LATER


def _changed_rows_sql(*, today: dt.date) -> tuple[str, tuple]:
    """SELECT id, old flag, new flag FROM every mandate whose flag changes on `today`."""
    new_flag = flag_expression(today=today)
    changed = (
        Mandate.objects.order_by()
        .annotate(new_flag=new_flag)
        .filter(~Q(flag=new_flag))
        .values_list("id", "flag", "new_flag")
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
                WITH changed (id, old_flag, new_flag) AS ({select_sql}),
                updated AS (
                    UPDATE {mandate_table} AS m SET flag = changed.new_flag, flagged_on = %s
                    FROM changed WHERE m.id = changed.id AND m.flag = changed.old_flag
                    RETURNING m.id, changed.old_flag, changed.new_flag
                )
                INSERT INTO {event_table} (mandate_id, from_flag, to_flag, as_of, created_at)
                SELECT id, old_flag, new_flag, %s, %s FROM updated
                """,
                (*params, today, today, now),
            )
            changed = cursor.rowcount
        else:
            # SQLite (the demo): the INSERT takes the write lock, so no other writer can slip in before
            # the UPDATE of the same transaction.
            cursor.execute(
                f"""
                INSERT INTO {event_table} (mandate_id, from_flag, to_flag, as_of, created_at)
                SELECT changed.*, %s, %s FROM ({select_sql}) AS changed
                """,
                (today, now, *params),
            )
            changed = cursor.rowcount
            new_flag = flag_expression(today=today)
            Mandate.objects.filter(~Q(flag=new_flag)).update(flag=new_flag, flagged_on=today)

    by_flag = {row["flag"]: row["n"] for row in Mandate.objects.order_by().values("flag").annotate(n=Count("id"))}
    summary = FlagSummary(as_of=today, changed=changed, by_flag=dict(sorted(by_flag.items())))
    heartbeat_record(HEARTBEAT_NAME, detail=summary.as_dict())
    return summary
