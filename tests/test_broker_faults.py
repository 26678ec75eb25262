"""Faults under a real worker: Redis restarting under it, its pool process killed (docs/reliability.md).

Each test starts its own processes: a private redis-server on a free port (tests/redis_server.py) and
`celery -A tracker worker` subprocesses, writing to the test's PostgreSQL database.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, transaction

from mandates.models import FlagEvent, Mandate
from mandates.tasks import MAX_COUNTDOWN_SECONDS, flag_due_mandates
from tests import builders
from tests.conftest import skip_or_fail
from tests.redis_server import RedisServer
from tests.test_celery_worker import Worker, wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

DUE = dt.date(2021, 7, 6)


@pytest.fixture
def private_redis(require_postgres, tmp_path):
    """`private_redis(appendonly=...)` starts a redis-server of this test's own; all are killed after."""
    if not shutil.which("redis-server") or not shutil.which("redis-cli"):
        skip_or_fail("redis-server and redis-cli are not installed")
    servers: list[RedisServer] = []

    def start(*, appendonly: bool) -> RedisServer:
        servers.append(RedisServer(tmp_path / f"redis{len(servers)}", appendonly=appendonly))
        servers[-1].start()
        return servers[-1]

    yield start
    for server in servers:
        server.__exit__()


@pytest.fixture
def worker_on(tmp_path, monkeypatch):
    """`worker_on(redis_url, args)` starts a worker on this test's own queue; all are stopped after."""
    from tracker.celery import app

    monkeypatch.setitem(app.conf, "task_always_eager", False)  # publish to Redis, do not run here
    queue = f"mt-fault-{uuid.uuid4().hex[:8]}"
    started: list[Worker] = []

    def start(redis_url: str, args: tuple[str, ...] = ("--pool=solo",)) -> Worker:
        log = tmp_path / f"worker{len(started)}.log"
        started.append(Worker(queue, redis_url, log, args, CELERY_VISIBILITY_TIMEOUT="3600"))
        return started[-1]

    start.queue = queue
    yield start
    for worker in started:
        worker.stop()


def publish(task, queue: str, redis_url: str, *, countdown: float | None = None, **kwargs):
    from tracker.celery import app

    with app.connection_for_write(redis_url) as conn:
        return task.apply_async(kwargs=kwargs, queue=queue, countdown=countdown, connection=conn)


def overdue_mandate() -> Mandate:
    return builders.mandate(document_due_on=DUE, session_opens_on=DUE + dt.timedelta(weeks=10))


def flagged(mandate: Mandate) -> bool:
    return Mandate.objects.get(pk=mandate.pk).flag == "overdue"


def test_the_visibility_timeout_is_longer_than_the_longest_countdown():
    # Otherwise Redis hands a countdown task to a second worker while the first still holds it.
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > MAX_COUNTDOWN_SECONDS
    for task in (flag_due_mandates,):
        assert task.retry_backoff_max <= MAX_COUNTDOWN_SECONDS


@pytest.mark.parametrize("appendonly", [False, True], ids=["redis-restarts-empty", "redis-keeps-its-data"])
def test_a_redis_restart_under_a_worker_holding_a_countdown_task(private_redis, worker_on, appendonly):
    redis = private_redis(appendonly=appendonly)
    worker = worker_on(redis.url)
    worker.wait_ready()
    mandate = overdue_mandate()

    result = publish(
        flag_due_mandates, worker_on.queue, redis.url, countdown=6, today=(DUE + dt.timedelta(1)).isoformat()
    )
    wait_for(lambda: f"[{result.id}] received" in worker.output, timeout=20, worker=worker)
    assert redis.command("HLEN", "unacked") == "1"  # the worker holds it, unacknowledged, until its ETA
    redis.restart()

    # Well within the one-hour visibility timeout: the worker put the task back itself after reconnecting.
    wait_for(lambda: flagged(mandate), timeout=40, worker=worker)
    wait_for(lambda: f"[{result.id}] succeeded" in worker.output, timeout=10, worker=worker)
    assert worker.process.poll() is None, worker.output  # the worker survived the restart
    output = worker.stop()
    assert "Unrecoverable error" not in output
    # The restart hit while the worker held the task, and the worker put it back itself.
    assert "broker connection lost: 1 unacknowledged message(s) kept to restore" in output
    assert "restored 1 message(s) kept from a lost broker connection" in output
    assert output.count(f"[{result.id}] succeeded") == 1
    assert FlagEvent.objects.filter(mandate=mandate).count() == 1
    # Nothing is left for Redis to hand out again after the visibility timeout.
    assert redis.command("HLEN", "unacked") == "0"
    assert redis.command("LLEN", worker_on.queue) == "0"


def children(pid: int) -> list[int]:
    """Process ids whose parent is `pid` (from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # inside a transaction the view is read once
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_a_task_whose_pool_process_is_killed_runs_again(private_redis, worker_on):
    if not os.path.isdir("/proc/self"):
        skip_or_fail("needs /proc to find the worker's pool process")
    redis = private_redis(appendonly=False)
    worker = worker_on(redis.url, ("--pool=prefork", "--concurrency=1"))
    worker.wait_ready()
    mandate = overdue_mandate()

    # Hold the mandate's row so the flag job, running in the pool process, waits on it mid-task.
    with transaction.atomic():
        Mandate.objects.select_for_update().get(pk=mandate.pk)
        result = publish(flag_due_mandates, worker_on.queue, redis.url, today=(DUE + dt.timedelta(1)).isoformat())
        wait_for(waiting_for_a_lock, timeout=30, worker=worker)
        (pool_process,) = children(worker.process.pid)
        os.kill(pool_process, signal.SIGKILL)
        wait_for(lambda: "exited with 'signal 9 (SIGKILL)'" in worker.output, timeout=20, worker=worker)
    # The lock is released: the redelivered task can finish.

    wait_for(lambda: flagged(mandate), timeout=40, worker=worker)
    wait_for(lambda: f"[{result.id}] succeeded" in worker.output, timeout=10, worker=worker)
    output = worker.stop()
    assert output.count(f"[{result.id}] received") == 2  # delivered again after the kill
    assert FlagEvent.objects.filter(mandate=mandate).count() == 1
