"""Load benchmark: concurrent clients on the list, the API and the full CSV export under a real gunicorn."""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from mandates.loadtest import GunicornServer, fetch
from mandates.management.commands.benchmark_dashboard import BENCH_PREFIX, bulk_mandates
from mandates.models import Mandate

PATHS = {
    "list": "/mandates/?o=-due",
    "api": "/api/mandates/?page_size=50&o=-due",
    "csv": "/mandates/export.csv?o=id",
}


def database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER'] or 'postgres'}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return (values[0],) * 3 if values else (0.0, 0.0, 0.0)
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


class Command(BaseCommand):
    help = (
        "Fill PostgreSQL up to --rows mandates, start gunicorn (gunicorn.conf.py; GUNICORN_* variables apply) "
        "on a free local port, and run --clients concurrent clients, each making --requests requests in turn "
        "to the list, the JSON API and the full CSV export. Prints requests/s, p50/p95/p99, errors and "
        "truncated exports (a CSV whose row count is not the table's)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--clients", type=int, default=20)
        parser.add_argument("--requests", type=int, default=6, help="Requests per client (default 6).")
        parser.add_argument(
            "--async-threshold",
            type=int,
            default=0,
            help="EXPORT_ASYNC_THRESHOLD_ROWS for the server (default: above --rows, so the CSV streams).",
        )

    def handle(self, *args, rows: int, clients: int, requests: int, async_threshold: int, **options):
        if connection.vendor != "postgresql":
            raise CommandError("run it on PostgreSQL (DATABASE_URL=postgres://...)")
        if bulk_mandates(rows):
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE mandates_mandate")
        expected = Mandate.objects.count()
        user, _ = get_user_model().objects.get_or_create(username=f"{BENCH_PREFIX}load")
        browser = Client()
        browser.force_login(user)
        cookie = f"sessionid={browser.cookies['sessionid'].value}"
        results: list[tuple[str, float, str]] = []  # (kind, seconds, problem or "")
        lock = threading.Lock()

        def client(n: int) -> None:
            kinds = list(PATHS)
            for i in range(requests):
                kind = kinds[(n + i) % len(kinds)]
                got = fetch(server.port, PATHS[kind], cookie=cookie, timeout=600)
                problem = got.error or ("" if got.status == 200 else f"HTTP {got.status}")
                if kind == "csv" and got.error.startswith("IncompleteRead"):
                    problem = f"truncated: {got.error}"  # the connection closed before the last chunk
                elif kind == "csv" and not problem:
                    # The writer ends every row with CRLF; the generated rows hold no line breaks of their own.
                    data_rows = got.body.count(b"\r\n") - 1
                    if data_rows != expected or not got.body.endswith(b"\r\n"):
                        problem = f"truncated: {data_rows} of {expected} rows"
                with lock:
                    results.append((kind, got.seconds, problem))

        with tempfile.TemporaryDirectory() as tmp:
            env = {
                "DATABASE_URL": database_url(),
                "EXPORT_ASYNC_THRESHOLD_ROWS": str(async_threshold or expected + 1),
                "CELERY_BROKER_URL": "",
                "MEDIA_ROOT": tmp,
                "GUNICORN_ACCESSLOG": "",
            }
            server = GunicornServer(Path(tmp) / "gunicorn.log", **env)
            with server:
                for kind, path in PATHS.items():  # warm up: imports, connections
                    if kind != "csv":
                        fetch(server.port, path, cookie=cookie)
                started = time.perf_counter()
                threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
                for t in threads:
                    t.start()
                for t in threads:
                    t.join()
                wall = time.perf_counter() - started
            log = server.output
        config = {k: os.environ.get(k, "(default)") for k in ("GUNICORN_WORKER_CLASS", "GUNICORN_WORKERS")}
        self.stdout.write(
            f"gunicorn {config}, {clients} clients x {requests} requests, {expected} mandates, "
            f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}"
        )
        for kind in [*PATHS, "all"]:
            chosen = [r for r in results if kind in ("all", r[0])]
            times = [r[1] * 1000 for r in chosen]
            p50, p95, p99 = percentiles(times)
            errors = [r[2] for r in chosen if r[2] and not r[2].startswith("truncated")]
            truncated = [r[2] for r in chosen if r[2].startswith("truncated")]
            rate = f", {len(chosen) / wall:.2f} requests/s" if kind == "all" else ""
            self.stdout.write(
                f"{kind:>4}: {len(chosen)} requests{rate}, p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms, "
                f"{len(errors)} errors, {len(truncated)} truncated exports"
            )
            for problem in sorted(set(errors + truncated))[:5]:
                self.stdout.write(f"      {problem}")
        self.stdout.write(f"wall {wall:.1f} s; worker timeouts in the log: {log.count('WORKER TIMEOUT')}")
