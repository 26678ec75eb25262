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


def _words(entries: list[str]) -> re.Pattern[str]:
    """Any of `entries`, as whole words (of the folded text)."""
    return re.compile(rf"(?<![\w-])(?:{_alt(entries)})(?![\w-])")


def _alt(entries: list[str]) -> str:
    return "|".join(_phrase(e) for e in sorted(entries, key=len, reverse=True))


def _sorted(entries: list[str]) -> list[str]:
    """Entries in the order `_alt` tries them: longest first."""
    return sorted(entries, key=len, reverse=True)


class WordAlternation:
    r"""`(?<![\w-])(?:A1|A2|...)TAIL` for alternatives that each open with a word: one pattern per opening word, led by
    that word as a literal, which `re` finds at C speed (a pattern that opens with a lookbehind is tried at every
    position of the text). The lookbehind moves behind the word: `(?<![\w-]word)` there says what it said before it.

    `items` are (group name or None, one alternative's regex), in the order the single pattern tries them. Words
    that are prefixes of one another ("report", "reports") share one pattern, so two patterns never match at the same
    position: the leftmost match over all of them is the single pattern's match, with the same span and group."""

    def __init__(self, items: list[tuple[str | None, str]], tail: str = r"(?![\w-])") -> None:
        keys = []
        for _, source in items:
            word = re.match(r"[^\W\d_]+", source)
            if not word:
                raise ValueError(f"an alternative that does not open with a word: {source[:40]}")
            keys.append(word.group())
        heads: list[str] = []
        for key in sorted(set(keys), key=len):
            if not any(key.startswith(head) for head in heads):
                heads.append(key)
        self.patterns: list[tuple[str, re.Pattern[str]]] = []
        for head in heads:
            parts: list[tuple[str | None, list[str]]] = []
            for (group, source), key in zip(items, keys, strict=True):
                if not key.startswith(head):
                    continue
                rest = source[len(head) :]
                if parts and parts[-1][0] == group:
                    parts[-1][1].append(rest)
                else:
                    parts.append((group, [rest]))
            body = "|".join(f"(?P<{group}>{'|'.join(rests)})" if group else "|".join(rests) for group, rests in parts)
            word = re.escape(head)
            self.patterns.append((head, re.compile(rf"{word}(?<![\w-]{word})(?:{body}){tail}")))

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """The leftmost match in text[pos:endpos], as the single pattern's `search` finds it."""
        end = len(text) if endpos is None else endpos
        best = None
        for head, pattern in self.patterns:
            if head in text:
                m = pattern.search(text, pos, end)
                if m and (best is None or m.start() < best.start()):
                    best = m
        return best

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        """The matches `finditer` of the single pattern yields: each search resumes where the last match ended."""
        end = len(text) if endpos is None else endpos
        m = self.search(text, pos, end)
        while m is not None:
            yield m
            m = self.search(text, m.end() if m.end() > m.start() else m.end() + 1, end)


def _word_items(entries: list[str], group: str | None = None) -> list[tuple[str | None, str]]:
    return [(group, _phrase(e)) for e in _sorted(entries)]


def _lower(section: dict, keep: tuple[str, ...] = ()) -> dict:
    """A vocabulary section in lower case (but the keys in `keep`): the net matches lower-cased text, which `re`
    scans several times faster than with IGNORECASE."""
    return {
        key: value if key in keep else ([v.lower() for v in value] if isinstance(value, list) else value)
        for key, value in section.items()
    }


def fold(text: str) -> str:
    """`text` in lower case, with the same length (so offsets hold)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)  # "İ" lower-cases to two characters


class RecallNet:
    """The net for one language, compiled once from its vocabulary. Every pattern but `body` (capitalised names)
    and `aside` reads the folded text (see `fold`)."""

    def __init__(self, vocab: dict) -> None:
        request, delivery = _lower(vocab["request"]), _lower(vocab["delivery"])
        target = _lower(vocab["target"], keep=("recipient_heads",))
        connectors = _alt([c.lower() for c in vocab["clause"]["connectors"]])
        delivery_verbs = _alt(delivery["verbs"])
        reach = int(request["modal_reach"]) - 1
        # One pass finds the first request of any kind (the group says which). Left one pattern: a clause holds several
        # of its opening words ("to", "is", "will"), so one search per word (`WordAlternation`) is no faster here.
        self.requests = re.compile(
            rf"(?<![\w-])(?:(?P<{OBJECT}>{_alt(request['verbs'])})|(?P<{SELF}>{_alt(request['self_verbs'])})"
            rf"|(?P<{SUBJECT}>{_alt(request['passives'])}"
            rf"|(?:{_alt(request['modals'])})\s+(?:[\w-]+\s+){{0,{reach}}}?(?:{delivery_verbs})))(?![\w-])"
        )
        self.delivered = _words(delivery["nouns"] + delivery["verbs"])
        self.infinitive = WordAlternation([(None, rf"{_phrase(delivery['infinitive'])}\s+(?:{delivery_verbs})")])
        self.not_delivered = _words(delivery["not_delivered"])
        self.reach = int(delivery["reach"])
        self.quotes = [(q[0], q[1]) for q in delivery["quotes"]]
        self.body = WordAlternation(_word_items(target["recipient_heads"]))
        self.body_phrase = WordAlternation(_word_items(target["recipient_phrases"]))
        months = _alt(target["months"])
        # A session word, a date or year after a preposition, or "within" a period (each alternative with its own end).
        dated = rf"\s+(?:the\s+)?(?:\d{{1,2}}\s+)?(?:(?:{months})\s+)?(?:19|20)\d\d(?![\w/-])(?!\s+(?:{_alt(target['year_names'])})\b)"
        self.deadline = WordAlternation(
            [(None, _phrase(w) + r"(?![\w-])") for w in _sorted(target["session_words"])]
            + [(None, _phrase(w) + dated) for w in _sorted(target["date_prepositions"])]
            + [
                (None, _phrase(w) + rf"\s+[\w-]+\s+(?:{_alt(target['periods'])})(?![\w-])")
                for w in _sorted(target["within"])
            ],
            tail="",
        )
        self.recurrence = WordAlternation(_word_items(target["recurrences"]))
        # "Requests, in this regard, the Office to ...": an aside between the verb and the one asked to act.
        self.aside = re.compile(rf"[\s,]*(?:(?:{connectors})\s*,\s*)*", re.IGNORECASE)
        asks = _alt(request["verbs"] + request["self_verbs"])
        # Inside a sentence the connectors and verbs are in lower case: no IGNORECASE (several times faster).
        self.clause_end = re.compile(
            rf";\s+(?=(?:(?:{connectors}),?\s+)*[a-z]+s\b)|\.\s+(?=[A-Z])"
            # "..., and requests the Secretary-General to ...": a second request in the same sentence
            rf"|,\s+(?=(?:(?:{connectors}),?\s+)+(?:{asks})(?![\w-]))"
        )

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
        m = self.requests.search(fold(text))
        return (m.span(), m.lastgroup) if m else None

    def names_deadline(self, text: str) -> bool:
        """Whether `text` names a session, a year or date, or a period."""
        return bool(self.deadline.search(fold(text)))

    def fire(self, text: str, lead: tuple[tuple[int, int], str] | None = None) -> Hit | None:
        """A Hit when `text` holds a request (or `lead`, its lead-in's request, is given), a delivery and a target;
        else None."""
        low = fold(text)
        m = self.requests.search(low)
        if m is None and lead is None:
            return None
        # What follows the request: the delivery within reach of it, the target anywhere after it.
        after = m.start() if m else 0
        delivered = self._delivered(low, after, m.end() + self.reach if m else self.reach)
        if delivered is None:
            return None
        targets = set()
        if self.body.search(text, after) or self.body_phrase.search(low, after):
            targets.add(BODY)
        if self.deadline.search(low, after):
            targets.add(DEADLINE)
        if self.recurrence.search(low, after):
            targets.add(RECURRENCE)
        if not targets:
            return None
        span, kind = (m.span(), m.lastgroup) if m else (None, lead[1])
        return Hit(span, kind, delivered, frozenset(targets))

    def _delivered(self, low: str, start: int, stop: int) -> str | None:
        """The first delivery word starting in low[start:stop] that is not a look-alike or inside a title."""
        for m in self.delivered.finditer(low, start, stop):
            if not self._masked(low, m.start()):
                return m.group()
        later = self.infinitive.search(low, stop)
        return later.group() if later else None

    def _masked(self, low: str, at: int) -> bool:
        """Whether the word at `at` is part of a look-alike ("takes note") or inside a quoted title."""
        for m in self.not_delivered.finditer(low, max(0, at - 40), at + 60):
            if m.start() <= at < m.end():
                return True
        for opening, closing in self.quotes:
            opened = low.rfind(opening, 0, at)
            if opened >= 0 and low.find(closing, opened, at) < 0:
                return True
        return False


@lru_cache(maxsize=8)
def recall_net(language: str = "en") -> RecallNet:
    with (VOCAB_DIR / language / "recall_net.toml").open("rb") as f:
        return RecallNet(tomllib.load(f))
