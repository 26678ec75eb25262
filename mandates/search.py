"""Text search over mandates: what people type, found whatever the line breaks, hyphens and case.

"secretary general" finds "Secretary-General", "eighty-first session" finds "eighty-first\\nsession" and
"eighty first session", and a symbol ("A/RES/78/292") finds the mandates of that document or instrument and
those answered by it. On PostgreSQL a phrase query of full-text search (the 'simple' configuration: no
stemming, no stop words, so every word typed counts) over a stored tsvector of subject and clause with hyphens
as spaces (mandates_mandate.search_document, kept by a trigger, with a GIN index: migration 0100); elsewhere
(SQLite) a regular expression that allows any run of spaces, line breaks, hyphens or punctuation between words.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

# A UN document symbol: letters, then at least one slash-separated part ("A/RES/78/292", "E/CN.15/2024/L.3").
SYMBOL = re.compile(r"^[A-Za-z]{1,10}(?:\.\d+)?(?:/[A-Za-z0-9.\-()]+)+$")
WORD = re.compile(r"\w+", re.UNICODE)


def query_words(value: str) -> list[str]:
    """The words of a query, lower case; hyphens, slashes and punctuation separate words."""
    return [w.lower() for w in WORD.findall(value)]


def symbol_condition(value: str) -> Q:
    """Mandates of the document or instrument with that symbol, or answered by a report with it."""
    value = value.strip()
    return (
        Q(instrument__document__symbol__iexact=value)
        | Q(instrument__adopted_symbol__iexact=value)
        | Q(instrument__symbol__iexact=value)
        | Q(submitted_symbol__iexact=value)
    )


def phrase_condition(words: list[str]) -> Q:
    """Subject or clause holding `words` in this order, separated only by spaces, line breaks or punctuation."""
    if connection.vendor == "postgresql":
        # Not a model field: the column exists on PostgreSQL only and the ORM never writes it.
        matches = RawSQL(
            "mandates_mandate.search_document @@ phraseto_tsquery('simple', %s)",
            [" ".join(words)],
            output_field=BooleanField(),
        )
        return Q(matches)
    pattern = r"(?<![0-9a-z])" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?![0-9a-z])"
    return Q(subject__iregex=pattern) | Q(source_text__iregex=pattern)


def mandate_search(queryset: QuerySet, value: str, *, entity_ids: list[int] | None = None) -> QuerySet:
    """Mandates matching `value`: by symbol when it looks like one, and by phrase; plus the mandates of the
    entities in `entity_ids` (matched by name or acronym by the caller)."""
    value = value.strip()
    words = query_words(value)
    if not words:
        return queryset
    condition = phrase_condition(words)
    if SYMBOL.match(value):
        condition |= symbol_condition(value)
    if entity_ids:
        condition |= Q(responsible_entity_id__in=entity_ids)
    return queryset.filter(condition)
