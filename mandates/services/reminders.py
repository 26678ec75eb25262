"""Email reminders: one digest per recipient, each (recipient, mandate, kind, due date) sent at most once,
and at least once after any SMTP outage shorter than REMINDER_GIVE_UP_HOURS.

How "never twice" holds:

1. `reminders_plan` inserts one Reminder row per (recipient, mandate, kind, due_on) with
   `bulk_create(ignore_conflicts=True)`: the unique constraint `mandates_reminder_once` makes a second run,
   or a second worker, insert nothing new.
2. `reminders_send` claims a recipient's pending rows with one conditional UPDATE
   (pending -> sending, a fresh claim token, WHERE state = 'pending'), then reads back only the rows that
   carry its own token. Two workers racing on the same rows: the database lets one UPDATE win each row.
3. After the SMTP server accepts the digest the rows become `sent`. A row is never `sent` unless the server
   accepted the message.

How "at least once" holds: when the server refuses or cannot be reached, the rows go back to `pending` with
the error and a `next_attempt_at`, spaced by time, not by runs: REMINDER_RETRY_FIRST_MINUTES after the
first failure, doubling up to REMINDER_RETRY_MAX_HOURS. Runs before that time leave them alone, however
many there are (the retry job runs every few minutes; see CELERY_BEAT_SCHEDULE). An attempt that fails
more than REMINDER_GIVE_UP_HOURS after the first failed one gives the reminder up (`failed`): it is listed
on the overview and the job's heartbeat reports failure until staff retry it (admin action) or the mandate
no longer needs it. So an outage shorter than the age limit ends before the attempt that would give up, and
the next attempt after it succeeds.

A worker that dies between claiming and marking leaves rows in `sending`; they are released to `pending`
after REMINDER_CLAIM_TIMEOUT_MINUTES. A message the server accepted just before the worker died is then
sent again: that window (seconds, once per crash) is the one at-least-once case left.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, F, Min, Q, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from mandates.models import Body, Contact, Entity, Mandate, Reminder, Subscription
from mandates.services.heartbeat import heartbeat_record, heartbeat_record_failure

logger = logging.getLogger(__name__)

FL = Mandate.Flag
KIND_BY_FLAG = {
    FL.UPCOMING_14: Reminder.Kind.UPCOMING,
    FL.UPCOMING_10: Reminder.Kind.UPCOMING,
    FL.UPCOMING_6: Reminder.Kind.UPCOMING,
    FL.DUE: Reminder.Kind.DUE,
    FL.OVERDUE: Reminder.Kind.OVERDUE,
}
HEARTBEAT_NAME = "send_reminders"
KIND_ORDER = {Reminder.Kind.OVERDUE: 0, Reminder.Kind.DUE: 1, Reminder.Kind.UPCOMING: 2}


def _claim_timeout() -> dt.timedelta:
    return dt.timedelta(minutes=settings.REMINDER_CLAIM_TIMEOUT_MINUTES)


def _give_up_after() -> dt.timedelta:
    return dt.timedelta(hours=settings.REMINDER_GIVE_UP_HOURS)


def retry_delay(failed_attempts: int) -> dt.timedelta:
    """How long to wait after the `failed_attempts`-th failed attempt: REMINDER_RETRY_FIRST_MINUTES, doubling
    each time, at most REMINDER_RETRY_MAX_HOURS.
    """
    first = dt.timedelta(minutes=settings.REMINDER_RETRY_FIRST_MINUTES)
    ceiling = dt.timedelta(hours=settings.REMINDER_RETRY_MAX_HOURS)
    doublings = min(max(failed_attempts - 1, 0), 30)  # 2**30 times anything is past any ceiling
    return min(first * 2**doublings, ceiling)


@dataclass
class ReminderSummary:
    planned: int = 0  # new Reminder rows
    sent: int = 0  # reminders (rows) sent
    emails: int = 0  # digests sent
    failed: int = 0  # reminders whose send failed in this run
    given_up: int = 0  # of those, reminders given up for good (past the age limit)
    waiting: int = 0  # reminders waiting for a retry after a failed attempt (at the end of the run)
    given_up_total: int = 0  # reminders given up that their mandate still needs (at the end of the run)
    next_retry_at: dt.datetime | None = None  # the earliest retry of the waiting ones
    released: int = 0  # stale claims released
    dry_run: bool = False
    would_send: int = 0
    errors: list[str] = field(default_factory=list)
    last_exception: BaseException | None = field(default=None, repr=False)

    def as_dict(self) -> dict:
        data = {
            "sent": self.sent,
            "emails": self.emails,
            "failed": self.failed,
            "given_up": self.given_up,
            "waiting": self.waiting,
            "given_up_total": self.given_up_total,
            "next_retry_at": self.next_retry_at.isoformat() if self.next_retry_at else None,
            "planned": self.planned,
            "released": self.released,
            "errors": self.errors,
        }
        if self.dry_run:
            data.update(dry_run=True, would_send=self.would_send)
        return data


def _norm(email: str) -> str:
    return email.strip().lower()


# Flags at which an owned mandate's reminders also go to the entity and body contacts; before that, only the
# owner and the backup hear about it ("the owner first, then the contacts").
ESCALATED_FLAGS = frozenset({FL.DUE, FL.OVERDUE})


def recipients_by_mandate(mandates: list[dict]) -> dict[int, set[str]]:
    """Email addresses that should hear about each mandate.

    The owner and the backup (active users with an address) always. The contacts and focal points of its
    responsible entity and of its due body (delivered-to body when no due body), and subscribed users: always
    for a mandate nobody owns, and for an owned one once it is due or overdue (ESCALATED_FLAGS).
    `mandates` are dicts with id, flag, responsible_entity_id, due_body_id, delivered_to_id, owner_id and
    backup_owner_id (the last three optional).
    """
    by_entity: dict[int, set[str]] = defaultdict(set)
    by_body: dict[int, set[str]] = defaultdict(set)
    everything: set[str] = set()
    for entity_id, body_id, email in Contact.objects.values_list("entity_id", "body_id", "email"):
        if entity_id:
            by_entity[entity_id].add(_norm(email))
        if body_id:
            by_body[body_id].add(_norm(email))
    entity_ids = {m["responsible_entity_id"] for m in mandates}
    body_ids = {m["due_body_id"] or m["delivered_to_id"] for m in mandates} - {None}
    for pk, email in Entity.objects.filter(pk__in=entity_ids).exclude(email="").values_list("pk", "email"):
        by_entity[pk].add(_norm(email))
    for pk, email in (
        Body.objects.filter(pk__in=body_ids).exclude(secretariat_email="").values_list("pk", "secretariat_email")
    ):
        by_body[pk].add(_norm(email))
    active_users = get_user_model().objects.filter(is_active=True).exclude(email="")
    for body_id, entity_id, email in Subscription.objects.filter(user__in=active_users).values_list(
        "body_id", "entity_id", "user__email"
    ):
        if body_id:
            by_body[body_id].add(_norm(email))
        elif entity_id:
            by_entity[entity_id].add(_norm(email))
        else:
            everything.add(_norm(email))
    owner_ids = {m.get(name) for m in mandates for name in ("owner_id", "backup_owner_id")} - {None}
    owner_email = dict(active_users.filter(pk__in=owner_ids).values_list("pk", "email")) if owner_ids else {}

    result = {}
    for m in mandates:
        team = {_norm(owner_email[pk]) for pk in (m.get("owner_id"), m.get("backup_owner_id")) if pk in owner_email}
        if team and m.get("flag") not in ESCALATED_FLAGS:
            result[m["id"]] = team
            continue
        body_id = m["due_body_id"] or m["delivered_to_id"]
        result[m["id"]] = team | by_entity[m["responsible_entity_id"]] | by_body.get(body_id, set()) | everything
    return result


MANDATE_FIELDS = (
    "id",
    "flag",
    "document_due_on",
    "responsible_entity_id",
    "due_body_id",
    "delivered_to_id",
    "owner_id",
    "backup_owner_id",
)


def reminders_plan() -> int:
    """Insert a pending Reminder for every recipient of every flagged open mandate (upcoming, due,
    overdue) that has none yet for this kind and due date. Returns how many rows were new.
    """
    mandates = list(
        Mandate.objects.open().filter(flag__in=KIND_BY_FLAG, document_due_on__isnull=False).values(*MANDATE_FIELDS)
    )
    recipients = recipients_by_mandate(mandates)
    rows = [
        Reminder(recipient=email, mandate_id=m["id"], kind=KIND_BY_FLAG[m["flag"]], due_on=m["document_due_on"])
        for m in mandates
        for email in sorted(recipients[m["id"]])
    ]
    before = Reminder.objects.count()
    # The unique constraint decides: rows that exist already are skipped by the database, not by us.
    Reminder.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return Reminder.objects.count() - before


def reminders_release_stale(*, now: dt.datetime) -> int:
    """Put `sending` rows claimed longer ago than the claim timeout back to pending (their worker died)."""
    return Reminder.objects.filter(state=Reminder.State.SENDING, claimed_at__lt=now - _claim_timeout()).update(
        state=Reminder.State.PENDING,
        claim_token="",
        last_error="claim expired: the worker stopped before finishing",
    )


def _still_needed():
    """Reminders whose mandate is open and still due on the reminder's date (a mandate rescheduled since gets
    a new reminder for its new date instead).
    """
    return Reminder.objects.filter(
        mandate__status__in=Mandate.OPEN_STATUSES,
        mandate__review_state=Mandate.ReviewState.CONFIRMED,  # a rejected mandate's reminders stay unsent
        mandate__document_due_on=F("due_on"),
    )


def _due(now: dt.datetime) -> Q:
    return Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)


def _sendable(*, now: dt.datetime):
    """Pending reminders still worth sending whose next attempt is due."""
    return _still_needed().filter(_due(now), state=Reminder.State.PENDING)


def reminders_given_up():
    """Reminders given up after failing past the age limit that their mandate still needs (for the overview
    and the heartbeat); ones whose mandate was submitted or rescheduled since no longer count.
    """
    return _still_needed().filter(state=Reminder.State.FAILED)


def _claim(*, recipient: str, now: dt.datetime) -> tuple[str, list[Reminder]]:
    """Claim the recipient's due pending reminders of still-open mandates; return the token and the rows
    this call (and no other) moved to `sending`.
    """
    token = uuid.uuid4().hex
    ids = list(_sendable(now=now).filter(recipient=recipient).values_list("id", flat=True))
    # The WHERE is re-checked by the database on the row itself: a row another worker claimed first (or
    # claimed, failed and scheduled for later) is skipped here (PostgreSQL re-evaluates the condition after
    # waiting for its lock).
    Reminder.objects.filter(_due(now), id__in=ids, state=Reminder.State.PENDING).update(
        state=Reminder.State.SENDING, claim_token=token, claimed_at=now
    )
    claimed = list(
        Reminder.objects.filter(claim_token=token, state=Reminder.State.SENDING).select_related(
            "mandate", "mandate__instrument", "mandate__responsible_entity", "mandate__due_body"
        )
    )
    return token, claimed


def digest_message(*, recipient: str, reminders: list[Reminder]) -> EmailMultiAlternatives:
    """The one digest email of `reminders` to `recipient` (sent by the job, shown by the preview page)."""
    reminders = sorted(reminders, key=lambda r: (KIND_ORDER[r.kind], r.due_on, r.mandate_id))
    site = settings.SITE_URL.rstrip("/")
    items = [
        {"reminder": r, "mandate": r.mandate, "url": f"{site}/mandates/{r.mandate_id}/", "kind": r.get_kind_display()}
        for r in reminders
    ]
    counts = {kind.label.lower(): sum(r.kind == kind for r in reminders) for kind in KIND_ORDER}
    parts = ", ".join(f"{n} {label}" for label, n in counts.items() if n)
    noun = "report" if len(reminders) == 1 else "reports"
    subject = f"[Mandate tracker] {len(reminders)} {noun}: {parts}"
    context = {"recipient": recipient, "items": items, "site_url": site, "subject": subject}
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("mandates/email/reminder_digest.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient],
    )
    message.attach_alternative(render_to_string("mandates/email/reminder_digest.html", context), "text/html")
    return message


def _record_failure(*, token: str, claimed: list[Reminder], now: dt.datetime, error: str) -> int:
    """Put the claimed rows back: pending with their next attempt time, or failed when this attempt came
    more than the age limit after their first failed one. Returns how many were given up.
    """
    give_up_before = now - _give_up_after()
    groups: dict[tuple[bool, int], list[int]] = defaultdict(list)
    for r in claimed:
        given_up = r.first_failed_at is not None and r.first_failed_at <= give_up_before
        groups[(given_up, r.attempts + 1)].append(r.id)
    for (given_up, attempts), ids in groups.items():
        Reminder.objects.filter(id__in=ids, claim_token=token, state=Reminder.State.SENDING).update(
            state=Reminder.State.FAILED if given_up else Reminder.State.PENDING,
            attempts=attempts,
            first_failed_at=Coalesce(F("first_failed_at"), Value(now)),
            next_attempt_at=None if given_up else now + retry_delay(attempts),
            claim_token="",
            last_error=error,
        )
    return sum(len(ids) for (given_up, _), ids in groups.items() if given_up)


def _send_one(*, recipient: str, summary: ReminderSummary, now: dt.datetime) -> None:
    """Claim, send and mark one recipient's digest."""
    token, claimed = _claim(recipient=recipient, now=now)
    if not claimed:
        return  # another worker claimed them, or nothing is pending
    try:
        digest_message(recipient=recipient, reminders=claimed).send(fail_silently=False)
    except Exception as exc:  # noqa: BLE001 - any failure must put the rows back, then be reported
        error = f"{type(exc).__name__}: {exc}"[:2000]
        given_up = _record_failure(token=token, claimed=claimed, now=now, error=error)
        logger.warning(
            "reminder digest to %s failed (%d reminders, %d given up): %s", recipient, len(claimed), given_up, error
        )
        summary.failed += len(claimed)
        summary.given_up += given_up
        summary.errors.append(f"{recipient}: {error}")
        summary.last_exception = exc
        return
    marked = Reminder.objects.filter(claim_token=token, state=Reminder.State.SENDING).update(
        state=Reminder.State.SENT, sent_at=now, attempts=F("attempts") + 1, next_attempt_at=None, last_error=""
    )
    summary.sent += marked
    summary.emails += 1
    logger.info("reminder digest sent to %s (%d reminders)", recipient, marked)


def _record_heartbeat(summary: ReminderSummary, *, now: dt.datetime) -> None:
    """Success only when everything is delivered or not yet due: nothing failed in this run, nothing waits
    for a retry, nothing was given up. Reminders given up make the job report failure on every run until
    they are dealt with; a run with failures still being retried records nothing, so the heartbeat goes stale
    (and the overview warns) if the outage lasts longer than HEARTBEAT_MAX_AGE_HOURS.
    """
    waiting = Q(state=Reminder.State.PENDING, first_failed_at__isnull=False)  # pending again after a failure
    counts = _still_needed().aggregate(
        waiting=Count("id", filter=waiting),
        next_retry_at=Min("next_attempt_at", filter=waiting),
        given_up=Count("id", filter=Q(state=Reminder.State.FAILED)),  # as reminders_given_up()
    )
    summary.waiting, summary.next_retry_at = counts["waiting"], counts["next_retry_at"]
    summary.given_up_total = counts["given_up"]
    if summary.given_up_total:
        last = reminders_given_up().order_by("-id").values_list("last_error", flat=True).first()
        error = (
            f"{summary.given_up_total} reminders given up after failing for more than "
            f"{settings.REMINDER_GIVE_UP_HOURS} hours; last error: {last}"
        )
        heartbeat_record_failure(HEARTBEAT_NAME, error=error, detail=summary.as_dict(), now=now)
    elif not summary.failed and not summary.waiting:
        heartbeat_record(HEARTBEAT_NAME, detail=summary.as_dict(), now=now)


def reminders_send(
    *, today: dt.date | None = None, now: dt.datetime | None = None, plan: bool = True, dry_run: bool = False
) -> ReminderSummary:
    """Plan reminders for the flagged open mandates (unless `plan` is false: the retry job), and send one
    digest per recipient of the pending reminders whose next attempt is due at `now` (default: the clock).

    `today` is informational (flags are computed by the flag job as of its day). With `dry_run`, plans in a
    transaction that is rolled back, counts what would be sent, and sends nothing.
    Failures are recorded on the rows (retried later by time) and in the summary (`failed`, `given_up`,
    `errors`, `last_exception`), not raised.
    """
    now = now or timezone.now()
    summary = ReminderSummary(dry_run=dry_run)
    if dry_run:
        with transaction.atomic():
            summary.planned = reminders_plan() if plan else 0
            summary.would_send = _sendable(now=now).count()
            transaction.set_rollback(True)
        return summary

    summary.released = reminders_release_stale(now=now)
    if plan:
        summary.planned = reminders_plan()
    recipients = _sendable(now=now).order_by("recipient").values_list("recipient", flat=True).distinct()
    for recipient in list(recipients):
        _send_one(recipient=recipient, summary=summary, now=now)
    _record_heartbeat(summary, now=now)
    return summary


def reminders_retry(*, ids: list[int], now: dt.datetime | None = None) -> int:
    """Staff asked to try given-up reminders again (the mail problem is fixed): they are pending with a fresh
    age limit and go out with the next run. Returns how many.
    """
    return Reminder.objects.filter(id__in=ids, state=Reminder.State.FAILED).update(
        state=Reminder.State.PENDING, attempts=0, first_failed_at=None, next_attempt_at=now or timezone.now()
    )


def reminders_preview(*, recipient: str, today: dt.date) -> EmailMultiAlternatives | None:
    """The digest `recipient` would get from a run on `today`, or None when there is nothing to send.

    The same planning (flags as of `today`, recipients_by_mandate) and the same rendering as the job, without
    writing anything; reminders already sent for the same mandate, kind and due date are left out, as the
    unique constraint would leave them out of a run.
    """
    from mandates.services.flags import flag_conditions

    recipient = _norm(recipient)
    conditions = flag_conditions(today=today)
    mandates = []
    for flag in KIND_BY_FLAG:
        rows = Mandate.objects.filter(conditions[flag]).values(*MANDATE_FIELDS)
        mandates += [{**row, "flag": flag} for row in rows]
    recipients = recipients_by_mandate(mandates)
    chosen = [m for m in mandates if recipient in recipients[m["id"]]]
    sent = set(
        Reminder.objects.filter(recipient=recipient, mandate_id__in=[m["id"] for m in chosen])
        .exclude(state=Reminder.State.PENDING)
        .values_list("mandate_id", "kind", "due_on")
    )
    objects = Mandate.objects.select_related("instrument", "responsible_entity", "due_body", "delivered_to")
    by_id = objects.in_bulk([m["id"] for m in chosen])
    reminders = [
        Reminder(recipient=recipient, mandate=by_id[m["id"]], kind=kind, due_on=m["document_due_on"])
        for m in chosen
        for kind in [KIND_BY_FLAG[m["flag"]]]
        if m["document_due_on"] and (m["id"], kind, m["document_due_on"]) not in sent
    ]
    return digest_message(recipient=recipient, reminders=reminders) if reminders else None
