"""Ingestion: a file's bytes -> Document, Instruments, Paragraphs, Bodies, Entities and Mandates.

    document_ingest(data=..., filename=...)      read -> extract_text -> document_store -> calendar/fulfilment hooks
    document_store(result=..., ...)              persist one ExtractionResult in one transaction
    mandate_edit(mandate=..., by=..., **changes) the way staff change extracted fields

Re-ingestion is safe:
- The same bytes again (any file name) change nothing: the outcome is "unchanged".
- New bytes for the same `source_key` (the document symbol the extraction found, else the file name)
  make a new version of the Document. Instruments are matched by label and updated in place,
  paragraphs are re-created, and mandates are matched by `natural_key` (below).
- A matched mandate gets the newly extracted values, except fields listed in its
  `staff_edited_fields` (set by `mandate_edit`): what staff entered is never overwritten.
- A mandate that is no longer extracted is deleted only while it is untouched: still pending, without
  staff edits and without a review decision. Otherwise it is kept (with its instrument) and counted in
  `mandates_kept`.

Review candidates (issue #8)
    A record with `review=True` is stored as a Mandate in review_state "candidate", with its confidence
    and reason; Mandate.objects (tracked mandates) does not see it until a person confirms it
    (services.review). Across versions decisions stand: a rejected mandate stays rejected and a confirmed
    one tracked, whatever the new version's extraction says; corrections are staff edits (above). An
    undecided candidate that the extraction now reads with confidence becomes tracked (a ReviewDecision
    "confirmed by extraction" records it); a tracked mandate the extraction now doubts stays tracked.

Language versions (issue #12)
    The French or Spanish text of a symbol is its own Document ("A/RES/75/100 [fr]"); a record no mandate of its own
    document matches is matched to the Mandate another language version holds (services.languages). A French or
    Spanish version then only adds its clause (MandateText); the English version takes such a Mandate over. Every
    stored mandate has the MandateText row of its document's language.

Natural key
    sha256 of the *extracted* values, normalised (whitespace collapsed, case-folded), joined with a
    unit separator:
        instrument label | paragraph | responsible entity | delivered_to | due body | due session |
        due event | category
    When one instrument yields two mandates with the same values (e.g. "a report on X and a note on Y"
    to the same session) the second gets "|#2" appended before hashing, the third "|#3", in document
    order. The key is computed from what extraction says, never from staff edits, so an edited mandate
    is still recognised. When keys change between versions (paragraphs renumbered, extraction reading
    a recipient or session differently) looser passes pair the leftover old and new mandates of an
    instrument where the pairing is unambiguous (see _LOOSER_PASSES).
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, models, transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from mandates.errors import ApplicationError
from mandates.extraction import extract_marked_up, extract_text
from mandates.extraction.readers import read_document
from mandates.extraction.types import ExtractionError, ExtractionResult, InstrumentRecord, MandateRecord
from mandates.models import (
    EXTRACTED_FIELDS,
    Body,
    Document,
    DocumentFile,
    Entity,
    Instrument,
    Mandate,
    MandateText,
    Paragraph,
    ReviewDecision,
)
from mandates.services import calendar, duplicates, fulfilment, languages, lineage, workflow

CREATED = "created"
UPDATED = "updated"
UNCHANGED = "unchanged"

_FK_FIELDS = ("responsible_entity", "delivered_to", "channel", "due_body")
# What extraction says about an undecided candidate; refreshed on every version while it waits.
_REVIEW_FIELDS = ("confidence", "review_reason")


class NothingToIngest(ExtractionError):
    """The text holds no resolution or decision (and is not a report answering one)."""


@dataclass
class IngestOutcome:
    """What one ingestion did. `status` is created, updated (a new version) or unchanged."""

    document: Document
    status: str
    mandates_created: int = 0
    mandates_updated: int = 0
    mandates_unchanged: int = 0
    mandates_removed: int = 0
    # No longer extracted, but kept because staff edited them or moved them past "pending".
    mandates_kept: int = 0
    # Matched mandates where a newly extracted value differed from a staff-edited one (staff value kept).
    mandates_staff_protected: int = 0
    # Mandates of this language version matched to those another language version already holds (issue #12).
    mandates_linked: int = 0
    # The document after this ingestion: tracked mandates, and review candidates waiting for a person.
    mandates_tracked: int = 0
    candidates_waiting: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def mandates_total(self) -> int:
        """Tracked mandates of the document (confident or confirmed; not candidates, not rejected)."""
        return self.mandates_tracked

    def found(self) -> str:
        """ "12 mandates, 3 waiting for review", or, plainly, "no mandates and no candidates for review"."""
        return found_text(self.mandates_tracked, self.candidates_waiting)

    def summary(self) -> str:
        """One line for a person, e.g. "12 mandates, 3 waiting for review (created)"."""
        parts = [f"{self.found()} ({self.status}"]
        if self.status == UPDATED:
            detail = [
                f"{self.mandates_created} new",
                f"{self.mandates_updated} updated",
                f"{self.mandates_removed} removed",
            ]
            if self.mandates_kept:
                detail.append(f"{self.mandates_kept} kept: staff-edited or in progress")
            if self.mandates_staff_protected:
                detail.append(f"{self.mandates_staff_protected} with staff edits preserved")
            parts.append(", version {}: {}".format(self.document.version, ", ".join(detail)))
        return "".join(parts) + ")"


def found_text(mandates: int, candidates: int) -> str:
    """What a document holds, in words: shared by the ingest command, the upload message and the pages."""
    if not mandates and not candidates:
        return "no mandates and no candidates for review"
    return f"{mandates} mandate{'s' if mandates != 1 else ''}, {candidates} waiting for review"


def _count(outcome: IngestOutcome) -> IngestOutcome:
    """Fill the document's tracked and waiting counts (one query)."""
    # A language version's mandates include those matched to another version's records (MandateText).
    counts = (
        Mandate.all_objects.filter(
            models.Q(instrument__document=outcome.document) | models.Q(texts__document=outcome.document)
        )
        .order_by()
        .aggregate(
            tracked=models.Count("id", distinct=True, filter=models.Q(review_state=Mandate.ReviewState.CONFIRMED)),
            waiting=models.Count("id", distinct=True, filter=models.Q(review_state=Mandate.ReviewState.CANDIDATE)),
        )
    )
    outcome.mandates_tracked, outcome.candidates_waiting = counts["tracked"], counts["waiting"]
    return outcome


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def document_ingest(
    *,
    data: bytes,
    filename: str,
    uploaded_by=None,
    source_key: str | None = None,
    require_operative: bool = True,
    reextract: bool = False,
) -> IngestOutcome:
    """Read, extract and store one file (a new Document or a new version), then schedule its mandates.

    Raises ExtractionError (one line for a person) when the file cannot be read, or holds no
    resolution or decision and is not a report that says it answers one (`looks_like_report`); nothing
    is stored then. A resolution or decision is always stored, even with no mandates (see
    `refusal_reason`). Reports are stored without instruments, so the fulfilment hook can read them;
    `require_operative=False` stores any readable document that way.
    `source_key` overrides the key the document is filed under (normally its symbol, else the file
    name). `reextract=True` stores the same bytes again (after the extraction improved): mandates
    are matched and updated as for a new version, staff edits kept, the version number unchanged.

    Reading and extraction (seconds for a long PDF) run first, outside any transaction; storing and
    the calendar and fulfilment hooks then run in one transaction: if a hook fails, nothing is stored.
    """
    digest = content_hash(data)
    if not reextract:
        # Same bytes as a stored version: a duplicate upload, whatever its name. Checked before
        # reading, so re-running a folder of PDFs costs one query per file.
        seen = DocumentFile.objects.filter(content_hash=digest)
        if source_key:
            seen = seen.filter(document__source_key=source_key)
        seen_file = seen.select_related("document").order_by("id").first()
        existing = seen_file.document if seen_file is not None else None
        if existing is not None:
            kept = Mandate.objects.filter(instrument__document=existing).count()
            return _count(IngestOutcome(document=existing, status=UNCHANGED, mandates_unchanged=kept))

    reading = read_document(data, filename, max_bytes=settings.INGEST_MAX_BYTES)
    # Akoma Ntoso XML states its instruments and paragraphs; other formats are segmented from their text.
    result = extract_text(reading.text) if reading.markup is None else extract_marked_up(reading)
    fmt = reading.format
    with transaction.atomic():
        outcome = document_store(
            result=result,
            filename=filename,
            format=fmt,
            content_hash=digest,
            size_bytes=len(data),
            uploaded_by=uploaded_by,
            source_key=source_key,
            require_operative=require_operative,
            reextract=reextract,
        )
        if outcome.status != UNCHANGED:
            _run_hooks(outcome.document, uploaded_by)
        # The original bytes, for download from the document page (read_document refused anything over
        # INGEST_MAX_BYTES already).
        DocumentFile.objects.filter(document=outcome.document, content_hash=digest, content__isnull=True).update(
            content=data
        )
    return outcome


def _run_hooks(document: Document, uploaded_by) -> None:
    """Calendar, fulfilment and lineage: implemented by their own services; called after every stored version."""
    calendar.sessions_record_from_document(document)
    calendar.mandates_schedule(
        list(
            Mandate.all_objects.filter(instrument__document=document).select_related(
                "due_body", "delivered_to", "instrument__adopting_body"
            )
        )
    )
    fulfilment.document_fulfil(document, by=uploaded_by)
    lineage.document_link(document, by=uploaded_by)
    # Possible duplicates of the document's mandates (bulk writes send no signal), once the document commits.
    ids = list(Mandate.all_objects.filter(instrument__document=document).values_list("id", flat=True))
    transaction.on_commit(lambda: duplicates.duplicates_refresh(mandate_ids=ids))


# "The present report has been prepared pursuant to General Assembly resolution 75/196", "this note is
# submitted in accordance with Council decision 2023/5". Resolutions say "requested ... in its
# resolution" in preambles all the time, so the report's own "report/note ... prepared pursuant to" is
# required.
_REPORT_PURSUANT = re.compile(
    r"\b(?:report|note)\b[^.;]{0,80}?\b(?:prepared|submitted|presented|issued|transmitted)\s+"
    r"(?:pursuant\s+to|in\s+accordance\s+with|in\s+response\s+to|in\s+compliance\s+with)\b[^.;]{0,120}?"
    r"\b(?:resolutions?|decisions?)\s+[A-Z]?\d",
    re.IGNORECASE,
)


def looks_like_report(text: str) -> bool:
    """A document that says it answers a resolution or decision: stored even without operative
    paragraphs, so services.fulfilment can mark the mandates it answers."""
    return _REPORT_PURSUANT.search(text) is not None


def refusal_reason(result: ExtractionResult) -> str:
    """Why `result` is not stored ("" when it is). Only a text with no resolution or decision at all is refused:
    a resolution whose paragraphs carry no printed number, or whose clauses ask for no report, is a real
    resolution with zero mandates, which is a normal answer. Reports answering a resolution are kept too."""
    if result.instruments or looks_like_report(result.text):
        return ""
    return "no resolutions or decisions found"


@transaction.atomic
def document_store(
    *,
    result: ExtractionResult,
    filename: str,
    format: str,
    content_hash: str,
    size_bytes: int,
    uploaded_by=None,
    source_key: str | None = None,
    require_operative: bool = True,
    reextract: bool = False,
) -> IngestOutcome:
    """Create or version the Document for `result` and write its instruments, paragraphs and mandates.

    Bodies and entities named by the extraction are created when missing. Staff-edited fields and
    mandates that staff touched are kept (see the module docstring).
    """
    report_note = ""
    if not result.instruments and looks_like_report(result.text):
        report_note = "stored as a report answering a resolution or decision (no operative paragraphs)"
    reason = refusal_reason(result)
    if reason and require_operative:
        raise NothingToIngest(reason)

    key = source_key or result.symbol.strip() or filename
    if not source_key and result.language != "en":
        # The French or Spanish text of a resolution carries the English symbol: filed apart, not as a new version
        # of the English document (linking the language versions is a separate step).
        key = f"{key} [{result.language}]"
    key = key[:255]
    if result.symbol.strip():
        # The language versions of one symbol share mandates: one ingests at a time (services.languages).
        _lock_source_key(f"symbol:{result.symbol.strip()[:128]}")
    _lock_source_key(key)
    document = Document.objects.select_for_update().filter(source_key=key).first()
    same_content = document is not None and (
        document.content_hash == content_hash or document.files.filter(content_hash=content_hash).exists()
    )
    if same_content and not reextract:
        kept = Mandate.objects.filter(instrument__document=document).count()
        return _count(IngestOutcome(document=document, status=UNCHANGED, mandates_unchanged=kept))
    if document is not None and not reextract and document.filename != filename and _same_mandates(document, result):
        # Another file of the same text (the PDF beside its .txt): it joins the current version instead
        # of making a new one, so a folder holding both never flip-flops between versions.
        DocumentFile.objects.create(
            document=document,
            content_hash=content_hash,
            filename=filename[:255],
            format=format,
            size_bytes=size_bytes,
            version=document.version,
        )
        kept = Mandate.objects.filter(instrument__document=document).count()
        outcome = IngestOutcome(document=document, status=UNCHANGED, mandates_unchanged=kept)
        outcome.notes.append(
            f"same mandates as version {document.version} (from {document.filename}): recorded as another file of it"
        )
        return _count(outcome)

    fields = dict(
        symbol=result.symbol.strip()[:128],
        title=(result.title or "").strip()[:500],
        filename=filename[:255],
        format=format,
        content_hash=content_hash,
        size_bytes=size_bytes,
        text=result.text,
        language=(result.language or "en")[:8],
    )
    if document is None:
        document = Document(source_key=key, uploaded_by=uploaded_by, **fields)
        status = CREATED
    else:
        for name, value in fields.items():
            setattr(document, name, value)
        if not same_content:
            document.version += 1
        if uploaded_by is not None:
            document.uploaded_by = uploaded_by
        status = UPDATED
    document.full_clean()
    document.save()
    file_fields = dict(filename=filename[:255], format=format, size_bytes=size_bytes, version=document.version)
    if status == CREATED:
        DocumentFile.objects.create(document=document, content_hash=content_hash, **file_fields)
    else:
        DocumentFile.objects.update_or_create(document=document, content_hash=content_hash, defaults=file_fields)

    outcome = IngestOutcome(document=document, status=status)
    if report_note:
        outcome.notes.append(report_note)
    names = _Names()
    names.prepare(result)
    ordered, instruments = _store_instruments(document, result.instruments, names, outcome)
    paragraphs = _store_paragraphs(ordered, result.instruments, replace=status == UPDATED)
    spans = [
        (_norm(record.label), inst, record.start, record.end)
        for record, inst in zip(result.instruments, ordered, strict=True)
    ]
    _store_mandates(document, result.mandates, instruments, spans, paragraphs, names, outcome, uploaded_by)
    _drop_vanished_instruments(document, keep={inst.pk for inst in instruments.values()})
    return _count(outcome)


# ------------------------------------------------------------------------------------------ helpers


def _storable(record: MandateRecord) -> bool:
    return record.category in Mandate.Category.values and bool(_clean_name(record.responsible_entity))


def _same_mandates(document: Document, result: ExtractionResult) -> bool:
    """Does `result` hold the operative paragraphs and extract exactly the mandates (same natural keys) stored for
    `document`? Then it is the same text read from another file."""
    # Natural keys come from what extraction said, never from staff edits; a recurrence staff edited is not
    # compared (what extraction said of it is no longer stored).
    incoming = [
        (key, _norm(r.recurrence))
        for key, r in zip(mandate_natural_keys(result.mandates), result.mandates, strict=True)
        if _storable(r)
    ]
    stored = {
        key: (None if "recurrence" in (edited or []) else _norm(recurrence))
        for key, recurrence, edited in Mandate.all_objects.filter(
            instrument__document=document, absent_since_version__isnull=True
        ).values_list("natural_key", "recurrence", "staff_edited_fields")
    }
    if sorted(key for key, _ in incoming) != sorted(stored):
        return False
    if any(stored[key] is not None and stored[key] != recurrence for key, recurrence in incoming):
        return False
    incoming_paragraphs = Counter(
        (_norm(inst.label), _norm(p.number))
        for inst in result.instruments
        for p in inst.paragraphs
        if p.kind == Paragraph.Kind.OPERATIVE
    )
    stored_paragraphs = Counter(
        (_norm(label), _norm(number))
        for label, number in Paragraph.objects.filter(
            instrument__document=document, kind=Paragraph.Kind.OPERATIVE
        ).values_list("instrument__label", "number")
    )
    return incoming_paragraphs == stored_paragraphs


def _lock_source_key(key: str) -> None:
    """Serialise concurrent ingestions of one document until this transaction ends.

    select_for_update cannot lock a Document row that does not exist yet, so two uploads of a new
    document would both INSERT and one would fail on the unique source_key. On PostgreSQL a
    transaction-level advisory lock on the key makes the second wait and then see the first's row
    (as unchanged or as a new version). SQLite serialises writers on its own.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"mandates.document:{key}"])


def _clean_name(name: str | None) -> str:
    """ "the  General Assembly," -> "General Assembly"."""
    if not name:
        return ""
    name = re.sub(r"\s+", " ", name).strip().strip(",.;:").strip()
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


def _norm(value) -> str:
    return re.sub(r"\s+", " ", str(value if value is not None else "")).strip().casefold()


class _Names:
    """Bodies and entities for one run: loaded once, matched by case-insensitive canonical name or
    acronym, created when missing. Avoids a query per mandate."""

    def __init__(self) -> None:
        self.bodies: dict[str, Body] = {}
        self.entities: dict[str, Entity] = {}
        for obj in Body.objects.all():
            self.bodies.setdefault(_norm(obj.name), obj)
            if obj.acronym:
                self.bodies.setdefault(_norm(obj.acronym), obj)
        for obj in Entity.objects.all():
            self.entities.setdefault(_norm(obj.name), obj)
            if obj.acronym:
                self.entities.setdefault(_norm(obj.acronym), obj)

    def prepare(self, result: ExtractionResult) -> None:
        """Create every missing body and entity the result names in two bulk INSERTs."""
        bodies = [inst.adopting_body for inst in result.instruments]
        entities = []
        for m in result.mandates:
            bodies += [m.adopting_body, m.delivered_to, m.channel, m.due_body]
            entities.append(m.responsible_entity)
        self._create_missing(Body, self.bodies, bodies, 255)
        self._create_missing(Entity, self.entities, entities, 500)

    @staticmethod
    def _create_missing(model, cache: dict, raw_names: list, max_length: int) -> None:
        missing: dict[str, str] = {}
        for raw in raw_names:
            clean = _clean_name(raw)[:max_length]
            if clean and _norm(clean) not in cache:
                missing.setdefault(_norm(clean), clean)
        if not missing:
            return
        # ignore_conflicts: a parallel ingestion may have created the same name meanwhile.
        model.objects.bulk_create([model(name=name) for name in missing.values()], ignore_conflicts=True)
        for obj in model.objects.filter(name__in=list(missing.values())):
            cache.setdefault(_norm(obj.name), obj)

    def body(self, name: str | None) -> Body | None:
        clean = _clean_name(name)[:255]
        if not clean:
            return None
        found = self.bodies.get(_norm(clean))
        if found is None:
            found, _ = Body.objects.get_or_create(name=clean)
            self.bodies[_norm(clean)] = found
        return found

    def entity(self, name: str | None) -> Entity | None:
        clean = _clean_name(name)[:500]
        if not clean:
            return None
        found = self.entities.get(_norm(clean))
        if found is None:
            found, _ = Entity.objects.get_or_create(name=clean)
            self.entities[_norm(clean)] = found
        return found


def _store_instruments(
    document: Document, records: list[InstrumentRecord], names: _Names, outcome: IngestOutcome
) -> tuple[list[Instrument], dict[str, Instrument]]:
    """Instruments in record order, and by label: existing ones updated in place (their mandates hang
    on them), new ones created. Instruments of the previous version that vanished are left alone here."""
    existing = {inst.label: inst for inst in document.instruments.all()}
    by_label: dict[str, Instrument] = {}
    ordered: list[Instrument] = []
    to_create, to_update = [], []
    for order, record in enumerate(records):
        label = (record.label or f"Instrument {order + 1}").strip()[:128]
        if label in by_label:  # labels are unique per document; keep both texts apart
            label = f"{label[:120]} ({order + 1})"
            outcome.notes.append(f"two instruments labelled {record.label!r}; the second stored as {label!r}")
        values = dict(
            title=record.title or "",
            kind=record.kind if record.kind in Instrument.Kind.values else Instrument.Kind.RESOLUTION,
            is_draft=bool(record.is_draft),
            adopting_body=names.body(record.adopting_body),
            symbol=(record.symbol or "")[:128],
            session_number=_positive_or_none(record.session_number),
            adopted_on=_date_or_none(record.adopted_on),
            order=record.order or order,
            start=max(record.start or 0, 0),
            end=max(record.end or 0, 0),
        )
        inst = existing.get(label)
        if inst is None:
            inst = Instrument(document=document, label=label, **values)
            to_create.append(inst)
        else:
            for name, value in values.items():
                setattr(inst, name, value)
            to_update.append(inst)
        by_label[label] = inst
        ordered.append(inst)
    Instrument.objects.bulk_create(to_create)
    if to_update:
        Instrument.objects.bulk_update(
            to_update,
            [
                "title",
                "kind",
                "is_draft",
                "adopting_body",
                "symbol",
                "session_number",
                "adopted_on",
                "order",
                "start",
                "end",
            ],
        )
    return ordered, by_label


def _date_or_none(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _store_paragraphs(
    ordered: list[Instrument], records: list[InstrumentRecord], *, replace: bool
) -> dict[tuple[int, str], Paragraph]:
    """Replace every paragraph of the document's instruments (one DELETE, one bulk INSERT).

    Mandates point at paragraphs with SET_NULL and are re-linked by number in _store_mandates.
    """
    if ordered and replace:
        Paragraph.objects.filter(instrument__document_id=ordered[0].document_id).delete()
    new = []
    for inst, record in zip(ordered, records, strict=True):
        for order, p in enumerate(record.paragraphs):
            new.append(
                Paragraph(
                    instrument=inst,
                    number=(p.number or "").strip()[:32],
                    kind=p.kind if p.kind in Paragraph.Kind.values else Paragraph.Kind.OPERATIVE,
                    text=p.text,
                    order=p.order or order,
                    start=max(p.start or 0, 0),
                    end=max(p.end or 0, 0),
                )
            )
    Paragraph.objects.bulk_create(new)
    lookup: dict[tuple[int, str], Paragraph] = {}
    for p in new:
        if p.number:
            lookup.setdefault((p.instrument_id, p.number), p)
    return lookup


def _instrument_for(record: MandateRecord, spans: list[tuple[str, Instrument, int, int]]) -> Instrument | None:
    """The instrument a mandate belongs to. Reports repeat labels ("Draft resolution I" for the General
    Assembly and again for the Council), so among same-labelled instruments the one whose text span
    holds the mandate wins, then the one with the same title."""
    same = [(inst, start, end) for label, inst, start, end in spans if label == _norm(record.instrument)]
    if len(same) <= 1:
        return same[0][0] if same else None
    for inst, start, end in same:
        if start <= record.start < end:
            return inst
    for inst, _, _ in same:
        if _norm(inst.title) == _norm(record.instrument_title):
            return inst
    return same[0][0]


def _find_paragraph(lookup: dict[tuple[int, str], Paragraph], instrument_id: int, label: str) -> Paragraph | None:
    """ "4 (b)" -> paragraph "4 (b)" if stored, else paragraph "4"."""
    label = (label or "").strip()
    found = lookup.get((instrument_id, label))
    if found is None and (m := re.match(r"\d+", label)):
        found = lookup.get((instrument_id, m.group()))
    return found


def _positive_or_none(value) -> int | None:
    try:
        value = int(value)
    except (TypeError, ValueError):
        return None
    return value if value >= 0 else None


def natural_key_parts(record: MandateRecord) -> list[str]:
    """The extracted values that identify a mandate within its instrument (see the module docstring)."""
    return [
        _norm(record.instrument),
        _norm(record.paragraph),
        _norm(_clean_name(record.responsible_entity)),
        _norm(_clean_name(record.delivered_to)),
        _norm(_clean_name(record.due_body)),
        _norm(record.due_session),
        _norm(record.due_event),
        _norm(record.category),
    ]


def _hash_key(parts: list[str], occurrence: int) -> str:
    if occurrence > 1:
        parts = [*parts, f"#{occurrence}"]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def mandate_natural_keys(records: list[MandateRecord]) -> list[str]:
    """natural_key for each record, in order; repeated values get an occurrence suffix."""
    seen: Counter = Counter()
    keys = []
    for record in records:
        parts = natural_key_parts(record)
        seen[tuple(parts)] += 1
        keys.append(_hash_key(parts, seen[tuple(parts)]))
    return keys


def _mandate_values(record: MandateRecord, names: _Names) -> dict:
    return dict(
        category=record.category,
        responsible_entity=names.entity(record.responsible_entity),
        delivered_to=names.body(record.delivered_to),
        channel=names.body(record.channel),
        due_body=names.body(record.due_body),
        due_session_number=_positive_or_none(record.due_session),
        due_event=(record.due_event or "")[:255],
        recurrence=(record.recurrence or "")[:32],
        subject=record.subject or "",
        paragraph_label=(record.paragraph or "").strip()[:32],
        source_text=record.text or "",
        source_start=max(record.start or 0, 0),
        source_end=max(record.end or 0, 0),
    )


def _review_values(record: MandateRecord) -> dict:
    """The review fields of a new mandate: a record the recall net flagged waits as a candidate."""
    try:
        confidence = min(max(float(record.confidence), 0.0), 1.0)
    except (TypeError, ValueError):
        confidence = 0.0 if record.review else 1.0
    return dict(
        review_state=Mandate.ReviewState.CANDIDATE if record.review else Mandate.ReviewState.CONFIRMED,
        confidence=confidence,
        review_reason=(record.review_reason or "") if record.review else "",
    )


def _current(mandate: Mandate, name: str):
    return getattr(mandate, f"{name}_id") if name in _FK_FIELDS else getattr(mandate, name)


def _incoming(values: dict, name: str):
    value = values[name]
    return (value.pk if value is not None else None) if name in _FK_FIELDS else value


def _store_mandates(
    document: Document,
    records: list[MandateRecord],
    instruments: dict[str, Instrument],
    spans: list[tuple[str, Instrument, int, int]],
    paragraphs: dict[tuple[int, str], Paragraph],
    names: _Names,
    outcome: IngestOutcome,
    uploaded_by,
) -> None:
    existing = {(m.instrument_id, m.natural_key): m for m in Mandate.all_objects.filter(instrument__document=document)}
    # Mandates a person decided on (confirmed, corrected, rejected, reopened): their decision stands.
    decided = (
        set(
            ReviewDecision.objects.filter(mandate__instrument__document=document)
            .exclude(action=ReviewDecision.Action.EXTRACTED)
            .values_list("mandate_id", flat=True)
        )
        if existing
        else set()
    )
    keys = mandate_natural_keys(records)
    incoming: list[tuple[Instrument, str, MandateRecord, dict]] = []
    for record, key in zip(records, keys, strict=True):
        if record.category not in Mandate.Category.values:
            outcome.notes.append(f"skipped a mandate in ¶{record.paragraph}: unknown category {record.category!r}")
            continue
        if not _clean_name(record.responsible_entity):
            outcome.notes.append(f"skipped a mandate in ¶{record.paragraph}: no responsible entity")
            continue
        inst = _instrument_for(record, spans) or instruments.get((record.instrument or "").strip()[:128])
        if inst is None:
            # Extraction named an instrument it did not segment: file the mandate under a bare one.
            inst = Instrument.objects.create(
                document=document,
                label=(record.instrument or "Unlabelled").strip()[:128],
                title=record.instrument_title or "",
                adopting_body=names.body(record.adopting_body),
                order=len(instruments),
            )
            instruments[inst.label] = inst
            outcome.notes.append(f"mandate names instrument {inst.label!r} that segmentation did not find")
        incoming.append((inst, key, record, _mandate_values(record, names)))

    matched: dict[int, Mandate] = {}  # index in incoming -> existing mandate
    for index, (inst, key, _, _) in enumerate(incoming):
        found = existing.pop((inst.pk, key), None)
        if found is not None:
            matched[index] = found
    # Looser passes pair the leftovers of an instrument on fewer values, only where exactly one old
    # and one new mandate share them: first everything but the paragraph (paragraphs renumbered),
    # then paragraph, responsible entity and category (extraction now reads the recipient or the
    # session differently). Old values are the stored ones, so a staff-edited field can prevent a
    # pairing; the old mandate is then kept and reported, never overwritten.
    for fields in _LOOSER_PASSES:
        if not existing:
            break
        old_by_loose: dict[tuple, list[Mandate]] = defaultdict(list)
        for m in existing.values():
            old_by_loose[(m.instrument_id, *(_current(m, name) for name in fields))].append(m)
        new_by_loose: dict[tuple, list[int]] = defaultdict(list)
        for index, (inst, _, _record, values) in enumerate(incoming):
            if index not in matched:
                new_by_loose[(inst.pk, *(_incoming(values, name) for name in fields))].append(index)
        for loose, indexes in new_by_loose.items():
            olds = old_by_loose.get(loose, [])
            if len(indexes) == 1 and len(olds) == 1 and same_obligation(olds[0], incoming[indexes[0]][3]):
                matched[indexes[0]] = olds[0]
                existing.pop((olds[0].instrument_id, olds[0].natural_key))
    # Another language version of the same symbol already holds the mandate: the English text takes it over,
    # any other language only adds its clause (services.languages).
    linked: dict[int, Mandate] = {}
    unmatched = [(index, inst, values) for index, (inst, _, _, values) in enumerate(incoming) if index not in matched]
    for index, mandate in languages.counterparts(document, unmatched).items():
        if languages.takes_over(document, mandate):
            matched[index] = mandate
            if mandate.review_decisions.exclude(action=ReviewDecision.Action.EXTRACTED).exists():
                decided.add(mandate.pk)
        else:
            linked[index] = mandate

    now = timezone.now()
    to_create: list[Mandate] = []
    to_update: list[Mandate] = []
    now_confident: list[Mandate] = []
    stored: dict[int, Mandate] = dict(linked)  # index in incoming -> the mandate its clause belongs to
    for index, (inst, key, record, values) in enumerate(incoming):
        if index in linked:
            continue
        paragraph = _find_paragraph(paragraphs, inst.pk, values["paragraph_label"])
        mandate = matched.get(index)
        review = _review_values(record)
        if mandate is None:
            mandate = Mandate(instrument=inst, paragraph=paragraph, natural_key=key, **values, **review)
            to_create.append(mandate)
            stored[index] = mandate
            continue
        stored[index] = mandate
        edited = set(mandate.staff_edited_fields or [])
        changed = False
        protected = False
        for name in EXTRACTED_FIELDS:
            if _current(mandate, name) == _incoming(values, name):
                continue
            if name in edited:
                protected = True
                continue
            setattr(mandate, name, values[name])
            changed = True
        if (
            mandate.instrument_id != inst.pk
            or mandate.natural_key != key
            or mandate.paragraph_id != (paragraph.pk if paragraph else None)
            or mandate.absent_since_version is not None
        ):
            mandate.instrument = inst  # another language version's mandate, taken over by the English text
            mandate.natural_key = key
            mandate.paragraph = paragraph
            mandate.absent_since_version = None  # back in the text
            changed = True
        if mandate.review_state == Mandate.ReviewState.CANDIDATE and mandate.pk not in decided:
            # Still waiting: what extraction now says about it is news; confident now means tracked.
            for name in _REVIEW_FIELDS:
                if getattr(mandate, name) != review[name]:
                    setattr(mandate, name, review[name])
                    changed = True
            if review["review_state"] == Mandate.ReviewState.CONFIRMED:
                now_confident.append(mandate)
        outcome.mandates_staff_protected += protected
        if changed:
            mandate.updated_at = now  # bulk_update does not run auto_now
            to_update.append(mandate)
        else:
            outcome.mandates_unchanged += 1

    # Not extracted any more: delete only what nobody has touched.
    to_delete = []
    relinked = 0
    for mandate in existing.values():
        if mandate.staff_edited_fields or mandate.status != Mandate.Status.PENDING or mandate.pk in decided:
            # Kept for staff to resolve, marked as no longer in the document; never handed to another clause.
            paragraph = _find_paragraph(paragraphs, mandate.instrument_id, mandate.paragraph_label)
            if mandate.paragraph_id != (paragraph.pk if paragraph else None) or mandate.absent_since_version is None:
                mandate.paragraph = paragraph
                if mandate.absent_since_version is None:
                    mandate.absent_since_version = document.version
                mandate.updated_at = now
                to_update.append(mandate)
                relinked += 1
            outcome.mandates_kept += 1
            state = (
                mandate.get_status_display().lower()
                if mandate.is_tracked
                else mandate.get_review_state_display().lower()
            )
            outcome.notes.append(
                f"kept mandate {mandate.pk} (¶{mandate.paragraph_label}, {state}"
                f"{', staff-edited' if mandate.staff_edited_fields else ''}, {mandate.subject[:60]!r}): "
                "no longer found in the text; marked for staff to resolve"
            )
        else:
            to_delete.append(mandate.pk)
            outcome.notes.append(
                f"removed untouched mandate {mandate.pk} (¶{mandate.paragraph_label}, {mandate.subject[:60]!r}): "
                "no longer found in the text"
            )

    reason = f"ingested {document.filename} (version {document.version})"
    if to_create:
        bulk_create_with_history(to_create, Mandate, default_user=uploaded_by, default_change_reason=reason)
    if to_update:
        bulk_update_with_history(
            to_update,
            Mandate,
            [
                *EXTRACTED_FIELDS,
                *_REVIEW_FIELDS,
                "instrument",
                "paragraph",
                "natural_key",
                "absent_since_version",
                "updated_at",
            ],
            default_user=uploaded_by,
            default_change_reason=reason,
            manager=Mandate.all_objects,  # candidates and rejected mandates are updated too
        )
    for mandate in now_confident:
        workflow.mandate_set_review_state(
            mandate=mandate,
            state=Mandate.ReviewState.CONFIRMED,
            action=ReviewDecision.Action.EXTRACTED,
            reason=f"extracted with confidence from version {document.version}",
        )
    if to_delete:
        Mandate.all_objects.filter(pk__in=to_delete).delete()
    kept = [m.pk for m in existing.values() if m.pk not in to_delete]
    _store_texts(document, incoming, stored, kept)
    if linked:
        outcome.mandates_linked = len(linked)
        outcome.notes.append(
            f"{len(linked)} mandate{'s' if len(linked) != 1 else ''} matched to another language version of "
            f"{document.symbol}: the clause is added to them, not tracked twice"
        )
    outcome.mandates_created = len(to_create)
    outcome.mandates_updated = len(to_update) - relinked
    outcome.mandates_removed = len(to_delete)


def _store_texts(document: Document, incoming: list, stored: dict[int, Mandate], kept: list[int]) -> None:
    """The clause of each mandate in this document's language (MandateText); rows of clauses gone are removed."""
    rows = [
        MandateText(
            mandate_id=stored[index].pk,
            language=document.language,
            document=document,
            paragraph_label=values["paragraph_label"],
            source_text=values["source_text"],
            source_start=values["source_start"],
            source_end=values["source_end"],
        )
        for index, (_, _, _, values) in enumerate(incoming)
        if index in stored
    ]
    if rows:
        MandateText.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["mandate", "language"],
            update_fields=["document", "paragraph_label", "source_text", "source_start", "source_end"],
        )
    current = {row.mandate_id for row in rows} | set(kept)
    MandateText.objects.filter(document=document).exclude(mandate_id__in=current).delete()


def _clause_words(text: str) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


# How alike two clauses must be, word for word, to be one obligation when their subjects agree.
_SAME_CLAUSE_RATIO = 0.8


def same_obligation(old: Mandate, values: dict) -> bool:
    """May a leftover old mandate take over a new record? Only when the clause still means the same.

    The looser passes pair on the extracted entity, body, session and category, which two different
    reports of one resolution share ("a report on gamma" in paragraph 3 of v1, "a report on delta" in
    paragraph 4 of v2). Status, history and staff edits follow an obligation, never a paragraph slot: the
    clause text must be the same (renumbered, or read differently by a better extraction), or the subject
    must be the same and the clause alike (a new deadline for the same report).
    """
    old_text, new_text = _clause_words(old.source_text), _clause_words(values["source_text"])
    if old_text and old_text == new_text:
        return True
    if _clause_words(old.subject) != _clause_words(values["subject"]):
        return False
    return difflib.SequenceMatcher(None, old_text, new_text, autojunk=False).ratio() >= _SAME_CLAUSE_RATIO


# Values on which leftover mandates are paired after the natural-key match (see _store_mandates).
_LOOSER_PASSES = (
    ("responsible_entity", "delivered_to", "due_body", "due_session_number", "due_event", "category"),
    ("paragraph_label", "responsible_entity", "category"),
)


def _drop_vanished_instruments(document: Document, *, keep: set[int]) -> None:
    """Delete instruments the new version no longer has, unless kept mandates still hang on them."""
    stale = Instrument.objects.filter(document=document).exclude(pk__in=keep)
    stale.annotate(n=models.Count("mandates")).filter(n=0).delete()


# --------------------------------------------------------------------------------------- staff edits

# Changed through other services (workflow, scheduling, ingestion itself), never by a plain edit.
_NOT_EDITABLE = {
    "id",
    "instrument",
    "absent_since_version",
    "natural_key",
    "staff_edited_fields",
    "status",
    "review_state",
    "confidence",
    "review_reason",
    "flag",
    "flagged_on",
    "created_at",
    "updated_at",
}


@transaction.atomic
def mandate_edit(*, mandate: Mandate, by, **changes) -> Mandate:
    """Save staff changes to `mandate` and add the changed field names to its staff_edited_fields.

    Re-ingestion never overwrites a field listed there. A change to what the schedule is computed from
    (calendar.SCHEDULE_INPUTS) re-dates the mandate and recomputes its flag. Status changes go through
    services.workflow.mandate_set_status instead. Raises ApplicationError for unknown or
    non-editable fields and ValidationError for invalid values.
    """
    changed: list[str] = []
    for name, value in changes.items():
        try:
            model_field = Mandate._meta.get_field(name)
        except FieldDoesNotExist:
            model_field = None
            if name.endswith("_id"):
                try:
                    model_field = Mandate._meta.get_field(name[:-3])
                except FieldDoesNotExist:
                    model_field = None
        if model_field is None or not model_field.concrete:
            raise ApplicationError(f"Mandates have no field {name!r}.")
        if model_field.name in _NOT_EDITABLE:
            hint = {"status": " Use the status workflow.", "review_state": " Confirm or reject it."}.get(
                model_field.name, ""
            )
            raise ApplicationError(f"{model_field.name} cannot be edited here.{hint}")
        before = getattr(mandate, model_field.attname)
        setattr(mandate, model_field.attname if name == model_field.attname else model_field.name, value)
        if getattr(mandate, model_field.attname) != before:
            changed.append(model_field.name)
    if not changed:
        return mandate
    mandate.staff_edited_fields = sorted(set(mandate.staff_edited_fields or []) | set(changed))
    # Validate what staff changed; rows written by extraction may predate a rule and must stay editable.
    mandate.full_clean(exclude=[f.name for f in Mandate._meta.concrete_fields if f.name not in changed])
    mandate._history_user = by  # simple-history records who made the change
    attnames = [Mandate._meta.get_field(name).attname for name in changed]
    mandate.save(update_fields=[*attnames, "staff_edited_fields", "updated_at"])
    if set(changed) & set(calendar.SCHEDULE_INPUTS):
        # A new session, body, event or category re-dates the mandate and sets its flag, in this transaction.
        calendar.mandates_schedule([mandate])
        mandate.refresh_from_db()
    return mandate
