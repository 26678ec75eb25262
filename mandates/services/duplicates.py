"""Possible duplicates, kept up to date when mandates change (issue #13). One function per state change:

- `duplicates_refresh`: bring the stored pairs (DuplicatePair) and the mandates' due year up to date with every
  mandate written since the last refresh (their history rows) and the ids given: the pairs of those mandates are
  deleted and their blocks (entity, kind, due year) read again to score them, nothing else. Called after each
  committed save of a mandate (signal, `mandate_saved`), after each stored document (services.ingest) and, as a
  catch-up for writes that send no signal (bulk_update_with_history), before the pages read the pairs. When
  nothing was written since, it costs two small queries.
- `duplicates_rebuild`: every block scored again (the first refresh, or more than REBUILD_OVER mandates changed).
- `duplicate_dismiss`: staff mark a pair "not a duplicate"; it is never shown again (DuplicateDismissal, with
  its history), whatever is recomputed or ingested.

Scoring is mandates.duplicates (plain Python, rapidfuzz); this module reads the blocks and writes the pairs.
"""

from __future__ import annotations

import logging
from functools import partial, reduce
from itertools import groupby
from operator import or_

from django.db import transaction
from django.db.models import Case, F, IntegerField, Max, Min, OuterRef, Q, Subquery, When, Window
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from mandates import duplicates
from mandates.errors import ApplicationError
from mandates.models import Body, DuplicateDismissal, DuplicatePair, DuplicateRefresh, Mandate, Session

logger = logging.getLogger(__name__)

REBUILD_OVER = 2000  # changed mandates above which every block is scored again (cheaper than one block each)
CHUNK = 500  # ids per IN (...) list (SQLite's variable limit)
FIELDS = (
    "id",
    "instrument_id",
    "responsible_entity_id",
    "category",
    "due_year",
    "delivered_to_id",
    "due_body_id",
    "channel_id",
    "compared_subject",
)


def due_year_expression():
    """The year a mandate is due: its document date, else its session's opening or its year-named session."""
    return Coalesce(
        ExtractYear("document_due_on"),
        ExtractYear("session_opens_on"),
        Subquery(Session.objects.filter(pk=OuterRef("due_session_id")).values("year")[:1]),
        output_field=IntegerField(),
    )


def _compared_subject():
    """The subject, or the instrument's title when the subject only names the instrument itself."""
    phrases = duplicates.self_reference_phrases()
    names_itself = reduce(or_, [Q(subject__icontains=p) for p in phrases], Q(subject=""))
    return Case(When(names_itself & ~Q(instrument__title=""), then=F("instrument__title")), default=F("subject"))


def candidates():
    """Open tracked mandates with a due year: the only ones that can be possible duplicates."""
    return Mandate.objects.filter(status__in=Mandate.OPEN_STATUSES, due_year__isnull=False)


def _candidate(row: tuple) -> duplicates.Candidate:
    pk, instrument, _, _, _, delivered_to, due_body, channel, subject = row
    return duplicates.Candidate(pk, instrument, frozenset(b for b in (delivered_to, due_body, channel) if b), subject)


def _chunks(ids) -> list[list[int]]:
    ids = sorted(ids)
    return [ids[i : i + CHUNK] for i in range(0, len(ids), CHUNK)]


class _Pairs:
    """The pairs found, with their reasons (body names read once)."""

    def __init__(self):
        self.found: dict[tuple[int, int], DuplicatePair] = {}
        self.bodies = dict(Body.objects.values_list("pk", "name"))

    def add(self, pair: duplicates.Pair, block: dict[int, duplicates.Candidate], category: str, year: int) -> None:
        first, second = sorted((pair.first, pair.second))
        if (first, second) in self.found:
            return
        shared = sorted(self.bodies.get(b, "?") for b in block[first].bodies & block[second].bodies)
        reason = (
            f"same entity and kind ({Mandate.Category(category).label.lower()}), due in {year}, "
            f"to {' / '.join(shared)}; subjects {pair.similarity:.0f}% alike"
        )
        self.found[(first, second)] = DuplicatePair(
            first_id=first, second_id=second, similarity=pair.similarity, year=year, reason=reason
        )

    def save(self) -> int:
        DuplicatePair.objects.bulk_create(self.found.values(), batch_size=1000, ignore_conflicts=True)
        return len(self.found)


def _due_years_update(ids=None) -> None:
    if ids is None:
        Mandate.all_objects.update(due_year=due_year_expression())
        return
    for chunk in _chunks(ids):
        Mandate.all_objects.filter(pk__in=chunk).update(due_year=due_year_expression())


@transaction.atomic
def duplicates_rebuild() -> int:
    """Every mandate's due year and every block scored again; returns the number of pairs stored."""
    state, _ = DuplicateRefresh.objects.select_for_update().get_or_create(pk=1)
    top = Mandate.history.aggregate(top=Max("history_id"))["top"] or 0
    _due_years_update()
    DuplicatePair.objects.all().delete()
    block = [F("responsible_entity_id"), F("category"), F("due_year")]
    rows = (
        candidates()
        .annotate(
            first_instrument=Window(Min("instrument_id"), partition_by=block),
            last_instrument=Window(Max("instrument_id"), partition_by=block),
        )
        .filter(first_instrument__lt=F("last_instrument"))  # blocks of one instrument hold no pair
        .annotate(compared_subject=_compared_subject())
        .order_by("responsible_entity_id", "category", "due_year", "id")
        .values_list(*FIELDS)
    )
    found = _Pairs()
    for (_, category, year), members in groupby(rows.iterator(chunk_size=5000), key=lambda r: r[2:5]):
        block_candidates = [_candidate(r) for r in members]
        by_id = {c.id: c for c in block_candidates}
        for pair in duplicates.block_pairs(block_candidates):
            found.add(pair, by_id, category, year)
    stored = found.save()
    now = timezone.now()
    state.history_id, state.rebuilt_at, state.refreshed_at = top, now, now
    state.save()
    return stored


def _mandates_rescore(ids: set[int]) -> int:
    """The pairs of `ids` scored again against their blocks (one query per chunk of blocks)."""
    _due_years_update(ids)
    for chunk in _chunks(ids):
        DuplicatePair.objects.filter(Q(first_id__in=chunk) | Q(second_id__in=chunk)).delete()
    targets = [row for chunk in _chunks(ids) for row in candidates().filter(pk__in=chunk).values_list(*FIELDS[:-1])]
    blocks = sorted({row[2:5] for row in targets})
    if not blocks:
        return 0
    found = _Pairs()
    for start in range(0, len(blocks), 50):
        wanted = reduce(
            or_, [Q(responsible_entity_id=e, category=c, due_year=y) for e, c, y in blocks[start : start + 50]]
        )
        rows = (
            candidates()
            .filter(wanted)
            .annotate(compared_subject=_compared_subject())
            .order_by("responsible_entity_id", "category", "due_year", "id")
            .values_list(*FIELDS)
        )
        for (_, category, year), members in groupby(rows, key=lambda r: r[2:5]):
            block_candidates = [_candidate(r) for r in members]
            by_id = {c.id: c for c in block_candidates}
            for target in block_candidates:
                if target.id in ids:
                    for pair in duplicates.matches_of(target, block_candidates):
                        found.add(pair, by_id, category, year)
    return found.save()


def duplicates_refresh(*, mandate_ids=()) -> int:
    """Bring the pairs up to date with the mandates written since the last refresh and `mandate_ids`; returns
    how many mandates were scored again (0: nothing had changed). A refresh already running elsewhere is not
    waited for (the catch-up), unless ids are given."""
    state = DuplicateRefresh.objects.filter(pk=1).first()
    top = Mandate.history.aggregate(top=Max("history_id"))["top"] or 0
    if state is not None and state.rebuilt_at is not None and state.history_id >= top and not mandate_ids:
        return 0
    if state is None or state.rebuilt_at is None:
        duplicates_rebuild()
        return -1
    with transaction.atomic():
        locked = DuplicateRefresh.objects.select_for_update(skip_locked=not mandate_ids).filter(pk=1).first()
        if locked is None:
            return 0  # another process is refreshing: it reads these rows
        ids = set(mandate_ids)
        if top > locked.history_id:
            ids |= set(
                Mandate.history.filter(history_id__gt=locked.history_id, history_id__lte=top)
                .values_list("id", flat=True)
                .distinct()
            )
        if len(ids) > REBUILD_OVER:
            duplicates_rebuild()
            return len(ids)
        if ids:
            _mandates_rescore(ids)
        locked.history_id, locked.refreshed_at = max(top, locked.history_id), timezone.now()
        locked.save(update_fields=["history_id", "refreshed_at"])
        return len(ids)


def _refresh_after_commit(pk: int) -> None:
    try:
        duplicates_refresh(mandate_ids=[pk])
    except Exception:  # the pages catch up anyway; a failed refresh must not fail the write that committed
        logger.exception("duplicates refresh after saving mandate %s failed", pk)


def mandate_saved(sender, instance, raw=False, **kwargs) -> None:
    """post_save of Mandate: its pairs are scored again once the transaction commits."""
    if not raw and instance.pk:
        transaction.on_commit(partial(_refresh_after_commit, instance.pk))


@transaction.atomic
def duplicate_dismiss(*, first: Mandate, second: Mandate, by, note: str = "") -> DuplicateDismissal:
    """Staff say `first` and `second` are not duplicates: the pair is no longer shown (page, warning), and no
    recomputation or re-ingest brings it back. Raises ApplicationError for a mandate paired with itself or a pair
    dismissed already."""
    if first.pk == second.pk:
        raise ApplicationError("A mandate cannot be dismissed as a duplicate of itself.")
    low, high = sorted((first.pk, second.pk))
    if DuplicateDismissal.objects.filter(first_id=low, second_id=high).exists():
        raise ApplicationError(f"#{low} and #{high} are marked “not a duplicate” already.")
    dismissal = DuplicateDismissal(first_id=low, second_id=high, note=(note or "").strip(), dismissed_by=by)
    dismissal._history_user = by
    dismissal.save()
    return dismissal
