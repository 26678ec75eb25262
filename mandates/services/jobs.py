"""Exports and uploads handed to Celery tasks: create a job, run it, expire it. One function per change.

A job ends `done` or `failed` with the reason; one that never ends (its worker was killed past the hard
time limit) is failed by `jobs_purge`, so nobody waits on a page that will never change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import tempfile
import time

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db.models import Q
from django.http import QueryDict
from django.utils import timezone

from mandates import exports, selectors
from mandates.errors import ApplicationError
from mandates.extraction.types import ExtractionError
from mandates.models import ExportJob, JobState, UploadJob

log = logging.getLogger(__name__)


# --- Exports ------------------------------------------------------------------------------------


def export_job_create(*, user, query: str, expected_rows: int) -> ExportJob:
    return ExportJob.objects.create(user=user, query=query, expected_rows=expected_rows)


def _claim(model, pk: int, stale_after_seconds: int, **started) -> bool:
    """Move a queued job (or one left running by a worker that died) to running; False if another has it."""
    stale = timezone.now() - dt.timedelta(seconds=stale_after_seconds)
    claimable = Q(state=JobState.QUEUED) | Q(state=JobState.RUNNING, created_at__lt=stale)
    return bool(model.objects.filter(claimable, pk=pk).update(state=JobState.RUNNING, **started))


def export_job_run(job_id: int) -> ExportJob | None:
    """Write the job's CSV to a file. The file is saved only once complete, with its row count."""
    if not _claim(ExportJob, job_id, settings.EXPORT_TIME_LIMIT_SECONDS * 2, started_at=timezone.now()):
        return None
    job = ExportJob.objects.get(pk=job_id)
    try:
        result = selectors.mandate_filter(QueryDict(job.query))
        if not result.is_valid:
            raise ApplicationError(f"Invalid filter: {result.errors}")
        with tempfile.TemporaryFile() as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
            rows = exports.csv_write(result.qs, text)
            text.flush()
            text.detach()
            size = raw.tell()
            raw.seek(0)
            job.file.save(f"mandates-{job.pk}-{timezone.localdate():%Y-%m-%d}.csv", File(raw), save=False)
    except SoftTimeLimitExceeded:
        return _fail(job, f"The export did not finish within {settings.EXPORT_TIME_LIMIT_SECONDS} s.")
    except Exception as exc:
        log.exception("export %s failed", job.pk)
        return _fail(job, f"The export failed: {exc}")
    job.row_count, job.size_bytes = rows, size
    job.state, job.finished_at = JobState.DONE, timezone.now()
    job.save(update_fields=["file", "row_count", "size_bytes", "state", "finished_at"])
    return job


def _fail(job, message: str):
    job.state, job.error, job.finished_at = JobState.FAILED, message, timezone.now()
    job.save(update_fields=["state", "error", "finished_at"])
    return job


# --- Uploads ------------------------------------------------------------------------------------


def upload_job_create(*, user, upload) -> UploadJob:
    """Store the uploaded file where the ingest task can read it."""
    job = UploadJob(user=user, filename=upload.name[:255])
    job.file.save(upload.name, ContentFile(upload.read()), save=False)
    job.save()
    return job


def upload_job_run(job_id: int, *, memory_limit_mb: int | None = None) -> UploadJob | None:
    """Read, extract and store the uploaded file (services.ingest.document_ingest), then delete the upload.

    `memory_limit_mb` caps the process's address space while the file is read (see memory_limit).
    """
    if not _claim(UploadJob, job_id, settings.UPLOAD_TIME_LIMIT_SECONDS * 2):
        return None
    job = UploadJob.objects.select_related("user").get(pk=job_id)
    limit = soft_time_limit() or settings.UPLOAD_TIME_LIMIT_SECONDS
    too_slow = f"{job.filename}: reading it took longer than {limit:g} s."
    too_big = f"{job.filename}: reading it needed more than {memory_limit_mb} MB of memory."
    started = time.monotonic()
    budget = MemoryBudget()  # no limit until the read starts
    try:
        from mandates.services.ingest import document_ingest

        with job.file.open("rb") as f:
            data = f.read()
        with memory_limit(memory_limit_mb) as budget:
            outcome = document_ingest(data=data, filename=job.filename, uploaded_by=job.user)
    except (ApplicationError, ExtractionError) as exc:
        # The soft time limit is an exception raised wherever the task is; inside a C library's callback
        # (lxml) it can be swallowed and the read end in a misleading error instead: the clock decides.
        if soft_time_limit() and time.monotonic() - started >= limit:
            return _fail_upload(job, too_slow)
        if budget.reached():
            return _fail_upload(job, too_big)
        return _fail_upload(job, str(exc))
    except SoftTimeLimitExceeded:
        return _fail_upload(job, too_slow)
    except MemoryError:
        return _fail_upload(job, too_big)
    except Exception as exc:
        log.exception("upload %s failed", job.pk)
        return _fail_upload(job, f"{job.filename}: could not be ingested ({exc}).")
    job.document = outcome.document
    job.summary = outcome.summary() if hasattr(outcome, "summary") else ""
    job.state, job.finished_at = JobState.DONE, timezone.now()
    _discard_upload(job)
    job.save(update_fields=["document", "summary", "state", "finished_at", "file"])
    return job


def soft_time_limit() -> float | None:
    """The soft time limit of the worker task running now; None outside one (an eager run, the demo)."""
    from celery import current_task

    request = getattr(current_task, "request", None)
    if request is None or request.is_eager or not request.timelimit:
        return None
    return request.timelimit[1] or None


def _fail_upload(job: UploadJob, message: str) -> UploadJob:
    _discard_upload(job)
    job.save(update_fields=["file"])
    return _fail(job, message)


def _discard_upload(job: UploadJob) -> None:
    if job.file:
        job.file.delete(save=False)


def _vm_peak() -> int | None:
    """The process's peak address-space size in bytes (Linux), or None."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


class MemoryBudget:
    """What `memory_limit` set, so a failure can be told apart from a file that is merely damaged."""

    def __init__(self, limit: int | None = None) -> None:
        self.limit = limit

    def reached(self) -> bool:
        """True when the address space came within 5 % of the limit: an allocation was (probably) refused.
        lxml reports a refused allocation as an XML error, not as MemoryError.
        """
        peak = _vm_peak()
        return bool(self.limit and peak and peak >= self.limit * 0.95)


@contextlib.contextmanager
def memory_limit(mb: int | None):
    """Cap this process's address space at its current size plus `mb` megabytes (Linux), restored after.

    An allocation beyond it fails in the task (MemoryError, or an error from the C library that asked),
    instead of the kernel killing the worker, or the machine swapping, for a file that expands to gigabytes.
    """
    try:
        import resource

        with open("/proc/self/statm") as statm:
            current = int(statm.read().split()[0]) * resource.getpagesize()
    except (ImportError, OSError):
        current = None  # not Linux: the time limit and the size caps still apply
    if not mb or current is None:
        yield MemoryBudget()
        return
    previous = resource.getrlimit(resource.RLIMIT_AS)
    limit = current + mb * 1024 * 1024
    if previous[1] != resource.RLIM_INFINITY:
        limit = min(limit, previous[1])
    resource.setrlimit(resource.RLIMIT_AS, (limit, previous[1]))
    try:
        yield MemoryBudget(limit)
    finally:
        resource.setrlimit(resource.RLIMIT_AS, previous)


# --- Retention ----------------------------------------------------------------------------------


def jobs_purge(*, now: dt.datetime | None = None) -> dict:
    """Delete export files past EXPORT_RETENTION_HOURS (the job stays, marked expired); fail jobs that
    were never finished (their worker died past the hard time limit).
    """
    now = now or timezone.now()
    expired = 0
    cutoff = now - dt.timedelta(hours=settings.EXPORT_RETENTION_HOURS)
    for job in ExportJob.objects.filter(state=JobState.DONE, finished_at__lt=cutoff):
        if job.file:
            job.file.delete(save=False)
        job.state = JobState.EXPIRED
        job.save(update_fields=["file", "state"])
        expired += 1
    stuck = 0
    for model, limit in (
        (ExportJob, settings.EXPORT_TIME_LIMIT_SECONDS),
        (UploadJob, settings.UPLOAD_TIME_LIMIT_SECONDS),
    ):
        stale = now - dt.timedelta(seconds=limit * 2)
        for job in model.objects.filter(state__in=[JobState.QUEUED, JobState.RUNNING], created_at__lt=stale):
            if isinstance(job, UploadJob):
                _discard_upload(job)
                job.save(update_fields=["file"])
            _fail(job, "It never finished: the worker stopped or no worker is running. Please try again.")
            stuck += 1
    return {"expired": expired, "failed_stuck": stuck}
