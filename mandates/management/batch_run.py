"""`ingest --workers`: a folder sent to the Celery workers as one batch, a progress bar, then the summary.

Shared by the ingest command and benchmark_ingest_workers.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError

from mandates import selectors
from mandates.models import IngestBatch, IngestItem
from mandates.services.batches import batch_create, batch_dispatch

POLL_SECONDS = 0.25
# Without a terminal (a log, CI), a progress line at most this often instead of a redrawn bar.
PLAIN_PROGRESS_SECONDS = 5.0
# No file taken after this long: say what is probably missing.
IDLE_HINT_SECONDS = 15.0
BAR_WIDTH = 30


def read_files(files: list[Path]) -> list[tuple[str, bytes | None, int]]:
    """(name, bytes, size) for batch_create; files over INGEST_MAX_BYTES are not read (refused by size)."""
    read = []
    for path in files:
        size = path.stat().st_size if path.is_file() else 0
        read.append((path.name, path.read_bytes() if size <= settings.INGEST_MAX_BYTES else None, size))
    return read


def progress_line(progress: selectors.BatchProgress) -> str:
    filled = BAR_WIDTH * progress.done // max(progress.total, 1)
    states = ", ".join(
        f"{progress.count(s)} {s}" for s in (*IngestItem.DONE_STATES, IngestItem.State.RUNNING) if progress.count(s)
    )
    return f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {progress.done}/{progress.total}" + (
        f" ({states})" if states else ""
    )


def wait(batch: IngestBatch, *, timeout: float, out, tty: bool) -> selectors.BatchProgress:
    """Poll the batch until every file is done, drawing the progress bar on `out`. Raises CommandError on timeout."""
    started = last_plain = time.monotonic()
    hinted = False
    while True:
        progress = selectors.batch_progress(batch, with_items=False)
        now = time.monotonic()
        if tty:
            out.write("\r" + progress_line(progress), ending="")
            out.flush()
        elif progress.finished or now - last_plain >= PLAIN_PROGRESS_SECONDS:
            out.write(progress_line(progress))
            last_plain = now
        if progress.finished:
            if tty:
                out.write("")
            return selectors.batch_progress(batch)
        if (
            not hinted
            and progress.count(IngestItem.State.QUEUED) == progress.total
            and now - started > IDLE_HINT_SECONDS
        ):
            out.write("\nno worker has taken a file yet: is `celery -A tracker worker` running on this broker?")
            hinted = True
        if now - started > timeout:
            raise CommandError(
                f"batch {batch.pk}: {progress.done} of {progress.total} files done after {timeout:.0f} s; "
                "the workers go on with the rest"
            )
        time.sleep(POLL_SECONDS)


def summary_lines(progress: selectors.BatchProgress, *, quiet: bool) -> list[str]:
    """Per-file lines (unless quiet), then refusals and failures grouped by reason, then the totals."""
    lines = []
    if not quiet:
        for number, item in enumerate(progress.done_items, start=1):
            if item.state in (IngestItem.State.CREATED, IngestItem.State.UPDATED, IngestItem.State.UNCHANGED):
                lines.append(f"[{number}/{progress.total}] {item.filename}: {item.reason}")
    for state in (IngestItem.State.REFUSED, IngestItem.State.FAILED):
        for reason, names in progress.reasons(state).items():
            shown = ", ".join(names[:10]) + (f" and {len(names) - 10} more" if len(names) > 10 else "")
            lines.append(f"{state} ({reason}): {len(names)} file{'s' if len(names) != 1 else ''}: {shown}")
    total = progress.total
    lines.append(
        f"{total} file{'s' if total != 1 else ''}: "
        + ", ".join(f"{progress.count(s)} {s}" for s in IngestItem.DONE_STATES)
        + f"; {progress.mandates} mandates, {progress.waiting} waiting for review"
    )
    return lines


def run_batch(
    files: list[Path],
    *,
    require_operative: bool,
    reextract: bool,
    queue: str | None,
    timeout: float,
    out,
    tty: bool,
    broker_url: str | None = None,
) -> tuple[IngestBatch, selectors.BatchProgress]:
    batch = batch_create(
        files=read_files(files),
        source=IngestBatch.Source.COMMAND,
        require_operative=require_operative,
        reextract=reextract,
    )
    batch_dispatch(batch=batch, queue=queue, broker_url=broker_url)
    return batch, wait(batch, timeout=timeout, out=out, tty=tty)


def ingest_with_workers(
    command,
    files: list[Path],
    *,
    quiet: bool,
    require_operative: bool,
    reextract: bool,
    queue,
    timeout: float,
    broker_url: str | None = None,
) -> None:
    tty = command.stdout.isatty()
    _, progress = run_batch(
        files,
        require_operative=require_operative,
        reextract=reextract,
        queue=queue,
        timeout=timeout,
        out=command.stdout,
        tty=tty,
        broker_url=broker_url,
    )
    for line in summary_lines(progress, quiet=quiet):
        command.stdout.write(line)
    failed = progress.count(IngestItem.State.REFUSED) + progress.count(IngestItem.State.FAILED)
    if failed:
        raise CommandError(f"{failed} of {progress.total} files were refused or failed", returncode=1)
