"""Two tiers (issue #8): confident mandates from the grammar, review candidates for a person.

The stage `grade_and_review` runs after clause extraction, while offsets still index the clean text:
- every confident mandate gets a confidence from the fields the grammar resolved;
- a mandate with no deadline at all (no session, event or recurrence) becomes a review candidate that says why;
- the recall net (recall_net.py) reads every clause of every operative paragraph and lettered sub-paragraph;
  where it fires and the grammar produced nothing for that clause, a review candidate is emitted with the fields
  filled as well as the grammar's resolvers can, a confidence below 0.5 and the reason the grammar did not decide.
"""

from __future__ import annotations

import re

from mandates.extraction import clauses, romance
from mandates.extraction.context import Context
from mandates.extraction.grammar import STATE_WORDS
from mandates.extraction.names import ALIASES, Resolver
from mandates.extraction.recall_net import LABEL, OBJECT, SELF, Hit, RecallNet, recall_net
from mandates.extraction.segment import resolver_for
from mandates.extraction.subjects import subject as subject_of
from mandates.extraction.types import InstrumentRecord, MandateRecord, ParagraphRecord

KNOWN_NAMES = frozenset(ALIASES.values())
LANGUAGES_WITH_NET = ("en", "fr", "es")

NO_DEADLINE = "no session, event or recurrence in the clause"
UNBOUND_DEADLINE = "the clause names a session or date the grammar could not bind to this mandate"
ACTION_NO_DEADLINE = "an action with no session or event: a mandate only if a person confirms one"
NO_ENTITY = "no responsible entity found"
NO_DELIVERY = "request verb without a recognised delivery"
SUBJECT_REQUEST = "request by a modal or passive verb ('should submit', 'is requested to'), not a request verb"
DEADLINE_NO_RECIPIENT = "deadline without recipient"
RECIPIENT_NO_DEADLINE = "recipient without session, event or recurrence"
UNPARSED = "request, delivery and target found, but the grammar could not parse the clause"


def grade_and_review(ctx: Context) -> None:
    """Confidence for every mandate, deadline-less mandates to review, and recall-net candidates.

    Reads: context.instruments, context.mandates, context.text
    Writes: confidence/review/review_reason of context.mandates, new candidates in context.mandates (in text order)
    """
    net = recall_net(ctx.language if ctx.language in LANGUAGES_WITH_NET else "en")
    for mandate in ctx.mandates:
        _grade(mandate, ctx.text, net)
    if ctx.language != "en" and ctx.language not in romance.LANGUAGES:
        return  # no grammar to read the candidates' fields
    candidates: list[MandateRecord] = []
    for instrument in ctx.instruments:
        found = [m for m in ctx.mandates if instrument.start <= m.start < instrument.end]
        candidates += _net_candidates(ctx, instrument, found, net)
    if candidates:
        ctx.mandates.extend(candidates)
        ctx.mandates.sort(key=lambda m: m.start)  # stable: the grammar's own order is kept


def has_deadline(m: MandateRecord) -> bool:
    return bool(m.due_session or m.due_event or m.recurrence)


def _grade(m: MandateRecord, text: str, net: RecallNet) -> None:
    if not has_deadline(m):
        m.review = True
        if m.category == "action":
            m.confidence, m.review_reason = 0.4, ACTION_NO_DEADLINE
        else:
            named = net.names_deadline(text[m.start : m.end])
            m.confidence, m.review_reason = 0.45, UNBOUND_DEADLINE if named else NO_DEADLINE
        return
    checks = (
        m.responsible_entity in KNOWN_NAMES or bool(STATE_WORDS.search(m.responsible_entity)),
        bool(m.delivered_to) and (Resolver.is_body(m.delivered_to) or clauses._is_event(m.delivered_to)),
        bool(m.due_session) or bool(m.due_event and m.due_event != "next session") or bool(m.recurrence),
    )
    m.confidence = round(0.9 + 0.1 * sum(checks) / len(checks), 2)


def _net_candidates(
    ctx: Context, instrument: InstrumentRecord, found: list[MandateRecord], net: RecallNet
) -> list[MandateRecord]:
    out: list[MandateRecord] = []
    resolver: Resolver | None = None
    lead: ParagraphRecord | None = None
    for paragraph in instrument.paragraphs:
        if paragraph.kind != "operative":
            continue
        if "(" not in paragraph.number:
            lead = paragraph if paragraph.text.rstrip().endswith(":") else None
        lead_request = net.request(paragraph_body(lead.text)) if lead is not None and lead is not paragraph else None
        if lead_request is None and net.request(paragraph.text) is None:
            # No request anywhere in the paragraph, so none in any of its clauses (they are split at white space): the
            # net cannot fire on them.
            continue
        spans = [(m.start, m.end) for m in found if paragraph.start <= m.start < paragraph.end]
        for c_start, c_end in net.clauses(paragraph.text):
            label = LABEL.match(paragraph.text, c_start) if c_start == 0 else None
            c_start = label.end() if label else c_start  # the clause, without the paragraph's number
            start, end = paragraph.start + c_start, paragraph.start + c_end
            if any(s < end and start < e for s, e in spans):
                continue  # the grammar spoke about this clause
            clause = paragraph.text[c_start:c_end]
            hit = net.fire(clause, lead_request)
            if hit is None:
                continue
            if resolver is None:
                resolver = resolver_for(instrument, ctx)
            resolver.cursor = paragraph.end - instrument.start
            if ctx.language in romance.LANGUAGES:
                read = _romance_candidates(clause, hit, paragraph, lead, instrument, resolver, ctx.language)
            else:
                read = _candidates(clause, hit, paragraph, lead, instrument, resolver, net)
            for candidate in read:
                candidate.start, candidate.end = start, end
                out.append(candidate)
    return out


def paragraph_body(text: str) -> str:
    """A paragraph without its printed number or letter."""
    label = LABEL.match(text)
    return text[label.end() :] if label else text


def _candidates(
    clause: str,
    hit: Hit,
    paragraph: ParagraphRecord,
    lead: ParagraphRecord | None,
    instrument: InstrumentRecord,
    resolver: Resolver,
    net: RecallNet,
) -> list[MandateRecord]:
    """Candidates for one clause, with the grammar's resolvers: one per entity and per recipient and deadline, as the
    grammar would count them (at most MAX_PER_CLAUSE), else one with whatever was found."""
    source, request = clause, hit.request
    if request is None and lead is not None:
        # "Requests the Secretary-General:" + "(a) To report ...": read the two as one sentence, as the grammar does.
        head = paragraph_body(lead.text).rstrip().rstrip(":").rstrip()
        body = paragraph_body(clause)
        source = f"{head} {body[:1].lower()}{body[1:]}"
        found = net.request(head)
        request = found[0] if found else (0, 0)
    start, end = request or (0, 0)
    if hit.kind == OBJECT:
        end = net.aside.match(source, end).end()  # "Requests, in this regard, | the Office to ..."
    responsible, printed, action, prefix = _who_and_what(source, start, end, hit.kind, instrument, resolver)
    category = clauses._category(action)
    entities = clauses._entities(responsible, printed, resolver) if responsible and printed else [responsible]
    subject = subject_of(action, action, prefix, "", instrument.title)
    out: list[MandateRecord] = []
    for entity in entities:
        frame = clauses._frame(action, category, entity, instrument, resolver, prefix)
        common = {"responsible": entity, "subject": subject, "start": 0, "end": 0}
        if category == "action":
            drafts = clauses._action_drafts(frame, action, "", resolver, common)
        else:
            drafts = clauses._delivery_drafts(frame, entity, common)
        targets = [(d.delivered_to, d.channel, d.due_body, d.due_session, d.due_event, d.recurrence) for d in drafts]
        for target in targets or [_best_target(frame)]:
            if len(out) < MAX_PER_CLAUSE:
                out.append(_record(entity, category, target, hit, subject, paragraph, instrument))
    return out


MAX_PER_CLAUSE = 4


def _romance_candidates(
    clause: str,
    hit: Hit,
    paragraph: ParagraphRecord,
    lead: ParagraphRecord | None,
    instrument: InstrumentRecord,
    resolver: Resolver,
    language: str,
) -> list[MandateRecord]:
    """Candidates for one French or Spanish clause, with the fields romance.py can still read from it."""
    source = clause
    if hit.request is None and lead is not None:
        # "Prie le Secrétaire général :" + "a) De lui présenter ...": the two as one sentence.
        source = paragraph_body(lead.text).rstrip().rstrip(":").rstrip() + " " + paragraph_body(clause)
    responsible, category, targets, action = romance.clause_reading(source, instrument, resolver, language)
    subject = romance._subject(action, instrument.title)
    return [
        _record(responsible, category, target, hit, subject, paragraph, instrument)
        for target in targets[:MAX_PER_CLAUSE]
    ]


Target = tuple[str | None, str | None, str | None, int | None, str | None, str | None]


def _best_target(frame: clauses.Frame) -> Target:
    """Recipient, channel, due body, session, event and recurrence as far as the frame has them."""
    delivered_to = frame.recipients[0].name if frame.recipients else None
    due_body, due_session = frame.bound[0] if frame.bound else (None, None)
    delivered_to = delivered_to or due_body
    due_event = None
    if frame.bound:
        due_event = frame.session_year or (None if due_session else "next session")
    elif delivered_to and clauses._is_event(delivered_to):
        due_event, due_body = delivered_to, delivered_to
    elif frame.year:
        due_event = frame.year.group("session_year") or frame.year.group("date") or frame.year.group("within")
    return delivered_to, frame.channel, due_body, due_session, due_event, frame.recurrence


def _record(
    responsible: str,
    category: str,
    target: Target,
    hit: Hit,
    subject: str,
    paragraph: ParagraphRecord,
    instrument: InstrumentRecord,
) -> MandateRecord:
    delivered_to, channel, due_body, due_session, due_event, recurrence = target
    deadline = bool(due_session or due_event or recurrence)
    if not responsible:
        reason = NO_ENTITY
    elif hit.kind not in (OBJECT, SELF):
        reason = SUBJECT_REQUEST
    elif category == "action":
        reason = NO_DELIVERY
    elif deadline and not delivered_to:
        reason = DEADLINE_NO_RECIPIENT
    elif delivered_to and not deadline:
        reason = RECIPIENT_NO_DEADLINE
    else:
        reason = UNPARSED
    confidence = 0.2 + 0.08 * (bool(responsible) + bool(delivered_to) + deadline)
    return MandateRecord(
        instrument=instrument.label,
        instrument_title=instrument.title,
        adopting_body=instrument.adopting_body,
        paragraph=paragraph.number,
        category=category,
        responsible_entity=responsible,
        delivered_to=delivered_to,
        channel=channel,
        due_body=due_body,
        due_session=due_session,
        due_event=due_event,
        recurrence=recurrence,
        subject=subject,
        start=0,
        end=0,
        text="",
        confidence=round(confidence, 2),
        review=True,
        review_reason=reason,
    )


def _who_and_what(
    source: str, start: int, end: int, kind: str, instrument: InstrumentRecord, resolver: Resolver
) -> tuple[str, str, str, str]:
    """The responsible entity ("" when none is found) and its name as printed, the action asked for, and the text
    before the action."""
    if kind == SELF:
        return instrument.adopting_body, "", source[end:], source[:end]
    if kind == OBJECT:
        found = clauses._responsible(source[end:], resolver, source[:start])
        if found is None:
            return "", "", source[end:], source[:end]
        responsible, action_start, printed = found
        return responsible, printed, source[end + action_start :], source[: end + action_start]
    # SUBJECT: "the secretariat should submit", "the Committee is requested to report": the name before the verb.
    before = paragraph_body(source[:start])
    before = re.sub(r"^.*\bthat\s+", "", before, flags=re.S).strip(" ,")
    printed = before if re.search(r"[A-Z]", before) and len(before) < 200 else ""
    responsible = resolver.resolve(printed) if printed else ""
    said = source[start:end]
    if re.search(r"\sto$", said):
        action_start = end  # "is requested to | submit"
    else:
        modal = re.match(r"\S+\s+", said)  # "should | submit"
        action_start = start + (modal.end() if modal else 0)
    return responsible, printed, source[action_start:], source[:action_start]
