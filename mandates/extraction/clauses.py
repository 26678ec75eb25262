"""Clause extraction: operative paragraphs -> mandates (who delivers what, to which body, by when).

The grammar, as UN resolutions write it:

    <trigger verb> <responsible entity> to <action>[, and to <action>]...

where a trigger is "requests", "also requests", "invites", "encourages", "reiterates its request to",
"decides that X shall"... An action that delivers something (report, submit, present, provide
information, brief, keep updated, transmit) names recipients ("to the General Assembly", "through the
Commission", "to it"), and deadlines: "at its seventy-seventh session" binds to the nearest body named
before it (else to the subject when it is a body, else to the adopting body), "annually", "on a
biennial basis", "in 2024", or an event such as a Congress. One mandate per recipient and deadline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mandates.extraction.grammar import (
    ACTING_VERB,
    ADVERBIAL,
    AGENT_HEAD,
    ANTECEDENT,
    CHANNEL_BEFORE,
    CITED_AFTER,
    CONTRIBUTION,
    DELIVERY,
    DELIVERY_FOLDED,
    DELIVERY_WORDS,
    DISSEMINATION,
    EVENT_HEAD,
    FUNDING,
    INFINITIVE,
    INFORMATION,
    INFORMING,
    INFORMING_BY_REPORT,
    LINKING_ASIDE,
    LIST_BEFORE,
    NAMED_SESSION,
    NARRATIVE_STEMS,
    NARRATIVE_TRIGGER,
    NEXT_SESSION,
    NEXT_SESSION_HELD,
    NOT_ONLY_FUNDING,
    NP_END,
    NP_END_THAT,
    ORAL,
    ORAL_FOLDED,
    ORDINAL,
    PASSIVE_DELIVERY,
    PASSIVE_REQUEST,
    PAST_BEFORE,
    PAST_TO,
    PERSON_ANTECEDENT,
    PLURAL_ANTECEDENT,
    PROVIDED_UPDATE,
    RECIPIENT_BEFORE,
    RECURRENCE,
    RECURRENCE_ANY_FOLDED,
    RECURRENCE_FOLDED,
    REFERENCED_REPORT,
    REPORT,
    REPORT_FOLDED,
    RESPECTIVELY,
    SECOND_OBJECT,
    SECOND_OBJECT_WORDS,
    SESSION,
    SESSION_FOLDED,
    STATE_WORDS,
    SUBMISSION,
    SUBMITTED_INFORMATION,
    TAKEN_UP_AT_SESSION,
    THAT_SESSION,
    TRANSMIT,
    TRANSMIT_FOLDED,
    TRIGGER,
    TRIGGER_STEMS,
    VERB_AFTER_TO,
    VERB_TO,
    WRITTEN_REPORT,
    YEAR,
    clause_end_for,
    search_folded,
    session_matches,
    unfolded,
)
from mandates.extraction.names import (
    ALIASES,
    ENTITY_NAMES,
    EVENT_WORDS,
    GA,
    MAIN_COMMITTEE,
    NAMES_AN_ORGAN,
    Resolver,
    mention_regex_for,
    strip_article,
)
from mandates.extraction.numbers import cardinal_to_int, ordinal_to_int
from mandates.extraction.subjects import MAX_LENGTH as MAX_SUBJECT
from mandates.extraction.subjects import subject as subject_of
from mandates.extraction.types import InstrumentRecord, ParagraphRecord

ALL_NAMES = frozenset(ALIASES.values())
QUOTED = re.compile(r"“[^”]{0,600}”|\"[^\"]{0,600}\"")
# ", made in paragraph 5 of resolution 76/12," / ", contained in its resolution 75/1,": an aside naming an earlier request
EARLIER_REQUEST_ASIDE = re.compile(
    r"\s*,\s*(?:as\s+)?(?:made|contained|set\s+out|expressed|formulated|included|reflected)\s+in\b[^,;]{0,160},(?=\s*(?:that|to)\s)"
)
# What a pronoun subject stands for: "it" an organ, "he"/"she" an office-holder, "they" anyone named (States too).
PRONOUN_ANTECEDENTS = {
    "it": ANTECEDENT,
    **dict.fromkeys(("he", "she", "him", "her"), PERSON_ANTECEDENT),
    **dict.fromkeys(("they", "them"), PLURAL_ANTECEDENT),
}


@dataclass
class Mention:
    name: str
    start: int
    end: int
    role: str  # "recipient" | "channel" | "other"


@dataclass
class Draft:
    """A mandate in the making, with offsets into the paragraph's text."""

    category: str
    responsible: str
    delivered_to: str | None
    channel: str | None
    due_body: str | None
    due_session: int | None
    due_event: str | None
    recurrence: str | None
    subject: str
    start: int
    end: int


# Compiled once: `_responsible` and `_entities` run for every clause the grammar reads.
_THAT = re.compile(r"\s*that\s")
_TITLE_WORDS = re.compile(r"\b(?:Special|Independent|Working|Expert)\b")
_LEADING_THAT_TO = re.compile(r"^(?:that|to)\s+")
_ACRONYM = re.compile(r"\s*\([A-Z][\w-]*\)")
_AT_SESSION_END = re.compile(r"\s+(?:at|during)\s+(?:its|the)\s+[\w-]+\s+session$")
_HEAD_END = re.compile(r"\s+(?:of|on|for|to)\s+")
_CAPITAL = re.compile(r"[A-Z]")
_SPACES = re.compile(r"\s+")
_CAPITALISED = re.compile(r"(?:the\s+)?[A-Z]")
_LIST_OF_THE = re.compile(r",\s+(?:and\s+)?the\s+[a-z]")
# "in which it requested", "has requested": a request quoted from an earlier resolution
_QUOTED_REQUEST = re.compile(r"\b(?:in which|whereby|which)\s+(?:it\s+)?$|\bhas\s+$|\bhad\s+$")


def _responsible(clause: str, resolver: Resolver, before: str = "") -> tuple[str, int, str] | None:
    """The entity asked to act, where its action starts in `clause` (just after the verb), and its printed name.

    `before` is the paragraph text before the trigger, for "requests it to ...".
    """
    aside = EARLIER_REQUEST_ASIDE.match(clause) or LINKING_ASIDE.match(clause)
    if aside:
        # "reiterates its request, made in paragraph 5 of resolution 76/12, that the Secretary-General submit ...":
        # the aside dates the earlier request; the request itself follows.
        found = _responsible(clause[aside.end() :], resolver, before)
        return (found[0], found[1] + aside.end(), found[2]) if found else None
    that = _THAT.match(clause)
    m = (NP_END_THAT if that else NP_END).search(clause)
    if not m:
        return None
    if not that and _TITLE_WORDS.search(clause[: m.start()]):
        # "the Special Rapporteur on the right to food to report": "to food" is part of the title when a
        # known verb follows shortly.
        verb = VERB_AFTER_TO.match(clause, m.end())
        if not verb:
            later = VERB_TO.search(clause, m.end(), m.end() + 80)
            if later:
                m = later
    np = clause[: m.start()].strip()
    np = _LEADING_THAT_TO.sub("", np)
    # "the Secretary-General, in consultation with Member States," -> cut at an adverbial aside;
    # "Member States, relevant United Nations entities and other stakeholders" is a list: keep whole.
    parts = np.split(",")
    if len(parts) > 1:
        keep = [parts[0]]
        for part in parts[1:]:
            if ADVERBIAL.match(part):
                break
            keep.append(part)
        np = ",".join(keep).strip()
    if not np or len(np) > 400:
        return None  # not a name: the clause is not "<verb> <entity> to <action>"
    np = _ACRONYM.sub("", np)  # "(UNODC)"
    # "the President of the General Assembly at its seventy-eighth session": the office-holder of that session
    np = _AT_SESSION_END.sub("", np)
    pronoun = np.lower()
    if pronoun in PRONOUN_ANTECEDENTS:
        # "Expresses its appreciation to the Advisory Commission, and requests it to ...", "requests that he
        # submit", "invites Member States ... and requests them to": the entity of that kind named last before the
        # request; without one the pronoun cannot be resolved.
        named = PRONOUN_ANTECEDENTS[pronoun].findall(before)
        if not named:
            return None
        return resolver.resolve(named[-1]), m.end(), named[-1]
    passive = PASSIVE_DELIVERY.match(clause, m.start()) if that else None
    if passive:
        # "that the report of the Ad Hoc Committee ... should be submitted to the Assembly": who delivers is the agent
        # named after the verb, else the entity that owns what is delivered; the action starts at the modal.
        owner = passive.group("agent") or _owner(np, resolver)
        if not owner:
            return None
        return resolver.resolve(owner), m.start(), owner
    head = _HEAD_END.split(np)[0] if that else ""
    if that and (EVENT_HEAD.search(head) or (not _CAPITAL.search(np) and not AGENT_HEAD.search(head))):
        return None  # "decides that the item shall be considered": a thing, not someone who delivers
    return resolver.resolve(np), m.end(), np


OWNER = re.compile(r"\b(?:of|from|by)\s+(?:the\s+)?((?:[A-Z][\w-]*)(?:\s+(?:[A-Z][\w-]*|of|on|for|and|the|to))*[\w-])")


def _owner(thing: str, resolver: Resolver) -> str | None:
    """Who produces a thing named by a noun phrase: the last known entity or organ after "of", "from" or "by" ("the
    report of the organizational session of the Ad Hoc Committee" -> the Ad Hoc Committee), or a possessive."""
    thing = QUOTED.sub("", thing)
    candidates = [m.group(1) for m in OWNER.finditer(thing)]
    candidates += re.findall(r"\b(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)’s\b", thing)
    for name in reversed(candidates):
        resolved = resolver.resolve(name)
        if resolved in ALL_NAMES or NAMES_AN_ORGAN.search(resolved):
            return name
    return None


def _passive_category(thing: str) -> str:
    """What a passive delivery delivers, from its subject: a report (or study, note, outline), else information."""
    if SUBMITTED_INFORMATION.search(thing) and not search_folded(REPORT, REPORT_FOLDED, thing):
        return "information"
    return "report"


# "the Chair of the Committee on ... and the Special Rapporteur on ...": conjuncts that each start with "the" and a
# capital are distinct named office-holders or organs, each its own mandate.
CONJUNCT = re.compile(r"\s*,\s*(?:and\s+)?(?=the\s+[A-Z])|\s+and\s+(?=the\s+[A-Z])")


def _entities(name: str, np_text: str, resolver: Resolver) -> list[str]:
    """One name per distinct invitee. A generic list ("Member States, relevant United Nations entities and other
    stakeholders") or a known name that holds "and the" stays whole."""
    np_text = _SPACES.sub(" ", np_text).strip()
    if " the " not in np_text or name in ALL_NAMES:
        return [name]
    parts = CONJUNCT.split(np_text)
    if len(parts) < 2 or not all(_CAPITALISED.match(p) for p in parts):
        return [name]
    if any(STATE_WORDS.search(p) or len(p) > 200 or _LIST_OF_THE.search(p) for p in parts):
        return [name]  # "the Secretary-General, the relevant United Nations entities and ...": a generic list
    names = [resolver.resolve(p) for p in parts]
    if not all(n in ALL_NAMES or NAMES_AN_ORGAN.search(n) for n in names):
        return [name]  # "the Office on Genocide Prevention and the Responsibility to Protect": one name
    return names


# "the Commission and its subsidiary bodies", "the Committee and its subcommittees": a body's own organs, listed with it
OWN_ORGANS = re.compile(
    r"\s*,?\s+(?:and|as\s+well\s+as)\s+(?:to\s+)?its\s+(?:(?P<organs>(?:subsidiary\s+(?:bodies|organs)|subcommittees|sub-commissions"
    r"|working\s+groups|expert\s+bodies|technical\s+bodies|bureau)\b)"
    r"|(?P<named>(?-i:[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*)*?\s+Subcommittee(?:\s*,?\s+and\s+(?:its\s+)?[A-Z][\w-]*"
    r"(?:\s+(?:and\s+)?[A-Z][\w-]*)*?\s+Subcommittee)*)))\b",
    re.I,
)


def _owned_organs(name: str) -> bool:
    """ "subcommittees of the Committee on ...": organs of a body (see OWN_ORGANS) meet as bodies do."""
    organs, _, owner = name.partition(" of the ")
    return bool(owner) and bool(OWN_ORGANS.fullmatch(f" and its {organs}")) and Resolver.is_body(owner)


NAME_RUNS_ON = re.compile(r"(?:\s+and\s+(?:the\s+)?[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)?\s+[A-Z][\w’'-]*\s+[A-Z]")


ORDINAL_PREFIX = re.compile(rf"^(?:the\s+)?(?i:{ORDINAL})\s+(?=[A-Z])")


# "the Special Committee" standing for "Special Committee on the Charter of the United Nations and on ...", printed
# in full in the instrument: a committee, commission or board with its remit is a body that meets, whether or not the
# name tables know it (forums and groups are often events or networks, so they must be known).
PRINTED_ORGAN = re.compile(r"(?:[A-Z][\w-]*\s+){1,3}(?:Committee|Commission|Board)\s+(?:on|for|of)\s+\S.*")


def _printed_organ(name: str, resolver: Resolver) -> bool:
    """A name printed the same way twice is the organ's name; "the Intergovernmental Oceanographic Commission on a
    training programme" and "... Commission on the Decade" are prose about one organ, each printed once."""
    if not PRINTED_ORGAN.fullmatch(name):
        return False
    return len(re.findall(r"\s+".join(map(re.escape, name.split())), resolver.context_text)) >= 2


FOR_ITS_CONSIDERATION = re.compile(r"\bfor\s+its\s+(?:consideration|review|approval|examination|action)\b")


def _mentions(action: str, resolver: Resolver, by_is_recipient: bool = False, prefix: str = "") -> list[Mention]:
    """Bodies and entities named in an action, each with its role; `prefix` is the paragraph text before it."""
    found: list[Mention] = []
    organs_until = -1
    for m in mention_regex_for(action, qualified=True).finditer(action):
        kind = m.lastgroup
        text = m.group()
        if kind == "pron":
            if text != "it" or not re.search(r"\bto\s*$", action[: m.start()]):
                continue
            name = resolver.adopting_body
        else:
            if kind == "meeting":
                # "the Fifth Biennial Meeting of States ...": the meeting the body knows, whichever of them it is
                text = ORDINAL_PREFIX.sub("", text)
            name = resolver.resolve(text, near=prefix + action[: m.start()] if kind == "short" else "")
            if kind == "qshort" and (
                name == strip_article(text)
                or name not in ALL_NAMES
                and not _printed_organ(name, resolver)
                or _is_event(name)
                and not Resolver.is_body(name)
            ):
                continue  # "the Permanent Forum" counts as the known body printed in full; "the Global Forum" does not
        resolver.note(name)
        before = action[max(0, m.start() - 60) : m.start()]
        if CHANNEL_BEFORE.search(before):
            # "through the World Health Organization and United Nations Children's Fund Joint Monitoring Programme":
            # a name that runs on in capitals is only part of a longer name (a programme), not the channel.
            role = "other" if NAME_RUNS_ON.match(action, m.end()) else "channel"
        elif PAST_TO.search(before) or CITED_AFTER.match(action, m.end()):
            role = "other"  # "the report submitted to the Working Group": history, not a recipient
        elif (RECIPIENT_BEFORE.search(before) or by_is_recipient and re.search(r"\bby\s*$", before)) and not re.search(
            r"\b(?:report|reports)\s+of\s*$", before
        ):
            role = "recipient"
        elif (
            found
            and found[-1].role in ("recipient", "channel")
            and LIST_BEFORE.match(action[found[-1].end : m.start()])
        ):
            role = found[-1].role
        elif m.start() < organs_until:
            role = "recipient"
        else:
            role = "other"
        found.append(Mention(name, m.start(), m.end(), role))
        own = OWN_ORGANS.match(action, m.end()) if role == "recipient" else None
        if own and own.group("named"):
            # "the Committee and its Scientific and Technical Subcommittee and Legal Subcommittee": the organs named
            # next are recipients too (they are found as names of their own)
            organs_until = own.end()
        elif own:
            # "to apprise the Committee and its subcommittees at their respective sessions": each is a recipient
            organs = re.sub(r"\s+", " ", own.group("organs")).lower()
            found.append(Mention(f"{organs} of the {name}", own.start("organs"), own.end(), "recipient"))
    # "through its secretariat"
    for m in re.finditer(r"\bthrough\s+(?:its|the)\s+secretariat\b", action, re.I):
        found.append(Mention("Secretariat", m.start(), m.end(), "channel"))
    # "to submit, through the Committee for Programme and Coordination, for its consideration, a proposal": with no
    # recipient named before it, "its" is the speaking body, which receives what it is to consider.
    own = FOR_ITS_CONSIDERATION.search(action) if "for its" in action else None
    if own and not any(f.role == "recipient" and f.start < own.start() for f in found):
        found.append(Mention(resolver.adopting_body, own.start(), own.end(), "recipient"))
    found.sort(key=lambda x: x.start)
    return found


def _category(action: str) -> str:
    if ACTING_VERB.match(action) or search_folded(TRANSMIT, TRANSMIT_FOLDED, action):
        # "to consider the report at its session": the action's own verb decides, not the report it names;
        # the schema counts transmitting as an action, whatever is transmitted.
        return "action"
    feeds = FEEDS_REPORT.search(action)
    if feeds and SUBMITTED_INFORMATION.search(action[: feeds.start()]):
        return "information"  # "to submit data to the Secretary-General for inclusion in his report"
    if WRITTEN_REPORT.match(action):
        return "report"  # "to submit a report containing that information": the report is what is delivered
    if SUBMISSION.match(action) and not SUBMITTED_INFORMATION.search(action[:150]):
        return "report"  # "to submit proposals for consideration by the committees", "to submit this material"
    if CONTRIBUTION.search(action):
        return "information"
    if search_folded(ORAL, ORAL_FOLDED, action):
        return "oral"
    if PROVIDED_UPDATE.match(action) or (INFORMING.match(action) and not INFORMING_BY_REPORT.search(action)):
        return "information"
    if search_folded(REPORT, REPORT_FOLDED, action):
        return "report"
    if INFORMATION.search(action):
        return "information"
    return "action"


def _recurrence(action: str) -> str | None:
    # The folded patterns in the lower-cased text: the same first match (its groups are lower-cased anyway below).
    if unfolded(action):
        patterns, text = RECURRENCE, action
    else:
        patterns, text = RECURRENCE_FOLDED, action.lower()
        if not RECURRENCE_ANY_FOLDED.search(text):
            return None  # none of the patterns occurs
    for regex, value in patterns:
        m = regex.search(text)
        if m:
            if value == "every":
                n = cardinal_to_int(m.group("n"))
                return f"every {n} {m.group('unit').lower()}" if n else None
            return value
    return None


@dataclass
class Session:
    numbers: list[int]
    start: int
    body: str | None  # explicit "of the General Assembly"
    possessive: bool
    end: int = 0
    # "at its next session": the number is the adopting body's next session, known only when "its" is that body
    relative: bool = False


def _session_numbers(m: re.Match[str]) -> list[int]:
    return [n for n in (ordinal_to_int(w) for w in re.findall(ORDINAL, m.group("ords"), re.I)) if n]


def _sessions(action: str, resolver: Resolver, next_session: int | None, prefix: str = "") -> list[Session]:
    out: list[Session] = []
    if "ession" not in action:
        return out
    for m in session_matches(action):
        numbers = _session_numbers(m)
        if not numbers:
            continue
        body = resolver.resolve(m.group("of")) if m.group("of") else None
        if body is None and resolver.adopting_body == GA and m.group("part") and m.group("part")[0] in "mMrR":
            body = GA  # "at the main part of its seventy-sixth session": the Assembly's own session, not a channel's
        out.append(Session(numbers, m.start(), body, bool(m.group("pos")), m.end()))
    low = action.lower()
    for m in NEXT_SESSION.finditer(action) if _may_name_next_session(low) else ():
        body = resolver.resolve(m.group("of")) if m.group("of") else None
        if body and body != resolver.adopting_body:
            out.append(Session([], m.start(), body, False, m.end()))  # another body's next session: number unknown
            continue
        out.append(Session([next_session] if next_session else [], m.start(), None, True, m.end(), relative=True))
    for m in THAT_SESSION.finditer(action) if _may_name_that_session(low) else ():
        # "at that session": the numbered session printed last before it in the paragraph
        # A session inside a quoted item title ("“... of the twenty-fourth special session of the General
        # Assembly”") is part of the title, not the session the sentence speaks of.
        unquoted = QUOTED.sub(lambda q: " " * len(q.group()), prefix + action[: m.start()])
        named = [s for s in NAMED_SESSION.finditer(unquoted) if _session_numbers(s)]
        if named:
            last = named[-1]
            body = resolver.resolve(last.group("of")) if last.group("of") else None
            out.append(Session(_session_numbers(last)[-1:], m.start(), body, True, m.end()))
    out.sort(key=lambda s: s.start)
    return out


def _split_actions(rest: str) -> list[tuple[int, int, bool]]:
    """Split the text after the responsible entity into actions: (start, end, is_purpose)."""
    cuts = [(m.start(), m.end(), bool(m.group("purpose"))) for m in INFINITIVE.finditer(rest)]
    # "to present an oral update ... and a comprehensive report at its fifty-eighth session": a second
    # object of the same verb is its own action (its own category and deadline).
    if any(word in rest for word in SECOND_OBJECT_WORDS):
        cuts += [(m.start(), m.end(), False) for m in SECOND_OBJECT.finditer(rest)]
    cuts.sort()
    spans: list[tuple[int, int, bool]] = []
    begin, purpose = 0, False
    for start, end, is_purpose in cuts:
        if start > begin:
            spans.append((begin, start, purpose))
        begin, purpose = end, is_purpose
    spans.append((begin, len(rest), purpose))
    return [s for s in spans if s[1] > s[0]]


@dataclass
class Frame:
    """What one action says about delivery: who receives it, through whom, and by when."""

    category: str
    recipients: list[Mention]
    channel: str | None
    bound: list[tuple[str, int | None]]  # (body, session number; None = "next session" of unknown number)
    year: re.Match[str] | None
    recurrence: str | None
    session_year: str | None = None  # "in 2025 during the seventy-ninth session": a year printed with the session
    # "in his annual report to the Council and to the Assembly at its eightieth session": the cycle printed before the
    # recipients, for a recipient the named session does not bind
    cycle: str | None = None
    # "to the Conference of the Parties to the Agreement at its first meeting": treaty bodies number meetings
    meeting: str | None = None


def _bind_sessions(
    action: str,
    mentions: list[Mention],
    responsible: str,
    instrument: InstrumentRecord,
    resolver: Resolver,
    prefix: str = "",
) -> list[tuple[str, int | None]]:
    """Bind each session phrase to a body: the one it names ("of the General Assembly"), else the nearest
    body named before it, else the subject when it is a body ("the Commission to accord time at its
    session"), else the adopting body ("to report thereon at its twenty-ninth session")."""
    next_session = instrument.session_number + 1 if instrument.session_number else None
    bound: list[tuple[str, int | None]] = []
    for s in _sessions(action, resolver, next_session, prefix):
        # "the report submitted to the Working Group at its session": history (a comma ends the participle's reach)
        if PAST_BEFORE.search(action[max(0, s.start - 60) : s.start].rsplit(",", 1)[-1]) or REFERENCED_REPORT.search(
            action[: s.start]
        ):
            continue
        before = [m for m in mentions if m.start < s.start and m.role in ("recipient", "channel")]
        before = [m for m in before if Resolver.is_body(m.name)] or before
        if not s.body and len(s.numbers) > 1 and len(before) >= len(s.numbers) and RESPECTIVELY.match(action, s.end):
            # "to the Assembly and the Council at their eightieth and sixty-first sessions, respectively"
            bound += list(zip([m.name for m in before[-len(s.numbers) :]], s.numbers, strict=True))
            continue
        # "the methods of work of the Commission at its sixty-first session": "its" is the body named right before
        adjacent = [
            m
            for m in mentions
            if 0 <= s.start - m.end <= 2
            and Resolver.is_body(m.name)
            and re.search(r"\bof\s+(?:the\s+)?$", action[max(0, m.start - 8) : m.start])
        ]
        if s.body:
            target = s.body
        elif adjacent and s.possessive:
            target = adjacent[-1].name
        else:
            if before:
                target = before[-1].name
            elif s.possessive and Resolver.is_body(responsible):
                target = responsible
            else:
                target = resolver.adopting_body
        numbers = [] if s.relative and target != resolver.adopting_body else s.numbers
        for n in numbers or [None]:
            past = (
                n and instrument.session_number and target == instrument.adopting_body and n < instrument.session_number
            )
            if not past:  # a past session of the speaking body is history, not a deadline
                bound.append((target, n))
    return bound


def _session_taken_up(prefix: str, instrument: InstrumentRecord) -> list[tuple[str, int | None]]:
    """The adopting body's session named earlier in the sentence for taking the matter up (TAKEN_UP_AT_SESSION)."""
    taken_up = TAKEN_UP_AT_SESSION.search(prefix[-700:])
    numbers = [n for n in (ordinal_to_int(taken_up.group("ords")),) if n] if taken_up else []
    return [(instrument.adopting_body, numbers[0])] if numbers else []


def _frame(
    action: str, category: str, responsible: str, instrument: InstrumentRecord, resolver: Resolver, prefix: str = ""
) -> Frame:
    mentions = _mentions(action, resolver, prefix=prefix)
    recipients = [m for m in mentions if m.role == "recipient" and m.name != responsible]
    bodies = [m for m in recipients if Resolver.is_body(m.name) or _is_event(m.name) or _owned_organs(m.name)]
    if bodies:
        recipients = bodies  # "information to the Secretary-General as a contribution to his report to the Assembly"
    elif (
        recipients
        and category == "information"
        and not STATE_WORDS.search(responsible)
        and not FEEDS_REPORT.search(action)
    ):
        recipients = [m for m in recipients if m.name not in ENTITY_NAMES or m.name == "Secretariat"]
    if not recipients and category == "information":
        # "to contribute to the report of the Secretary-General": the report's author receives the contribution.
        recipients = [
            m
            for m in mentions
            if m.name != responsible
            and CONTRIBUTED_REPORT.search(action[max(0, m.start - 60) : m.start])
            and not Resolver.is_body(m.name)
        ][:1]
    channel = next((m.name for m in mentions if m.role == "channel"), None)
    bound = _bind_sessions(action, mentions, responsible, instrument, resolver, prefix)
    named_here = bool(bound)
    if (
        not bound
        and category in ("report", "oral", "information")
        and all(r.name == instrument.adopting_body for r in recipients)
        and not _sessions_named(action)
    ):
        bound = _session_taken_up(prefix, instrument)
    year = YEAR.search(action) if _may_be_year(action) else None
    # A named session is a one-off deadline, unless the text adds "and annually thereafter".
    # "to report biennially ..., starting at its sixty-ninth session": the session opens the cycle.
    # A session only taken up from the agenda clause before ("Decides to include in the provisional agenda of its
    # seventy-ninth session the item ..., and requests ... to continue to submit annual reports") is when the next
    # one is due, not a one-off: a periodic recurrence the request states stands ("continue to report" alone stays a
    # report at that session).
    once = bool(bound or year or _sessions_named(action)) and not STARTING_CYCLE.search(action)
    recurrence = None if once else _recurrence(action)
    if once and not named_here and not year and not _sessions_named(action):
        periodic = _recurrence(action)
        recurrence = periodic if periodic not in (None, "ongoing") else None
    cycle = None
    if once and len(recipients) > 1:
        cycle = _recurrence(action[: recipients[0].start])
    meeting = PARTIES_MEETING.search(action)
    return Frame(
        category,
        recipients,
        channel,
        bound,
        year,
        recurrence,
        _year_with_session(action) if bound else None,
        cycle,
        meeting.group("ords").lower() if meeting else None,
    )


PARTIES_MEETING = re.compile(rf"\bat\s+(?:its|their)\s+(?P<ords>{ORDINAL})\s+meeting\b", re.I)
PARTIES = re.compile(r"\b(?:Conference|Meeting)s?\s+of\s+(?:the\s+)?(?:States\s+)?Parties\b|\bMeeting\s+of\s+States\b")


# "to provide information to the Secretary-General for inclusion in his report": input to a report
FEEDS_REPORT = re.compile(
    r"\bfor\s+(?:inclusion\s+in|the\s+preparation\s+of)\s+(?:the|his|her|its|their)\s+(?:[\w-]+\s+){0,3}?report"
    r"|\b(?:contribut\w*|inputs?)\s+(?:to|for)\s+the\s+(?:[\w-]+\s+){0,4}?reports?\s+of\b"
)
STARTING_CYCLE = re.compile(r"\bthereafter\b|\b(?:starting|beginning|commencing)\s+(?:at|with|from|in)\b")
CONTRIBUTED_REPORT = re.compile(
    r"\b(?:contribut\w*|inputs?)\s+(?:to|for)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?reports?\s+of\s*$", re.I
)


def _chain_contributions(drafts: list[Draft]) -> None:
    """ "Invites Member States to communicate information to the Secretary-General, and requests the Secretary-General
    to submit a report containing that information to the Assembly at its seventy-ninth session": information given
    to an entity that, in the same paragraph, reports to a body by a deadline flows into that report, so it is
    delivered to that body by the same deadline (as "a contribution to his report to the Assembly at its session")."""
    for d in drafts:
        if d.category != "information" or not d.delivered_to or Resolver.is_body(d.delivered_to):
            continue
        if d.due_body or d.due_session or d.due_event or d.recurrence:
            continue
        onward = next(
            (
                e
                for e in drafts
                if e is not d
                and e.responsible == d.delivered_to
                and e.delivered_to
                and Resolver.is_body(e.delivered_to)
                and (e.due_session or e.due_event)
            ),
            None,
        )
        if onward:
            d.delivered_to, d.due_body = onward.delivered_to, onward.due_body
            d.due_session, d.due_event = onward.due_session, onward.due_event


def _year_with_session(action: str) -> str | None:
    """A year or date that qualifies the session phrase right after it ("a progress report in 2025 during the
    seventy-ninth session"): both are kept, the session as due_session and the year as due_event. A year printed
    after the session ("at its thirty-third session, in 2024") only glosses the session's date: not kept."""
    if not re.search(r"20\d\d", action):
        return None
    sessions = [m.span() for m in session_matches(action)]
    for y in YEAR.finditer(action):
        if y.group("within") or y.group("session_year"):
            continue
        if any(0 <= s_start - y.end() <= 3 for s_start, _ in sessions):
            return y.group("date")
    return None


def _sessions_named(action: str) -> bool:
    # The substring test first: most actions name no session, and SESSION is a costly pattern.
    if "ession" not in action:
        return False
    low = action.lower()
    return bool(
        search_folded(SESSION, SESSION_FOLDED, action)
        or _may_name_next_session(low)
        and NEXT_SESSION.search(action)
        or _may_name_that_session(low)
        and THAT_SESSION.search(action)
    )


# Substrings the case-insensitive patterns cannot match without, tested on the lower-cased text (C-speed `in`). They
# avoid the letters `re.IGNORECASE` folds beyond `str.lower` (the long "ſ" to "s", the dotless "ı" to "i", the Kelvin
# sign to "k"), so a text the pattern matches always holds one.
_NEXT_WORDS = ("ext", "forthcom", "follow", "equent")  # next, forthcoming, following, subsequent
_THAT_WORDS = ("that", "ame")  # that session, the same session
_FUNDING_WORDS = ("ontr", "fund", "ource")  # contributions / contribute, funding, resources


def _may_name_next_session(low: str) -> bool:
    return any(word in low for word in _NEXT_WORDS)


def _may_name_that_session(low: str) -> bool:
    return any(word in low for word in _THAT_WORDS)


def _may_be_year(action: str) -> bool:
    """YEAR needs a year ("20" + two digits) or "within" ("thin": no folded letter)."""
    return "20" in action or "thin" in action.lower()


def _draft(
    frame: Frame,
    to: str | None,
    due_body: str | None,
    session: int | None,
    event: str | None,
    recurrence: str | None,
    common: dict,
) -> Draft:
    return Draft(
        frame.category,
        delivered_to=to,
        channel=frame.channel,
        due_body=due_body,
        due_session=session,
        due_event=event,
        recurrence=recurrence,
        **common,
    )


def _action_drafts(frame: Frame, action: str, later_text: str, resolver: Resolver, common: dict) -> list[Draft]:
    """An action (consider, hold, transmit) counts when it happens at a named session or transmits to a body."""
    if frame.bound:
        target, number = frame.bound[0]
        to, channel = (frame.recipients[0].name if frame.recipients else None), frame.channel
        if to is None:
            to, channel = _later_recipient(later_text, resolver, channel)
        frame.channel = channel
        return [_draft(frame, to, target, number, None if number else "next session", None, common)]
    if frame.recipients and search_folded(TRANSMIT, TRANSMIT_FOLDED, action):
        drafts = []
        for r in frame.recipients:
            event = _event_of(r.name, frame.year)
            drafts.append(_draft(frame, r.name, r.name if event else None, None, event, frame.recurrence, common))
        return drafts
    return []


def _later_recipient(later_text: str, resolver: Resolver, channel: str | None) -> tuple[str | None, str | None]:
    """ "to accord time at its session ... and to make recommendations to the Assembly through the Council": the
    recipient and channel sit in a later action of the same clause, unless that action is a delivery of its
    own (then it is its own mandate)."""
    for b_start, b_end, _ in _split_actions(later_text):
        later = later_text[b_start:b_end]
        if _category(later) != "action" and search_folded(DELIVERY, DELIVERY_FOLDED, later):
            continue
        bodies = [m for m in _mentions(later, resolver, True) if Resolver.is_body(m.name)]
        channel = channel or next((m.name for m in bodies if m.role == "channel"), None)
        to = next((m.name for m in bodies if m.role == "recipient"), None)
        if to:
            return to, channel
    return None, channel


def _delivery_drafts(
    frame: Frame, responsible: str, common: dict, feeds_report: bool = False, speaker: str | None = None
) -> list[Draft]:
    """A report, information or oral update: one mandate per recipient and deadline."""
    if not frame.recipients:
        if (
            speaker
            and not frame.bound
            and frame.recurrence not in (None, "ongoing")
            and frame.category in ("report", "oral")
            and responsible != speaker
        ):
            # "requests the Secretary-General to report annually on ...": a periodic report that names no
            # recipient goes to the body that asks for it.
            return [_draft(frame, speaker, speaker, None, None, frame.recurrence, common)]
        if speaker and not frame.bound and frame.category in ("report", "oral") and responsible != speaker:
            dated = _full_date(frame.year)
            if dated:
                # "to provide a written report by 15 June 2024", "within 90 days": a report due on a date that
                # names no recipient goes to the body that asks for it (a bare year may be a goal: "by 2030")
                return [_draft(frame, speaker, speaker, None, dated, frame.recurrence, common)]
        # "to report thereon at its twenty-ninth session": the session's body receives it.
        if not frame.bound and not frame.recurrence:
            return []
        return [
            _draft(
                frame,
                target,
                target,
                number,
                frame.session_year or (None if number or not target else "next session"),
                frame.recurrence,
                common,
            )
            for target, number in frame.bound or [(None, None)]
        ]
    drafts = []
    names = {r.name for r in frame.recipients}
    for r in frame.recipients:
        mine = [(t, n) for t, n in frame.bound if t == r.name]
        if not mine and len(frame.recipients) == 1:
            # "to the General Assembly through the Commission at its thirty-third session": the channel's
            # session; else a session bound to some other body of the clause.
            mine = [(t, n) for t, n in frame.bound if t == frame.channel] or [
                b for b in frame.bound if b[0] not in names
            ][:1]
        if mine:
            drafts += [
                _draft(
                    frame, r.name, t, n, frame.session_year or (None if n else "next session"), frame.recurrence, common
                )
                for t, n in mine
            ]
            continue
        event = _event_of(r.name, frame.year)
        if not event and frame.meeting and PARTIES.search(r.name):
            event = f"{frame.meeting} meeting of the {r.name}"  # "first meeting of the Conference of the Parties ..."
        if event:
            # "by 1 March 2026 and every six months thereafter": the date opens the cycle (the recurrence is set only
            # when the text starts one)
            drafts.append(_draft(frame, r.name, r.name, None, event, frame.recurrence, common))
        elif frame.cycle and Resolver.is_body(r.name):
            drafts.append(_draft(frame, r.name, r.name, None, None, frame.cycle, common))
        elif frame.recurrence:
            # A recurring delivery is due at the recipient's sessions only when the recipient is a body that
            # meets ("to report to Member States on a periodic basis" has no due body).
            due_body = r.name if Resolver.is_body(r.name) or _is_event(r.name) else None
            drafts.append(_draft(frame, r.name, due_body, None, None, frame.recurrence, common))
        elif (
            Resolver.is_body(r.name)
            or frame.category == "report"
            or (STATE_WORDS.search(responsible) and frame.category != "oral")
            or feeds_report
        ):
            # States "engaging in an interactive dialogue with the Special Rapporteur" deliver nothing to a body
            drafts.append(_draft(frame, r.name, None, None, None, None, common))
    if any(d.due_session or d.due_event or d.recurrence for d in drafts):
        # "to inform the Assembly at its seventy-ninth session ..., to be introduced to the Second Committee": a Main
        # Committee is where the Assembly takes the report up, not a recipient with a deadline of its own
        drafts = [
            d
            for d in drafts
            if d.due_session or d.due_event or d.recurrence or not MAIN_COMMITTEE.fullmatch(d.delivered_to or "")
        ]
    return drafts


def extract_clause(
    clause: str, instrument: InstrumentRecord, resolver: Resolver, speaker: str | None = None, before: str = ""
) -> list[Draft]:
    """Mandates in one clause (the text after the trigger verb); offsets relative to `clause`.

    `speaker` is set for "decides to transmit" / "the Commission decided to transmit": the body acts itself;
    `before` is the paragraph text before the trigger (to resolve "requests it to").
    """
    low = clause.lower()
    if not any(word in low for word in DELIVERY_WORDS):
        return []  # nothing is delivered and no session is named: cheap substring exit for most clauses
    found = (speaker, 0, speaker) if speaker else _responsible(clause, resolver, before)
    if not found:
        return []
    responsible, action_start, np_text = found
    drafts: list[Draft] = []
    for entity in [responsible] if speaker else _entities(responsible, np_text, resolver):
        drafts += _entity_drafts(clause, entity, action_start, instrument, resolver, before)
    return drafts


def _entity_drafts(
    clause: str, responsible: str, action_start: int, instrument: InstrumentRecord, resolver: Resolver, before: str
) -> list[Draft]:
    rest = clause[action_start:]
    drafts: list[Draft] = []
    seen: set[tuple] = set()
    pending: str | None = None
    previous = ""  # the subject of the clause's last mandate: "and to report thereon"
    for a_start, a_end, purpose in _split_actions(rest):
        action = rest[a_start:a_end]
        if purpose or DISSEMINATION.match(action):
            continue  # "with a view to ...", or spreading a text to everyone: not a delivery to a body
        if (
            any(word in action.lower() for word in _FUNDING_WORDS)
            and FUNDING.search(action)
            and not NOT_ONLY_FUNDING.search(action)
        ):
            continue  # "to provide voluntary contributions to the Office": money, not information
        passive = a_start == 0 and PASSIVE_DELIVERY.match(action)
        if not passive and not search_folded(DELIVERY, DELIVERY_FOLDED, action) and not _sessions_named(action):
            continue
        category = _category(action)
        if passive:
            category = _passive_category(clause[:action_start])  # "that the report ... be submitted to"
        elif pending and re.match(r"\s*(?:present|submit|transmit)\s+(?:it|them)\b", action):
            category = pending  # "to prepare a report ... and to present it to the Council": still the report
        elif (
            category == "action"
            and re.match(r"\s*(?:present|submit)\s+(?:it|them)\s+to\b", action)
            and not SUBMITTED_INFORMATION.search(rest[:a_start])
        ):
            category = "report"  # "to update its handbook ... and to present it to the Commission": a written product
        elif category == "action" and pending and not search_folded(TRANSMIT, TRANSMIT_FOLDED, action):
            category = pending  # "to present an oral report ... and to engage in a dialogue at its session"
        pending = category if category != "action" else None
        if category == "action" and instrument.adopting_body == GA and MAIN_COMMITTEE.fullmatch(responsible or ""):
            continue  # "that the Sixth Committee shall continue its consideration at ...": the Assembly's own agenda
        prefix = before + clause[: action_start + a_start]
        frame = _frame(action, category, responsible, instrument, resolver, prefix)
        common = {
            "responsible": responsible,
            "subject": "",  # filled in below, only for actions that give mandates
            "start": action_start + a_start,
            "end": action_start + a_end,
        }
        if category == "action":
            new = _action_drafts(frame, action, rest[a_end:], resolver, common)
        else:
            new = _delivery_drafts(
                frame, responsible, common, bool(FEEDS_REPORT.search(action)), instrument.adopting_body
            )
        for draft in new:
            # One mandate per recipient and deadline, even when two actions of the clause name them.
            key = (draft.delivered_to, draft.due_body, draft.due_session, draft.due_event, draft.recurrence)
            if key not in seen:
                seen.add(key)
                drafts.append(draft)
        if new:
            previous = _full_names(
                subject_of(action, rest[a_start:], prefix, previous, instrument.title), resolver, prefix, responsible
            )
            for draft in new:
                draft.subject = previous
    return drafts


def _full_names(subject: str, resolver: Resolver, near: str, responsible: str) -> str:
    """ "financial situation of the Office" -> "... of the United Nations Office on Drugs and Crime": a short form in a
    subject is the entity it stands for in this instrument (staff read the subject without the paragraph); "its
    activities" are the responsible entity's."""
    own = re.match(r"(?:its|his|her)\s+", subject, re.I)
    if own:
        rest = subject[own.end() :]
        # "its activities to promote X" -> "activities of the <entity> to promote X": after the head noun
        head = re.search(
            r"\s(?=(?:to|on|in|for|that|which|of|with|under|at|aimed|undertaken|related|relating)\s)", rest
        )
        cut = head.start() if head else len(rest)
        owned = f"{rest[:cut]} of the {responsible}{rest[cut:]}"
        subject = owned if len(owned) <= MAX_SUBJECT and not STATE_WORDS.search(responsible) else subject[own.end() :]
    if " the " not in f" {subject} ":
        return subject

    def full(m: re.Match[str]) -> str:
        if m.lastgroup != "short":
            return m.group()
        name = resolver.resolve(m.group(), near=near)
        return f"the {name}" if name in ALL_NAMES and len(name) > len(m.group()) - 4 else m.group()

    expanded = mention_regex_for(subject).sub(full, subject)
    return expanded if len(expanded) <= MAX_SUBJECT else subject


def date_next_sessions(records: list, instrument: InstrumentRecord, resolver: Resolver) -> None:
    """ "to brief the Special Committee at its next session", where the instrument says when that is ("Decides that
    the Special Committee shall hold its next session from 20 to 28 February 2024"): the year is the deadline."""
    pending = [r for r in records if r.due_event == "next session" and r.due_body and not r.due_session]
    if not pending or "hold its next" not in resolver.context_text:
        return
    years: dict[str, str] = {}
    for m in NEXT_SESSION_HELD.finditer(re.sub(r"\s+", " ", resolver.context_text)):
        years.setdefault(resolver.resolve(m.group("who")), m.group("year"))
    for record in pending:
        if record.due_body in years:
            record.due_event = years[record.due_body]


def _is_event(name: str) -> bool:
    return bool(EVENT_WORDS.search(name)) and not name.startswith("Conference of")


def _full_date(year: re.Match[str] | None) -> str | None:
    """ "15 June 2024" or "within 90 days" from a YEAR match; None for a bare year or a year-named session."""
    if not year:
        return None
    date = year.group("date")
    return year.group("within") or (date if date and not date.isdigit() else None)


def _event_of(name: str, year: re.Match[str] | None) -> str | None:
    if _is_event(name):
        return name
    if year:
        return year.group("session_year") or year.group("date") or year.group("within")
    return None


def _nested_invitation(text: str, m: re.Match[str]) -> bool:
    """ "to invite X to ..." opens a request of its own only at the head of a (sub-)paragraph ("(g) To invite the
    Chair ...") or after "Decides"; inside another request ("requests the Secretary-General to invite Member States
    to submit views and to report thereon") the inviter keeps the clause."""
    if not m.group("verb").lower().startswith("to invite"):
        return False
    lead = text[max(0, m.start() - 40) : m.start()]
    head = m.start() < 40 and re.fullmatch(r"\s*(?:\d{1,3}\.|\(\w{1,4}\))?\s*", lead)
    return not (head or re.search(r"\b[Dd]ecides,?(?:\s+(?:also|further))?\s*$", lead))


def paragraph_mandates(paragraph: ParagraphRecord, instrument: InstrumentRecord, resolver: Resolver) -> list[Draft]:
    """All mandates of one operative paragraph; offsets relative to `paragraph.text`."""
    text = paragraph.text
    stems, trigger = (NARRATIVE_STEMS, NARRATIVE_TRIGGER) if instrument.narrative else (TRIGGER_STEMS, TRIGGER)
    if not any(stem in text for stem in stems):
        return []  # C-speed substring tests spare the trigger regex on most paragraphs
    triggers = [m for m in _triggers(trigger, text, stems) if not _nested_invitation(text, m)]
    clause_end = clause_end_for(text)
    drafts: list[Draft] = []
    for k, m in enumerate(triggers):
        end = triggers[k + 1].start() if k + 1 < len(triggers) else len(text)
        stop = clause_end.search(text, m.end(), end)
        if stop:
            end = stop.start() + 1
        verb = m.group("verb").lower()
        clause = text[m.end() : end]
        lead = text[max(0, m.start() - 80) : m.start()]
        if _QUOTED_REQUEST.search(lead):
            continue  # a request quoted from an earlier resolution
        speaker = None
        if verb.startswith("decided to") and instrument.narrative:
            speaker = instrument.adopting_body  # "..., the General Assembly, on the recommendation of ..., decided to"
        elif verb.startswith("decided to"):
            # Narrative decision: "At its 7th meeting, ..., the Commission decided to transmit to ...".
            who = re.search(
                r"\bthe\s+((?:[A-Z][\w-]*\s*)*?(?:Commission|Council|Assembly|Committee|Conference)(?:\s+on[\w\s]+?)?)\s*$",
                lead,
            )
            if not who:
                continue
            speaker = resolver.resolve(who.group(1))
        elif verb.startswith("decides to"):
            speaker = instrument.adopting_body
        nominal = NOMINAL_DELIVERY.match(clause) if k > 0 and not speaker else None
        if nominal:
            drafts += _nominal_drafts(text, triggers[k - 1], m, nominal, end, instrument, resolver)
            continue
        agent = AGENT_DELIVERY.match(clause) if not speaker and (" by " in clause or " from " in clause) else None
        if agent:
            # "requests a briefing by the Secretariat on ...": read as "the Secretariat to provide a briefing on ..."
            clause = f"{agent.group('agent')} to provide {agent.group('thing')}{clause[agent.end() :]}"
            for draft in extract_clause(clause, instrument, resolver, speaker, text[: m.start()]):
                draft.start, draft.end = m.start(), end
                drafts.append(draft)
            continue
        for draft in extract_clause(clause, instrument, resolver, speaker, text[: m.start()]):
            draft.start = m.start()
            draft.end = max(draft.end + m.end(), m.end())
            drafts.append(draft)
    if any(word in text for word in PASSIVE_WORDS):
        drafts += _passive_request_drafts(text, instrument, resolver)
    if "ecides" in text and not drafts:
        drafts += _established_organ_drafts(text, instrument, resolver)
    _chain_contributions(drafts)
    return drafts


# "Decides to convene, starting from 2021, ..., a new open-ended working group on ..., acting on a consensus basis, to
# continue ... and to submit annual progress reports and a final report to the General Assembly at its eightieth
# session": the organ the body sets up is the one asked to deliver.
ESTABLISHES = re.compile(
    r"\b[Dd]ecides(?:\s+(?:also|further))?\s+to\s+(?:convene|establish|create|set\s+up|constitute)\b"
)
ESTABLISHED_ORGAN = re.compile(
    r"(?:^|,)\s*(?P<np>(?:an?|the)\s+(?:new\s+)?(?:[^,;:]{0,200}?\s)?(?:group|commission|committee|panel|mechanism|body"
    r"|team|board|forum|platform|network|office|unit)\b[^,;:]{0,200}?)(?=,|\s+to\s+[a-z]+\b)"
)


def _established_organ_drafts(text: str, instrument: InstrumentRecord, resolver: Resolver) -> list[Draft]:
    drafts: list[Draft] = []
    clause_end = clause_end_for(text)
    for m in ESTABLISHES.finditer(text):
        stop = clause_end.search(text, m.end())
        end = stop.start() + 1 if stop else len(text)
        organ = ESTABLISHED_ORGAN.search(text[m.end() : end])
        if not organ:
            continue
        np = re.sub(r"^(?:an?|the)\s+(?:new\s+)?", "", organ.group("np"))
        np_end = m.end() + organ.end("np")
        joined = f"{np}{text[np_end:end]}"
        offset = np_end - len(np)
        for draft in extract_clause(joined, instrument, resolver, None, text[: m.start()]):
            draft.start = m.end() + organ.start("np")
            draft.end = max(end, draft.end + offset)
            drafts.append(draft)
    return drafts


# Where a trigger can start: a word that starts with a letter, not after a letter, digit or hyphen (its adverbs and verbs:
# "Also", "In this regard", "Requests", "to invite", "decided").
# Only the first two letters a trigger's adverbs and verbs start with ("Also", "Again", "Calls", "Confirmed", "decided",
# "Earnestly", "Encourages", "Further", "In this regard", "Invites", "Requests", "Strongly", "to invite", "Urges"...):
# the pattern fails at once at any other word.
_TRIGGER_START = re.compile(r"(?<![\w-])(?:[Aa][lg]|[Ff]u|[Ss]t|[Ee][an]|[Ii]n|[Tt]o|[Rr]e|[Uu]r|[Cc][ao]|[Dd]e)")
# How far before its verb's stem a trigger may start: "In this regard, also further strongly to request" is 45.
_TRIGGER_REACH = 200


def _triggers(trigger: re.Pattern[str], text: str, stems: tuple[str, ...]) -> list[re.Match[str]]:
    """`trigger.finditer(text)`, cheaply: the trigger pattern opens with a lookbehind, which `re` tries at every
    position of the paragraph. Every trigger holds a stem ("equest", "nvite" ...) at most `_TRIGGER_REACH` characters
    after its start, so the pattern is tried only at word starts in that reach before a stem, left to right, a match
    resuming after the last one as `finditer` does."""
    starts: set[int] = set()
    for stem in stems:
        at = text.find(stem)
        while at >= 0:
            starts.update(m.start() for m in _TRIGGER_START.finditer(text, max(0, at - _TRIGGER_REACH), at + 1))
            at = text.find(stem, at + 1)
    found: list[re.Match[str]] = []
    resume = 0
    for start in sorted(starts):
        if start < resume:
            continue
        match = trigger.match(text, start)
        if match:
            found.append(match)
            resume = match.end()
    return found


# "requests the Secretary-General to prepare a study and requests its submission to the Assembly at its eightieth
# session": the delivery of the thing just asked for, by whoever was asked to make it.
NOMINAL_DELIVERY = re.compile(
    r"\s*(?P<own>its|their|the)\s+(?:early\s+|timely\s+)?(?:submission|presentation|transmission|transmittal)\b(?!\s+of\b)",
    re.I,
)


# "requests a briefing by the Secretariat", "requests an informal briefing from the Secretary-General": the delivery
# named first, the one who delivers it after "by" or "from".
AGENT_DELIVERY = re.compile(
    r"\s*(?P<thing>(?:an?|the)\s+(?:[a-z-]+\s+){0,3}?(?:briefing|report|update|study|overview|presentation)s?)\s+"
    r"(?:by|from)\s+(?P<agent>the\s+[A-Z][\w-]*(?:\s+(?:of|on|for|and|the)?\s*[A-Z][\w-]*)*)"
)


def _nominal_drafts(
    text: str,
    previous: re.Match[str],
    trigger: re.Match[str],
    nominal: re.Match[str],
    end: int,
    instrument: InstrumentRecord,
    resolver: Resolver,
) -> list[Draft]:
    found = _responsible(text[previous.end() : trigger.start()], resolver, text[: previous.start()])
    if not found:
        return []
    np_text = found[2]
    pronoun = "them" if nominal.group("own").lower() == "their" else "it"
    tail = text[trigger.end() + nominal.end() : end]
    joined = f"{np_text} to submit {pronoun}{tail}"
    drafts = extract_clause(joined, instrument, resolver, None, text[: previous.start()])
    made = text[previous.end() : trigger.start()][found[1] :]  # "to prepare a study on the matter, and"
    about = subject_of(made, made, "", "", instrument.title)
    for draft in drafts:
        draft.start = trigger.start()
        draft.end = end
        draft.subject = about or draft.subject
    return drafts


PASSIVE_WORDS = ("requested to", "invited to", "encouraged to", "upon to", "urged to")


def _passive_request_drafts(text: str, instrument: InstrumentRecord, resolver: Resolver) -> list[Draft]:
    """ "The Secretary-General is requested to submit ...": read as "<the Secretary-General> to submit ..."."""
    drafts: list[Draft] = []
    clause_end = clause_end_for(text)
    for m in PASSIVE_REQUEST.finditer(text):
        stop = clause_end.search(text, m.end())
        end = stop.start() + 1 if stop else len(text)
        np = m.group("np")
        joined = f"{np} {text[m.end() : end]}"
        for draft in extract_clause(joined, instrument, resolver, None, text[: m.start("np")]):
            draft.start = m.start("np")
            draft.end = max(m.end(), m.end() + draft.end - len(np) - 1)
            drafts.append(draft)
    return drafts


def subparagraph_mandates(
    lead: ParagraphRecord, sub: ParagraphRecord, instrument: InstrumentRecord, resolver: Resolver
) -> list[Draft]:
    """Mandates of a lettered sub-paragraph that continues its lead-in ("Requests the Secretary-General:" then
    "(a) To report to the General Assembly at its eightieth session ..."); offsets relative to `sub.text`."""
    label = re.match(r"\([a-z]{1,4}\)\s+", sub.text)
    if not label:
        return []
    body = sub.text[label.end() :]
    if not re.match(r"[Tt]o\s+[a-z]", body):
        return []
    head = re.sub(r"^\d{1,3}\.\s+", "", lead.text.rstrip().rstrip(":").rstrip())
    if not TRIGGER.search(head):
        return []
    joined = f"{head} {body[0].lower()}{body[1:]}"
    shift = len(head) + 1 - label.end()  # joined offset - shift = offset in sub.text
    fake = ParagraphRecord(sub.number, sub.kind, joined, 0, len(joined))
    drafts = []
    for draft in paragraph_mandates(fake, instrument, resolver):
        if draft.end - shift <= label.end():
            continue  # a clause of the lead-in itself: counted with the lead paragraph
        draft.start = max(draft.start - shift, label.end())
        draft.end = draft.end - shift
        drafts.append(draft)
    return drafts
