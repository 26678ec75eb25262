"""Number words as printed in UN texts: ordinals of sessions ("seventy-seventh") and small cardinals.

The word lists come from num2words (English) and are built once, lazily, then matched with one regex.
"""

from __future__ import annotations

import re
from functools import lru_cache

from num2words import num2words

MAX_ORDINAL = 300


def _variants(words: str) -> set[str]:
    # num2words writes "one hundred and twelfth"; UN texts also drop the "and".
    return {words, words.replace(" and ", " ")}


@lru_cache(maxsize=1)
def ordinal_table() -> dict[str, int]:
    """Map "first" ... "three hundredth" (lower case, with and without "and") to ints."""
    table: dict[str, int] = {}
    for n in range(1, MAX_ORDINAL + 1):
        for words in _variants(num2words(n, to="ordinal")):
            table[words] = n
    return table


@lru_cache(maxsize=1)
def cardinal_table() -> dict[str, int]:
    table: dict[str, int] = {}
    for n in range(1, 101):
        for words in _variants(num2words(n)):
            table[words] = n
    return table


def _alternation(words: list[str]) -> str:
    # Longest first so "twenty-first" wins over "twenty".
    return "|".join(
        re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", r"[-‑–\s]") for w in sorted(words, key=len, reverse=True)
    )


_UNITS_ORD = "first|second|third|fourth|fifth|sixth|seventh|eighth|ninth"
_TEENS_ORD = "tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_TENS_ORD = "twentieth|thirtieth|fortieth|fiftieth|sixtieth|seventieth|eightieth|ninetieth"
_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_SEP = r"[-‑–]\s*|\s+"
TENS = _TENS  # "eighty" in "eighty-first": normalise repairs a hyphen split there
ORDINAL_UNITS = _UNITS_ORD


@lru_cache(maxsize=1)
def ordinal_pattern() -> str:
    """Regex source matching an ordinal in words or digits ("seventy-seventh", "one hundred and twelfth", "77th").

    Built compositionally (a flat alternation of 600 words is slow in `re`); `ordinal_to_int` checks
    the match against the num2words table.
    """
    below_100 = rf"(?:(?:{_TENS})(?:{_SEP})(?:{_UNITS_ORD})|{_TENS_ORD}|{_TEENS_ORD}|{_UNITS_ORD})"
    hundreds = rf"(?:{_UNITS})\s+hundred"
    return rf"(?:{hundreds}(?:\s+(?:and\s+)?{below_100}|th)|{below_100}|\d{{1,3}}(?:st|nd|rd|th))"


@lru_cache(maxsize=1)
def cardinal_pattern() -> str:
    return rf"(?:{_alternation(list(cardinal_table()))}|\d{{1,3}})"


def _canon(words: str) -> str:
    return re.sub(r"[-‑–\s]+", lambda m: " " if m.group().isspace() else "-", words.strip().lower())


def ordinal_to_int(words: str) -> int | None:
    """ "seventy-seventh" -> 77, "One hundred and twelfth" -> 112, "31st" -> 31; None when not an ordinal."""
    text = words.strip().lower()
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", text)
    if digits:
        return int(digits.group(1))
    text = re.sub(r"\s+", " ", text)
    table = ordinal_table()
    if text in table:
        return table[text]
    # Hyphen variants and hyphens broken by a line wrap ("seventy- seventh").
    return table.get(re.sub(r"\s*[-‑–]\s*", "-", text))


def cardinal_to_int(words: str) -> int | None:
    text = re.sub(r"\s+", " ", words.strip().lower())
    if text.isdigit():
        return int(text)
    table = cardinal_table()
    return table.get(text, table.get(re.sub(r"\s*[-‑–]\s*", "-", text)))


# Other languages (French, Spanish): ordinals from num2words in that language, with the short forms UN texts print.
_ORDINAL_VARIANTS = {
    # Spanish drops the final "o" of "primero"/"tercero" before a noun: "sexagésimo primer período".
    "es": ((r"primero\b", "primer"), (r"tercero\b", "tercer")),
    # num2words writes "quatre-vingtsième"; the texts print "quatre-vingtième". A misprint the texts carry: the tens
    # take the ordinal ending too ("quarantième-sixième session").
    "fr": (
        (r"vingtsième", "vingtième"),
        (r"^vingt(?=-(?!et\b))", "vingtième"),
        (r"^trente(?=-(?!et\b))", "trentième"),
        (r"^quarante(?=-(?!et\b))", "quarantième"),
        (r"^cinquante(?=-(?!et\b))", "cinquantième"),
        (r"^soixante(?=-(?!et\b))", "soixantième"),
    ),
}
_ORDINAL_DIGITS = {"fr": r"\d{1,3}(?:e|ème|er|re)\b", "es": r"\d{1,3}(?:er|º|°|\.º|o)(?!\w)"}


@lru_cache(maxsize=4)
def ordinal_table_for(language: str) -> dict[str, int]:
    """ "soixante-seizième" -> 76, "septuagésimo sexto" -> 76 (lower case), for `language` ("fr", "es")."""
    if language == "en":
        return ordinal_table()
    table: dict[str, int] = {}
    for n in range(1, MAX_ORDINAL + 1):
        words = num2words(n, lang=language, to="ordinal").lower()
        forms = {words, words.replace("-", " ")}
        for pattern, short in _ORDINAL_VARIANTS.get(language, ()):
            forms |= {re.sub(pattern, short, f) for f in forms}
        for form in forms:
            table[form] = n
    return table


@lru_cache(maxsize=4)
def ordinal_pattern_for(language: str) -> str:
    """Regex source matching an ordinal of `language` in words (longest first) or digits ("43e", "43er")."""
    if language == "en":
        return ordinal_pattern()
    digits = _ORDINAL_DIGITS.get(language, r"\d{1,3}")
    return rf"(?:{_alternation(list(ordinal_table_for(language)))}|{digits})"


def ordinal_to_int_for(words: str, language: str) -> int | None:
    if language == "en":
        return ordinal_to_int(words)
    text = re.sub(r"\s+", " ", words.strip().lower())
    digits = re.match(r"(\d{1,3})", text)
    if digits:
        return int(digits.group(1))
    table = ordinal_table_for(language)
    return table.get(text, table.get(re.sub(r"\s*[-‑–]\s*", "-", text)))
