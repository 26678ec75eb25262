"""Batches: many files ingested at once by Celery workers (issue #11).

    batch_create(files=[(name, bytes), ...], source=..., created_by=...)   the files wait in the database
    batch_dispatch(batch=...)                                             one task per file, sent as a group
    batch_item_run(item_id=...)                                           what a worker does with one file

Any worker with database access can take any file: the bytes travel in the database, not in the broker
message, and are cleared once the file is done. Each file is one `document_ingest` (one transaction, the
per-source-key lock), so two workers reading the same document (the PDF and the text of one resolution)
serialise on that document and the second sees the first's row: idempotence and staff edits hold as they do
for one process. A transaction that loses a race on a shared row (a session or body both create, a deadlock)
rolls back whole and is run again.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone

from mandates.extraction.readers import too_large_message
from mandates.extraction.types import ExtractionError
from mandates.models import IngestBatch, IngestItem
from mandates.services.ingest import document_ingest

logger = logging.getLogger(__name__)

# Runs of one file after losing a race on a shared row (each run is one transaction, rolled back whole).
RACE_ATTEMPTS = 4


@transaction.atomic
def batch_create(
    *,
    files: Iterable[tuple[str, bytes | None, int]],
    source: str = IngestBatch.Source.COMMAND,
    created_by=None,
    require_operative: bool = True,
    reextract: bool = False,
) -> IngestBatch:
    """Store the files of a batch, (name, bytes, size) each, in bulk INSERTs. Oversized files (pass None for their
    bytes, so they are never read into memory) are refused at once."""
    batch = IngestBatch.objects.create(
        source=source, created_by=created_by, require_operative=require_operative, reextract=reextract
    )
    items = []
    for order, (filename, data, size) in enumerate(files):
        item = IngestItem(batch=batch, order=order, filename=filename[:255], size_bytes=size)
        if data is None or size > settings.INGEST_MAX_BYTES:
            item.state = IngestItem.State.REFUSED
            item.reason = too_large_message(size, settings.INGEST_MAX_BYTES)
            item.finished_at = timezone.now()
        else:
            item.data = data
        items.append(item)
    IngestItem.objects.bulk_create(items, batch_size=50)
    return batch


def batch_dispatch(*, batch: IngestBatch, queue: str | None = None, broker_url: str | None = None) -> int:
    """Send one `ingest_batch_item` task per waiting file, as a Celery group. Returns how many were sent.

    `broker_url` overrides CELERY_BROKER_URL (the benchmark, the tests). With eager tasks (no broker: the demo,
    the tests) the group runs here, one file after another.
    """
    from celery import group

    from mandates.tasks import ingest_batch_item
    from tracker.celery import app

    ids = list(batch.items.filter(state=IngestItem.State.QUEUED).order_by("order").values_list("id", flat=True))
    if not ids:
        return 0
    tasks = group(ingest_batch_item.si(item_id=item_id) for item_id in ids)
    options = {"queue": queue} if queue else {}
    if broker_url:
        with app.connection_for_write(broker_url) as conn:
            tasks.apply_async(producer=app.amqp.Producer(conn), **options)
    else:
        tasks.apply_async(**options)
    return len(ids)


def _claim(item_id: int) -> bool:
    """Mark a waiting file as running; False when another delivery of the task already took it."""
    return bool(
        IngestItem.objects.filter(pk=item_id, state=IngestItem.State.QUEUED).update(state=IngestItem.State.RUNNING)
    )


def batch_item_run(*, item_id: int) -> IngestItem | None:
    """Ingest one file of a batch and record the outcome on its item. Runs once per item: a second delivery of
    the same task finds the item taken and does nothing (returns None)."""
    if not _claim(item_id):
        return None
    item = IngestItem.objects.select_related("batch").get(pk=item_id)
    batch = item.batch
    outcome = None
    for attempt in range(1, RACE_ATTEMPTS + 1):
        try:
            outcome = document_ingest(
                data=bytes(item.data),
                filename=item.filename,
                uploaded_by=batch.created_by,
                require_operative=batch.require_operative,
                reextract=batch.reextract,
            )
            break
        except ExtractionError as exc:
            item.state, item.reason = IngestItem.State.REFUSED, str(exc)
            break
        except (IntegrityError, OperationalError) as exc:
            # Another worker wrote the same session, body or mandate rows first; this run was rolled back.
            logger.info("%s: attempt %d lost a race (%s); running it again", item.filename, attempt, exc)
            if attempt == RACE_ATTEMPTS:
                item.state, item.reason = IngestItem.State.FAILED, _first_line(exc)
        except Exception as exc:  # a bug in extraction must not stop the batch
            logger.exception("%s: unexpected error", item.filename)
            item.state, item.reason = IngestItem.State.FAILED, _first_line(exc)
            break
    if outcome is not None:
        item.state = outcome.status
        item.reason = outcome.summary()
        item.document = outcome.document
        item.mandates, item.waiting = outcome.mandates_tracked, outcome.candidates_waiting
    item.data = b""  # read: no need to keep the bytes (the document keeps its text)
    item.finished_at = timezone.now()
    item.save(update_fields=["state", "reason", "document", "mandates", "waiting", "data", "finished_at"])
    return item


def _first_line(exc: BaseException) -> str:
    first = (str(exc).strip().splitlines() or [""])[0][:200]
    return f"unexpected error ({type(exc).__name__}: {first})"
