"""Ingest a folder end to end with N Celery workers, next to the one-process baseline (issue #11)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from mandates.management.batch_run import run_batch
from mandates.management.commands.ingest import collect_paths
from mandates.models import Document, IngestItem
from mandates.services.ingest import CREATED, document_ingest


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER'] or 'postgres'}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Command(BaseCommand):
    help = (
        "Ingest PATHs (files or folders of PDFs, texts, ...) into PostgreSQL twice: in this one process (the "
        "baseline), then with --workers Celery workers started here (`--pool=solo`, one process each) on a queue "
        "of their own. Prints seconds and documents/s for both. Run it on an empty database: the documents each "
        "run creates are deleted after it (unless --keep, which keeps the workers' run)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--workers", type=int, default=2, help="Celery worker processes (default 2).")
        parser.add_argument("--broker", default="", help="Broker URL (default: CELERY_BROKER_URL).")
        parser.add_argument("--no-baseline", action="store_true", help="Skip the one-process run.")
        parser.add_argument("--keep", action="store_true", help="Keep the documents of the workers' run.")
        parser.add_argument("--timeout", type=float, default=1800)

    def handle(self, *args, paths, workers, broker, no_baseline, keep, timeout, **options) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("the fan-out benchmark needs PostgreSQL (DATABASE_URL=postgres://...)")
        broker = broker or settings.CELERY_BROKER_URL
        if not broker:
            raise CommandError("no broker: pass --broker redis://... or set CELERY_BROKER_URL")
        if Document.objects.exists():
            raise CommandError("the database holds documents: run the benchmark on an empty database")
        files = collect_paths(paths)
        if not files:
            raise CommandError("no documents found in the given paths")
        n = len(files)

        if not no_baseline:
            started = time.perf_counter()
            created = []
            for path in files:
                try:
                    outcome = document_ingest(data=path.read_bytes(), filename=path.name)
                except Exception:  # refused files count as handled, as in `ingest`
                    continue
                if outcome.status == CREATED:
                    created.append(outcome.document.pk)
            baseline = time.perf_counter() - started
            Document.objects.filter(pk__in=created).delete()
            self.stdout.write(f"1 process: {n} files in {baseline:.1f} s = {n / baseline:.1f} documents/s")

        from tracker.celery import app

        app.conf.task_always_eager = False
        queue = f"mt-bench-{uuid.uuid4().hex[:8]}"
        with tempfile.TemporaryDirectory() as logs:
            procs = [self._start_worker(queue, broker, Path(logs) / f"w{i}.log") for i in range(workers)]
            try:
                self._wait_ready(procs, timeout=120)
                started = time.perf_counter()
                batch, progress = run_batch(
                    files,
                    require_operative=True,
                    reextract=False,
                    queue=queue,
                    timeout=timeout,
                    out=self.stdout,
                    tty=False,
                    broker_url=broker,
                )
                elapsed = time.perf_counter() - started
            finally:
                for proc, _ in procs:
                    proc.terminate()
                for proc, _ in procs:
                    proc.wait(timeout=60)
        counts = ", ".join(f"{progress.count(s)} {s}" for s in IngestItem.DONE_STATES)
        self.stdout.write(
            f"{workers} Celery worker{'s' if workers != 1 else ''}: {n} files in {elapsed:.1f} s = "
            f"{n / elapsed:.1f} documents/s ({counts}; {progress.mandates} mandates)"
        )
        if not keep:
            Document.objects.filter(pk__in=[i.document_id for i in progress.done_items if i.state == CREATED]).delete()
            batch.delete()

    @staticmethod
    def _start_worker(queue: str, broker: str, log: Path):
        env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": broker}
        env["CELERY_TASK_ALWAYS_EAGER"] = "False"
        out = log.open("w")
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tracker", "worker", "--pool=solo", "-Q", queue, "-l", "INFO"],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        return proc, log

    @staticmethod
    def _wait_ready(procs, *, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(" ready." in log.read_text() for _, log in procs):
                return
            time.sleep(0.25)
            for proc, log in procs:
                if proc.poll() is not None:
                    raise CommandError(f"a worker exited early:\n{log.read_text()}")
        raise CommandError("the workers did not start in time")
