"""Ingested documents and what segmentation found in them: instruments and their paragraphs."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Document(models.Model):
    """One source file. `source_key` identifies the document across versions (symbol or file name)."""

    class Format(models.TextChoices):
        TEXT = "text", "Plain text"
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word"
        HTML = "html", "HTML"
        XML = "xml", "Akoma Ntoso XML"

    source_key = models.CharField(max_length=255, unique=True)
    symbol = models.CharField(max_length=128, blank=True, db_index=True)
    title = models.CharField(max_length=500, blank=True)
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=8, choices=Format.choices)
    content_hash = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the file's bytes.")
    size_bytes = models.PositiveIntegerField()
    text = models.TextField(help_text="The text extraction ran on; mandate offsets point into it.")
    language = models.CharField(max_length=8, default="en", help_text='ISO 639-1 code: "en", "fr", "es".')
    version = models.PositiveIntegerField(default=1)
    # What this document answers, e.g. "General Assembly resolution 75/196" (fulfilment).
    prepared_pursuant_to = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.symbol or self.title or self.filename


class DocumentFile(models.Model):
    """Every file whose content was read as this document: the same resolution as a PDF and as a text file are
    two files of one document. A file already seen is "unchanged"; a new file whose mandates equal the stored
    ones joins the current version instead of making a new one (services.ingest)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the file's bytes.")
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=8, choices=Document.Format.choices)
    size_bytes = models.PositiveIntegerField()
    version = models.PositiveIntegerField(help_text="The document version this file was read into.")
    # The bytes as uploaded (at most INGEST_MAX_BYTES: larger files are refused before storing), so staff can
    # download the original from the document page. Null for files stored before it was kept.
    content = models.BinaryField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["document", "content_hash"], name="mandates_documentfile_unique_hash"),
        ]
        indexes = [models.Index(fields=["content_hash"], name="mandates_documentfile_hash")]

    def __str__(self) -> str:
        return f"{self.filename} (v{self.version})"


class Instrument(models.Model):
    """A resolution or decision, draft or adopted, inside a document."""

    class Kind(models.TextChoices):
        RESOLUTION = "resolution", "Resolution"
        DECISION = "decision", "Decision"

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="instruments")
    label = models.CharField(
        max_length=128, help_text='As the document names it: "Draft resolution I", "Resolution 30/1".'
    )
    title = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.RESOLUTION)
    is_draft = models.BooleanField(default=False)
    adopting_body = models.ForeignKey(
        "mandates.Body", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    symbol = models.CharField(max_length=128, blank=True, help_text='e.g. "30/1" or "A/C.3/76/L.9".')
    adopted_symbol = models.CharField(
        max_length=128,
        blank=True,
        help_text="Symbol once adopted, e.g. A/RES/76/187 for a draft in a Commission report.",
    )
    # The session of the adopting body that adopted (or will consider) the text; anchors "next session".
    session_number = models.PositiveIntegerField(null=True, blank=True)
    adopted_on = models.DateField(null=True, blank=True, help_text="Date of adoption, when the source states it.")
    order = models.PositiveIntegerField(default=0)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["document", "order"]
        constraints = [
            models.UniqueConstraint(fields=["document", "label"], name="mandates_instrument_unique_label"),
        ]

    def __str__(self) -> str:
        return f"{self.label}: {self.title[:80]}" if self.title else self.label


class Paragraph(models.Model):
    """A preambular or operative paragraph of an instrument, with its offsets in Document.text."""

    class Kind(models.TextChoices):
        PREAMBULAR = "preambular", "Preambular"
        OPERATIVE = "operative", "Operative"

    instrument = models.ForeignKey(Instrument, on_delete=models.CASCADE, related_name="paragraphs")
    number = models.CharField(max_length=32, blank=True, help_text='As printed: "13", "4 (b)".')
    kind = models.CharField(max_length=16, choices=Kind.choices)
    text = models.TextField()
    order = models.PositiveIntegerField(default=0)
    start = models.PositiveIntegerField(default=0)
    end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["instrument", "order"]

    def __str__(self) -> str:
        return f"{self.instrument.label} ¶{self.number or self.order}"
