"""A batch of files ingested together (a folder from `ingest --workers`, several files from the upload page).

The files' bytes wait in IngestItem.data until a Celery worker reads them, so any worker with database access
can take any file; the bytes are cleared once the file is done. Each item records its outcome, which gives the
progress bar, the progress page and the final summary.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IngestBatch(models.Model):
    class Source(models.TextChoices):
        COMMAND = "command", "ingest command"
        UPLOAD = "upload", "web upload"

    source = models.CharField(max_length=16, choices=Source.choices, default=Source.COMMAND)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # Options passed to services.ingest.document_ingest for every file.
    require_operative = models.BooleanField(default=True)
    reextract = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Batch {self.pk} ({self.get_source_display()})"


class IngestItem(models.Model):
    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        UNCHANGED = "unchanged", "Unchanged"
        REFUSED = "refused", "Refused"  # the file was read and turned down, with its reason
        FAILED = "failed", "Failed"  # an unexpected error (a bug), with its first line

    DONE_STATES = (State.CREATED, State.UPDATED, State.UNCHANGED, State.REFUSED, State.FAILED)

    batch = models.ForeignKey(IngestBatch, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveIntegerField()
    filename = models.CharField(max_length=255)
    size_bytes = models.PositiveIntegerField(default=0)
    data = models.BinaryField(default=bytes, help_text="The file's bytes until a worker has read them.")
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    reason = models.TextField(blank=True, help_text="Why the file was refused or failed; the summary otherwise.")
    document = models.ForeignKey(
        "mandates.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    mandates = models.PositiveIntegerField(default=0)
    waiting = models.PositiveIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "order"]
        constraints = [models.UniqueConstraint(fields=["batch", "order"], name="mandates_ingestitem_unique_order")]

    def __str__(self) -> str:
        return f"{self.filename} ({self.state})"

    @property
    def done(self) -> bool:
        return self.state in self.DONE_STATES
