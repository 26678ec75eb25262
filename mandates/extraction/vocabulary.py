"""Word lists that live in data files per language (mandates/extraction/data/<lang>/), loaded once."""

from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


@cache
def words(name: str, language: str = "en") -> tuple[str, ...]:
    """The words of data/<language>/<name>.txt: one a line, blank lines and "#" comments skipped."""
    lines = (DATA / language / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
