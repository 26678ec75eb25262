"""Cross-language agreement: the (instrument, paragraph, due body, due session or event) read from the French and
Spanish versions of a resolution against those read from the English one (issue #12)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mandates.extraction.akn import read_akn
from mandates.extraction.pipeline import extract_reading

SUFFIX = {"en": "E", "fr": "F", "es": "S"}
FOLDER = {"en": "English", "fr": "French", "es": "Spanish"}

Key = tuple[str, str, str | None, str | None]


def keys(path: Path) -> set[Key]:
    """The deadline keys of one file's confident and review mandates (recall-net candidates aside)."""
    result = extract_reading(read_akn(path.read_bytes()))
    return {
        (m.instrument, m.paragraph, m.due_body, str(m.due_session) if m.due_session else m.due_event)
        for m in result.mandates
        if m.due_session or m.due_event
    }


def pairs(root: Path, language: str) -> list[tuple[Path, Path]]:
    """(English file, `language` file) of every resolution present in both, under root/<collection>/<Language>/."""
    found = []
    for english in sorted(root.glob(f"*/{FOLDER['en']}/*.xml")):
        name = re.sub(r"E(\.xml)$", SUFFIX[language] + r"\1", english.name)
        other = english.parent.parent / FOLDER[language] / name
        if other.exists():
            found.append((english, other))
    return found


@dataclass
class Agreement:
    language: str
    tp: int = 0
    fp: int = 0  # read in the other language only
    fn: int = 0  # read in English only
    disagreements: list[tuple[str, str, Key]] = field(default_factory=list)  # (file, "en only"/"fr only", key)

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


def _compare(pair: tuple[Path, Path]) -> tuple[str, set[Key], set[Key]]:
    english, other = pair
    return other.name, keys(english), keys(other)


def agreement(root: Path, language: str, workers: int = 4) -> Agreement:
    out = Agreement(language)
    with ProcessPoolExecutor(workers) as pool:
        results: Iterable = pool.map(_compare, pairs(root, language), chunksize=8)
        for name, en, other in results:
            out.tp += len(en & other)
            out.fn += len(en - other)
            out.fp += len(other - en)
            out.disagreements += [(name, "en only", k) for k in sorted(en - other, key=str)]
            out.disagreements += [(name, f"{language} only", k) for k in sorted(other - en, key=str)]
    return out
