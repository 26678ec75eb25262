"""Large CSV exports run as a task writing a file that only its owner downloads; the file expires."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from mandates.exports import CSV_COLUMNS, csv_lines, csv_lines_from_instances
from mandates.models import ExportJob, JobState
from mandates.selectors import mandate_base_qs
from mandates.services.jobs import export_job_create, export_job_run, jobs_purge
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def five(media):
    return [builders.mandate(subject=f"subject {n}", due_session_number=80 + n) for n in range(5)]


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode())))


def test_the_values_export_gives_the_same_csv_as_the_model_instance_path(five):
    builders.mandate(subject="-5 % on last year", delivered_to=None, document_due_on=dt.date(2026, 1, 2))
    qs = mandate_base_qs().order_by("id")
    assert "".join(csv_lines(qs)) == "".join(csv_lines_from_instances(qs))


def test_an_export_over_the_threshold_becomes_a_file_its_owner_downloads(client, bob, five, settings):
    settings.EXPORT_ASYNC_THRESHOLD_ROWS = 3
    client.force_login(bob)

    response = client.get(reverse("mandates:export_csv"), {"o": "id"})

    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("mandates:export_job", args=[job.pk])
    page = client.get(response["Location"])
    assert page.context["job"].state == JobState.DONE and b"5 rows" in page.content
    download = client.get(reverse("mandates:export_job_download", args=[job.pk]))
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    rows = _rows(b"".join(download.streaming_content))
    assert [int(r["id"]) for r in rows] == [m.pk for m in five] and list(rows[0]) == list(CSV_COLUMNS)


def test_an_export_under_the_threshold_streams_at_once(client, bob, five, settings):
    settings.EXPORT_ASYNC_THRESHOLD_ROWS = 5
    client.force_login(bob)
    response = client.get(reverse("mandates:export_csv"))
    assert response.status_code == 200 and len(_rows(b"".join(response.streaming_content))) == 5
    assert not ExportJob.objects.exists()


def test_only_the_owner_sees_or_downloads_an_export(client, bob, alice, five):
    job = export_job_create(user=bob, query="", expected_rows=5)
    export_job_run(job.pk)
    client.force_login(alice)
    assert client.get(reverse("mandates:export_job", args=[job.pk])).status_code == 404
    assert client.get(reverse("mandates:export_job_download", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("mandates:export_job_download", args=[job.pk])).status_code == 302  # to login


def test_a_failing_export_is_failed_visibly_not_left_half_written(client, bob, five, monkeypatch):
    def broken(qs, out):
        out.write("id,status\r\n1,pending\r\n")
        raise ConnectionError("server closed the connection")

    monkeypatch.setattr("mandates.exports.csv_write", broken)
    job = export_job_create(user=bob, query="", expected_rows=5)

    export_job_run(job.pk)

    job.refresh_from_db()
    assert job.state == JobState.FAILED and "server closed the connection" in job.error and not job.file
    client.force_login(bob)
    assert b"Failed:" in client.get(reverse("mandates:export_job", args=[job.pk])).content
    assert client.get(reverse("mandates:export_job_download", args=[job.pk])).status_code == 409


def test_a_job_runs_once_even_if_delivered_twice(bob, five):
    job = export_job_create(user=bob, query="", expected_rows=5)
    assert export_job_run(job.pk).state == JobState.DONE
    assert export_job_run(job.pk) is None


def test_files_are_removed_after_the_retention_period_and_stuck_jobs_fail(bob, five, settings, media):
    settings.EXPORT_RETENTION_HOURS = 24
    done = export_job_create(user=bob, query="", expected_rows=5)
    export_job_run(done.pk)
    path = ExportJob.objects.get(pk=done.pk).file.path
    stuck = export_job_create(user=bob, query="", expected_rows=5)
    ExportJob.objects.filter(pk=stuck.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))

    assert jobs_purge(now=timezone.now() + dt.timedelta(hours=23)) == {"expired": 0, "failed_stuck": 1}
    assert jobs_purge(now=timezone.now() + dt.timedelta(hours=25)) == {"expired": 1, "failed_stuck": 0}

    done.refresh_from_db()
    stuck.refresh_from_db()
    assert done.state == JobState.EXPIRED and not done.file
    import os

    assert not os.path.exists(path)
    assert stuck.state == JobState.FAILED and "never finished" in stuck.error
