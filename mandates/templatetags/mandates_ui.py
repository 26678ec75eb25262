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


@register.filter
def plain(text) -> str:
    """Markdown markers out of source text (mandates.text.plain)."""
    from mandates.text import plain as to_plain

    return to_plain(str(text) if text is not None else "")


@register.filter
def undocs(symbol) -> str:
    from mandates.text import undocs_url

    return undocs_url(str(symbol or ""))


@register.simple_tag
def days_left(date, today) -> str:
    """ "12 days left", "due today", "30 days overdue"; "" without a date."""
    if not date or not today:
        return ""
    days = (date - today).days
    if days == 0:
        return "due today"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} left"
    return f"{-days} day{'s' if days != -1 else ''} overdue"


@register.simple_tag
def symbol_link(symbol) -> str:
    """A UN symbol as a link to the official document."""
    from mandates.text import undocs_url

    symbol = str(symbol or "").strip()
    if not symbol:
        return ""
    return format_html(
        '<a class="symbol" href="{}" rel="noopener" target="_blank" title="Official document (undocs.org)">{}</a>',
        undocs_url(symbol),
        symbol,
    )


@register.filter
def share_of(value, largest) -> str:
    """`value` as a percentage of `largest` for a CSS bar width ("37.50"); 0 when there is nothing to scale."""
    try:
        return f"{100 * float(value) / float(largest):.2f}" if largest else "0"
    except (TypeError, ValueError):
        return "0"
