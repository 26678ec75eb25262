"""What a report says it answers: "prepared pursuant to General Assembly resolution 75/196".

Plain Python, no Django. `find_fulfilment(text)` reads the report's statements about itself (sentences
about "the present report/note") and returns the resolutions and decisions it answers, the report's own
symbol when printed, and the session it is for when the text shows it.

Only self-referential sentences count: "In accordance with resolution 8/9 of the Conference, ..." or
"pursuant to Security Council resolution 2396 (2017)" in the body of a report describe other work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mandates.extraction.symbols import document_symbol

# How a report names itself at the start of the sentence that says what it answers.
SELF = r"(?:the\s+present|this)\s+(?:report|note|document)"
TRIGGER = (
    r"(?:(?:prepared|submitted|issued|presented|transmitted)\s+)?"
    r"(?:pursuant\s+to|in\s+accordance\s+with|in\s+response\s+to|in\s+compliance\s+with)"
    r"|(?:as\s+)?requested\s+by"
)
BODY = r"(?:[A-Z][\w’'-]*)(?:\s+(?:[A-Z][\w’'-]*|on|of|and|for|the|to))*?"
BODY_GREEDY = BODY[:-1]  # to the last capitalised word: "of the Commission on Narcotic Drugs."
# 75/196, 2021/15, 74/550 B, 30/1, 2396 (2017)
NUMBER = r"\d+(?:/\d+)+(?:\s+[A-Z](?![\w/]))?|\d+\s+\(\d{4}\)"
SYMBOLS = rf"(?:{NUMBER})(?:(?:\s*,\s*|\s+and\s+)(?:{NUMBER}))*"

# "General Assembly resolution 75/196" / "General Assembly resolutions 75/196 and 76/187"
BODY_FIRST = re.compile(
    rf"(?:the\s+)?(?P<body>{BODY})\s+(?P<kind>resolution|decision)s?\s+(?P<symbols>{SYMBOLS})",
)
# "the General Assembly in its resolution 75/196"
BODY_IN_ITS = re.compile(
    rf"(?:the\s+)?(?P<body>{BODY})\s+in\s+its\s+(?P<kind>resolution|decision)s?\s+(?P<symbols>{SYMBOLS})",
)
# "resolution 30/1 of the Commission on Narcotic Drugs"
KIND_FIRST = re.compile(
    rf"(?P<kind>resolution|decision)s?\s+(?P<symbols>{SYMBOLS})\s+of\s+the\s+(?P<body>{BODY_GREEDY})(?=[\s.,;:)]|$)",
)
SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\bNo)(?<!\bpara)\.\s+(?=[A-Z0-9])")
# "* A/76/50." : the asterisk footnote on a General Assembly report's first page names the agenda list
AGENDA_FOOTNOTE = re.compile(r"^\s*\*\s+(A/(\d{2,3})/\d+)\b", re.MULTILINE)
GA_SYMBOL = re.compile(r"^A/(\d{2,3})/")


@dataclass(frozen=True)
class Reference:
    body: str  # "General Assembly"
    kind: str  # "resolution" | "decision"
    symbol: str  # "75/196", "74/550 B", "2396 (2017)"
    quote: str  # the sentence, whitespace normalised

    @property
    def label(self) -> str:
        return f"{self.body} {self.kind} {self.symbol}"


@dataclass
class Fulfilment:
    references: list[Reference] = field(default_factory=list)
    symbol: str = ""  # the report's own symbol when printed, e.g. "A/76/145"
    session_body: str = ""  # the body whose session the report is for, when the text shows it
    session_number: int | None = None

    @property
    def labels(self) -> list[str]:
        return list(dict.fromkeys(ref.label for ref in self.references))


def normalise(text: str) -> str:
    """Collapse hard wraps and runs of spaces (PDF conversions break lines mid-sentence)."""
    return re.sub(r"\s+", " ", text).strip()


def _split_symbols(symbols: str) -> list[str]:
    return [normalise(s) for s in re.split(r"\s*,\s*|\s+and\s+", symbols) if s.strip()]


def _clean_body(body: str) -> str:
    body = normalise(body)
    body = re.sub(r"^(?:the|by|with|to)\s+", "", body, flags=re.IGNORECASE)
    body = re.sub(r"(?:\s+(?:on|of|and|for|the|to))+$", "", body)
    return body


def references_in(sentence: str) -> list[Reference]:
    """The resolutions and decisions a self-referential sentence says the report answers."""
    found: list[Reference] = []
    trigger = re.search(TRIGGER, sentence, flags=re.IGNORECASE)
    if not trigger:
        return found
    tail = sentence[trigger.start() :]
    trigger_text = re.match(TRIGGER, tail, flags=re.IGNORECASE)
    tail = tail[trigger_text.end() :] if trigger_text else tail
    for pattern in (BODY_IN_ITS, BODY_FIRST, KIND_FIRST):
        for match in pattern.finditer(tail):
            body = _clean_body(match.group("body"))
            # "its resolution" without a named body, or a body-less "resolution 8/9": not enough to link.
            if not body or body.lower() in {"its", "their", "this"}:
                continue
            for symbol in _split_symbols(match.group("symbols")):
                found.append(Reference(body=body, kind=match.group("kind").lower(), symbol=symbol, quote=sentence))
        if found:
            break
    return found


def find_fulfilment(text: str) -> Fulfilment:
    """Read what `text` (a report) says it was prepared pursuant to, its own symbol and its session."""
    flat = normalise(text)
    result = Fulfilment()
    seen = set()
    for sentence in SENTENCE_END.split(flat):
        if not re.search(SELF, sentence, flags=re.IGNORECASE):
            continue
        for ref in references_in(sentence):
            key = (ref.body.lower(), ref.kind, ref.symbol)
            if key not in seen:
                seen.add(key)
                result.references.append(ref)

    head = text[:3000]
    result.symbol = document_symbol(text)  # one rule for the document's own symbol (see symbols.py)
    ga = GA_SYMBOL.match(result.symbol)
    footnote = AGENDA_FOOTNOTE.search(head)
    if ga:
        result.session_body, result.session_number = "General Assembly", int(ga.group(1))
    elif footnote:
        result.session_body, result.session_number = "General Assembly", int(footnote.group(2))
    return result
