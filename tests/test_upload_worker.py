"""An upload that takes too long is stopped by the task's time limit in a real (prefork) worker, which then
goes on to ingest the next upload."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from mandates.models import JobState, UploadJob
from mandates.services.jobs import upload_job_create
from mandates.tasks import ingest_upload
from tests.conftest import ROOT
from tests.files import docx_bomb
from tests.test_celery_worker import Worker, database_url, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


class PreforkWorker(Worker):
    """Time limits need the prefork pool (the solo pool cannot interrupt a task)."""

    def __init__(self, queue, redis_url, log, **extra_env):
        import os

        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": redis_url,
            "CELERY_TASK_ALWAYS_EAGER": "False",
            **extra_env,
        }
        self.log = log
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=prefork", "-c", "1"]
                + ["-Q", queue, "-l", "INFO"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )


def send(task, queue: str, redis_url: str, *, job_id: int, **limits):
    from tracker.celery import app

    with app.connection_for_write(redis_url) as conn:
        return task.apply_async(kwargs={"job_id": job_id}, queue=queue, connection=conn, **limits)


def test_a_slow_upload_is_stopped_by_the_time_limit_and_the_worker_goes_on(
    require_postgres, redis_url, tmp_path, settings, alice, seed_paths, monkeypatch
):
    from tracker.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", False)
    settings.MEDIA_ROOT = tmp_path / "media"
    queue = "mt-test-upload-limits"
    worker = PreforkWorker(
        queue, redis_url, tmp_path / "worker.log", MEDIA_ROOT=str(settings.MEDIA_ROOT), UPLOAD_TIME_LIMIT_SECONDS="1"
    )
    try:
        worker.wait_ready()
        slow = upload_job_create(user=alice, upload=SimpleUploadedFile("slow.docx", docx_bomb(15)))  # ~4 s to read
        # The sender puts the limits in the message (they win over the worker's): as UPLOAD_TIME_LIMIT_SECONDS=1.
        send(ingest_upload, queue, redis_url, job_id=slow.pk, soft_time_limit=1, time_limit=30)
        wait_for(lambda: UploadJob.objects.get(pk=slow.pk).state == JobState.FAILED, timeout=60, worker=worker)
        assert "longer than 1 s" in UploadJob.objects.get(pk=slow.pk).error

        seed = seed_paths[0]
        good = upload_job_create(user=alice, upload=SimpleUploadedFile(seed.name, seed.read_bytes()))
        send(ingest_upload, queue, redis_url, job_id=good.pk, soft_time_limit=25, time_limit=30)
        wait_for(lambda: UploadJob.objects.get(pk=good.pk).state == JobState.DONE, timeout=60, worker=worker)
        assert UploadJob.objects.get(pk=good.pk).document is not None
    finally:
        output = worker.stop()
    assert "SoftTimeLimitExceeded" in output or "Soft time limit" in output
