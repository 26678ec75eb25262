"""Concurrent large CSV exports under a real gunicorn on PostgreSQL arrive complete.

The fault (issue 9, item 3): building six model objects per row made a large export outlast gunicorn's
worker timeout; the worker was killed after the 200 header and clients got a cut-off file. Here sync
workers get a 2 s timeout, which the former export of these 20,000 rows (about 3 s alone, more with three
at once) outlasts; the values() export takes a fraction of a second, and the export over the threshold
becomes a file.
"""

from __future__ import annotations

import re
import threading

import pytest
from django.test import Client

from mandates.loadtest import GunicornServer, csv_data_rows, fetch
from mandates.management.commands.benchmark_dashboard import bulk_mandates
from mandates.models import Mandate
from tests.test_celery_worker import database_url

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROWS = 20_000
OPEN = "status=pending&status=in_preparation&status=submitted&o=id"


def test_concurrent_large_exports_under_gunicorn_arrive_complete(require_postgres, tmp_path, django_user_model):
    bulk_mandates(ROWS)
    open_rows = Mandate.objects.filter(status__in=["pending", "in_preparation", "submitted"]).count()
    assert 10_000 < open_rows < 15_000 < ROWS  # streamed below the threshold; the whole table becomes a file
    user = django_user_model.objects.create_user("exporter")
    client = Client()
    client.force_login(user)
    cookie = f"sessionid={client.cookies['sessionid'].value}"

    server = GunicornServer(
        tmp_path / "gunicorn.log",
        DATABASE_URL=database_url(),
        CELERY_BROKER_URL="",  # eager: the export task runs in the web worker, as in the demo
        MEDIA_ROOT=str(tmp_path / "media"),
        EXPORT_ASYNC_THRESHOLD_ROWS="15000",
        GUNICORN_WORKER_CLASS="sync",
        GUNICORN_THREADS="1",  # more threads would make gunicorn use gthread instead
        GUNICORN_WORKERS="3",
        GUNICORN_TIMEOUT="2",
    )
    results = {}

    def export(name: str, path: str) -> None:
        results[name] = fetch(server.port, path, cookie=cookie, timeout=60)

    with server:
        threads = [
            threading.Thread(target=export, args=("open-1", f"/mandates/export.csv?{OPEN}")),
            threading.Thread(target=export, args=("open-2", f"/mandates/export.csv?{OPEN}")),
            threading.Thread(target=export, args=("all", "/mandates/export.csv?o=id")),
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(90)

        for name in ("open-1", "open-2"):
            got = results[name]
            assert not got.error and got.status == 200, (name, got.error, got.status, server.output[-2000:])
            assert csv_data_rows(got.body) == open_rows, name
        job = results["all"]
        assert not job.error and job.status == 302, (job.error, job.status, server.output[-2000:])
        page = fetch(server.port, job.headers["Location"], cookie=cookie)
        assert 'data-state="done"' in page.body.decode(), page.body.decode()[-1500:]
        download = re.search(r'href="([^"]+/download/)"', page.body.decode()).group(1)
        got = fetch(server.port, download, cookie=cookie)
        assert got.status == 200 and not got.error
        assert int(got.headers["Content-Length"]) == len(got.body)
        assert csv_data_rows(got.body) == ROWS
        assert fetch(server.port, download).status == 302  # no session: to the login page
    assert "WORKER TIMEOUT" not in server.output
