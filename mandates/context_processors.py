"""Template context for every page: the number of review candidates the nav shows."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def review_waiting(request: HttpRequest) -> dict:
    """`review_waiting`: candidates waiting for a person, counted only when a page shows it (logged in)."""

    def count() -> int:
        from mandates.selectors import review_waiting_count

        return review_waiting_count()

    return {"review_waiting": SimpleLazyObject(count)}
