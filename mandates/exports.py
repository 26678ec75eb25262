"""CSV, iCalendar and JSON renderings of a filtered mandate queryset (see selectors.mandate_filter)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterator

from django.conf import settings
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
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


# Each CSV column as a values() lookup: the export reads plain tuples, never model instances (building six
# model objects and reversing a URL per row made 100,000 rows take 12-17 s of CPU).
CSV_VALUES = {
    "id": "id",
    "status": "status",
    "flag": "flag",
    "category": "category",
    "responsible_entity": "responsible_entity__name",
    "delivered_to": "delivered_to__name",
    "due_body": "due_body__name",
    "due_session": "due_session_number",
    "due_event": "due_event",
    "session_opens_on": "session_opens_on",
    "document_due_on": "document_due_on",
    "dates_estimated": "dates_estimated",
    "recurrence": "recurrence",
    "subject": "subject",
    "document": "_document_label",
    "instrument": "instrument__label",
    "paragraph": "paragraph_label",
    "submitted_symbol": "submitted_symbol",
    "source_text": "source_text",
}
assert (*CSV_VALUES, "url") == CSV_COLUMNS

# Free text a spreadsheet would run as a formula ("CSV injection"): =, +, -, @, and tab or CR before them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NOT_TEXT = ("id", "due_session", "session_opens_on", "document_due_on", "dates_estimated")
_TEXT_COLUMNS = [i for i, name in enumerate(CSV_VALUES) if name not in _NOT_TEXT]
_CHUNK_ROWS = 2000
_PLAIN_COLUMNS = [i for i, name in enumerate(CSV_VALUES) if name in ("subject", "source_text")]


def csv_safe(value):
    """`value`, with a leading ' when it is text a spreadsheet would take for a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _document_label():
    """Document.__str__ in SQL: its symbol, else its title, else its file name."""
    return Coalesce(
        NullIf("instrument__document__symbol", Value("")),
        NullIf("instrument__document__title", Value("")),
        "instrument__document__filename",
    )


def csv_rows(qs: QuerySet) -> Iterator[list]:
    """The export's rows as lists of cell values (header excluded), formula-safe, in the queryset's order."""
    marker = 987654321
    prefix, suffix = absolute_url(reverse("mandates:mandate_detail", args=[marker])).split(str(marker))
    values = qs.annotate(_document_label=_document_label()).values_list(*CSV_VALUES.values())
    text_columns = _TEXT_COLUMNS
    for row in values.iterator(chunk_size=_CHUNK_ROWS):
        cells = list(row)
        for i in _PLAIN_COLUMNS:  # no markdown markers (*Requests*, [46/152](#)) in an export
            if cells[i]:
                cells[i] = plain(cells[i])  # returns at once when the text holds no marker
        for i in text_columns:
            cell = cells[i]
            if cell and cell[0] in "=+-@\t\r":  # text columns hold only str (or None)
                cells[i] = "'" + cell
        cells.append(f"{prefix}{row[0]}{suffix}")
        yield cells


def csv_lines(qs: QuerySet) -> Iterator[str]:
    """The CSV in pieces of a few thousand rows, so a large export streams instead of building in memory."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for rows, cells in enumerate(csv_rows(qs), start=1):
        writer.writerow(cells)
        if rows % _CHUNK_ROWS == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def csv_write(qs: QuerySet, out) -> int:
    """Write the whole CSV to the text file `out`; returns the number of data rows."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    rows = 0
    for cells in csv_rows(qs):
        writer.writerow(cells)
        rows += 1
    return rows


def csv_lines_from_instances(qs: QuerySet) -> Iterator[str]:
    """The former export, one model instance and a URL lookup per row: the benchmark's baseline only."""

    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())
    yield writer.writerow(CSV_COLUMNS)
    for m in qs.iterator(chunk_size=_CHUNK_ROWS):
        row = mandate_row(m)
        yield writer.writerow([csv_safe(row[name]) for name in CSV_COLUMNS])


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


CYCLE_CSV_COLUMNS = (
    "mandate",
    "document",
    "paragraph",
    "entity",
    "delivered_to",
    "subject",
    "status",
    "adopted_or_renewed_on",
    "age_basis",
    "age_years",
    "decision",
    "merge_into",
    "reason",
    "state",
    "decided_by",
    "decided_at",
    "approved_by",
    "approved_at",
    "return_note",
)


def cycle_csv(decisions: list[dict]) -> str:
    """A review cycle's decisions (selectors.cycle_export) as CSV, formula-safe, one row per mandate."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CYCLE_CSV_COLUMNS)
    for row in decisions:
        writer.writerow([csv_safe(plain(row[c]) if c == "subject" else row[c]) for c in CYCLE_CSV_COLUMNS])
    return buffer.getvalue()


BURDEN_COLUMNS = ["breakdown", "name", "period", "one_off", "recurring", "total"]


def burden_csv(burden) -> str:
    """selectors.reporting_burden as one CSV: a row per entity and year, body and session, adopting session."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(BURDEN_COLUMNS)
    for breakdown, rows in (
        ("entity_year", burden.entity_year),
        ("body_session", burden.body_session),
        ("adopting_session", burden.trend),
    ):
        for row in rows:
            writer.writerow([breakdown, csv_safe(row.label), row.period, row.one_off, row.recurring, row.total])
    return buffer.getvalue()
