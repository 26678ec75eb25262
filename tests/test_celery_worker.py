"""A real Celery worker, started as a subprocess, consuming from Redis and writing to the test database."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
import uuid

import pytest
from celery.result import EagerResult
from django.db import connection

from mandates.models import FlagEvent, JobHeartbeat, Mandate
from mandates.tasks import flag_due_mandates
from tests import builders
from tests.conftest import ROOT

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    """The URL of the test database pytest-django created, so the worker writes where the test reads."""
    s = connection.settings_dict
    user = s["USER"] or "postgres"
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{user}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def worker(require_postgres, redis_url):
    """Start `celery -A tracker worker` on a queue of its own; yield the queue name; stop the worker."""
    queue = f"mt-test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "False",
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=solo", "-Q", queue, "-l", "INFO"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield queue, process
    finally:
        if process.poll() is None:
            process.terminate()  # warm shutdown: finishes the current task, then exits
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def send(task, queue: str, redis_url: str, **kwargs):
    """Publish `task` to the broker (the test process itself runs tasks eagerly by default)."""
    from tracker.celery import app

    with app.connection_for_write(redis_url) as conn:
        return task.apply_async(kwargs=kwargs, queue=queue, connection=conn)


def wait_for(condition, *, timeout: float, process) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            pytest.fail(f"the worker exited early:\n{process.stdout.read()}")
        time.sleep(0.25)
    process.terminate()
    output, _ = process.communicate(timeout=20)
    pytest.fail(f"the worker did not do the work in {timeout} s. Worker output:\n{output}")


def test_a_real_worker_runs_the_flag_job_from_redis(worker, redis_url, monkeypatch):
    from tracker.celery import app

    queue, process = worker
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    due = dt.date(2021, 7, 6)
    mandate = builders.mandate(document_due_on=due, session_opens_on=due + dt.timedelta(weeks=10))

    result = send(flag_due_mandates, queue, redis_url, today=(due + dt.timedelta(days=1)).isoformat())
    assert not isinstance(result, EagerResult)  # published to Redis, not run here

    wait_for(lambda: Mandate.objects.get(pk=mandate.pk).flag == "overdue", timeout=60, process=process)
    process.terminate()
    output, _ = process.communicate(timeout=30)
    assert f"Task mandates.tasks.flag_due_mandates[{result.id}] succeeded" in output
    event = FlagEvent.objects.get(mandate=mandate)
    assert (event.from_flag, event.to_flag, event.as_of) == ("", "overdue", due + dt.timedelta(days=1))
    assert JobHeartbeat.objects.filter(name="flag_due").exists()
