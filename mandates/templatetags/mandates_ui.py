"""Small template helpers for the dashboard: sortable column headers, badges."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def sort_header(label: str, key: str, current: str, base_query: str) -> str:
    """A column header that sorts by `key`, toggling to descending when already sorted ascending."""
    if current == key:
        target, arrow, state = f"-{key}", "▲", "ascending"
    elif current == f"-{key}":
        target, arrow, state = key, "▼", "descending"
    else:
        target, arrow, state = key, "", "none"
    query = f"{base_query}&o={target}" if base_query else f"o={target}"
    return format_html(
        '<a class="sort" href="?{}" aria-sort="{}">{} <span aria-hidden="true">{}</span></a>',
        query,
        state,
        label,
        arrow,
    )


@register.filter
def days_until(date, today) -> int | None:
    if not date or not today:
        return None
    return (date - today).days
