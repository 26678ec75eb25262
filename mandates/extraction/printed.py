"""How each language prints a resolution as text: its headings, opening formula, first preambular words, the line
that ends an instrument and its lettered items. English lives in segment.py's patterns; French and Spanish in
`vocab/<lang>/document.toml`. Read by the line unwrapper (which breaks to keep) and by segmentation."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

VOCAB = Path(__file__).with_name("vocab")
LANGUAGES = ("fr", "es")  # the languages with a vocab/<lang>/document.toml
# "a) ..." as French and Spanish print it, and "(a) ..." as some of their texts do
ROMANCE_SUBPARA = re.compile(r"\(?(?P<letter>[a-z]{1,3})\)\s+(?=\S)")


@dataclass(frozen=True)
class Printed:
    """What `segment._paragraphs` reads: the opening formula (with an inline "verb" group), the line that ends an
    instrument, a heading that opens the next one, a lettered sub-paragraph."""

    formula: re.Pattern
    stop: re.Pattern
    heading: Callable[[str], object]
    subpara: re.Pattern


@dataclass(frozen=True)
class DocumentGrammar:
    adopted: re.Pattern
    draft: re.Pattern
    heading: Callable[[str], re.Match | None]  # an adopted or a draft heading, the whole line
    formula: re.Pattern
    preamble: re.Pattern
    body_words: tuple[str, ...]
    kinds: dict[str, str]
    printed: Printed


@cache
def document_grammar(language: str) -> DocumentGrammar:
    with (VOCAB / language / "document.toml").open("rb") as f:
        data = tomllib.load(f)
    adopted, draft = re.compile(data["adopted_heading"]), re.compile(data["draft_heading"])

    def heading(text: str) -> re.Match | None:
        return adopted.fullmatch(text) or draft.fullmatch(text)

    # a French or Spanish formula stands on its own line: its "verb" group (in English, a verb on the formula's
    # line) never matches
    printed = Printed(
        formula=re.compile(f"(?:{data['formula']})(?P<verb>(?!))?"),
        stop=re.compile(data["stop"]),
        heading=heading,
        subpara=ROMANCE_SUBPARA,
    )
    return DocumentGrammar(
        adopted=adopted,
        draft=draft,
        heading=heading,
        formula=re.compile(data["formula"]),
        preamble=re.compile(data["preamble"]),
        body_words=tuple(data["body_words"]),
        kinds={k.lower(): v for k, v in data["kinds"].items()},
        printed=printed,
    )
