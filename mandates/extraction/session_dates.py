"""Read the dates of sessions printed in a document. Plain Python, no Django.

Regular expressions find the *structure* (which body, which session, "held ... from D1 to D2 Month Year");
dateparser reads each date part. What it reads:

- "The Commission on Crime Prevention and Criminal Justice held the regular part of its thirtieth session
  from 17 to 21 May 2021" (also "in Vienna", "in a hybrid format")
- "... on its reconvened thirtieth session, to be held on 9 and 10 December 2021" (planned)
- "At its reconvened twenty-ninth session, held on 3 and 4 December 2020, the Commission ..."
- "... agreed that its thirtieth session would be held from 17 to 21 May 2021" (planned)
- "the thirty-second special session of the General Assembly, held at United Nations Headquarters from
  2 to 4 June 2021"
- "the Fourteenth United Nations Congress on Crime Prevention and Criminal Justice, held in Kyoto, Japan,
  from 7 to 12 March 2021" and "From 7 to 12 March 2021, the Fourteenth United Nations Congress ... was
  held in Kyoto, Japan"
- a report's title: "Report on the thirtieth session (4 December 2020 and 17–21 May 2021)": the last
  range is the regular part (the first date is the one-day meeting that elected the bureau)

Ranges: "17 to 21 May 2021", "9 and 10 December 2021", "20–24 May 2019", "30 November to 2 December
2022", "28 December 2022 to 3 January 2023". A short reference ("the Commission") resolves to the nearest
full body name printed before it, else to the body whose report this is. Sentences that say a date was
"originally scheduled" or "postponed" are skipped: those dates did not happen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import dateparser

from mandates.extraction.numbers import ordinal_pattern, ordinal_to_int

# Canonical names, as the extractor writes them. Callers may pass more (the bodies in the database).
CANONICAL_BODIES = (
    "General Assembly",
    "Economic and Social Council",
    "Human Rights Council",
    "Commission on Crime Prevention and Criminal Justice",
    "Commission on Narcotic Drugs",
    "Commission on the Status of Women",
    "high-level political forum on sustainable development",
)

DATEPARSER_SETTINGS = {"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"}

MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"\d{1,2}"
_YEAR = r"(?:19|20)\d{2}"
_SEP = r"\s*(?:to|and|–|—|-)\s*"
# "17 to 21 May 2021", "30 November to 2 December 2022", "28 December 2022 to 3 January 2023", "20–24 May 2019"
DATE_RANGE = (
    rf"(?:(?P<d1>{_DAY})(?: (?P<m1>{MONTH}))?(?: (?P<y1>{_YEAR}))?{_SEP})?"
    rf"(?P<d2>{_DAY}) (?P<m2>{MONTH}),? (?P<y2>{_YEAR})"
)
_DATES = rf"(?:from |on |between )?{DATE_RANGE}"

_ORD = rf"(?P<ord>{ordinal_pattern()})"
_KIND = r"(?:(?P<kind>reconvened|resumed|special|regular|scaled-down regular) )?"
_KIND_AFTER = r"(?:(?P<kind2>reconvened|resumed|special|regular) )?"
# A proper name: capitalised words joined by small words ("Commission on the Status of Women").
# Bounded repetitions keep matching linear: unbounded, a long run of capitalised words costs quadratic time.
_NAME = r"(?:[A-Z][\w’'-]*)(?: (?:on|of|the|and|for|in|[A-Z][\w’'-]*)){0,12}"
_VENUE = r"(?:,? (?:in|at) (?P<venue>(?:the )?[A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,5}(?:, [A-Z][\w’'-]*(?: [A-Z][\w’'-]*){0,5})?))?"
_FORMAT = r"(?: in (?:a|an) [\w -]{1,40}? format)?"
# "for the Fourteenth ... Congress" is a preparatory meeting's name, not the Congress.
_CONGRESS = r"(?<!for the )(?P<congress>(?:[A-Z][a-z]+-)?[A-Z][a-z]+ United Nations Congress on Crime Prevention and Criminal Justice)"

_PATTERNS = (
    # The Commission (on ...) held (the regular part of) its thirtieth session (in Vienna) from 17 to 21 May 2021
    re.compile(
        rf"(?P<body>(?:[Tt]he )?{_NAME}) held (?:the (?:regular|first|resumed) part of )?its {_KIND}{_ORD} "
        rf"session{_VENUE}{_FORMAT},? {_DATES}"
    ),
    # (report of the Commission) on/at its reconvened thirtieth session, to be held / held on 9 and 10 December 2021
    re.compile(
        rf"(?:(?P<body>(?:[Tt]he )?{_NAME}) )?(?:[Oo]n|[Aa]t) its {_KIND}{_ORD} session,? (?P<tense>to be held|held)"
        rf"{_VENUE}{_FORMAT},? {_DATES}"
    ),
    # its thirtieth session would be held from 17 to 21 May 2021
    re.compile(rf"its {_KIND}{_ORD} session (?P<tense>would be held|will be held|shall be held){_VENUE},? {_DATES}"),
    # the thirty-second special session of the General Assembly, held at United Nations Headquarters from 2 to 4 June
    re.compile(
        rf"(?<!meeting of )the {_KIND}{_ORD} {_KIND_AFTER}session of the (?P<body>{_NAME}),? (?P<tense>to be held|held)"
        rf"{_VENUE}{_FORMAT},? {_DATES}"
    ),
    # the Fourteenth United Nations Congress on ..., held in Kyoto, Japan, from 7 to 12 March 2021
    re.compile(rf"{_CONGRESS},? (?P<tense>to be held|held){_VENUE},? {_DATES}"),
    # From 7 to 12 March 2021, the Fourteenth United Nations Congress on ... was held in Kyoto, Japan
    re.compile(rf"[Ff]rom {DATE_RANGE}, the {_CONGRESS} (?P<tense>was held|will be held){_VENUE}"),
    # Report on the thirtieth session (4 December 2020 and 17–21 May 2021)
    re.compile(rf"Report on the {_ORD} session \((?:[^()]*? and )?{DATE_RANGE}\)"),
)

_SKIP = re.compile(r"originally scheduled|was postponed|were postponed|decided to postpone", re.IGNORECASE)
_HEADS = ("Commission", "Assembly", "Council", "Congress", "forum", "Forum")


@dataclass(frozen=True)
class SessionDates:
    """One session's dates as printed. `number` is None for year-named sessions (a Congress)."""

    body: str
    number: int | None
    year: int
    kind: str  # regular | resumed | special (Session.Kind values)
    start: date
    end: date
    venue: str
    planned: bool  # "to be held", "would be held": an announcement, not a record
    quote: str
    position: int  # offset in the whitespace-normalised text


def _parse_day(day: str, month: str, year: str) -> date | None:
    parsed = dateparser.parse(f"{day} {month} {year}", languages=["en"], settings=DATEPARSER_SETTINGS)
    return parsed.date() if parsed else None


def _range_from(groups: dict) -> tuple[date, date] | None:
    end = _parse_day(groups["d2"], groups["m2"], groups["y2"])
    if end is None:
        return None
    if not groups.get("d1"):
        return end, end
    month = groups.get("m1") or groups["m2"]
    year = groups.get("y1") or groups["y2"]
    start = _parse_day(groups["d1"], month, year)
    if start is not None and start > end and not groups.get("y1"):
        # "28 December to 3 January 2023": the start is in the year before.
        start = _parse_day(groups["d1"], month, str(int(year) - 1))
    if start is None or start > end:
        return None
    return start, end


def parse_date_range(text: str) -> tuple[date, date] | None:
    """'17 to 21 May 2021' / '20–24 May 2019' / '9 and 10 December 2021' -> (start, end); None if unreadable."""
    match = re.search(DATE_RANGE, " ".join(text.split()))
    return _range_from(match.groupdict()) if match else None


def report_body(text: str, bodies: tuple[str, ...] = CANONICAL_BODIES) -> str | None:
    """The body whose session report `text` is ("Commission on ... / Report on the thirtieth session")."""
    head = " ".join(text[:3000].split())
    report = re.search(r"Report (?:on|of) the", head)
    if not report:
        return None
    named = [(head.find(name), name) for name in bodies if 0 <= head.find(name) < report.start() + 200]
    return min(named)[1] if named else None


def _sentence_around(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start), text.rfind("; ", 0, start))
    right = text.find(". ", end)
    return text[left + 1 : right if right != -1 else len(text)]


class _BodyResolver:
    """Resolves "the Commission" to the nearest full name before it, else to the report's own body."""

    def __init__(self, text: str, bodies: tuple[str, ...], default: str | None):
        self.bodies = tuple(sorted(set(bodies), key=len, reverse=True))
        self.default = default
        self.mentions: list[tuple[int, str]] = []
        for name in self.bodies:
            self.mentions += [(m.start(), name) for m in re.finditer(re.escape(name), text)]
        self.mentions.sort()

    def full_name(self, ref: str) -> str | None:
        ref = re.sub(r"^[Tt]he ", "", ref.strip())
        for name in self.bodies:
            if ref == name or ref.endswith(" " + name) or ref.lower() == name.lower():
                return name
        return None

    def resolve(self, ref: str | None, position: int) -> str | None:
        if ref:
            named = self.full_name(ref)
            if named:
                return named
            head = re.sub(r"^[Tt]he ", "", ref.strip()).split(" ")[-1]
            if head not in _HEADS:
                return None
        else:
            head = None
        for mention_at, name in reversed(self.mentions):
            if mention_at < position and (head is None or head.lower() in name.lower()):
                return name
        if self.default and (head is None or head.lower() in self.default.lower()):
            return self.default
        return None


def read_session_dates(
    text: str, *, bodies: tuple[str, ...] = CANONICAL_BODIES, default_body: str | None = None
) -> list[SessionDates]:
    """Every session date printed in `text`, in order. One entry per (body, session, kind): a record ("held")
    wins over an announcement ("to be held"), and a later sentence over an earlier one of the same standing.

    Reads: text. Writes: nothing (returns records).
    """
    flat = " ".join(text.split())
    default_body = default_body or report_body(flat, bodies)
    congresses = tuple({m.group(0) for m in re.finditer(_CONGRESS, flat)})
    resolver = _BodyResolver(flat, tuple(bodies) + congresses, default_body)

    found: dict[tuple[str, int | None, int, str], SessionDates] = {}
    for pattern in _PATTERNS:
        for match in pattern.finditer(flat):
            record = _record(match, flat, resolver)
            if record is None:
                continue
            key = (record.body, record.number, record.year if record.number is None else 0, record.kind)
            kept = found.get(key)
            if (
                kept is None
                or (kept.planned and not record.planned)
                or (kept.planned == record.planned and record.position >= kept.position)
            ):
                found[key] = record
    return sorted(found.values(), key=lambda r: r.position)


def _record(match: re.Match, flat: str, resolver: _BodyResolver) -> SessionDates | None:
    groups = match.groupdict()
    if _SKIP.search(_sentence_around(flat, match.start(), match.end())):
        return None
    dates = _range_from(groups)
    if dates is None:
        return None
    start, end = dates
    tense = (groups.get("tense") or "held").lower()
    planned = tense.startswith(("to be", "would", "will", "shall"))

    kind_word = (groups.get("kind") or groups.get("kind2") or "regular").lower()
    kind = {"reconvened": "resumed", "resumed": "resumed", "special": "special"}.get(kind_word, "regular")

    if groups.get("congress"):
        body = groups["congress"]
        number = None
    else:
        number = ordinal_to_int(groups["ord"])
        if number is None:
            return None
        ref = groups.get("body")
        if ref is None:
            # "At its thirtieth session, held ..., the Commission agreed": the subject of the same sentence.
            # Without one ("..., adopted at its tenth session") the session's owner is unknown: skip.
            sentence = _sentence_around(flat, match.start(), match.end())
            named = re.search(rf"(?:[Tt]he )({_NAME}) (?:agreed|decided|held|noted)", sentence)
            if named is None:
                return None
            ref = named.group(1)
        body = resolver.resolve(ref, match.start())
        if body is None:
            return None
    return SessionDates(
        body=body,
        number=number,
        year=start.year,
        kind=kind,
        start=start,
        end=end,
        venue=(groups.get("venue") or "").strip(),
        planned=planned,
        quote=match.group(0),
        position=match.start(),
    )
