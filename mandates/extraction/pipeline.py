"""The extraction pipeline: normalise -> find the document -> segment -> clauses -> publish offsets."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from mandates.extraction import romance
from mandates.extraction.clauses import date_next_sessions, paragraph_mandates, subparagraph_mandates
from mandates.extraction.context import Context
from mandates.extraction.language import detect_language
from mandates.extraction.names import Resolver
from mandates.extraction.normalise import NORMALISE_STAGES, detect_wrapping, normalise_characters, tidy_lines
from mandates.extraction.offsets import map_forward
from mandates.extraction.review import grade_and_review
from mandates.extraction.segment import detect_document, resolver_for, segment
from mandates.extraction.types import (
    ExtractionResult,
    InstrumentRecord,
    MandateRecord,
    Markup,
    ParagraphRecord,
    Reading,
)

Stage = Callable[[Context], None]


def extract_mandates(ctx: Context) -> None:
    """Run clause extraction over every operative paragraph of every instrument.

    Reads: context.instruments, context.text
    Writes: context.mandates (offsets into context.text)
    """
    for instrument in ctx.instruments:
        first = len(ctx.mandates)
        _extract_instrument(ctx, instrument)
        chain_across_paragraphs(ctx.mandates[first:], instrument)


def _extract_instrument(ctx: Context, instrument: InstrumentRecord) -> None:
    if ctx.language in romance.LANGUAGES and instrument.adopting_body:
        instrument.adopting_body = romance.adopting_body(instrument.adopting_body, ctx.language)
    resolver = resolver_for(instrument, ctx)
    if ctx.language in romance.LANGUAGES:
        _extract_romance(ctx, instrument, resolver)
        return
    first = len(ctx.mandates)
    _extract_english(ctx, instrument, resolver)
    date_next_sessions(ctx.mandates[first:], instrument, resolver)


def _extract_english(ctx: Context, instrument: InstrumentRecord, resolver: Resolver) -> None:
    lead: ParagraphRecord | None = None  # an operative paragraph ending with ":" (its sub-paragraphs follow)
    for paragraph in instrument.paragraphs:
        if paragraph.kind != "operative":
            continue
        resolver.cursor = paragraph.end - instrument.start  # short forms: the full name printed last before
        if "(" not in paragraph.number:
            lead = paragraph if paragraph.text.rstrip().endswith(":") else None
            drafts = paragraph_mandates(paragraph, instrument, resolver)
        elif lead is not None and re.match(r"\([a-z]{1,4}\)\s+[Tt]o\s", paragraph.text):
            drafts = subparagraph_mandates(lead, paragraph, instrument, resolver) or paragraph_mandates(
                paragraph, instrument, resolver
            )
        else:
            drafts = paragraph_mandates(paragraph, instrument, resolver)
        _append(ctx, instrument, paragraph, drafts)


def _extract_romance(ctx: Context, instrument: InstrumentRecord, resolver) -> None:
    """French and Spanish: the same records from that language's grammar (romance.py)."""
    lead = ""
    for paragraph in instrument.paragraphs:
        if paragraph.kind != "operative":
            continue
        resolver.cursor = paragraph.end - instrument.start
        if "(" not in paragraph.number:
            lead = paragraph.text if paragraph.text.rstrip().endswith(":") else ""
        drafts = romance.paragraph_mandates(
            paragraph, instrument, resolver, ctx.language, lead if "(" in paragraph.number else ""
        )
        _append(ctx, instrument, paragraph, drafts)


def _append(ctx: Context, instrument: InstrumentRecord, paragraph: ParagraphRecord, drafts: list) -> None:
    for draft in drafts:
        start = paragraph.start + draft.start
        end = paragraph.start + draft.end
        ctx.mandates.append(
            MandateRecord(
                instrument=instrument.label,
                instrument_title=instrument.title,
                adopting_body=instrument.adopting_body,
                paragraph=paragraph.number,
                category=draft.category,
                responsible_entity=draft.responsible,
                delivered_to=draft.delivered_to,
                channel=draft.channel,
                due_body=draft.due_body,
                due_session=draft.due_session,
                due_event=draft.due_event,
                recurrence=draft.recurrence,
                subject=draft.subject,
                start=start,
                end=end,
                text="",
            )
        )


REFERRED_PARAGRAPH = re.compile(r"\breferred\s+to\s+in\s+paragraph\s+(\d{1,3})\b")


def chain_across_paragraphs(records: list[MandateRecord], instrument: InstrumentRecord) -> None:
    """Information given to an entity that is not a body ("to provide input to the Office for the compilation
    referred to in paragraph 10", "to provide information to the Secretary-General on measures taken") feeds the
    report that entity makes elsewhere in the instrument: it takes that report's recipient, channel and deadline.
    The paragraph named by "referred to in paragraph N" decides; else the entity's reports must agree on one."""
    texts = {p.number: p.text for p in instrument.paragraphs if p.kind == "operative"}
    for d in records:
        if d.category != "information" or not d.delivered_to or Resolver.is_body(d.delivered_to):
            continue
        if d.due_body or d.due_session or d.due_event or d.recurrence:
            continue
        onward = [
            e
            for e in records
            if e is not d
            and e.category in ("report", "information")
            and e.responsible_entity == d.delivered_to
            and e.delivered_to
            and Resolver.is_body(e.delivered_to)
            and (e.due_session or e.due_event)
        ]
        ref = REFERRED_PARAGRAPH.search(texts.get(d.paragraph, ""))
        if ref:
            onward = [e for e in onward if e.paragraph.split(" ")[0] == ref.group(1)]
        if not onward or len({(e.delivered_to, e.due_body, e.due_session, e.due_event) for e in onward}) != 1:
            continue
        e = onward[0]
        d.delivered_to, d.channel, d.due_body = e.delivered_to, e.channel, e.due_body
        d.due_session, d.due_event = e.due_session, e.due_event


def publish_offsets(ctx: Context) -> None:
    """Map every offset from the clean text back to the original text; mandate text = original slice.

    Reads: context.instruments, context.mandates, context.maps, context.source
    Writes: start/end (and mandate text) of every record
    """
    for instrument in ctx.instruments:
        instrument.start, instrument.end = ctx.to_source(instrument.start, instrument.end)
        for paragraph in instrument.paragraphs:
            paragraph.start, paragraph.end = ctx.to_source(paragraph.start, paragraph.end)
    for mandate in ctx.mandates:
        mandate.start, mandate.end = ctx.to_source(mandate.start, mandate.end)
        mandate.text = ctx.source[mandate.start : mandate.end]


# grade_and_review: confidence for each mandate, and review candidates where the recall net fires on a clause the
# grammar found nothing in (issue #8).
PIPELINE: list[Stage] = [
    *NORMALISE_STAGES,
    detect_document,
    segment,
    extract_mandates,
    grade_and_review,
    publish_offsets,
]


def run(text: str, stages: list[Stage] | None = None, language: str = "en") -> Context:
    ctx = Context(source=text, language=language)
    for stage in stages or PIPELINE:
        stage(ctx)
    return ctx


def extract_text(text: str) -> ExtractionResult:
    """Split `text` into instruments and paragraphs and extract every mandate (offsets into `text`)."""
    ctx = run(text, language=detect_language(text))
    if len(ctx.instruments) == 1:
        ctx.title = ctx.instruments[0].title  # a stand-alone resolution or draft: its title is the document's
    return ExtractionResult(
        text=text,
        instruments=ctx.instruments,
        mandates=ctx.mandates,
        symbol=ctx.symbol,
        title=ctx.title,
        language=ctx.language,
    )


def segment_from_markup(markup: Markup) -> Stage:
    """The segmentation stage for a marked-up source: the instruments and paragraphs the markup states, their
    offsets (into the source) carried forward into the clean text. Replaces `segment`.

    Reads: context.maps, context.text
    Writes: context.instruments, context.symbol, context.title
    """

    def stage(ctx: Context) -> None:
        ctx.symbol, ctx.title = markup.symbol, markup.title
        for source in markup.instruments:
            start, end = map_forward(ctx.maps, source.start, source.end)
            record = replace(source, start=start, end=end, paragraphs=[])
            for paragraph in source.paragraphs:
                p_start, p_end = _trimmed(ctx.text, *map_forward(ctx.maps, paragraph.start, paragraph.end))
                if p_end > p_start:
                    record.paragraphs.append(replace(paragraph, start=p_start, end=p_end, text=ctx.text[p_start:p_end]))
            ctx.instruments.append(record)

    return stage


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Text derived from markup has no page furniture, footnote markers, tags or hard wraps: only characters and blank
# lines are normalised. (The footnote-marker stage would delete real numbers: "as a solution, 60 continuing
# positions" reads like a PDF marker after a comma.)
MARKUP_NORMALISE_STAGES: list[Stage] = [normalise_characters, detect_wrapping, tidy_lines]


def extract_marked_up(reading: Reading) -> ExtractionResult:
    """Extract the mandates of a marked-up reading (Akoma Ntoso XML): the text is normalised as any other, but the
    instruments and paragraphs come from the markup; offsets point into `reading.text`."""
    markup = reading.markup
    if markup is None:
        raise ValueError("extract_marked_up needs a reading with markup; use extract_text")
    stages = [
        *MARKUP_NORMALISE_STAGES,
        detect_document,
        segment_from_markup(markup),
        extract_mandates,
        grade_and_review,
        publish_offsets,
    ]
    ctx = run(reading.text, stages, markup.language)
    return ExtractionResult(
        text=reading.text,
        instruments=ctx.instruments,
        mandates=ctx.mandates,
        symbol=markup.symbol,
        title=markup.title,
        language=markup.language,
    )


def extract_reading(reading: Reading) -> ExtractionResult:
    """Extract the mandates of any reading: by its markup when it has one, else from its text."""
    if reading.markup is not None:
        return extract_marked_up(reading)
    return extract_text(reading.text)
