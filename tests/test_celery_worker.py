"""A real Celery worker, started as a subprocess, consuming from Redis and writing to the test database."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery.result import EagerResult
from django.db import connection

from mandates.models import Contact, FlagEvent, JobHeartbeat, Mandate, Reminder
from mandates.services.flags import mandates_flag
from mandates.tasks import flag_due_mandates, send_reminders
from tests import builders
from tests.conftest import ROOT
from tests.smtp_server import SMTPServer

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def database_url() -> str:
    """The URL of the test database pytest-django created, so the worker writes where the test reads."""
    s = connection.settings_dict
    user = s["USER"] or "postgres"
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{user}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Worker:
    """`celery -A tracker worker --pool=solo` in a subprocess, its output in a file (a pipe could fill up
    and block the worker while the test is not reading). `args` replace the pool options, e.g.
    ["--pool=prefork", "--concurrency=1"].
    """

    def __init__(
        self, queue: str, redis_url: str, log: Path, args: tuple[str, ...] = ("--pool=solo",), **extra_env: str
    ) -> None:
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
                [sys.executable, "-m", "celery", "-A", "tracker", "worker", *args, "-Q", queue, "-l", "INFO"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    @property
    def output(self) -> str:
        return self.log.read_text()

    def wait_ready(self, timeout: float = 60) -> None:
        wait_for(lambda: " ready." in self.output, timeout=timeout, worker=self)

    def stop(self) -> str:
        """Warm shutdown (the current task finishes), then the worker's output."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return self.output


@pytest.fixture
def workers(require_postgres, redis_url, tmp_path):
    """`workers(**env)` starts a worker on this test's own queue (`workers.queue`); all are stopped after."""
    queue = f"mt-test-{uuid.uuid4().hex[:8]}"
    started: list[Worker] = []

    def start(**extra_env: str) -> Worker:
        started.append(Worker(queue, redis_url, tmp_path / f"worker{len(started)}.log", **extra_env))
        return started[-1]

    start.queue = queue
    yield start
    for worker in started:
        worker.stop()


def send(task, queue: str, redis_url: str, **kwargs):
    """Publish `task` to the broker (the test process itself runs tasks eagerly by default)."""
    from tracker.celery import app

    with app.connection_for_write(redis_url) as conn:
        return task.apply_async(kwargs=kwargs, queue=queue, connection=conn)


def wait_for(condition, *, timeout: float, worker: Worker) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if worker.process.poll() is not None:
            pytest.fail(f"the worker exited early:\n{worker.output}")
        time.sleep(0.25)
    pytest.fail(f"the worker did not do the work in {timeout} s. Worker output:\n{worker.stop()}")


def test_a_real_worker_runs_the_flag_job_from_redis(workers, redis_url, monkeypatch):
    from tracker.celery import app

    worker, queue = workers(), workers.queue
    monkeypatch.setitem(app.conf, "task_always_eager", False)
    due = dt.date(2021, 7, 6)
    mandate = builders.mandate(document_due_on=due, session_opens_on=due + dt.timedelta(weeks=10))

    result = send(flag_due_mandates, queue, redis_url, today=(due + dt.timedelta(days=1)).isoformat())
    assert not isinstance(result, EagerResult)  # published to Redis, not run here

    wait_for(lambda: Mandate.objects.get(pk=mandate.pk).flag == "overdue", timeout=60, worker=worker)
    assert f"Task mandates.tasks.flag_due_mandates[{result.id}] succeeded" in worker.stop()
    event = FlagEvent.objects.get(mandate=mandate)
    assert (event.from_flag, event.to_flag, event.as_of) == ("", "overdue", due + dt.timedelta(days=1))
    assert JobHeartbeat.objects.filter(name="flag_due").exists()


def test_two_real_workers_running_the_reminder_job_at_once_send_each_reminder_once(workers, redis_url, monkeypatch):
    from tracker.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", False)
    entity = builders.entity()
    for n in range(40):
        Contact.objects.create(email=f"desk{n}@un.org", entity=entity)
    due = dt.date(2021, 7, 6)
    for days in range(0, 30, 3):
        builders.mandate(document_due_on=due - dt.timedelta(days=days))
    mandates_flag(today=due)

    with SMTPServer() as smtp:
        email_url = f"smtp://{smtp.host}:{smtp.port}"
        first, second = workers(EMAIL_URL=email_url), workers(EMAIL_URL=email_url)
        first.wait_ready()  # both up before the two jobs are published, so each takes one
        second.wait_ready()
        results = [send(send_reminders, workers.queue, redis_url, today=due.isoformat()) for _ in range(2)]
        wait_for(lambda: Reminder.objects.filter(state="sent").count() == 400, timeout=90, worker=first)
        first_output, second_output = first.stop(), second.stop()

    # Each worker took one of the two jobs (prefetch 1, both idle), so they ran side by side.
    assert "send_reminders" in first_output and "send_reminders" in second_output
    for result in results:
        assert f"Task mandates.tasks.send_reminders[{result.id}] succeeded" in first_output + second_output
    delivered = sorted(rcpt for rcpts in smtp.record.recipients for rcpt in rcpts)
    assert delivered == sorted(f"desk{n}@un.org" for n in range(40))  # one digest each, none twice
    assert Reminder.objects.count() == Reminder.objects.filter(state="sent").count() == 400
