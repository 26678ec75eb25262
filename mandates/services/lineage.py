"""Mandates through time (issue #13): renewals and fulfilment read from the next resolution.

`document_link(document)` runs after ingestion stores a document (services.ingest._run_hooks):

1. **Series**: each instrument's predecessor is the latest earlier instrument of the same adopting body that it
   recalls ("Recalling its resolution 75/124") with a similar title, or whose title is (nearly) the same once
   years and session ordinals are dropped (`extraction.lineage.title_similarity`, rapidfuzz).
2. **Same mandate**: in that predecessor, the mandate with the same responsible entity, category and receiving
   body and the most similar subject. Each pair is a MandateLink with its evidence and confidence.
3. **Fulfilment**: "Takes note of the report of the Secretary-General;9" with footnote "9 A/78/360" marks the
   predecessor's open report mandate due at that session submitted with A/78/360, then considered at the
   session that adopted the resolution (NoteFulfilment keeps the footnote as evidence).
4. **Supersede**: a predecessor still open is superseded by its successor through the workflow, the new
   instrument as the reason; one staff have edited, or a weak link, waits in the review queue instead.

Staff confirm (`link_confirm`) or break (`link_break`) a link; both are in the link's history.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from mandates.errors import ApplicationError
from mandates.extraction import lineage as rules
from mandates.models import Document, Instrument, Mandate, MandateLink, NoteFulfilment, Paragraph
from mandates.services.workflow import mandate_set_status

logger = logging.getLogger(__name__)

S = Mandate.Status
R = Mandate.ReviewState
L = MandateLink.State

RECALLED_TITLE_MIN = 70  # recalled and titles this alike: the same series (not a related resolution it cites)
SAME_TITLE_MIN = 93  # titles this alike without a recall: the same series
SUBJECT_MIN = 50  # two requests of one entity to one body in a series: subjects at least this alike
SUPERSEDE_MIN = 0.8  # weaker links wait for staff before superseding anything
REPORT_SESSION = re.compile(r"^A/(\d{2,3})/")


@dataclass(frozen=True)
class SeriesLink:
    predecessor: Instrument
    evidence: str
    confidence: float


def instrument_name(instrument: Instrument) -> str:
    return instrument.adopted_symbol or instrument.symbol or instrument.label


def _recalled(instrument: Instrument) -> dict[str, rules.Recalled]:
    texts = [p.text for p in instrument.paragraphs.all() if p.kind == Paragraph.Kind.PREAMBULAR]
    return {r.symbol: r for r in rules.recalled_symbols(texts)}


def series_score(instrument: Instrument, candidate: Instrument, recalled: dict) -> SeriesLink | None:
    """Whether `candidate` is an earlier member of `instrument`'s series, with the evidence."""
    similarity = rules.title_similarity(instrument.title, candidate.title)
    recall = recalled.get(rules.base_symbol(instrument_name(candidate)))
    if recall and similarity >= RECALLED_TITLE_MIN:
        evidence = f"recalls {recall.symbol} (“{recall.quote[:200]}”); titles {similarity:.0f}% alike"
        return SeriesLink(candidate, evidence, 0.97)
    if similarity >= SAME_TITLE_MIN:
        return SeriesLink(candidate, f"same title ({similarity:.0f}% alike): “{candidate.title[:160]}”", 0.9)
    return None


def _comparable(instrument: Instrument):
    return Instrument.objects.filter(
        adopting_body_id=instrument.adopting_body_id, session_number__isnull=False, is_draft=False
    ).exclude(document_id=instrument.document_id)


def predecessor_instruments(instrument: Instrument, candidates=None) -> list[SeriesLink]:
    """The latest earlier members of `instrument`'s series (several when a resolution has parts A, B, C)."""
    if not instrument.adopting_body_id or instrument.session_number is None or not instrument.title:
        return []
    if candidates is None:
        candidates = _comparable(instrument).filter(session_number__lt=instrument.session_number)
    recalled = _recalled(instrument)
    found = [
        link
        for candidate in candidates
        if candidate.session_number < instrument.session_number
        and (link := series_score(instrument, candidate, recalled))
    ]
    if not found:
        return []
    latest = max(link.predecessor.session_number for link in found)
    return [link for link in found if link.predecessor.session_number == latest]


def _receiver(mandate: Mandate):
    return mandate.delivered_to_id or mandate.due_body_id


def _live(queryset):
    return queryset.exclude(review_state=R.REJECTED).select_related("responsible_entity")


def mandate_pairs(series: SeriesLink, successor: Instrument) -> list[tuple[Mandate, Mandate, str, float]]:
    """(predecessor, successor, evidence, confidence) for the requests `successor` renews from the predecessor."""
    earlier = list(_live(Mandate.all_objects.filter(instrument=series.predecessor)))
    pairs = []
    taken: set[int] = set()
    for mandate in _live(Mandate.all_objects.filter(instrument=successor)).order_by("id"):
        same = [
            m
            for m in earlier
            if m.pk not in taken
            and m.responsible_entity_id == mandate.responsible_entity_id
            and m.category == mandate.category
            and _receiver(m) == _receiver(mandate)
        ]
        scored = sorted(((rules.subject_similarity(m.subject, mandate.subject), m) for m in same), key=lambda s: -s[0])
        if not scored or (scored[0][0] < SUBJECT_MIN and len(same) > 1):
            continue
        similarity, best = scored[0]
        taken.add(best.pk)
        evidence = (
            f"{instrument_name(successor)} renews {instrument_name(series.predecessor)}: {series.evidence}. "
            f"Same entity, receiving body and category; subjects {similarity:.0f}% alike."
        )
        confidence = round(series.confidence * (0.6 + 0.4 * similarity / 100), 3)
        pairs.append((best, mandate, evidence, confidence))
    return pairs


@transaction.atomic
def instrument_link(instrument: Instrument, *, by=None, candidates=None) -> list[MandateLink]:
    """Store the links from `instrument`'s predecessors to its mandates (idempotent; broken links stay broken)."""
    links = []
    for series in predecessor_instruments(instrument, candidates):
        for earlier, later, evidence, confidence in mandate_pairs(series, instrument):
            link, created = MandateLink.objects.get_or_create(
                predecessor=earlier, successor=later, defaults={"evidence": evidence, "confidence": confidence}
            )
            if created:
                link._history_user = by
            links.append(link)
    return links


# --------------------------------------------------------------------------------------------- fulfilment


def _report_session(symbol: str) -> int | None:
    match = REPORT_SESSION.match(symbol)
    return int(match.group(1)) if match else None


def _answers(mandate: Mandate, session: int | None) -> bool:
    """Whether a report of `session` can be the one `mandate` asked for."""
    if session is None or mandate.due_session_number is None:
        return True
    if mandate.recurrence:
        return mandate.due_session_number <= session
    return mandate.due_session_number == session


def _with_marker(text: str, start: int, end: int) -> str:
    """The paragraph's source span, and the footnote marker glued after it ("...General;9"): segmentation ends
    a paragraph at its punctuation."""
    marker = re.match(r"\d{1,3}(?!\d)", text[end : end + 4])
    return text[start : end + (marker.end() if marker else 0)]


def taken_notes(instrument: Instrument) -> list[rules.TakenNote]:
    """The reports `instrument` takes note of. Paragraphs are read from the document text at their offsets:
    Paragraph.text is normalised and has lost the footnote markers."""
    text = instrument.document.text or ""
    paragraphs = list(instrument.paragraphs.all())
    raw = [(p, _with_marker(text, p.start, p.end) if p.end > p.start else p.text) for p in paragraphs]
    operative = [(p.number, body) for p, body in raw if p.kind == Paragraph.Kind.OPERATIVE]
    preambular = [body for p, body in raw if p.kind == Paragraph.Kind.PREAMBULAR]
    return rules.taken_note_reports(operative, preambular, text)


@transaction.atomic
def instrument_fulfil_from_notes(instrument: Instrument, predecessors: list[Instrument], *, by=None) -> list:
    """Reports `instrument` takes note of answer its predecessors' open report mandates: submitted, then
    considered at the adopting session, with the footnote as evidence (NoteFulfilment)."""
    if not predecessors:
        return []
    recorded = []
    for note in taken_notes(instrument):
        session = _report_session(note.symbol)
        by_secretary_general = "secretary-general" in note.quote[:120].lower()
        for mandate in Mandate.objects.filter(
            instrument__in=predecessors,
            category=Mandate.Category.REPORT,
            status__in=[*Mandate.OPEN_STATUSES, S.SUBMITTED],
        ).select_related("responsible_entity"):
            if not _answers(mandate, session):
                continue
            if by_secretary_general and "secretary-general" not in mandate.responsible_entity.name.lower():
                continue
            if NoteFulfilment.objects.filter(mandate=mandate, instrument=instrument, paragraph=note.paragraph).exists():
                continue
            name = instrument_name(instrument)
            if mandate.status != S.SUBMITTED:
                mandate_set_status(
                    mandate=mandate,
                    status=S.SUBMITTED,
                    by=by,
                    note=f"{name} ¶{note.paragraph} takes note of {note.symbol}: “{note.quote[:300]}”",
                    submitted_symbol=note.symbol,
                )
            mandate_set_status(
                mandate=mandate,
                status=S.CONSIDERED,
                by=by,
                note=f"Considered at session {instrument.session_number}: {name} ¶{note.paragraph}",
            )
            recorded.append(
                NoteFulfilment.objects.create(
                    mandate=mandate,
                    instrument=instrument,
                    paragraph=note.paragraph,
                    submitted_symbol=note.symbol,
                    evidence=note.quote,
                )
            )
    return recorded


# --------------------------------------------------------------------------------------------- supersede


def _supersede(link: MandateLink, *, by=None) -> None:
    """Apply a renewal: the open predecessor is superseded, or the link waits for staff."""
    earlier, later = link.predecessor, link.successor
    if link.state == L.BROKEN or earlier.status not in Mandate.OPEN_STATUSES:
        return
    if earlier.review_state != R.CONFIRMED or later.review_state != R.CONFIRMED:
        return
    # A person's confirmation settles it; otherwise staff edits or a weak link wait for one.
    if link.state != L.CONFIRMED and (earlier.staff_edited_fields or link.confidence < SUPERSEDE_MIN):
        if not link.needs_review:
            link.needs_review = True
            link._history_user = by
            link.save(update_fields=["needs_review"])
        return
    mandate_set_status(
        mandate=earlier,
        status=S.SUPERSEDED,
        by=by,
        note=f"Renewed by {instrument_name(later.instrument)}"
        + (f" ¶{later.paragraph_label}" if later.paragraph_label else "")
        + f" (link confidence {link.confidence:.2f}).",
        superseded_by=later,
    )
    if link.needs_review:
        link.needs_review = False
        link._history_user = by
        link.save(update_fields=["needs_review"])


@transaction.atomic
def document_link(document: Document, *, by=None) -> list[MandateLink]:
    """Link `document`'s instruments to their predecessors, and later stored instruments to them; read the
    reports each takes note of; supersede what was renewed. Returns the links involving the document."""
    links: list[MandateLink] = []
    for instrument in document.instruments.filter(is_draft=False).select_related("document"):
        if not instrument.adopting_body_id or instrument.session_number is None:
            continue
        comparable = list(_comparable(instrument))
        earlier = [c for c in comparable if c.session_number < instrument.session_number]
        series = predecessor_instruments(instrument, earlier)
        instrument_fulfil_from_notes(instrument, [s.predecessor for s in series], by=by)
        links += instrument_link(instrument, by=by, candidates=earlier)
        # A predecessor that arrives after its successor: the successor's links are computed again.
        for later in (c for c in comparable if c.session_number > instrument.session_number and c.title):
            # Titles first: reading the later instrument's preamble only when they could be one series.
            alike = rules.title_similarity(later.title, instrument.title) >= RECALLED_TITLE_MIN
            if alike and series_score(later, instrument, _recalled(later)):
                links += [lk for lk in instrument_link(later, by=by) if lk.predecessor.instrument_id == instrument.pk]
    for link in links:
        _supersede(link, by=by)
    return links


# --------------------------------------------------------------------------------------------- staff


@transaction.atomic
def link_confirm(*, link: MandateLink, by, note: str = "") -> MandateLink:
    """Staff say the link is right: it stands, and a renewal waiting for review is applied."""
    link = MandateLink.objects.select_for_update().get(pk=link.pk)
    link.state, link.decided_by, link.decided_at = L.CONFIRMED, by, timezone.now()
    link._history_user = by
    link._change_reason = note or "confirmed"
    link.save(update_fields=["state", "decided_by", "decided_at"])
    _supersede(link, by=by)
    return link


@transaction.atomic
def link_break(*, link: MandateLink, by, reason: str = "") -> MandateLink:
    """Staff say the two mandates are not the same request: the link is kept as broken (never proposed again)
    and a predecessor this link superseded returns to pending."""
    link = MandateLink.objects.select_for_update().get(pk=link.pk)
    if link.state == L.BROKEN:
        raise ApplicationError("This link is already broken.")
    link.state, link.decided_by, link.decided_at, link.needs_review = L.BROKEN, by, timezone.now(), False
    link._history_user = by
    link._change_reason = reason or "broken"
    link.save(update_fields=["state", "decided_by", "decided_at", "needs_review"])
    earlier = link.predecessor
    if earlier.status == S.SUPERSEDED and earlier.superseded_by_id == link.successor_id:
        mandate_set_status(
            mandate=earlier,
            status=S.PENDING,
            by=by,
            note=f"Link to #{link.successor_id} broken: {reason}".strip(),
            superseded_by=None,
        )
    return link


def links_waiting(queryset=None):
    """Renewals that wait for staff before superseding (the review queue)."""
    queryset = queryset if queryset is not None else MandateLink.objects.all()
    return queryset.filter(needs_review=True).exclude(state=L.BROKEN)
