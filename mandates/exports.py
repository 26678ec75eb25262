"""CSV, iCalendar and JSON renderings of a filtered mandate queryset (see selectors.mandate_filter)."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from mandates.models import FeedToken, Mandate
from mandates.text import plain

CSV_COLUMNS = (
    "id",
    "status",
    "flag",
    "category",
    "responsible_entity",
    "delivered_to",
    "due_body",
    "due_session",
    "due_event",
    "session_opens_on",
    "document_due_on",
    "dates_estimated",
    "recurrence",
    "subject",
    "document",
    "instrument",
    "paragraph",
    "submitted_symbol",
    "source_text",
    "url",
)


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def mandate_row(m: Mandate) -> dict:
    """One mandate as plain values; shared by CSV and JSON so the two never disagree."""
    return {
        "id": m.pk,
        "status": m.status,
        "flag": m.flag,
        "category": m.category,
        "responsible_entity": m.responsible_entity.name,
        "delivered_to": m.delivered_to.name if m.delivered_to else "",
        "due_body": m.due_body.name if m.due_body else "",
        "due_session": m.due_session_number,
        "due_event": m.due_event,
        "session_opens_on": m.session_opens_on.isoformat() if m.session_opens_on else None,
        "document_due_on": m.document_due_on.isoformat() if m.document_due_on else None,
        "dates_estimated": m.dates_estimated,
        "recurrence": m.recurrence,
        "subject": plain(m.subject),
        "document": str(m.instrument.document),
        "instrument": m.instrument.label,
        "paragraph": m.paragraph_label,
        "submitted_symbol": m.submitted_symbol,
        "source_text": plain(m.source_text),
        "url": absolute_url(reverse("mandates:mandate_detail", args=[m.pk])),
    }


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(qs: QuerySet) -> Iterator[str]:
    """The CSV, line by line, so a large export streams instead of building in memory."""
    writer = csv.DictWriter(_Echo(), fieldnames=CSV_COLUMNS)
    yield writer.writeheader() or ",".join(CSV_COLUMNS) + "\r\n"
    for m in qs.iterator(chunk_size=2000):
        row = mandate_row(m)
        row["due_session"] = row["due_session"] or ""
        row["session_opens_on"] = row["session_opens_on"] or ""
        row["document_due_on"] = row["document_due_on"] or ""
        yield writer.writerow(row)


def ical_chunks(qs: QuerySet, *, name: str = "Mandate due dates") -> Iterator[bytes]:
    """The calendar, event by event (one all-day event per mandate with a document due date).

    Streamed: a feed of every mandate would otherwise be built whole in memory.
    """
    cal = Calendar()
    cal.add("prodid", "-//mandate-tracker//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("method", "PUBLISH")
    end = b"END:VCALENDAR\r\n"
    yield cal.to_ical().removesuffix(end)  # the events go between the header and END:VCALENDAR
    stamp = timezone.now()
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "mandate-tracker"
    for m in qs.filter(document_due_on__isnull=False).iterator(chunk_size=2000):
        yield mandate_event(m, stamp=stamp, host=host).to_ical()
    yield end


def mandate_event(m: Mandate, *, stamp, host: str) -> Event:
    event = Event()
    event.add("uid", f"mandate-{m.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", m.document_due_on)
    event.add("dtend", m.document_due_on + dt.timedelta(days=1))
    event.add("summary", f"Due: {m.responsible_entity.acronym or m.responsible_entity.name} → {m.due_label}")
    url = absolute_url(reverse("mandates:mandate_detail", args=[m.pk]))
    estimated = " (estimated date)" if m.dates_estimated else ""
    event.add(
        "description",
        f"{m.get_category_display()}: {plain(m.subject)}\nStatus: {m.get_status_display()}{estimated}\n"
        f"{m.instrument.label}, para. {m.paragraph_label}\n\n{plain(m.source_text)}\n\n{url}",
    )
    event.add("url", url)
    event.add("categories", [m.get_status_display()])
    event.add("transp", "TRANSPARENT")
    return event


def page_json(page, *, build_url: Callable[[int], str]) -> dict:
    """A paginated JSON body: count, page, pages, next/previous URLs and the rows."""
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": build_url(page.next_page_number()) if page.has_next() else None,
        "previous": build_url(page.previous_page_number()) if page.has_previous() else None,
        "results": [mandate_row(m) for m in page.object_list],
    }


def feed_token_for(user) -> FeedToken:
    """The user's calendar feed token, created on first use."""
    token, _ = FeedToken.objects.get_or_create(user=user)
    return token
