"""What a mandate is about: the subject line staff see as its title.

Plain Python, no Django. The grammar, as resolutions write it:

    a report on X / to report ... on X / information on X / views on X / proposals for X
    an oral update on X / an overview of X / a summary of X / to inform ... of X / keep ... informed of X
    to include (in its report) X / to transmit X to ... / to submit X to ...
    to report thereon / on this matter / that information  -> the subject the paragraph gave earlier

X runs until a recipient ("to the General Assembly"), a session phrase, the next action ("and to ..."), or a
trailing qualifier (", including ...", "within existing resources", "in consultation with ...", "for
consideration ..."). When no topic is printed, the subject is the request's object phrase (what must be
delivered or done), cleaned of recipients and session phrases. Never longer than about 160 characters.
"""

from __future__ import annotations

import re

from mandates.extraction.grammar import INFINITIVE, folded, unfolded
from mandates.extraction.names import mention_regex_for

MAX_LENGTH = 160
FALLBACK = "implementation of the present resolution"

# Words that name what is delivered; the topic follows them after "on", "about", ...
HEAD = re.compile(
    r"\b(?:reports?|reporting|updates?|updated|briefings?|brief|information|views|proposals|recommendations|options"
    r"|data|observations|comments|inputs?|stud(?:y|ies)|analysis|assessments?|overview|summary|compilation|account"
    r"|review|informed|apprised|apprise|inform|dialogue)\b",
    re.I,
)
HEAD_FOLDED = folded(HEAD)  # spans and lower-cased words as HEAD finds them, in the lower-cased text
# Heads whose topic may follow "of" ("an overview of X", "inform the Secretary-General of X").
OF_HEADS = frozenset(
    [
        "overview",
        "summary",
        "compilation",
        "review",
        "analysis",
        "assessment",
        "assessments",
        "account",
        "study",
        "studies",
        "informed",
        "apprised",
        "apprise",
        "inform",
        "updated",
    ]
)
FOR_HEADS = frozenset(["proposals", "recommendations", "options"])
PREP = re.compile(r"\s(?P<prep>on|about|regarding|concerning|of|for)\s+")
NOT_TOPIC = re.compile(
    r"(?:an?\s+|the\s+)?(?:(?:annual|biennial|regular|periodic|voluntary|yearly|triennial|quadrennial|case-by-case"
    r"|timely|ongoing|continuing|consistent|[\w-]+)\s+)?basis\b|the\s+basis\b|time\b|its\s+behalf|behalf\b"
    r"|consideration\b|the\s+occasion\b|the\s+ground\b|(?:its|their|his|her)\s+(?:own\s+)?initiative\b"
    r"|the\s+(?:following|same)\b|(?:the\s+)?(?:[\w-]+\s+)?sessions?\b",
    re.I,
)
# Where a topic ends: a recipient, a session phrase, the next action, or a trailing qualifier.
TOPIC_END = re.compile(
    r"\s*[;:]|\.(?:\s|$)|\s*\u201c?\s*$"
    r"|,?\s+(?:to|through|with|for)\s+(?:it\b|them\b|(?:all\s+)?Member\s+States\b|(?P<name>(?:the\s+|its\s+)?[A-Z]))"
    r"|,?\s+(?:at|during|by|before|for|in|until|no\s+later\s+than|prior\s+to|well\s+in\s+advance\s+of)\s+"
    r"(?:its|the|their|his|her)\s+(?:[\w-]+\s+){0,4}?sessions?\b"
    r"|,?\s+(?:in|by|before|during)\s+(?:[A-Z][a-z]+\s+)?(?:\d{1,2}\s+)?20\d\d\b"
    r"|,?\s+(?:and|or)\s+(?:to\s+[a-z]|requests|invites|encourages|urges|decides|calls|also|further|an?\s+(?:[\w-]+\s+)?"
    r"(?:interim\s+|oral\s+|comprehensive\s+|final\s+)?(?:report|update|briefing)\b)"
    r"|\s+on\s+(?:this|that|the)\s+(?:subject|matter|issue)\b"
    r"|,?\s+to\s+the\s+(?:[\w-]+\s+){1,3}?(?:forum|meeting|conference|committee|commission|council|assembly)\b"
    r"|,\s+to\s+[a-z]+\s|,\s+and\s+(?=[a-z]+s\s)|,\s+and\s+the\s+[A-Z]|,\s+which\b|,?\s+(?:to\s+be\s+)?followed\s+by\b|\s+for\s+a\s+(?:further\s+)?period\s+of\b"
    r"|,?\s+and\s+(?:the|all|its)\s+(?:[\w-]+\s+){0,6}?to\s+[a-z]|\s+that\s+(?:would|will|shall|could|should|may|might)\b|\s+as\s+a\s+way\b|\s+in\s+detail\b"
    r"|,\s+(?:and\s+)?(?:to\s+)?(?:consider|share|provide|submit|report|continue|ensure|promote|support|take|make)\b"
    r"|,?\s+(?:including|in\s+particular|inter\s+alia|within\s+(?:existing|its|their|the\s+existing)|in\s+consultation"
    r"|in\s+(?:close\s+)?(?:cooperation|coordination|collaboration|consultation)|for\s+(?:its\s+|their\s+)?"
    r"(?:consideration|transmission|presentation|submission|review|information)|as\s+(?:a\s+|an\s+)?(?:possible\s+)?"
    r"(?:contribution|input|part)|in\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?:next\s+)?(?:existing\s+|regular\s+|annual\s+)?(?:reports?|reporting)"
    r"|in\s+accordance\s+with|taking\s+into\s+account|bearing\s+in\s+mind|so\s+(?:that|as)|with\s+a\s+view|in\s+order\s+to"
    r"|as\s+appropriate|where\s+appropriate|when\s+appropriate|if\s+necessary|on\s+an?\s+[\w-]+\s+basis|annually\b"
    r"|biennially\b|periodically\b|every\s+\w+\s+years|thereafter|once\s+appointed|consistent\s+with|subject\s+to"
    r"|under\s+the\s+item|through\s+(?:its|their|the)\s|containing\b|that\s+(?:include|includes|contain|contains)\b)",
)
# A subject that only points back: "report thereon", "on this matter", "that information".
BACK_REFERENCE = re.compile(
    r"(?:thereon|therein|thereof|(?:this|that|such|those|these)\s+[\w-]+(?:\s+and\s+[\w-]+)?"
    r"|the\s+(?:matter|subject|issue|question|information|data|material)|it|them|this|that|its\s+status"
    r"|(?:a\s+)?similar\s+scope)",
    re.I,
)
# "to submit ...", "to continue to provide ...": the verb before the object phrase.
VERB = re.compile(
    r"\s*(?:(?:continue|be\s+invited|consider)\s+(?:to\s+)?)?(?:(?:[a-z]+ly|further|also)\s+)?"
    r"(?:[a-z]+(?:ing)?)(?:\s+|(?=,))",
)
ARTICLE = re.compile(r"^(?:the|a|an|its|their|his|her)\s+", re.I)
# Asides to drop before reading an object phrase: "to hold, within existing resources and during the session, a debate".
_CAPS = r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*"  # a run of capitalised words (one way to split it: no backtracking)
ASIDE = re.compile(
    r",\s*(?:within|during|at|in|as|through|by|with|subject)\b[^,;]{0,160},"
    rf"|\s+(?:to|with|for)\s+(?P<name>(?:the\s+|its\s+)?{_CAPS}(?:\s+(?:on|of|for|and|the|to)\s+{_CAPS})*)(?![\w’'-])"
    rf"|\s+(?:at|during)\s+(?:its|the)\s+(?:[\w-]+\s+){{0,4}}?sessions?(?:\s+of\s+the\s+{_CAPS})?",
)


DANGLING = re.compile(r"(?:,?\s+(?:and|or|as|of|on|to|in|for|by|with|the|a|an|its|their|that|which))+$")


def _clean(phrase: str) -> str:
    phrase = re.sub(r"\s+(?=,)", "", re.sub(r"\s+", " ", phrase)).strip(" ,;:.")
    phrase = DANGLING.sub("", phrase).strip(" ,;:")
    if len(phrase) > MAX_LENGTH:
        # Long: end at the last comma that keeps a useful phrase, else at a word.
        comma = phrase.rfind(", ", 0, MAX_LENGTH)
        cut = comma if comma >= 60 else phrase.rfind(" ", 0, MAX_LENGTH)
        phrase = phrase[: cut if cut > 40 else MAX_LENGTH].rstrip(" ,;:")
        phrase = DANGLING.sub("", phrase)
    # Quotes: drop unmatched ones at the ends, close an opened title ("on the theme \u201cX\u201d").
    phrase = phrase.strip("\u201d").lstrip("\u201c")
    if phrase.startswith('"') and phrase.count('"') == 1:
        phrase = phrase[1:]
    if phrase.count('"') % 2 == 1:
        phrase = phrase.rstrip('"') if phrase.endswith('"') else phrase + '"'
    if phrase.count("\u201c") > phrase.count("\u201d"):
        phrase += "\u201d"
    if len(phrase) > MAX_LENGTH:  # the closing quote tipped it over
        phrase = phrase[: phrase.rfind(" ", 0, MAX_LENGTH - 1)] + phrase[-1]
    return phrase.strip()


def _until_end(text: str, start: int) -> str:
    pos = start
    while True:
        m = TOPIC_END.search(text, pos)
        # "to the General Assembly" ends the topic; "follow-up to the Global Forum on Migration" does not: only a
        # recipient the names table knows is one.
        if m and m.group("name") is not None and not _names_recipient(text, m.start("name")):
            pos = m.end()
            continue
        return text[start : m.start() if m else len(text)]


def _in_name(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(s < pos < e for s, e in spans)


def topic(text: str, window_end: int | None = None) -> str:
    """The topic printed after a delivery word in `text` ("a report on X" -> "X"); "" when none is printed."""
    end = len(text) if window_end is None else window_end
    spans: list[tuple[int, int]] | None = None
    heads = HEAD.finditer(text, 0, end) if unfolded(text) else HEAD_FOLDED.finditer(text.lower(), 0, end)
    for head in heads:
        word = head.group().lower()
        for p in PREP.finditer(text, head.end() - 1, min(len(text), head.end() + 220)):
            prep = p.group("prep")
            adjacent = p.start() == head.end()
            if prep == "of" and not (word in OF_HEADS and (adjacent or word.startswith(("inform", "appris")))):
                if adjacent:
                    break  # "the report of the Special Envoy": an author, not a topic
                continue
            if prep == "for" and not (word in FOR_HEADS and adjacent):
                continue
            if NOT_TOPIC.match(text, p.end()):
                continue
            if spans is None:
                spans = [m.span() for m in mention_regex_for(text).finditer(text) if m.lastgroup != "pron"]
            if _in_name(spans, p.start() + 1):
                continue
            if re.search(r"[;:]|\.\s", text[head.end() : p.start()]):
                break
            phrase = _clean(_until_end(text, p.end()))
            if phrase:
                return phrase
            break
    return ""


def object_phrase(action: str) -> str:
    """What the action asks for, without its verb, recipients and session phrases ("to submit the final
    performance report during the seventy-ninth session" -> "final performance report")."""
    text = re.sub(r"^\s*(?:and\s+|or\s+)?(?:to\s+)?", "", action)
    text = re.sub(r"^(?:continue\s+to\s+|also\s+|further\s+)", "", text)
    m = VERB.match(text)
    if not m:
        return ""
    rest = re.sub(r"^(?:in\s+(?:its|their|his|her)\s+(?:next\s+)?(?:[\w-]+\s+)?report\s+)", "", text[m.end() :])
    rest = " " + re.sub(r"^(?:in|with|by\s+way\s+of|on|and\s+[a-z]+(?:\s+in|\s+with)?)\s+", "", rest)
    rest = re.sub(r"^\s*(?:the\s+)?(?:[A-Z][\w’'-]*\s+)+with\s+", " ", rest)  # "provide the Office with X"
    rest = ASIDE.sub(_drop_aside, rest)
    rest = re.sub(r"^\s*(?:to\s+(?:it|them)|within\s+existing\s+resources)\b,?", "", rest).lstrip(" ,")
    if re.match(r"to\s+[a-z]", rest):
        return object_phrase(rest)  # "(in mainstreaming the right to) development, to undertake X": X
    phrase = _until_end(" " + rest, 0)
    return topic(phrase) or _clean(phrase)  # "assessments on X": X


# "the Agency", "the Office": a short form of an organ named earlier (not "the Global Forum on Migration").
SHORT_ORGAN = re.compile(
    r"(?:the|its)\s+(?:[A-Z][\w-]*\s+){0,3}?(?:Agency|Office|Commission|Council|Assembly|Committee|Secretariat|Board"
    r"|Conference|Congress|Group|Rapporteur|Expert|Envoy|Mechanism|Fund|Programme|Organization|Institute|Centre)\b"
    r"(?!\s+(?:on|of|for|to|and)\s+[A-Z]|\s+[A-Z])"
)


def _names_recipient(text: str, pos: int) -> bool:
    m = mention_regex_for(text).match(text, pos) or SHORT_ORGAN.match(text, pos)
    return bool(m) and text[m.end() : m.end() + 1] not in ("’", "'")  # "the Agency’s operations": not a recipient


def _drop_aside(m: re.Match[str]) -> str:
    if m.group("name") is not None and not _names_recipient(m.group("name"), 0):
        return m.group()  # "follow-up to the Global Forum on Migration": not a recipient the names table knows
    return " "


def _refers_back(phrase: str) -> bool:
    return (
        not phrase
        or bool(BACK_REFERENCE.fullmatch(phrase))
        or phrase.lower().startswith(("thereon", "that information"))
    )


def subject(action: str, tail: str, before: str, previous: str = "", title: str = "") -> str:
    """The subject of one action.

    `action` is the action's text ("to submit a report to the General Assembly at its session"), `tail` the clause
    from the action on (the topic may follow a second object: "and an interim report ... on X"), `before` the
    paragraph before the action, `previous` the subject of the paragraph's earlier mandate, if any, `title` the
    instrument's title (what "report thereon" is about when the paragraph names nothing earlier).
    """
    window = _next_action(tail, len(action))
    # "to submit their views on ways | to strengthen ...": the topic may start in the words before this action.
    found = topic(tail[:window]) or topic(_last_piece(before) + tail[:window])
    if re.match(r"\s*(?:and\s+)?(?:to\s+)?(?:transmit|include|forward)\b", action):
        own = object_phrase(tail[:window])  # "to include in its report the progress made": the object is the subject
        if own and not _refers_back(own):
            found = own
    if found and not _refers_back(found):
        return _bare(found)
    back = bool(found) or bool(
        re.search(r"\b(?:thereon|therein|on\s+(?:this|that|the)\s+(?:matter|subject|issue))\b", tail[:window])
    )
    if not back:
        own = object_phrase(action)
        if own and not _refers_back(own) and not BARE.fullmatch(own):
            return _bare(_with_purpose(own, tail[len(action) : window]))
    # A back reference (or a bare "report"): the subject the paragraph gave before this action.
    if previous:
        return previous
    earlier = _earlier(before)
    if earlier:
        return _bare(earlier)
    if "present resolution" in before or "present resolution" in tail:
        return FALLBACK
    # "to present an oral update": what the instrument is about, as its title says, else what is delivered.
    own = object_phrase(action)
    if title and len(title) <= MAX_LENGTH and (not own or _refers_back(own) or BARE.fullmatch(own)):
        return title
    return _bare(own) if own and not _refers_back(own) else FALLBACK


# What is delivered, without saying about what: "a report", "proposals", "an oral update" (the paragraph said so
# earlier: "Decides to consider X ..., and invites the Secretary-General, accordingly, to submit proposals").
BARE = re.compile(
    r"(?:an?\s+|the\s+|its\s+|his\s+|her\s+|their\s+)?(?:[\w-]+\s+)?(?:reports?|information|proposals|views|data"
    r"|recommendations|updates?|briefings?|comments|observations|inputs?)",
    re.I,
)


def _with_purpose(phrase: str, after: str) -> str:
    """ "to convene a meeting ..., to discuss X": a bare event takes what it is to discuss."""
    if len(phrase.split()) > 3:
        return phrase
    m = re.match(r"[^;]{0,200}?,?\s+(?:to\s+(?:discuss|consider|review|examine|address)|on)\s+(?=\S)", after)
    if not m:
        return phrase
    rest = _clean(_until_end(after, m.end()))
    return _clean(f"{phrase} on {ARTICLE.sub('', rest)}") if rest else phrase


def _bare(phrase: str) -> str:
    """Without a leading article ("the financial situation" -> "financial situation"); "its"/"his"/"her" stay for
    the caller, who knows whose they are ("its activities" -> "activities of the Advisory Commission")."""
    return re.sub(r"^(?:the|a|an|their)\s+", "", phrase, flags=re.I).strip() or phrase


def _next_action(tail: str, action_end: int) -> int:
    """Where the topic search stops: the end of the clause's next delivery of its own (", and to report on Y")."""
    m = re.search(r"[,;]?\s+and\s+(?:to|requests|invites)\s+[a-z]", tail[action_end:])
    return action_end + m.start() if m else len(tail)


ACTION_START = INFINITIVE  # "to <verb>" (not "to the", "to various", "to Member States")


def _last_piece(before: str) -> str:
    starts = [m.end() for m in ACTION_START.finditer(before, max(0, len(before) - 400))]
    return before[starts[-1] :] if starts else ""


def _earlier(before: str) -> str:
    """The subject an earlier part of the paragraph gives: its last printed topic, else the object of its first
    action ("to ensure proper follow-up to the present resolution and to report thereon", "to convene an expert
    group meeting ... and to present a report")."""
    starts = [m.end() for m in ACTION_START.finditer(before)]
    for start in reversed(starts):
        phrase = topic(before[start:])
        if phrase and not _refers_back(phrase):
            return phrase
    for start in starts:  # else what the paragraph's first action asks for
        phrase = object_phrase(before[start:])
        if phrase and not _refers_back(phrase):
            return phrase
    return ""
