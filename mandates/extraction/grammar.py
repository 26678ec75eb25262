"""The grammar of operative clauses, as regular expressions: triggers, actions, deadlines, recipients.

Kept apart from `clauses.py` (which applies them) so the vocabulary can be read and extended in one place.
"""

from __future__ import annotations

import re

from mandates.extraction.names import INFINITIVE_VERBS
from mandates.extraction.numbers import cardinal_pattern, ordinal_pattern

ORDINAL = ordinal_pattern()

# Characters `re.IGNORECASE` matches to a lower-case ASCII letter although `str.lower` does not make them one (the
# dotted capital I lower-cases to two characters): a text holding one is searched with the IGNORECASE pattern itself.
_UNFOLDED = ("\u0130", "\u0131", "\u017f")  # İ, dotless ı, long ſ


def folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The case-sensitive twin of an IGNORECASE pattern written in lower case, for the lower-cased text (`re` scans
    IGNORECASE alternations several times slower). Only patterns with no capital letter outside an escape and no
    `(?-i:` part qualify: on lower-cased text the twin then matches exactly where the pattern does."""
    if (
        not pattern.flags & re.IGNORECASE
        or "(?-i" in pattern.pattern
        or re.search(r"[A-Z]", re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", pattern.pattern))  # group names aside
    ):
        raise ValueError(f"not a lower-case IGNORECASE pattern: {pattern.pattern[:60]}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def search_folded(pattern: re.Pattern[str], twin: re.Pattern[str], text: str, low: str | None = None) -> bool:
    """Whether `pattern` (IGNORECASE) occurs in `text`, found with its `folded` twin in the lower-cased text."""
    if any(c in text for c in _UNFOLDED):
        return bool(pattern.search(text))
    return bool(twin.search(text.lower() if low is None else low))


def unfolded(text: str) -> bool:
    """Whether `text` holds a character `folded` twins cannot be used on."""
    return any(c in text for c in _UNFOLDED)


TRIGGER = re.compile(
    r"(?<![\w-])(?:(?:[Aa]lso|[Ff]urther|[Aa]gain|[Ss]trongly|[Ee]arnestly|[Ii]n (?:this|that) (?:regard|context|respect)"
    r"|[Tt]o (?:this|that) end),?\s+)*"
    r"(?P<verb>(?<=\s)[Tt]o\s+(?:(?:also|further)\s+)?(?:request|invite)(?=\s)|[Rr]equests|[Ii]nvites|[Ee]ncourages|[Uu]rges|[Cc]alls\s+(?:up)?on"
    r"|(?:[Rr]eiterates|[Rr]eaffirms|[Rr]enews)\s+(?:its|the)\s+(?:request|invitation)"
    r"(?:\s+to)?|[Dd]ecides(?=\s+that\b)|[Rr]esolves(?=\s+that\b)|[Dd]ecides\s+to\s+(?=transmit|submit|forward)|decided\s+to\s+(?=transmit|submit|forward))"
    r"(?:(?<=\s)|(?![\w-]))"
)
# A decision printed as narrative speaks in the past tense: "the General Assembly ... requested the Secretary-General to
# submit", "(b) Also invited Member States to", "decided that the report should be submitted". A past form is a trigger
# only when a person or a "that" clause follows (not "the report requested in paragraph 8", "as requested by") and no
# auxiliary stands before it ("had requested", "was invited to", "in which it requested").
NARRATIVE_TRIGGER = re.compile(
    TRIGGER.pattern.replace(
        "(?P<verb>",
        r"(?P<verb>(?<!\bhad\s)(?<!\bhas\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbe\s)(?<!\bas\s)(?<!\bit\s)"
        r"(?:[Rr]equested|[Ii]nvited|[Ee]ncouraged|[Uu]rged|[Cc]alled\s+(?:up)?on)(?=\s+(?:that\s|the\s|all\s|[A-Z]|him\b"
        r"|her\b|them\b|it\s+to\b|its\s+[A-Z]))"
        r"|(?:[Rr]eiterated|[Rr]eaffirmed)\s+(?:its|the)\s+(?:request|invitation)(?:\s+to)?"
        r"|(?<!\bhad\s)(?<!\bit\s)(?:[Dd]ecided|[Rr]esolved|[Cc]onfirmed|[Aa]greed)(?=\s+that\b)|",
        1,
    )
)
# The passive of a request, at the head of a paragraph or sentence: "The Secretary-General is requested to submit ...",
# "Countries are also encouraged to report ...". Not inside a sentence ("resolutions in which States are invited to").
PASSIVE_REQUEST = re.compile(
    r"(?:^|(?<=[;:.]\s))(?:\d{1,3}\.\s+|\([a-z]{1,4}\)\s+)?(?P<np>(?:[Tt]he\s+|[Aa]ll\s+)?[A-Z][\w’'-]*"
    r"(?:\s+(?:[A-Z][\w’'-]*|of|on|for|and|the|in|its|their|relevant|concerned|other|parties|and\s+the)){0,20}?)\s+(?:is|are)\s+"
    r"(?:also\s+|further\s+|hereby\s+|therefore\s+|again\s+)?(?:requested|invited|encouraged|called\s+upon|urged)\s+(?=to\s+[a-z])"
)
TRIGGER_STEMS = ("equest", "nvite", "ncourage", "rges", "alls", "ecide", "eiterate", "eaffirm", "esolves", "enews")
NARRATIVE_STEMS = (*TRIGGER_STEMS, "rged", "alled", "esolved", "onfirmed", "greed")
# "to" + a verb: the start of an action. Articles, pronouns and gerunds after "to" are not actions.
_NOT_VERB = (
    r"(?!(?:the|its|it|their|his|her|all|a|an|this|that|those|these|such|each|any|Member|States|other|relevant|which"
    r"|be|date|what|whom|[A-Z][\w-]*)\b)(?!(?!bring\b)[a-z]+ing\b)"  # "to bring" is a verb, not a gerund
)
# Starts with a character class (not a lookbehind) so `re` can skip ahead; "continue to report" is one action,
# so a "to" right after "continue" does not start a new one.
INFINITIVE = re.compile(
    rf"[,\s](?<!continue\s)(?<!continuing\s)(?<!continue,)\s*(?:and\s+|or\s+)?"
    rf"(?:(?P<purpose>with\s+a\s+view\s+to|so\s+as\s+to|in\s+order\s+to)\s+|to\s+{_NOT_VERB}(?=[a-z]))"
)
SECOND_OBJECT = re.compile(
    r"[,\s]\s*and\s+(?=(?:an?|its|the)\s+(?:[\w-]+\s+){0,3}?(?:oral\s+update|report|update|briefing|study|overview|summary)\b)"
)
# SECOND_OBJECT cannot match a text that holds none of these (it starts at every space: worth the substring tests).
SECOND_OBJECT_WORDS = ("update", "report", "briefing", "study", "overview", "summary")
NP_END = re.compile(rf",?\s+(?:shall|should|will|to\s+{_NOT_VERB}(?=[a-z]))")
VERB_TO = re.compile(rf",?\s+to\s+(?=(?:continue\s+to\s+)?{INFINITIVE_VERBS})")
VERB_AFTER_TO = re.compile(rf"(?:continue\s+to\s+)?{INFINITIVE_VERBS}")
# "Requests that the Special Envoy participate ...": the subject ends at a bare verb.
NP_END_THAT = re.compile(
    # not right after a determiner: in "that the report of X be submitted", "report" is a noun
    r"(?<!\bthe)(?<!\ba)(?<!\ban)(?<!\bits)(?<!\bhis)(?<!\bher)(?<!\btheir)(?<!\bthis)(?<!\bany)(?<!\beach)"
    r",?\s+(?:shall|should|will|may|(?=(?:continue\s+to\s+)?(?:submit|report|present|brief|participate|provide|include|transmit"
    r"|convene|prepare|inform|update|engage|hold|consider)\b(?!\s+(?:be|is|are|should|shall|will|would|must|of)\b))|(?=be\s+(?:submitted|presented|transmitted|provided|made\s+available"
    r"|forwarded|communicated)\b))"
)
# The passive of a delivery: "decides that the report of the Committee should be submitted to the Assembly at its
# eightieth session", "requests that updates be provided to the Commission": the thing delivered is the subject; who
# delivers it is the agent ("by the Secretariat") or the owner of the thing ("report of the Ad Hoc Committee").
PASSIVE_DELIVERY = re.compile(
    r",?\s*(?:(?:should|shall|will|would|must|is\s+to|are\s+to)\s+(?:also\s+|further\s+|henceforth\s+|then\s+|immediately\s+)?)?"
    r"be\s+(?P<verb>submitted|presented|transmitted|provided|made\s+available|forwarded|communicated)\b"
    r"(?:\s+by\s+(?P<agent>(?:the\s+)?[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|of|on|for|and|the))*[\w-]))?"
)
# "Requests, in this regard, the Secretary-General to ...": a linking aside between the verb and the one asked to act.
LINKING_ASIDE = re.compile(
    r"\s*,\s*(?:in\s+(?:this|that)\s+(?:regard|context|respect|connection)|to\s+(?:this|that)\s+end|accordingly|therefore"
    r"|once\s+again|again|also|further|inter\s+alia|in\s+particular)\s*,\s*"
)
# "decides that the open-ended working group shall submit ...": a subject in lower case is still someone who delivers
# when its head is an organ, an office or a group of people.
AGENT_HEAD = re.compile(
    r"\b(?:group|groups|secretariat|secretariats|committee|commission|council|panel|board|bureau|forum|office|mechanism"
    r"|rapporteur|rapporteurs|experts?|co-facilitators|facilitators?|co-chairs|chairs?|president|presidents|presidency"
    r"|coordinator|envoy|representative|entity|entities|agencies|programmes|funds|organizations|body|bodies|team)$"
)
# "decides that the one-day high-level meeting ... shall be held", "decided that the seventy-second session of the
# Commission should be postponed": a meeting or a session is when something happens, never who delivers.
EVENT_HEAD = re.compile(
    r"\b(?:meeting|meetings|session|sessions|segment|debate|dialogue|dialogues|event|events)$", re.I
)
ADVERBIAL = re.compile(
    r"\s*(?:[a-z]+ing|[a-z]+ly|also|further|mindful|aware|conscious|guided|where\s+appropriate|as\s+appropriate|in|within|subject|as|through|with|where|at|on|including|inter alia|bearing|taking|acting|consistent|building"
    r"|for|among|after|by|under|upon|according|drawing|making|while|when|if|and\s+(?:in|within|with|subject|as))\b"
)

_SESSION_CORE = (
    r"(?:at|during|for|to|before|by|in|from|until|than|prior\s+to|in\s+advance\s+of"
    r"|(?P<part>main\s+|first\s+|second\s+|resumed\s+)?part\s+of"
    # "before the end of its seventy-sixth session"
    r"|(?:before|by|at|prior\s+to)\s+the\s+(?:end|close|conclusion)\s+of)\s+(?:(?P<pos>its|their|his|her)|the)\s+"
    rf"(?:resumed\s+|regular\s+|special\s+)?(?P<ords>{ORDINAL}(?:(?:,\s*|\s+and\s+|\s+to\s+)(?:its\s+)?{ORDINAL})*)\s+"
    r"(?:regular\s+|special\s+|resumed\s+|substantive\s+|annual\s+)?sessions?"
)
SESSION = re.compile(
    _SESSION_CORE
    # The body's name is matched case-sensitively: "of the General Assembly", not "of the year".
    + r"(?:\s+of\s+the\s+(?P<of>(?-i:[A-Z][\w-]*(?:(?:\s+(?:on|of|for|and|the|against|to))*\s+[A-Z][\w-]*)*)))?",
    re.I,
)
# SESSION without the body's name (optional, so SESSION matches where this does), folded: where to look for SESSION.
SESSION_FOLDED = folded(re.compile(_SESSION_CORE, re.I))


def session_matches(text: str) -> list[re.Match[str]]:
    """`SESSION.finditer(text)`: each match's start found with the folded core in the lower-cased text (several times
    faster), the match itself read there by SESSION; the next search resumes after it, as `finditer` does."""
    if unfolded(text):
        return list(SESSION.finditer(text))
    low = text.lower()
    found: list[re.Match[str]] = []
    at = SESSION_FOLDED.search(low)
    while at is not None:
        m = SESSION.match(text, at.start())
        found.append(m)
        at = SESSION_FOLDED.search(low, m.end())
    return found


NEXT_SESSION = re.compile(
    r"(?:at|during|to|for|before)\s+(?:its|the|their)\s+(?:next|forthcoming|following|subsequent)\s+(?:regular\s+)?sessions?"
    # "before the next session of the Committee on Information": another body's next session, number unknown
    r"(?:\s+of\s+the\s+(?P<of>(?-i:[A-Z][\w-]*(?:(?:\s+(?:on|of|for|and|the|against|to))*\s+[A-Z][\w-]*)*)))?",
    re.I,
)
# "... the provisional agenda of its eightieth session ..., and requests a report to the Assembly at that session": the
# session named last before the phrase.
# "Decides to continue its examination of the situation at its seventy-ninth session, and to this end requests the
# Secretary-General to submit a report": the session at which the body takes the matter up, earlier in the sentence,
# is when a report asked for it without a session of its own is due.
# "Decides to revert to the question at the main part of its seventy-ninth session, and requests ... information":
# reverting to (returning to, resuming) a question is taking it up again; a part of the session is that session.
TAKEN_UP_AT_SESSION = re.compile(
    r"\b(?:examination|examine|consideration|consider|agenda|include|inclusion|revert|return|resume)\b[^;.]{0,300}?"
    r"\b(?:at|of)\s+(?:the\s+(?:main|first|second|third|resumed)\s+part\s+of\s+)?its\s+(?:resumed\s+)?"
    # ", and" opens the next request ("..., and requests the Secretary-General"); a bare "and" may join words inside a
    # noun phrase ("the renewed and strengthened outreach activities needed to inform the public")
    rf"(?P<ords>{ORDINAL})\s+session\b[^;.]{{0,300}}?,\s+and\s+(?:(?:to\s+(?:this|that)\s+end|in\s+(?:this|that)"
    r"\s+(?:regard|context))\s*,?\s+)?\s*[^;.,]{0,120}$",
    re.I,
)
THAT_SESSION = re.compile(r"\b(?:at|during|to|for|before|by)\s+(?:that|the\s+same)\s+session\b", re.I)
NAMED_SESSION = re.compile(
    rf"\b(?:its|the|their)\s+(?P<ords>{ORDINAL})\s+(?:regular\s+|special\s+|annual\s+)?session\b"
    r"(?:\s+of\s+the\s+(?P<of>(?-i:[A-Z][\w-]*(?:(?:\s+(?:on|of|for|and|the|against|to))*\s+[A-Z][\w-]*)*)))?",
    re.I,
)
# "similar in scope to his report to the General Assembly at its seventy-fifth session": the session dates the report
# the new one resembles, not the new one.
REFERENCED_REPORT = re.compile(
    r"\b(?:similar|analogous|comparable|identical)\b[^;]{0,30}?\bto\s+(?:his|her|its|their|the)\s+(?:[\w-]+\s+){0,3}?"
    r"reports?\b[^;,]{0,80}$",
    re.I,
)
# "at their eightieth and sixty-first sessions, respectively": the n-th session goes to the n-th body listed before.
RESPECTIVELY = re.compile(r"\s*,?\s*respectively\b", re.I)
# A deadline that is a year or a date: "in 2024", "by 30 June 2025", "at its 2026 session" (ECOSOC names sessions
# by year).
YEAR = re.compile(
    r"(?:(?:in|by|during|before|until|(?:not|no)\s+later\s+than)"
    # "in the first quarter of 2021", "by the end of 2025", "in the first half of 2024", "in early 2026"
    r"(?:\s+the\s+(?:(?:first|second|third|fourth|last)\s+(?:quarter|half)|end|beginning|middle|course)\s+of"
    r"|\s+(?:early|mid|late))?"
    r"\s+(?P<date>(?:\d{1,2}\s+[A-Z][a-z]+\s+)?(?P<year>20\d\d))"
    r"|(?:at|before|by|for|during|to|until|prior\s+to|in\s+advance\s+of)\s+(?:its|their|the)\s+(?P<session_year>20\d\d)\s+"
    # "at its 2021 operational activities for development segment": a segment's name runs to four words
    r"(?:[a-z-]+\s+){0,4}?(?:session|segment)"
    rf"|(?P<within>within\s+(?:{cardinal_pattern()})\s+(?:days|weeks|months|years)))\b(?![/-])",
    re.I,
)
RECURRENCE = [
    (
        re.compile(
            # not "at the twenty-fifth annual session": a numbered session, not a cycle
            r"\b(?:annually|annual\s+(?:report|basis|reports|reporting)"
            # "annual progress reports", "an annual consolidated report"; not one edition of them ("the second
            # annual progress report", "the 2023 annual progress report")
            r"|(?<!th\s|st\s|nd\s|rd\s)(?<!\d\s)annual\s+(?:[a-z-]+\s+){1,2}?reports?"
            r"|(?<!th\s|st\s|nd\s|rd\s)annual\s+session|each\s+year"
            r"|every\s+year|yearly|once\s+(?:a|per|every)\s+year)\b",
            re.I,
        ),
        "annual",
    ),
    (re.compile(r"\b(?:biennial(?:ly)?|every\s+(?:two|2)\s+years)\b", re.I), "biennial"),
    (re.compile(r"\btriennial(?:ly)?\b", re.I), "every 3 years"),
    (re.compile(r"\bquadrennial(?:ly)?\b", re.I), "every 4 years"),
    (re.compile(rf"\bevery\s+(?P<n>{cardinal_pattern()})\s+(?P<unit>years|months|days)\b", re.I), "every"),
    (
        re.compile(
            r"\b(?:periodic(?:ally|\s+basis)|regular(?:ly|\s+basis)|on\s+an?\s+ongoing\s+basis|continue\s+to\s+report|continue\s+to\s+(?:submit|present)\s+(?:its\s+|his\s+|her\s+)?reports"
            r"|(?:within|in|through)\s+(?:the\s+|its\s+|his\s+|her\s+)?existing\s+reporting\s+(?:obligations|requirements)|keep\b[^;]{0,200}?\b(?:updated|informed|apprised))",
            re.I,
        ),
        "ongoing",
    ),
]
RECURRENCE_FOLDED = [(folded(regex), value) for regex, value in RECURRENCE]
# Any of them, in one pass: most actions name no recurrence, and a text none of them matches needs no search per pattern
# (the first pattern that matches still decides, see `clauses._recurrence`).
RECURRENCE_ANY_FOLDED = re.compile("|".join(f"(?:{regex.pattern})" for regex, _ in RECURRENCE_FOLDED))

CONTRIBUTION = re.compile(
    r"\b(?:as\s+(?:a\s+)?(?:possible\s+)?(?:contributions?|inputs?)\s+to|contribut(?:e|ing)\s+to\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?reports?\b"
    # "to contribute to the high-level political forum in 2025": input to a meeting of a body
    r"|contribut(?:e|ing)\s+to\s+(?:the\s+)?(?:work\s+of\s+the\s+)?(?:[\w-]+\s+){0,3}?(?:forum|conference|summit|congress|session|meeting|review)\b|in\s+the\s+(?:report|reports)\s+of|include\b[^;]{0,120}?\binformation"
    r"|report(?:s|ing)?\s+(?:that|such|this|the\s+relevant)\s+information|(?:provid(?:e|ing)|submit(?:ting)?|shar(?:e|ing)|communicat(?:e|ing))\b[^;]{0,80}?"
    r"\b(?:(?-i:information)(?!\s+and\s+communications?\s+technolog)|views|inputs?|data|proposals|comments|contributions"
    r"|observations|case\s+law|legislation)"
    r"|seek\b[^;]{0,60}?\b(?:proposals|views))",
    re.I,
)
# The action's verb takes a report as its object: "submit to the Assembly at its session a report", "present a
# comprehensive report".
WRITTEN_REPORT = re.compile(
    r"\s*(?:(?:continue\s+to\s+)?(?:submit|present|prepare)\b[^;]{0,160}?\b(?:a|an|the|its|his|her|their)\s+"
    r"(?:[\w-]+\s+){0,3}?reports?\b(?!\s+of\b)"
    # "to provide, at its eightieth session, a report with information on X": the report is the object
    r"|(?:continue\s+to\s+)?provide\s*(?:,[^,;]{0,80},\s*|\s+to\s+[^;,]{0,80}?\bsessions?\s*,?\s*)?(?:a|an)\s+"
    r"(?:[\w-]+\s+){0,3}?reports?\b(?!\s+of\b)"
    # a second object split off its verb: "..., and a written report at its next session"
    r"|(?:a|an)\s+(?:written|comprehensive|final|full)\s+reports?\b)",
    re.I,
)
ORAL = re.compile(
    r"\b(?:oral(?:ly)?\s+(?:update|report|briefing|presentation)|orally|to\s+brief|brief\b|briefings?\b|oral\s+update"
    r"|(?<!followed\sby\san\s)(?<!followed\sby\s)interactive\s+dialogue)",
    re.I,
)
ORAL_FOLDED = folded(ORAL)
REPORT = re.compile(
    # the qualifiers include any hyphenated adjective: "a forward-looking study", "an in-depth report"
    r"\b(?:report(?:s|ing)?\b|an?\s+(?:comprehensive\s+|written\s+|final\s+|progress\s+|analytical\s+|thematic\s+|summary\s+"
    r"|[a-z]+-[a-z]+\s+)*"
    r"(?:report|study|summary|note|overview|compilation|discussion\s+guide)"
    # "presenting a proposal for the digitization of ... for consideration by the General Assembly": a written proposal
    r"|(?:submit|present)(?:ting|ing|s)?\s+a\s+(?:revised\s+|detailed\s+|comprehensive\s+|new\s+)*proposal\b"
    # "to propose options for consideration by the General Assembly at ...": proposals put in writing to a body
    r"|propos(?:e|ing)\b(?=[^;]{0,120}?\bfor\s+(?:the\s+|its\s+)?consideration\b)"
    r"|an\s+(?:overview|analytical\s+study|update))",
    re.I,
)
REPORT_FOLDED = folded(REPORT)
# "to provide an update on the project", "to provide regular updates": an update provided (not said to be oral) is
# information given, as "to provide information"; "to submit an update" stays a written report.
PROVIDED_UPDATE = re.compile(
    r"\s*(?:continue\s+to\s+)?provide\s+(?:(?:an?|regular|further|periodic)\s+)?(?:[\w-]+\s+){0,2}?updates?\b", re.I
)
# "to inform the General Assembly at its seventy-ninth session about ..., through a dedicated section of the X report":
# informing is giving information, whatever report it travels in; unless the informing is done by a report of its own
# ("to inform the Council through a report on ...", "by submitting a report").
INFORMING = re.compile(r"\s*(?:continue\s+to\s+)?(?:inform|apprise)\b", re.I)
INFORMING_BY_REPORT = re.compile(
    r"\b(?:through|by\s+means\s+of|in\s+the\s+form\s+of)\s+(?:an?|annual|periodic)\s+(?:[\w-]+\s+){0,2}?reports?\b"
    r"|\bby\s+submitting\b",
    re.I,
)
INFORMATION = re.compile(
    r"\b(?:inform|informed|(?-i:information)(?!\s+and\s+communications?\s+technolog)|updated|apprised?|share|data|views"
    r"|inputs?|proposals)\b",
    re.I,
)
# "to submit proposals / this material / refined elements of the strategy": a written submission is a report,
# unless what is submitted is information, views or data (a contribution).
SUBMISSION = re.compile(r"\s*(?:continue\s+to\s+)?submit\b", re.I)
SUBMITTED_INFORMATION = re.compile(
    r"\b(?:(?-i:information)(?!\s+and\s+communications?\s+technolog)|views|inputs?|data|comments|observations"
    r"|contributions|case\s+law|legislation)\b",
    re.I,
)
ACTING_VERB = re.compile(
    r"\s*(?:continue\s+to\s+)?(?:consider|review|examine|discuss|take\s+note|note|welcome|endorse|approve|adopt|accord"
    r"|give|hold|convene|organize|decide|elect|appoint)\b",
    re.I,
)
# Not the first half of a compound: "a forward-looking assessment" is a report, not a transmission.
TRANSMIT = re.compile(r"\b(?:transmit|forward|convey)\b(?!-)", re.I)
TRANSMIT_FOLDED = folded(TRANSMIT)
DELIVERY = re.compile(
    r"\b(?:report|submit|present|provide|transmit|forward|brief|inform|update|updated|share|include|prepare|keep|convey"
    r"|communicate|apprise|contribute|address|engage\s+in\s+(?:an?\s+)?(?:interactive\s+)?dialogue)\b",
    re.I,
)
DELIVERY_FOLDED = folded(DELIVERY)

# Money is not information: "to provide voluntary financial contributions to the Office", "to contribute to the Trust
# Fund".
FUNDING = re.compile(
    r"\b(?:voluntary|financial|extrabudgetary|earmarked|unearmarked|in-kind|monetary|multi-year)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:contributions?|funding|resources)\b|\bcontribut\w*\s+(?:financially|funds)\b"
    r"|\bcontribut\w*\s+(?:generously\s+)?to\s+the\s+(?:[\w-]+\s+){0,6}?(?:[Tt]rust\s+[Ff]und|Fund)\b",
    re.I,
)
# What is delivered besides money: a clause that also asks for a report or information is not only funding.
NOT_ONLY_FUNDING = re.compile(r"\b(?:reports?|information|views|data|inputs?|updates?|briefings?|proposals)\b", re.I)
DISSEMINATION = re.compile(
    r"\s*(?:continue\s+to\s+)?(?:distribute|disseminate|circulate|publish|translate|make\s+(?:\w+\s+)?available|bring)\b",
    re.I,
)
# Substrings of DELIVERY's words (and "session"): a clause holding none of them cannot yield a mandate.
DELIVERY_WORDS = (
    "report",
    "submit",
    "present",
    "provid",
    "transmit",
    "forward",
    "brief",
    "inform",
    "updat",
    "share",
    "includ",
    "prepar",
    "keep",
    "convey",
    "communicat",
    "appris",
    "dialogue",
    "contribut",
    "session",
)

# What may stand right before a body for it to be a recipient, a channel, or neither.
RECIPIENT_BEFORE = re.compile(
    r"(?:\bto|\bbefore|(?<!consultation\s)(?<!cooperation\s)(?<!collaboration\s)(?<!coordination\s)(?<!partnership\s)"
    r"(?<!together\s)(?<!along\s)(?<!line\s)(?<!accordance\s)(?<!conjunction\s)(?<!compliance\s)(?<!consistent\s)\bwith|(?:consideration|information|action|review|adoption|examination|presentation|discussion|attention)"
    r"(?:\s+and\s+\w+)?\s+(?:by|at|of)|\bat|\binform|\bbrief|\bupdate|\bkeep|\bprovide|\bapprise|\bnotify)\s*$",
    re.I,
)
# "to the Council and to the Assembly", or "to the Council at its sixtieth session and the Assembly at its eightieth":
# a body listed after a recipient (and its session) is a recipient too.
LIST_BEFORE = re.compile(
    r"^\s*(?:(?:at|during|by|before)\s+(?:its|their|the)\s+(?:[\w-]+\s+){0,4}?sessions?\s*)?,?\s*"
    r"(?:and|as\s+well\s+as|or)\s+(?:to\s+)?$",
    re.I,
)
CHANNEL_BEFORE = re.compile(r"\bthrough\s*$|\bvia\s*$", re.I)
PAST_BEFORE = re.compile(
    r"(?<!be\s)\b(?:submitted|presented|held|convened|adopted|made|organized|considered|taken|launched|established)\b"
)
# "Decides that the Special Committee shall hold its next session from 20 to 28 February 2024": the year of that
# body's next session, which "to brief the Special Committee at its next session" is due at.
NEXT_SESSION_HELD = re.compile(
    r"\b(?P<who>the\s+(?:[A-Z][\w-]*\s+){0,4}[A-Z][\w-]*|it)\s+(?:shall|will|should|is\s+to)\s+hold\s+its\s+next"
    r"\s+(?:regular\s+|annual\s+|substantive\s+)?session\b[^;.]{0,80}?\b(?P<year>20\d\d)\b"
)
# "the annex to General Assembly resolution 64/115", "pursuant to Council decision 2021/12": the body names who adopted
# the text cited after it, it receives nothing.
CITED_AFTER = re.compile(r"\s+(?:resolutions?|decisions?)\s+\d")
PAST_TO = re.compile(r"(?<!be\s)\b(?:submitted|presented|addressed|transmitted|sent|made|given)\s+to\s*$")
STATE_WORDS = re.compile(r"\b(?:States|Governments|parties|Member)\b")

ANTECEDENT = re.compile(
    r"\bthe\s+((?:[A-Z][\w-]*\s+)*(?:Commission|Committee|Council|Office|Agency|Board|Group|Rapporteur|Expert|Mechanism"
    r"|Secretary-General|Forum|Conference|Fund|Programme|Organization|Secretariat|Envoy|Representative)"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?)"
)

# "requests that he submit": an office-holder named before; "requests that they": States, or any named entity.
PERSON_ANTECEDENT = re.compile(
    r"\bthe\s+((?:[A-Z][\w-]*\s+)*(?:Secretary-General|Rapporteur|Expert|Envoy|Representative|Commissioner|President"
    r"|Chair|Chairperson|Director|Director-General|Administrator|Coordinator|Adviser|Prosecutor|Registrar|Secretary)"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?)"
)
PLURAL_ANTECEDENT = re.compile(
    r"\b((?:all\s+)?(?:Member\s+States|States(?:\s+parties)?|Governments)(?=[\s,;])|the\s+(?:[A-Z][\w-]*\s+)*"
    r"(?:Commission|Committee|Council|Office|Agency|Board|Group|Rapporteur|Expert|Mechanism|Secretary-General|Forum"
    r"|Conference|Fund|Programme|Organization|Secretariat|Envoy|Representative|Commissioner|agencies|organizations)"
    r"(?:\s+(?:of|on|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?)"
)

# Where a clause ends: "; and requests ...", ". Requests ...", or ", and in this regard notes ..." (a new
# non-request verb of the adopting body).
_CLAUSE_STOPS = r";\s+(?=(?:and\s+)?(?:also\s+|further\s+)?[a-z]+s\b)|\.\s+(?=[A-Z])"
CLAUSE_END = re.compile(
    _CLAUSE_STOPS
    + r"|[,\s]\s*and\s+(?:in\s+this\s+regard\s+|in\s+this\s+context\s+|also\s+|further\s+)?(?=(?:notes|welcomes|takes\s+note"
    r"|stresses|recognizes|emphasizes|acknowledges|reaffirms|expresses|underlines|commends|affirms|decides)\b)"
)
# The first two branches alone (they start with ";" or ".", which `re` skips to quickly; the third starts at every
# space): for a text holding none of the verbs the third needs, which then can never match.
CLAUSE_STOPS = re.compile(_CLAUSE_STOPS)
_CLAUSE_END_VERBS = (
    "notes",
    "welcomes",
    "takes",
    "stresses",
    "recognizes",
    "emphasizes",
    "acknowledges",
    "reaffirms",
    "expresses",
    "underlines",
    "commends",
    "affirms",
    "decides",
)


def clause_end_for(text: str) -> re.Pattern[str]:
    """CLAUSE_END for searching `text`: the same matches, without the "and <verb>" branch when no verb of it occurs."""
    return CLAUSE_END if any(verb in text for verb in _CLAUSE_END_VERBS) else CLAUSE_STOPS
