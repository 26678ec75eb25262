"""Saved filters: a user's named queries of the mandate list."""

from __future__ import annotations

from django.http import QueryDict

from mandates.models import SavedFilter


def saved_filter_save(*, user, name: str, query: str) -> SavedFilter:
    """Save (or replace) the list query `query` under `name` for `user`; the page number is not kept."""
    params = QueryDict(query, mutable=True)
    params.pop("page", None)
    saved, _ = SavedFilter.objects.update_or_create(
        user=user, name=name.strip()[:100], defaults={"query": params.urlencode()[:2000]}
    )
    return saved


def saved_filter_delete(*, user, pk: int) -> int:
    """Remove one of `user`'s saved filters (another user's is left alone). Returns how many were removed."""
    return SavedFilter.objects.filter(user=user, pk=pk).delete()[0]
