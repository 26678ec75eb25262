"""Batches fanned out over Celery (issue #11): `ingest --workers`, the several-files upload and its progress page.

The first test runs real workers (subprocesses on Redis) on PostgreSQL; the others run the same tasks eagerly.
"""

from __future__ import annotations

import io
import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from mandates.models import Body, Document, IngestBatch, IngestItem, Mandate
from mandates.services.batches import batch_create, batch_item_run
from mandates.services.ingest import document_ingest, mandate_edit
from tests.conftest import FIXTURES
from tests.test_celery_worker import workers  # noqa: F401  (the fixture starting real workers)

GA = FIXTURES / "ga78" / "docs"
RESOLUTION = GA / "A_RES_78_130.txt"  # two confident mandates due at the seventy-ninth session


def new_version(marker: str) -> bytes:
    """The resolution with its deadlines moved to the eightieth session (new mandate values), plus a marker so
    that two copies are different files of one new version."""
    text = RESOLUTION.read_text().replace("seventy-ninth session", "eightieth session")
    return (text + f"\n{marker}\n").encode()


def folder_with_races(tmp_path):
    """The new version twice (different bytes), the same file under two names, two other resolutions, junk."""
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "v2-a.txt").write_bytes(new_version("copy a"))
    (folder / "v2-b.txt").write_bytes(new_version("copy b"))
    for name in ("A_RES_78_154.txt", "A_RES_78_162.txt"):
        shutil.copy(GA / name, folder / name)
    shutil.copy(GA / "A_RES_78_154.txt", folder / "same-bytes-again.txt")
    (folder / "notes.txt").write_text("Shopping list: milk, bread.\n")
    return folder


def staff_edited_mandate(alice) -> Mandate:
    document_ingest(data=RESOLUTION.read_bytes(), filename=RESOLUTION.name)
    mandate = Mandate.objects.get(subject__startswith="implementation")
    council, _ = Body.objects.get_or_create(name="Economic and Social Council")
    return mandate_edit(mandate=mandate, by=alice, delivered_to=council)


def assert_stored_once_with_staff_edit_kept(output: str, mandate: Mandate) -> None:
    items = IngestItem.objects.order_by("order")
    states = {item.filename: item.state for item in items}
    # The two new-version files: one made version 2, the other found the same mandates (another file of it).
    assert sorted([states["v2-a.txt"], states["v2-b.txt"]]) == ["unchanged", "updated"]
    assert sorted([states["A_RES_78_154.txt"], states["same-bytes-again.txt"]]) == ["created", "unchanged"]
    assert states["A_RES_78_162.txt"] == "created" and states["notes.txt"] == "refused"
    assert Document.objects.count() == 3
    resolution = Document.objects.get(pk=mandate.instrument.document_id)
    assert resolution.version == 2 and resolution.files.count() == 3
    mandate.refresh_from_db()
    assert mandate.delivered_to.name == "Economic and Social Council"  # never overwritten by either worker
    assert mandate.due_session_number == 80  # what staff did not edit follows the new version
    assert mandate.absent_since_version is None
    assert Mandate.all_objects.filter(instrument__document=resolution, delivered_to=mandate.delivered_to).count() == 1
    assert "refused (no resolutions or decisions found): 1 file: notes.txt" in output
    assert "6 files: 2 created, 1 updated, 2 unchanged, 1 refused, 0 failed" in output


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_real_workers_ingest_a_folder_once_and_keep_staff_edits(workers, redis_url, tmp_path, alice, monkeypatch):  # noqa: F811
    from tracker.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", False)
    mandate = staff_edited_mandate(alice)
    folder = folder_with_races(tmp_path)
    first, second = workers(), workers()
    first.wait_ready()
    second.wait_ready()

    out = io.StringIO()
    with pytest.raises(CommandError, match="1 of 6 files were refused"):
        call_command(
            "ingest",
            str(folder),
            "--workers",
            "--queue",
            workers.queue,
            "--broker",
            redis_url,
            "--timeout",
            "180",
            stdout=out,
        )
    logs = first.stop() + second.stop()

    assert_stored_once_with_staff_edit_kept(out.getvalue(), mandate)
    # Both workers took files: the batch really was fanned out.
    assert "ingest_batch_item" in first.output and "ingest_batch_item" in second.output, logs
    assert not IngestItem.objects.filter(state="failed").exists()
    assert not IngestItem.objects.exclude(data=b"").exists()  # bytes cleared once read


@pytest.mark.django_db
def test_ingest_workers_with_eager_tasks_prints_progress_and_the_summary(tmp_path, alice):
    mandate = staff_edited_mandate(alice)
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(folder_with_races(tmp_path)), "--workers", stdout=out)
    assert "[##############################] 6/6" in out.getvalue()
    assert_stored_once_with_staff_edit_kept(out.getvalue(), mandate)


@pytest.mark.django_db
def test_a_second_delivery_of_a_task_does_nothing():
    batch = batch_create(files=[(RESOLUTION.name, RESOLUTION.read_bytes(), RESOLUTION.stat().st_size)])
    item = batch.items.get()
    assert batch_item_run(item_id=item.pk).state == "created"
    assert batch_item_run(item_id=item.pk) is None
    assert Document.objects.count() == 1


@pytest.mark.django_db
def test_oversized_files_are_refused_without_being_stored(settings):
    settings.INGEST_MAX_BYTES = 10
    batch = batch_create(files=[("big.pdf", None, 5000)])
    item = batch.items.get()
    assert item.state == "refused" and "file too large" in item.reason and bytes(item.data) == b""


@pytest.mark.django_db
def test_uploading_several_files_runs_a_batch_and_shows_its_progress_page(client, alice, tmp_path):
    client.force_login(alice)
    files = [
        ("A_RES_78_154.txt", (GA / "A_RES_78_154.txt").read_bytes()),
        ("A_RES_78_162.txt", (GA / "A_RES_78_162.txt").read_bytes()),
        ("notes.txt", b"Shopping list: milk, bread.\n"),
    ]
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("mandates:batch_upload"), {"files": [SimpleUploadedFile(name, data) for name, data in files]}
    )
    batch = IngestBatch.objects.get()
    assert response.status_code == 302 and response.url == reverse("mandates:batch_detail", args=[batch.pk])
    assert batch.source == "upload" and batch.created_by == alice

    page = client.get(response.url).content.decode()
    assert "3 of 3 files done" in page
    assert "2 created" in page and "1 refused" in page
    assert "no resolutions or decisions found" in page and "notes.txt" in page
    assert 'http-equiv="refresh"' not in page  # finished: the page stops refreshing
    for document in Document.objects.all():
        assert reverse("mandates:document_detail", args=[document.pk]) in page


@pytest.mark.django_db
def test_the_progress_page_refreshes_while_files_wait(client, alice):
    client.force_login(alice)
    batch = batch_create(files=[(RESOLUTION.name, RESOLUTION.read_bytes(), 10)], source="upload", created_by=alice)
    page = client.get(reverse("mandates:batch_detail", args=[batch.pk])).content.decode()
    assert "0 of 1 files done" in page and 'http-equiv="refresh"' in page


@pytest.mark.django_db
def test_viewers_cannot_upload_batches(client, bob):
    client.force_login(bob)
    assert client.post(reverse("mandates:batch_upload"), {}).status_code == 403
