"""Small builders for tests: explicit fields, sensible defaults, no JSON dumps."""

from __future__ import annotations

import hashlib
import itertools

from mandates.extraction.types import MandateRecord
from mandates.models import Body, Document, Entity, Instrument, Mandate, Paragraph, Session

_counter = itertools.count(1)


def body(name: str = "General Assembly", **fields) -> Body:
    obj, _ = Body.objects.get_or_create(name=name, defaults=fields)
    return obj


def entity(name: str = "Secretary-General", **fields) -> Entity:
    obj, _ = Entity.objects.get_or_create(name=name, defaults=fields)
    return obj


def session(body_obj: Body, number: int, **fields) -> Session:
    return Session.objects.create(body=body_obj, number=number, **fields)


def at_session(body_obj: Body, number: int) -> Session:
    """The regular session `number` of the body (created without dates): what the scheduler attaches a
    mandate due there to. Pass as due_session= when a test sets the dates itself."""
    obj, _ = Session.objects.get_or_create(body=body_obj, number=number, kind=Session.Kind.REGULAR)
    return obj


def document(**fields) -> Document:
    n = next(_counter)
    text = fields.pop("text", f"Document {n}. Requests the Secretary-General to report.")
    defaults = dict(
        source_key=f"doc-{n}",
        filename=f"doc-{n}.txt",
        format=Document.Format.TEXT,
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        size_bytes=len(text.encode()),
        text=text,
    )
    defaults.update(fields)
    return Document.objects.create(**defaults)


def instrument(doc: Document | None = None, **fields) -> Instrument:
    doc = doc or document()
    defaults = dict(label=f"Resolution {next(_counter)}", title="A resolution", adopting_body=body())
    defaults.update(fields)
    return Instrument.objects.create(document=doc, **defaults)


def mandate(**fields) -> Mandate:
    """A report from the Secretary-General to the General Assembly at its 80th session, unless told otherwise."""
    inst = fields.pop("instrument", None) or instrument()
    ga = body()
    text = "Requests the Secretary-General to submit to the General Assembly at its eightieth session a report"
    defaults = dict(
        instrument=inst,
        paragraph_label="1",
        category=Mandate.Category.REPORT,
        responsible_entity=entity(),
        delivered_to=ga,
        due_body=ga,
        due_session_number=80,
        subject="implementation of the present resolution",
        source_text=text,
        source_start=0,
        source_end=len(text),
        natural_key=f"key-{next(_counter)}",
    )
    defaults.update(fields)
    if "paragraph" not in fields:
        defaults["paragraph"] = Paragraph.objects.create(
            instrument=inst, number=defaults["paragraph_label"], kind="operative", text=text
        )
    return Mandate.objects.create(**defaults)


def candidate(**fields) -> Mandate:
    """A review candidate (issue #8): stored, waiting for a person, not tracked."""
    defaults = dict(
        review_state=Mandate.ReviewState.CANDIDATE, confidence=0.4, review_reason="no due session in the clause"
    )
    return mandate(**{**defaults, **fields})


def mandate_record(**fields) -> MandateRecord:
    """What extraction returns for one clause; `review=True` makes it a candidate (see candidate_record)."""
    text = "Requests the Secretary-General to submit to the General Assembly at its eightieth session a report"
    defaults = dict(
        instrument="Resolution 78/1",
        instrument_title="A resolution",
        adopting_body="General Assembly",
        paragraph="1",
        category="report",
        responsible_entity="Secretary-General",
        delivered_to="General Assembly",
        channel=None,
        due_body="General Assembly",
        due_session=80,
        due_event=None,
        recurrence=None,
        subject="implementation of the present resolution",
        start=0,
        end=len(text),
        text=text,
    )
    defaults.update(fields)
    return MandateRecord(**defaults)


def candidate_record(**fields) -> MandateRecord:
    """A record the recall net flagged: the grammar could not decide on it."""
    defaults = dict(review=True, confidence=0.4, review_reason="the grammar found no deadline")
    return mandate_record(**{**defaults, **fields})
