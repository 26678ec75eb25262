"""Canonical names of UN bodies and entities, and how short references resolve in context.

`BODY_NAMES` are intergovernmental bodies (they meet in numbered sessions and receive reports);
`ENTITY_NAMES` are offices, officials and groups that deliver things. Short forms ("the Commission",
"the Office", "the Assembly") are resolved by `Resolver` against the instrument they appear in.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mandates.extraction.numbers import ordinal_pattern, ordinal_to_int

GA = "General Assembly"
SC = "Security Council"
ECOSOC = "Economic and Social Council"
HRC = "Human Rights Council"
CCPCJ = "Commission on Crime Prevention and Criminal Justice"
CND = "Commission on Narcotic Drugs"
HLPF = "high-level political forum on sustainable development"
SG = "Secretary-General"
UNODC = "United Nations Office on Drugs and Crime"
UNODC_ED = "Executive Director of the United Nations Office on Drugs and Crime"
HC = "United Nations High Commissioner for Human Rights"
OHCHR = "Office of the United Nations High Commissioner for Human Rights"
CONGRESS_SUFFIX = "United Nations Congress on Crime Prevention and Criminal Justice"

# Canonical names and aliases live in a data file per language (vocab/<lang>/names.json). Case-sensitive on purpose:
# "the Council" is a reference, "the council" is not a UN body.
VOCAB = Path(__file__).with_name("vocab")


def load_names(language: str = "en") -> dict:
    return json.loads((VOCAB / language / "names.json").read_text(encoding="utf-8"))


_NAMES = load_names()
BODY_NAMES: dict[str, tuple[str, ...]] = {name: tuple(aliases) for name, aliases in _NAMES["bodies"].items()}
ENTITY_NAMES: dict[str, tuple[str, ...]] = {name: tuple(aliases) for name, aliases in _NAMES["entities"].items()}
# Titles that are followed by "on ..."/"for ..." in full and later shortened to "the <title>".
MANDATE_TITLES: tuple[str, ...] = tuple(_NAMES["mandate_titles"])

ALL_BODIES = frozenset(BODY_NAMES)
# Verbs that start the action after a title ("the Special Rapporteur on the right to food to report"): "to" + one
# of these ends the title, "to food" does not.
INFINITIVE_VERBS = (
    r"(?:submit|report|present|continue|provide|prepare|include|brief|engage|undertake|conduct|carry|participate|make|pay"
    r"|seek|take|give|consider|examine|hold|convene|promote|ensure|assist|support|identify|contribute|share|transmit"
    r"|inform|update|keep|develop|study|monitor|work|cooperate|organize|address|focus|gather|collect|visit|respond)\b"
)
# Recipients that are one-off events rather than bodies with numbered sessions.
EVENT_WORDS = re.compile(r"\b(?:Congress|Conference|Summit|meeting|meetings|Forum|Dialogue|Day|Games|World Cup)\b")


def _alias_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for names in (BODY_NAMES, ENTITY_NAMES):
        for canonical, aliases in names.items():
            for alias in (canonical, *aliases):
                table[alias.lower()] = canonical
    return table


ALIASES = _alias_table()
OFFICER_OF = re.compile(
    r"((?:the\s+)?(?:Executive\s+Director|Administrator|Director-General|Executive\s+Secretary|High\s+Commissioner"
    r"|President|Chair|Chairperson|Chair-Rapporteur|Special\s+Representative|Registrar|Commissioner-General))"
    r"\s+of\s+(?:the\s+)?(.+)"
)


def mention_regex(qualified: bool = False) -> re.Pattern[str]:
    """One regex finding body names, short references ("the Commission", "it", "its") and Congresses; `qualified`
    adds qualified short forms ("the Permanent Forum"), which the caller keeps only when they resolve to a name."""
    return _mention_regex(qualified, congress=True, meeting=True)


def mention_regex_for(text: str, qualified: bool = False) -> re.Pattern[str]:
    """`mention_regex(qualified)` for searching `text`: the same matches, without the branches that cannot match in it.
    A Congress is always printed with the word "Congress" and a meeting of States with "Meeting"; the Congress branch
    (an ordinal in any case, tried at every capital and "the") was about half the cost of the whole regex."""
    return _mention_regex(qualified, congress="Congress" in text, meeting="Meeting" in text)


@lru_cache(maxsize=8)
def _mention_regex(qualified: bool, congress: bool, meeting: bool) -> re.Pattern[str]:
    full = sorted(
        {a for n in (BODY_NAMES, ENTITY_NAMES) for c, al in n.items() for a in (c, *al)}, key=len, reverse=True
    )
    full_alt = "|".join(re.escape(a) for a in full if a not in ("States", "Governments", "WHO"))
    ordinal = ordinal_pattern()
    return re.compile(
        # Every mention starts at a word boundary with a capital, "the", "it(s)" or "high-level": the lookahead
        # lets the engine reject most positions at once.
        r"\b(?=[A-Zthi])(?:"
        + (
            rf"(?P<congress>(?:the\s+)?(?P<cord>(?i:{ordinal}))\s+(?:United\s+Nations\s+)?Congress(?:\s+on\s+Crime\s+Prevention"
            rf"\s+and\s+Criminal\s+Justice)?|the\s+Congress)|"
            if congress
            else ""
        )
        + rf"(?P<title>(?:the\s+)?(?:{'|'.join(re.escape(t) for t in MANDATE_TITLES)})"
        rf"(?:\s+(?:on|for|of)\s+(?:the\s+)?[^\s,;.()]+(?:\s+(?!to\s+{INFINITIVE_VERBS})(?!at\s)(?!and\s+(?:the|to)\s)[^\s,;.()]+){{0,12}}?"
        rf"(?=\s+(?:to\s+{INFINITIVE_VERBS}|at\s|and\s+(?:the|to)\s|through\s|for\s|in\s|on\s+its|at\s+its)|[,;.()]|$))?)"
        rf"|(?P<full>(?:the\s+)?(?:{full_alt})(?![\w-]))"
        r"|(?P<hlpf>high-level\s+political\s+forum(?:\s+on\s+sustainable\s+development)?)"
        # "the Fifth Biennial Meeting of States to Consider the Implementation of the Programme of Action ...", "the
        # Meeting of States Parties": meetings of the parties to a treaty, named in capitals, receive reports
        + (
            r"|(?P<meeting>(?:the\s+)?(?:[A-Z][\w-]*\s+){0,3}Meetings?\s+of\s+(?:the\s+)?States(?:\s+Parties)?"
            r"(?:\s+to\s+(?:Consider|Review)(?:(?:,?\s+(?:of|the|on|and|in|to))*,?\s+[A-Z][\w-]*){1,16})?)"
            if meeting
            else ""
        )
        + r"|(?P<short>the\s+(?:Assembly|Council|Commission|Office|Conference|Committee|Board|Forum|Executive\s+Director"
        r"|Executive\s+Board"
        r"|High\s+Commissioner|Expert\s+Group|Secretariat)(?![\w-]))"
        # "the Permanent Forum", "the Ad Hoc Committee": a qualified short form, kept only when the instrument prints
        # the full name it stands for
        + (
            r"|(?P<qshort>the\s+(?:[A-Z][\w-]*\s+){1,2}(?:Forum|Commission|Committee|Board|Conference|Group)(?![\w-]))"
            if qualified
            else ""
        )
        + r"|(?P<pron>\b(?:it|its)\b))",
    )


LOWER_COMMISSION = re.compile(r"\b(?:an?|the)\s+(?P<name>(?:(?!the\b|an?\b|new\b)[a-z][\w-]*\s+){1,3}commission)\b")


@lru_cache(maxsize=64)
def _title_regex(title: str, preposition: str) -> re.Pattern[str]:
    # "Independent International Commission of Inquiry on ...": the full title of an inquiry or mission
    # HRC resolutions print these titles in lower case: "the independent international commission of inquiry on".
    inquiry = title in ("Commission of Inquiry", "Fact-Finding Mission")
    qualifiers = r"(?:(?:[Ii]ndependent|[Ii]nternational)\s+){0,2}" if inquiry else ""
    head = f"(?i:{re.escape(title)})" if inquiry else re.escape(title)
    return re.compile(
        rf"{qualifiers}{head}\s+(?:{preposition})\s+[^,;.()]+?"
        rf"(?=\s+(?:to\s+(?:[a-z]+ly\s+[a-z]|{INFINITIVE_VERBS})|at\s|and\s+(?:of\s+)?(?:the|to)\s|for\s+(?:a\s+)?(?:further\s+)?period\b"
        # the sentence goes on after the title: a relative clause, a participle with its complement ("presented to the
        # Council", "the actions taken on"), "and adopted in"
        r"|(?:that|which|who|whose)\s|(?:and\s+)?(?:[a-z]+ed|taken|made|given|held|done|undertaken|shown)\s+"
        r"(?:to|by|at|in|on|with|before|during|under|within|pursuant)\s)"
        r"|[,;.()]|$)"
    )


@lru_cache(maxsize=1)
def _alternative_forms() -> dict[re.Pattern[str], re.Pattern[str]]:
    """A mandate title's "on" form -> its "for/of" form ("Working Group on X", "Working Group of Experts on Y")."""
    return {_title_regex(t, "on"): _title_regex(t, "for|of") for t in MANDATE_TITLES}


def congress_name(ordinal_words: str) -> str:
    words = re.sub(r"\s+", " ", ordinal_words.strip())
    return f"{words[:1].upper()}{words[1:].lower()} {CONGRESS_SUFFIX}"


def strip_article(name: str) -> str:
    name = _SPACES.sub(" ", name).strip(" ,;:")
    return _LEADING_ARTICLE_ANY_CASE.sub("", name) if not name.lower().startswith("all member") else name[4:]


# Words that qualify a title without being part of it: "the next Special Envoy", "the current Chair".
DETERMINER = re.compile(r"^(?:the\s+)?(?:next|current|new|incoming|newly\s+appointed|present)\s+(?=[A-Z])")
# Compiled once (`resolve` runs for every name the grammar reads; `re.sub(pattern, ...)` looks its pattern up each time).
_SPACES = re.compile(r"\s+")
_OWNED_SECRETARIAT = re.compile(r"(?:[Tt]he\s+)?((?:[A-Z][\w-]*\s+){1,3})secretariat")
_SHORT_ORGAN = re.compile(r"(?:the\s+)?(Commission|Council|Committee|Conference|Office)")
_LOWER_INQUIRY = re.compile(r"(?:the\s+)?(?:commission|mission)")
_LEADING_ARTICLE = re.compile(r"^(?:the|all)\s+")
_LEADING_ARTICLE_ANY_CASE = re.compile(r"^(?:the|all)\s+", re.I)
_ORDINAL_CONGRESS = re.compile(rf"(?:the\s+)?({ordinal_pattern()})\s+(?:united nations\s+)?congress(?:\s+on .*)?")
_OF_THE_ORGAN = re.compile(r"(.+?) of the ([A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,3})")
_CAP = r"(?!The\b)[A-Z][\w’'-]*"
_SP = r"[^\S\n]+"  # spaces within a line: a name never runs over a paragraph break
# Lower-case words inside a proper name: "Special Committee on the Situation with regard to the Implementation of the
# Declaration ...", "Relief and Works Agency for Palestine Refugees in the Near East"; never "and the" (a list).
_LINK = rf"{_SP}(?!and{_SP}the\b)(?:(?:of|on|for|in|to|against|with|regard|from|and|between|among){_SP})*(?:the{_SP})?"
# "... of/on/for/in <Name>", or an adviser's or envoy's "to the Secretary-General on <Name>"
# "... to Support the Implementation of Sustainable Development Goal 14": a goal's number ends the name
_GOAL = rf"(?<=Goal){_SP}\d{{1,2}}(?![\w/])"
# an ad hoc organ's purpose: "Ad Hoc Committee to Elaborate a Comprehensive International Convention on ...", "Expert Group
# to Conduct a Comprehensive Study on Cybercrime" (a capitalised verb after "to" is part of a name, never running text)
_TAIL = (
    rf"(?:{_SP}(?:of|on|for|in|(?=to{_SP}the{_SP}Secretary-General)to|to(?={_SP}[A-Z][a-z]+{_SP}(?:an?|the){_SP}[A-Z])"
    rf"{_SP}[A-Z][a-z]+(?:{_SP}an?)?){_SP}(?:the{_SP})?{_CAP}(?:{_LINK}{_CAP})*(?:{_GOAL})?)"
)
# A capitalised short form that may stand for a longer name: "Special Committee", "Commissioner-General", "Agency".
# Its head (last word) names an organ, an office or an office-holder; a country ("Myanmar") is never shortened.
ORGAN_HEAD = (
    r"(?:Committee|Commission|Council|Agency|Office|Programme|Fund|Board|Group|Envoy"
    r"|Representative|Rapporteur|Expert|Mission|Unit|Centre|Center|Institute|Organization|Forum|Panel|Conference"
    r"|Court|Tribunal|Authority|Bureau|Chair|Chairperson|Chair-Rapporteur|President|Director|Director-General"
    r"|Commissioner|Commissioner-General|Coordinator|Adviser|Advisor|Administrator|Secretary|Secretary-General"
    r"|Registrar|Prosecutor|Ombudsperson|Mechanism|Facility|Network|Platform|Partnership|Team|Service|Department"
    r"|Division|Entity|Body|Government|Operation|Force|Observatory|University|Academy|Alliance|Union|Secretariat)"
)
SHORT_FORM = re.compile(rf"(?:{_CAP}{_SP}){{0,3}}{ORGAN_HEAD}")
# A name that holds an organ, office or office-holder word: "Chair of the Committee against Torture".
NAMES_AN_ORGAN = re.compile(rf"(?<![\w-]){ORGAN_HEAD}(?![\w-])")


# A short form printed this close (characters) after a full name stands for that name, whatever the title says.
NEAR_ANTECEDENT = 400
_GENERIC_WORDS = frozenset(
    [
        "the",
        "of",
        "on",
        "for",
        "and",
        "in",
        "to",
        "with",
        "from",
        "its",
        "their",
        "this",
        "that",
        "united",
        "nations",
        "human",
        "rights",
        "special",
        "working",
        "group",
        "rapporteur",
        "independent",
        "expert",
        "committee",
        "commission",
        "council",
        "mandate",
        "issue",
    ]
)


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _GENERIC_WORDS]


MAIN_COMMITTEE = re.compile(
    r"(?:Disarmament and International Security|Special Political and Decolonization|Economic and Financial"
    r"|Social, Humanitarian and Cultural|Administrative and Budgetary|Legal|First|Second|Third|Fourth|Fifth|Sixth)"
    r"(?:\s+and\s+(?:First|Second|Third|Fourth|Fifth|Sixth))?\s+Committees?"
)


@lru_cache(maxsize=512)
def _full_name_regex(head: str) -> re.Pattern[str]:
    """A proper name whose head noun is `head`: "<head> of/on/for <Capitalised ...>", or "<Capitalised words> <head>
    [of/for ...]" ("United Nations Relief and Works Agency for Palestine Refugees")."""
    words = re.escape(head).replace(r"\ ", _SP)
    after = rf"(?<![\w-]){words}{_TAIL}"
    # "Human Rights Council Advisory Committee", "United Nations Relief and Works Agency for Palestine Refugees"
    before = rf"(?<![\w-])(?:{_CAP}{_SP}(?:and{_SP})?)+{words}(?![\w-]){_TAIL}?"
    return re.compile(rf"{before}|{after}")


def finditer_in_lines(regex: re.Pattern[str], text: str, literal: str):
    """`regex.finditer(text)` for a pattern whose matches hold `literal` and never cross a line break: only the
    lines holding the literal are scanned (a C-speed `str.find`), so a pattern that starts with a lookbehind or
    a character class does not run over the whole instrument."""
    at = text.find(literal)
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end + 1
        yield from regex.finditer(text, line_start, line_end)
        at = text.find(literal, line_end)


# A character no full name holds between its start and its head noun (see `full_name_matches`): not a word character,
# apostrophe, hyphen or space within a line. `_LAST_STOP` finds the last one before a point, `_NAME_START` a capital
# opening a word, where both branches of `_full_name_regex` start.
_LAST_STOP = re.compile(r"[^\n]*[^\w’'\-\s]")
_NAME_START = re.compile(r"(?<![\w-])[A-Z]")


def full_name_matches(regex: re.Pattern[str], text: str, literal: str):
    """`finditer_in_lines(regex, text, literal)` for a `_full_name_regex` pattern, without running the pattern over
    each whole line: its matches start at a capital opening a word, and from there to the first `literal` they hold
    (the head noun's last word) run only word characters, apostrophes, hyphens and spaces. So a match can start only
    at such a capital between the last other character before an occurrence of `literal` and the occurrence; each
    occurrence, left to right, is tried at those few starts (a match resumes the scan after its end, as in
    `finditer`)."""
    at = text.find(literal)
    while at >= 0:
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end + 1
        pos = line_start  # no match starts in [line_start, pos) but those yielded
        while at >= 0:
            stop = _LAST_STOP.match(text, pos, at)
            window = stop.end() if stop else pos
            found = None
            for start in _NAME_START.finditer(text, window, at + 1):
                found = regex.match(text, start.start(), line_end)
                if found:
                    break
            if found:
                yield found
                pos = found.end()
            else:
                pos = at + 1
            at = text.find(literal, pos, line_end)
        at = text.find(literal, line_end)


@dataclass
class Resolver:
    """Resolves short references against the text of one instrument seen so far."""

    adopting_body: str
    context_text: str = ""
    body_hint: str = ""  # the body whose report holds the instrument (a Commission's session report)
    _counts: Counter[str] = field(default_factory=Counter)
    _last_congress: str = ""
    # Where in `context_text` the clause being read ends: a short form means the full name printed last before it.
    cursor: int | None = None
    # The instrument's title: among several similar names ("Working Group of Experts on People of African Descent",
    # "Working Group on Business and Human Rights") a short form far from its last antecedent means the one the
    # instrument is about.
    title: str = ""

    def __post_init__(self) -> None:
        self._counted: set[str] = set()
        self._matches: dict[tuple[re.Pattern[str], re.Pattern[str] | None], list[tuple[int, str]]] = {}
        # The last Congress named: find the word "Congress" (fast literal search), then read its ordinal.
        for m in re.finditer(r"Congress\b", self.context_text):
            before = re.search(
                r"([A-Za-z]+(?:-[a-z]+)?)\s+(?:United\s+Nations\s+)?$",
                self.context_text[max(0, m.start() - 40) : m.start()],
            )
            if before and ordinal_to_int(before.group(1)):
                self._last_congress = congress_name(before.group(1))

    def _count(self, word: str) -> None:
        """Count full names holding `word` in the instrument, once, on first use (most never need it)."""
        if word in self._counted:
            return
        self._counted.add(word)
        for canonical in (*BODY_NAMES, *ENTITY_NAMES):
            if word in canonical:
                hits = self.context_text.count(canonical)
                if hits:
                    self._counts[canonical] += hits

    def note(self, canonical: str) -> None:
        self._counts[canonical] += 1
        if canonical.endswith(CONGRESS_SUFFIX):
            self._last_congress = canonical

    def most_common(self, suffix_word: str) -> str | None:
        self._count(suffix_word)
        best = [
            (n, name)
            for name, n in self._counts.items()
            if suffix_word in name.split()[:3] or name.endswith(suffix_word)
        ]
        if not best:
            return None
        return max(best)[1]

    def commission(self) -> str:
        if self.adopting_body.startswith("Commission") or self.adopting_body.endswith("Commission"):
            return self.adopting_body
        found = self.most_common("Commission")
        return found or self.body_hint or self.full_name("Commission") or "Commission"

    def council(self) -> str:
        if self.adopting_body.endswith("Council"):
            return self.adopting_body
        self._count("Council")
        counts = {name: n for name, n in self._counts.items() if name.endswith("Council")}
        return max(counts, key=counts.__getitem__) if counts else ECOSOC

    def office(self) -> str:
        self._count("Office")
        for name in (UNODC, OHCHR):
            if self._counts.get(name):
                return name
        if "Crime" in self.adopting_body + self.body_hint:
            return UNODC
        return self.full_name("Office") or "Office"  # "the Office for the Coordination of Humanitarian Affairs"

    def last_named(self, near: str, word: str) -> str | None:
        """The body or entity holding `word` ("Commission") named last in `near` (the paragraph so far)."""
        best, best_at = None, -1
        for canonical in (*BODY_NAMES, *ENTITY_NAMES):
            if word in canonical:
                at = near.rfind(canonical)
                if at > best_at:
                    best, best_at = canonical, at
        return best

    def executive_director(self) -> str:
        """ "the Executive Director": of the programme the instrument names in full ("Executive Director of
        the United Nations Environment Programme"), else of UNODC in crime texts."""
        named = re.findall(
            r"Executive Director of (?:the )?([A-Z][\w-]*(?: (?:[A-Z][\w-]*|on|of|for|and|the))*)", self.context_text
        )
        for name in reversed(named):
            words = name.split()
            for k in range(len(words), 0, -1):  # the longest known name: "UN-Women and the ..." -> "UN-Women"
                canonical = ALIASES.get(" ".join(words[:k]).lower())
                if canonical:
                    return f"Executive Director of the {canonical}"
        if self.office() == UNODC:
            return UNODC_ED
        programmes = [p for p in ENTITY_NAMES if p.startswith("United Nations") and self.context_text.count(p)]
        if programmes:
            best = max(programmes, key=self.context_text.count)
            return f"Executive Director of the {best}"
        return "Executive Director"

    def _latest(
        self, regex: re.Pattern[str], skip: re.Pattern[str] | None = None, line_literal: str = ""
    ) -> str | None:
        """The match of `regex` printed last before the cursor, else the first one after it; `skip`: names that
        cannot be meant; `line_literal`: a `_full_name_regex` pattern's head word (see `full_name_matches`)."""
        cut = len(self.context_text) if self.cursor is None else self.cursor
        key = (regex, skip)
        found = self._matches.get(key)
        if found is None:
            # The instrument's text does not change: scan it once per pattern, not once per paragraph.
            matches = (
                full_name_matches(regex, self.context_text, line_literal)
                if line_literal
                else regex.finditer(self.context_text)
            )
            found = [(m.start(), m.group()) for m in matches]
            if skip is not None:
                found = [(at, name) for at, name in found if not skip.fullmatch(name)]
            self._matches[key] = found
        if not found:
            return None
        before = [(at, name) for at, name in found if at < cut]
        at, name = before[-1] if before else found[0]
        if self.title and abs(cut - at) > NEAR_ANTECEDENT:
            rivals = found
            other = _alternative_forms().get(regex)
            if other is not None:
                # "Working Group on X" and "Working Group of Experts on Y": both forms compete for the topical choice
                if (other, None) not in self._matches:
                    self._matches[(other, None)] = [(m.start(), m.group()) for m in other.finditer(self.context_text)]
                rivals = found + self._matches[(other, None)]
            name = self._topical([n for _, n in rivals]) or name
        return re.sub(r"\s+", " ", name)

    def _topical(self, names: list[str]) -> str | None:
        """The one name among several distinct ones that shares the most words with the instrument's title."""
        # a name never runs over a line; "Special Rapporteur for the work of ..." is not a title ("for" + lower case)
        distinct = {
            re.sub(r"\s+", " ", n)
            for n in names
            if "\n" not in n and not re.match(r"(?:[A-Z][\w-]*\s+){1,4}(?:for|of)\s+(?:the\s+)?[a-z]", n)
        }
        if len(distinct) < 2:
            return None
        topic = set(_content_words(self.title))
        scored = sorted(((len(topic & set(_content_words(n))), n) for n in distinct), reverse=True)
        best, runner_up = scored[0], scored[1]
        return best[1] if best[0] > runner_up[0] else None

    def full_name(self, head: str) -> str | None:
        """ "the Special Committee" -> the full name with that head noun named last in the instrument ("Special
        Committee on the Situation with regard to ..."); None when the instrument prints no longer name."""
        if not self.context_text or not SHORT_FORM.fullmatch(head):
            return None
        # "the Committee" is never a Main Committee of the Assembly: those are named by their ordinal ("Fourth Committee")
        found = self._latest(
            _full_name_regex(head), MAIN_COMMITTEE if head == "Committee" else None, line_literal=head.split()[-1]
        )
        if found:
            found = re.sub(r" of the Secretariat$", "", found)  # "the Office for ... Affairs of the Secretariat"
        return found if found and found != head else None

    def mandate_holder(self) -> str:
        """ "the mandate holder": the special procedure whose title is printed last before the clause."""
        cut = len(self.context_text) if self.cursor is None else self.cursor
        best, best_at = "mandate holder", -1
        for title in ("Special Rapporteur", "Independent Expert", "Working Group"):
            for m in _title_regex(title, "on|for|of").finditer(self.context_text, 0, cut):
                if m.start() > best_at:
                    best, best_at = re.sub(r"\s+", " ", m.group()), m.start()
        return best

    def executive_board(self) -> str:
        """ "the Executive Board": the board printed in full, else the board of the fund or programme named last
        before the clause ("the Executive Director of UN-Women to report annually to the Executive Board")."""
        printed = self.full_name("Executive Board")
        if printed:
            return ALIASES.get(printed.lower(), printed)
        text = self.context_text if self.cursor is None else self.context_text[: self.cursor]
        best, best_at = "Executive Board", -1
        for board in BODY_NAMES:
            if not board.startswith("Executive Board of the "):
                continue
            entity = board[len("Executive Board of the ") :].split(",")[0]
            for name in (entity, *ENTITY_NAMES.get(entity, ())):
                at = text.rfind(name)
                if at > best_at:
                    best, best_at = board, at
        return best

    def resolve(self, text: str, near: str = "") -> str:
        """Canonical name for a mention; pronouns "it"/"its" are the adopting body.

        `near` is the paragraph text before the mention: "the Commission" there means the commission named
        in full just before, when the instrument's own body is not a commission.
        """
        raw = DETERMINER.sub("", _SPACES.sub(" ", text).strip(" ,;:"))
        owned = _OWNED_SECRETARIAT.fullmatch(raw)
        if owned:
            # "the Forum secretariat", "the Convention secretariat": the secretariat of the body or treaty meant
            return f"secretariat of the {self.resolve('the ' + owned.group(1).strip(), near)}"
        short = _SHORT_ORGAN.fullmatch(raw)
        if (
            short
            and near
            and self.adopting_body.split()[-1] != short.group(1)
            and not (short.group(1) == "Commission" and self.adopting_body.startswith("Commission"))
        ):
            found = self.last_named(near, short.group(1))
            if found:
                return found
        if _LOWER_INQUIRY.fullmatch(raw):
            # lower case "the commission": the commission of inquiry (or fact-finding mission) printed in full
            title = "Commission of Inquiry" if raw.endswith("commission") else "Fact-Finding Mission"
            found = self._latest(_title_regex(title, "on|for|of"))
            if found:
                return found
            if raw.endswith("commission"):
                # "a preparatory commission for the entry into force of the Agreement ... the commission shall": the
                # commission the instrument establishes in lower case
                found = self._latest(LOWER_COMMISSION)
                if found:
                    return LOWER_COMMISSION.fullmatch(found).group("name")
        low = raw.lower()
        if low in ("it", "its", "itself"):
            return self.adopting_body
        bare = _LEADING_ARTICLE.sub("", low)
        if low in ALIASES:
            return ALIASES[low]
        if bare in ALIASES and bare not in ("states", "governments"):
            return ALIASES[bare]
        m = _ORDINAL_CONGRESS.fullmatch(low)
        if m:
            return congress_name(m.group(1))
        if bare == "congress":
            return self._last_congress or "Congress"
        if bare == "assembly":
            return GA if not self.adopting_body.endswith("Assembly") else self.adopting_body
        if bare == "council":
            return self.council()
        if bare == "commission":
            return self.commission()
        if bare == "office":
            return self.office()
        if bare == "executive director":
            return self.executive_director()
        if bare == "executive board":
            return self.executive_board()
        if bare == "high commissioner":
            return HC
        if bare == "secretariat":
            return "Secretariat"
        if bare == "expert group":
            return self.most_common("Expert") or "Expert Group"
        if bare in ("mandate holder", "mandate-holder"):
            return self.mandate_holder()
        for title in MANDATE_TITLES:
            if bare == title.lower():
                # Mandate titles are "<title> on <subject>" (Special Rapporteur on minority issues); "for"/"of"
                # only when no "on" form is printed ("Special Representative ... for Children and Armed Conflict").
                for preposition in ("on", "for|of"):
                    found = self._latest(_title_regex(title, preposition))
                    if found:
                        # "Special Envoy on Myanmar" is printed in full as "Special Envoy of the Secretary-General on
                        # Myanmar": keep the fuller form of the same mandate.
                        fuller = _title_regex(f"{title} of the Secretary-General", "on|for").findall(self.context_text)
                        tail = found[found.lower().index(title.lower()) + len(title) :]
                        longer = [re.sub(r"\s+", " ", f) for f in fuller if f.endswith(tail)]
                        if longer:
                            return longer[-1]
                        # "Special Rapporteur of the Human Rights Council on the right to food": the mandate's title is
                        # "<title> on <subject>"; only the Secretary-General's envoys carry "of the Secretary-General".
                        appointed = re.fullmatch(r"of the (?!Secretary-General)[A-Z][\w ,-]*? (on .+)", tail.strip())
                        return f"{title} {appointed.group(1)}" if appointed else found
                return title
        if bare.startswith("high-level political forum"):
            return HLPF
        officer = OFFICER_OF.fullmatch(raw)
        if officer:
            # "Executive Director of UN-Women" -> "Executive Director of the United Nations Entity for ..."
            head = re.sub(r"^(?:the|The)\s+", "", officer.group(1))
            canonical = ALIASES.get(officer.group(2).lower())
            if canonical:
                return f"{head} of the {canonical}"
        # "the Special Committee", "the Commissioner-General": the full name with that head printed in the instrument.
        name = strip_article(raw)
        name = self.full_name(name) or name
        # "the Advisory Commission of the Agency", "the Chair-Rapporteur of the Working Group": the organ's short
        # form resolves to its full name in the instrument.
        of = _OF_THE_ORGAN.fullmatch(name)
        if of:
            inner = self.resolve(of.group(2))
            if inner != of.group(2):
                return f"{of.group(1)} of the {inner}"
        return name

    @staticmethod
    def is_body(name: str) -> bool:
        return name in ALL_BODIES or name.endswith(CONGRESS_SUFFIX) or name.startswith("Conference of")
