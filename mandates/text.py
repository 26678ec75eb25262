"""Display text: the markdown some sources carry ("*Requests*", "[46/152](#)") shown as plain words, and the
official link of a UN document symbol. Used by templates and exports; no Django here."""

from __future__ import annotations

import re
from urllib.parse import quote

# [46/152](#) or [text](url): the link text. *Requests* / **Requests** / _Requests_: the word.
_LINK = re.compile(r"\[([^\]\n]+)\]\([^)\s]*\)")
_EMPHASIS = re.compile(r"(\*{1,2}|(?<![\w/])_)(?=\S)([^*_\n]+?)(?<=\S)\1(?![\w*])")
_LEADING_NUMBER = re.compile(r"^\s*(\d+[a-z]?(?:\s*\([a-z0-9]+\))*)\s*[.)]\s+")


def plain(text: str) -> str:
    """`text` without markdown links and emphasis markers: what a reader of the printed resolution sees."""
    if not text or ("*" not in text and "](" not in text and "_" not in text):
        return text or ""
    return _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", text))


def without_number(text: str, number: str) -> str:
    """A paragraph's text without its printed number at the start, when the page prints the number itself."""
    match = _LEADING_NUMBER.match(text or "")
    if number and match and match.group(1).replace(" ", "") == number.replace(" ", ""):
        return text[match.end() :]
    return text


def undocs_url(symbol: str) -> str:
    """The official document behind a UN symbol (https://undocs.org/A/RES/78/292); "" for no symbol."""
    symbol = (symbol or "").strip()
    return f"https://undocs.org/{quote(symbol, safe='/.()-')}" if symbol else ""
