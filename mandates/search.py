"""Text search over mandates: what people type, found whatever the line breaks, hyphens and case.

"secretary general" finds "Secretary-General", "eighty-first session" finds "eighty-first\\nsession" and
"eighty first session", and a symbol ("A/RES/78/292") finds the mandates of that document or instrument and
those answered by it. On PostgreSQL a phrase query of full-text search (the 'simple' configuration: no
stemming, no stop words, so every word typed counts) over subject and clause, narrowed first by the trigram
indexes of migration 0003 on the longest word; elsewhere (SQLite) a regular expression that allows any run of
spaces, line breaks, hyphens or punctuation between the words.
"""

from __future__ import annotations

import re

from django.db import connection
from django.db.models import F, Func, Q, QuerySet, TextField, Value

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
        from django.contrib.postgres.search import SearchQuery

        query = SearchQuery(" ".join(words), search_type="phrase", config="simple")
        longest = max(words, key=len)
        # The icontains on the longest word can use the trigram indexes; the phrase match then checks the rest.
        prefilter = Q(subject__icontains=longest) | Q(source_text__icontains=longest)
        # search_subject and search_clause are annotated by mandate_search.
        return prefilter & (Q(search_subject=query) | Q(search_clause=query))
    pattern = r"(?<![0-9a-z])" + r"[\W_]+".join(re.escape(w) for w in words) + r"(?![0-9a-z])"
    return Q(subject__iregex=pattern) | Q(source_text__iregex=pattern)


def _unhyphenated(field: str) -> Func:
    """The column with hyphens and dashes as spaces: PostgreSQL's parser gives "Secretary-General" a position of
    its own before "secretary" and "general", which would break the phrase "requests the secretary general"."""
    return Func(
        F(field),
        Value("[-\u2010\u2011\u2012\u2013]"),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=TextField(),
    )


def mandate_search(queryset: QuerySet, value: str, *, entity_ids: list[int] | None = None) -> QuerySet:
    """Mandates matching `value`: by symbol when it looks like one, else by phrase; plus the mandates of the
    entities in `entity_ids` (matched by name or acronym by the caller)."""
    value = value.strip()
    words = query_words(value)
    if not words:
        return queryset
    condition = symbol_condition(value) if SYMBOL.match(value) else Q(pk__in=[])
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        queryset = queryset.annotate(
            search_subject=SearchVector(_unhyphenated("subject"), config="simple"),
            search_clause=SearchVector(_unhyphenated("source_text"), config="simple"),
        )
    condition |= phrase_condition(words)
    if entity_ids:
        condition |= Q(responsible_entity_id__in=entity_ids)
    return queryset.filter(condition)
