"""A .docx zip bomb is refused before parsing; uploads run in a task with time and memory limits."""

from __future__ import annotations

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from mandates.extraction.readers import FileTooLarge, read_bytes
from mandates.models import Document, JobState, UploadJob
from mandates.services.jobs import upload_job_create, upload_job_run
from tests.files import RESOLUTION_LINES, docx_bomb, docx_bytes


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_a_docx_whose_document_part_unpacks_to_40_mib_is_refused_unparsed():
    bomb = docx_bomb(40)
    assert len(bomb) < 1024 * 1024  # small on disk: under every upload limit

    started = time.monotonic()
    with pytest.raises(FileTooLarge, match="word/document.xml"):
        read_bytes(bomb, "bomb.docx")
    assert time.monotonic() - started < 5  # refused from the zip directory, never parsed (parsing takes ~10 s)


def test_many_xml_parts_under_the_part_cap_are_refused_by_the_total_cap():
    with pytest.raises(FileTooLarge, match="XML too large"):
        read_bytes(docx_bomb(12, parts=3), "bomb.docx")


def test_an_ordinary_docx_still_reads():
    data = docx_bytes(lambda d: [d.add_paragraph(line) for line in RESOLUTION_LINES])
    text, fmt = read_bytes(data, "res.docx")
    assert fmt == "docx" and "Requests the Secretary-General" in text


@pytest.mark.django_db
def test_uploading_the_bomb_shows_the_reason_and_stores_nothing(client, alice, media):
    client.force_login(alice)
    response = client.post(
        reverse("mandates:document_upload"), {"file": SimpleUploadedFile("bomb.docx", docx_bomb(40))}
    )
    assert response.status_code == 400 and b"too large when unpacked" in response.content
    assert not Document.objects.exists()
    job = UploadJob.objects.get()
    assert job.state == JobState.FAILED and not job.file  # the upload itself is not kept


@pytest.mark.django_db
def test_reading_beyond_the_memory_limit_fails_the_upload_not_the_process(alice, media):
    """A file under the size caps that still needs more memory than the task may use (15 MiB of XML: about
    200 MB to parse) fails the job with a reason; the process goes on and the limit is lifted afterwards.
    """
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)
    job = upload_job_create(user=alice, upload=SimpleUploadedFile("big.docx", docx_bomb(15)))

    upload_job_run(job.pk, memory_limit_mb=48)

    job.refresh_from_db()
    assert job.state == JobState.FAILED and "more than 48 MB of memory" in job.error
    assert not Document.objects.exists()
    assert resource.getrlimit(resource.RLIMIT_AS) == before
