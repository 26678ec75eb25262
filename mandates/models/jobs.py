"""Work handed to a Celery task on a person's behalf: a large CSV export, a document upload.

Each job is owned by the user who asked for it; only that user sees its page and its file.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class JobState(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Expired"  # an export whose file was removed after the retention period


class ExportJob(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    query = models.TextField(blank=True, help_text="The list's filter, as a query string.")
    state = models.CharField(max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    expected_rows = models.PositiveIntegerField(default=0)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    file = models.FileField(upload_to="exports/%Y/%m/%d/", blank=True)
    size_bytes = models.PositiveBigIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"export {self.pk} ({self.state})"


class UploadJob(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="upload_jobs")
    filename = models.CharField(max_length=255)
    file = models.FileField(upload_to="uploads/%Y/%m/%d/", blank=True)  # removed once the task has read it
    state = models.CharField(max_length=16, choices=JobState.choices, default=JobState.QUEUED)
    document = models.ForeignKey("mandates.Document", null=True, blank=True, on_delete=models.SET_NULL)
    summary = models.TextField(blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"upload {self.pk} {self.filename} ({self.state})"
