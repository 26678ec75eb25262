"""Which language a plain text is in, cheaply: count a few function words of each language (data/<lang>/function_words.txt)."""

from __future__ import annotations

import re
from functools import cache

from mandates.extraction.vocabulary import words

LANGUAGES = ("en", "fr", "es")
SAMPLE = 20_000  # characters: enough words, and the cost stays flat for long texts


@cache
def _pattern(language: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words('function_words', language)))})\b")


def detect_language(text: str) -> str:
    """ "en", "fr" or "es": the language whose function words are most frequent in the text; English on a tie."""
    sample = text[:SAMPLE].lower()
    counts = {language: len(_pattern(language).findall(sample)) for language in LANGUAGES}
    best = max(LANGUAGES, key=lambda lang: (counts[lang], lang == "en"))
    return best if counts[best] > counts["en"] else "en"
