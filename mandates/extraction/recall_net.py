"""The recall net: a deliberately broad detector of clauses that may hold a mandate the grammar missed.

A clause is caught when it holds
  a request: a request verb ("requests", "invites", "decides to", "reiterates its request", "urges") or a modal
             before a delivery verb ("the secretariat should submit"), or its lead-in holds one ("Requests the
             Secretary-General:" above "(a) To report ..."),
  a delivery: something delivered ("a report", "views", "an interactive dialogue") or a delivery verb ("submit",
             "brief", "apprise"),
  a target: a recipient body ("the Forum", "the Council"), a deadline (a session, a year or date, "within six
             months") or a recurrence ("annually").
No grammar: the net only says that a clause deserves a look. The words come from vocab/<language>/recall_net.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"

# How a request names the one asked to act: after the verb ("requests the Secretary-General to"), before it
# ("the secretariat should submit", "is requested to"), or not at all: the adopting body acts ("decides to").
OBJECT = "object"
SUBJECT = "subject"
SELF = "self"

# A paragraph's printed number or letter: "12. ", "(b) "
LABEL = re.compile(r"\s*(?:\d{1,3}\.|\(\w{1,5}\))\s+")

BODY = "body"
DEADLINE = "deadline"
RECURRENCE = "recurrence"


@dataclass(frozen=True)
class Hit:
    """Why the net fired on a clause. `request` is the span of the request verb or modal in the clause, or None
    when the request is the lead-in's."""

    request: tuple[int, int] | None
    kind: str  # OBJECT | SUBJECT | SELF (the lead-in's kind when `request` is None)
    delivered: str  # the word that names the delivery ("report", "submit")
    targets: frozenset[str]  # of BODY, DEADLINE, RECURRENCE


def _phrase(entry: str) -> str:
    """A vocabulary entry as a regex: spaces match any white space, a trailing "*" any word ending."""
    stem = entry.rstrip("*")
    pattern = r"\s+".join(re.escape(word) for word in stem.split())
    return pattern + (r"[\w-]*" if entry.endswith("*") else "")


def _words(entries: list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    alternation = "|".join(_phrase(e) for e in sorted(entries, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", flags)


def _alt(entries: list[str]) -> str:
    return "|".join(_phrase(e) for e in sorted(entries, key=len, reverse=True))


class RecallNet:
    """The net for one language, compiled once from its vocabulary."""

    def __init__(self, vocab: dict) -> None:
        request, delivery, target = vocab["request"], vocab["delivery"], vocab["target"]
        delivery_verbs = _alt(delivery["verbs"])
        reach = int(request["modal_reach"]) - 1
        # One pass finds the first request of any kind (the group says which).
        self.requests = re.compile(
            rf"(?<![\w-])(?:(?P<{OBJECT}>{_alt(request['verbs'])})|(?P<{SELF}>{_alt(request['self_verbs'])})"
            rf"|(?P<{SUBJECT}>{_alt(request['passives'])}"
            rf"|(?:{_alt(request['modals'])})\s+(?:[\w-]+\s+){{0,{reach}}}?(?:{delivery_verbs})))(?![\w-])",
            re.IGNORECASE,
        )
        self.delivered = _words(delivery["nouns"] + delivery["verbs"])
        self.infinitive = re.compile(
            rf"(?<![\w-]){_phrase(delivery['infinitive'])}\s+(?:{delivery_verbs})(?![\w-])", re.I
        )
        self.not_delivered = _words(delivery["not_delivered"])
        self.reach = int(delivery["reach"])
        self.quotes = [(q[0], q[1]) for q in delivery["quotes"]]
        self.body = re.compile(rf"(?<![\w-])(?:{_alt(target['recipient_heads'])})(?![\w-])")
        self.body_phrase = _words(target["recipient_phrases"])
        months = _alt(target["months"])
        self.deadline = re.compile(
            rf"(?<![\w-])(?:{_alt(target['session_words'])})(?![\w-])"
            rf"|(?<![\w-])(?:{_alt(target['date_prepositions'])})\s+(?:the\s+)?(?:\d{{1,2}}\s+)?(?:(?:{months})\s+)?"
            rf"(?:19|20)\d\d(?![\w/-])(?!\s+(?:{_alt(target['year_names'])})\b)"
            rf"|(?<![\w-])(?:{_alt(target['within'])})\s+[\w-]+\s+(?:{_alt(target['periods'])})(?![\w-])",
            re.IGNORECASE,
        )
        self.recurrence = _words(target["recurrences"])
        connectors = _alt(vocab["clause"]["connectors"])
        # "Requests, in this regard, the Office to ...": an aside between the verb and the one asked to act.
        self.aside = re.compile(rf"[\s,]*(?:(?:{connectors})\s*,\s*)*", re.IGNORECASE)
        self.clause_end = re.compile(rf";\s+(?=(?:(?:{connectors}),?\s+)*[a-z]+s\b)|\.\s+(?=[A-Z])")

    def clauses(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each clause of a paragraph, white space and end punctuation trimmed."""
        label = LABEL.match(text)
        spans, begin = [], 0
        for m in self.clause_end.finditer(text, label.end() if label else 0):
            spans.append((begin, m.start() + 1))
            begin = m.end()
        spans.append((begin, len(text)))
        out = []
        for start, end in spans:
            piece = text[start:end]
            lead = len(piece) - len(piece.lstrip())
            trimmed = piece.rstrip()
            if trimmed.strip():
                out.append((start + lead, start + len(trimmed)))
        return out

    def request(self, text: str) -> tuple[tuple[int, int], str] | None:
        """The first request in `text`: its span and kind (OBJECT, SUBJECT or SELF)."""
        m = self.requests.search(text)
        return (m.span(), m.lastgroup) if m else None

    def fire(self, text: str, lead: tuple[tuple[int, int], str] | None = None) -> Hit | None:
        """A Hit when `text` holds a request (or `lead`, its lead-in's request, is given), a delivery and a target;
        else None."""
        found = self.request(text)
        if found is None and lead is None:
            return None
        # What follows the request: the delivery within reach of it, the target anywhere after it.
        after = found[0][0] if found else 0
        delivered = self._delivered(text, after, found[0][1] + self.reach if found else self.reach)
        if delivered is None:
            return None
        targets = set()
        if self.body.search(text, after) or self.body_phrase.search(text, after):
            targets.add(BODY)
        if self.deadline.search(text, after):
            targets.add(DEADLINE)
        if self.recurrence.search(text, after):
            targets.add(RECURRENCE)
        if not targets:
            return None
        span, kind = found if found else (None, lead[1])
        return Hit(span, kind, delivered, frozenset(targets))

    def _delivered(self, text: str, start: int, stop: int) -> str | None:
        """The first delivery word starting in text[start:stop] that is not a look-alike or inside a title."""
        for m in self.delivered.finditer(text, start, stop):
            if not self._masked(text, m.start()):
                return m.group().lower()
        later = self.infinitive.search(text, stop)
        return later.group().lower() if later else None

    def _masked(self, text: str, at: int) -> bool:
        """Whether the word at `at` is part of a look-alike ("takes note") or inside a quoted title."""
        for m in self.not_delivered.finditer(text, max(0, at - 40), at + 60):
            if m.start() <= at < m.end():
                return True
        for opening, closing in self.quotes:
            opened = text.rfind(opening, 0, at)
            if opened >= 0 and text.find(closing, opened, at) < 0:
                return True
        return False


@lru_cache(maxsize=8)
def recall_net(language: str = "en") -> RecallNet:
    with (VOCAB_DIR / language / "recall_net.toml").open("rb") as f:
        return RecallNet(tomllib.load(f))
