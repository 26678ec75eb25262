"""A gunicorn server in a subprocess and a plain HTTP client, for the export test and the load benchmark.

Traffic goes only to 127.0.0.1, to the server started here; every loop is bounded by its caller.
"""

from __future__ import annotations

import csv
import http.client
import io
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class GunicornServer:
    """`gunicorn tracker.wsgi` with the project's gunicorn.conf.py, `env` on top of this process's."""

    def __init__(self, log: Path, **env: str) -> None:
        self.port = free_port()
        self.log = log
        full_env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{self.port}", "GUNICORN_ACCESSLOG": "", **env}
        with log.open("w") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "tracker.wsgi"],
                cwd=ROOT,
                env=full_env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def wait_ready(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.output}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not listen in {timeout} s:\n{self.output}")

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.output

    def __enter__(self) -> GunicornServer:
        self.wait_ready()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass
class Fetched:
    status: int
    body: bytes
    headers: dict
    seconds: float
    error: str = ""  # a connection cut mid-body (a truncated download) or a refused connection


def fetch(port: int, path: str, *, cookie: str = "", timeout: float = 120) -> Fetched:
    """GET http://127.0.0.1:port/path; a body cut short is reported in `error`, never returned as whole."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers={"Cookie": cookie} if cookie else {})
        response = conn.getresponse()
        body = response.read()  # raises IncompleteRead when a chunked or sized body ends early
        return Fetched(response.status, body, dict(response.getheaders()), time.perf_counter() - started)
    except (http.client.HTTPException, OSError) as exc:
        return Fetched(0, b"", {}, time.perf_counter() - started, f"{type(exc).__name__}: {exc}")
    finally:
        conn.close()


def csv_data_rows(body: bytes) -> int:
    """Data rows of a CSV export (a quoted cell may span lines, so parse rather than count newlines)."""
    return sum(1 for _ in csv.reader(io.StringIO(body.decode("utf-8")))) - 1
