"""Reports that answer mandates: link a report to the mandates it fulfils and mark them submitted.

`document_fulfil` is called by ingestion after it stores any document. It reads what the report says it
was prepared pursuant to (mandates.extraction.fulfilment), finds the instruments with that symbol adopted
by that body, and moves their open report mandates due at the session the report is for to `submitted`
through the workflow, recording the report's symbol. Staff undo it with `fulfilment_undo`, and record the
adopted symbol of a draft with `instrument_record_adoption` (mandates then follow the new symbol).
"""

from __future__ import annotations

import logging
import re

from django.db import transaction
from django.db.models import Q
from simple_history.utils import bulk_update_with_history

from mandates.errors import ApplicationError, TransitionNotAllowed
from mandates.extraction.fulfilment import Fulfilment, Reference, find_fulfilment
from mandates.models import Body, Document, Instrument, Mandate
from mandates.services.workflow import mandate_set_status

logger = logging.getLogger(__name__)

S = Mandate.Status
# A report answers the report requests of a resolution, and the requests to put information in it; not the
# requests that Member States send their views (those are "information" too, from someone else).
FULFILLED_CATEGORIES = (Mandate.Category.REPORT, Mandate.Category.INFORMATION)
NOT_THE_AUTHOR = re.compile(r"\b(?:Member\s+)?States\b|\bGovernments\b", re.IGNORECASE)
SYMBOL_SHAPE = re.compile(r"^[A-Z]+(?:/[A-Z0-9.()\- ]+)+$")
ADOPTED_SESSION = re.compile(r"^A/(?:RES|DEC)/(\d{2,3})/")


def _bodies(name: str) -> list[Body]:
    return list(Body.objects.filter(Q(name__iexact=name) | Q(acronym__iexact=name)))


def instruments_for(ref: Reference) -> list[Instrument]:
    """Instruments that `ref` ("General Assembly resolution 75/196") names: by adopted symbol, symbol or
    label, of that kind, adopted by that body.
    """
    bodies = _bodies(ref.body)
    if not bodies:
        return []
    marker = "RES" if ref.kind == "resolution" else "DEC"
    symbols = {ref.symbol} | {f"{prefix}/{marker}/{ref.symbol}" for prefix in ("A", "E", "S")}
    names = Q()
    for symbol in symbols:
        names |= Q(adopted_symbol__iexact=symbol) | Q(symbol__iexact=symbol)
    names |= Q(label__iexact=f"{ref.kind} {ref.symbol}")
    return list(Instrument.objects.filter(names, kind=ref.kind, adopting_body__in=bodies))


def mandates_answered(*, instrument: Instrument, found: Fulfilment, ref: Reference) -> list[Mandate]:
    """The open mandates of `instrument` that a report described by `found` answers.

    When the report's session is known (its own symbol A/76/..., or the agenda footnote "* A/76/50"):
    the mandates due at that session of that body, else that body's mandates with no session yet.
    Otherwise: the mandates delivered to the body the reference names, at their earliest due session.
    """
    candidates = (
        instrument.mandates.filter(status__in=Mandate.OPEN_STATUSES, category__in=FULFILLED_CATEGORIES)
        .select_related("responsible_entity")
        .order_by("due_session_number", "id")
    )
    if found.session_number and (session_bodies := _bodies(found.session_body)):
        to_body = Q(due_body__in=session_bodies) | Q(delivered_to__in=session_bodies)
        chosen = list(candidates.filter(to_body, due_session_number=found.session_number))
        if not chosen:
            chosen = list(candidates.filter(to_body, due_session_number__isnull=True))
    else:
        bodies = _bodies(ref.body)
        chosen = list(candidates.filter(Q(due_body__in=bodies) | Q(delivered_to__in=bodies)))
        sessions = sorted({m.due_session_number for m in chosen if m.due_session_number})
        if sessions:
            chosen = [m for m in chosen if m.due_session_number in (sessions[0], None)]
    return [m for m in chosen if not NOT_THE_AUTHOR.search(m.responsible_entity.name)]


@transaction.atomic
def document_fulfil(document: Document, *, by=None) -> list[Mandate]:
    """Mark submitted the open mandates that `document` says it answers ("prepared pursuant to General
    Assembly resolution 75/196"), recording its symbol (or source key) and linking it; store the references
    in Document.prepared_pursuant_to. Returns the mandates it marked; running it again marks nothing new.
    """
    submitted_documents_link(document, by=by)
    found = find_fulfilment(document.text or "")
    if document.prepared_pursuant_to != found.labels:
        document.prepared_pursuant_to = found.labels
        document.save(update_fields=["prepared_pursuant_to", "updated_at"])
    report = found.symbol or document.symbol or document.source_key
    marked: list[Mandate] = []
    for ref in found.references:
        for instrument in instruments_for(ref):
            for mandate in mandates_answered(instrument=instrument, found=found, ref=ref):
                if mandate in marked:
                    continue
                mandate_set_status(
                    mandate=mandate,
                    status=S.SUBMITTED,
                    by=by,
                    note=f"Fulfilled by {report}: “{ref.quote[:300]}”",
                    submitted_symbol=report,
                    submitted_document=document,
                )
                marked.append(mandate)
    if marked:
        logger.info("%s fulfils %d mandates: %s", report, len(marked), [m.pk for m in marked])
    return marked


def submitted_documents_link(document: Document, *, by=None) -> int:
    """Link `document` as the submitted report of the mandates whose submitted symbol is its symbol and that
    have no report linked yet (the symbol was recorded before the report was ingested). Returns how many.
    """
    symbol = (document.symbol or "").strip()
    if not symbol:
        return 0
    waiting = list(Mandate.objects.filter(submitted_symbol__iexact=symbol, submitted_document__isnull=True))
    for mandate in waiting:
        mandate.submitted_document = document
    if waiting:
        bulk_update_with_history(
            waiting,
            Mandate,
            ["submitted_document"],
            default_user=by,
            default_change_reason=f"report {symbol} ingested",
        )
        logger.info("%s linked as the submitted report of mandates %s", symbol, [m.pk for m in waiting])
    return len(waiting)


@transaction.atomic
def fulfilment_undo(*, mandate: Mandate, by=None) -> Mandate:
    """Return a submitted mandate to the status it had before it was marked submitted, clearing the report."""
    if mandate.status != S.SUBMITTED:
        raise TransitionNotAllowed("Only a submitted mandate can have its fulfilment undone.")
    change = mandate.status_changes.filter(to_status=S.SUBMITTED).order_by("-changed_at", "-id").first()
    previous = change.from_status if change else S.PENDING
    report = mandate.submitted_symbol or "the report"
    return mandate_set_status(
        mandate=mandate,
        status=previous,
        by=by,
        note=f"Fulfilment by {report} undone.",
        submitted_symbol="",
        submitted_document=None,
    )


@transaction.atomic
def instrument_record_adoption(*, instrument: Instrument, adopted_symbol: str, by=None) -> Instrument:
    """Record that a draft was adopted as `adopted_symbol` (e.g. Draft resolution I of a Commission report
    adopted as A/RES/76/187). Its mandates follow: reports already stored that answer the adopted symbol are
    matched again, and later ones match on it.
    """
    symbol = re.sub(r"\s+", " ", adopted_symbol).strip().upper()
    if not SYMBOL_SHAPE.match(symbol):
        raise ApplicationError(f"{adopted_symbol!r} does not look like a document symbol such as A/RES/76/187.")
    instrument.adopted_symbol = symbol
    fields = ["adopted_symbol"]
    if session := ADOPTED_SESSION.match(symbol):
        if instrument.session_number is None:
            instrument.session_number = int(session.group(1))
            fields.append("session_number")
        if instrument.adopting_body_id is None:
            instrument.adopting_body, _ = Body.objects.get_or_create(name="General Assembly")
            fields.append("adopting_body")
    instrument.full_clean(validate_unique=False)
    instrument.save(update_fields=fields)
    logger.info("instrument %s recorded as adopted %s by %s", instrument.pk, symbol, by)

    number = symbol.split("/", 2)[-1]  # "76/187"
    for document in Document.objects.filter(prepared_pursuant_to__icontains=number):
        document_fulfil(document, by=by)
    return instrument
