"""A private `redis-server` on a free port for fault tests, which can be restarted on the same port. Never the
machine's shared Redis: restarting that would disturb everything else using it.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class RedisServer:
    """`with RedisServer(tmp_path, appendonly=True) as redis:` then `redis.url`, `redis.restart()`.

    `appendonly` keeps the data across a restart (how a production broker should run); without it a restart
    empties Redis, as a crashed or reprovisioned instance would.
    """

    def __init__(self, directory: Path, *, appendonly: bool = False) -> None:
        self.binary = shutil.which("redis-server")
        self.directory = directory
        self.appendonly = appendonly
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.directory),
                "--save",
                "",
                "--appendonly",
                "yes" if self.appendonly else "no",
                "--appendfsync",
                "always",
            ],  # fmt: skip
            stdout=(self.directory / "redis.log").open("a"),
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 10
        while not self.ping():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"redis-server did not start: {(self.directory / 'redis.log').read_text()}")
            time.sleep(0.05)

    def stop(self) -> None:
        """SIGTERM: Redis shuts down (flushing its append-only file when it has one)."""
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def restart(self, *, down_for: float = 1.0) -> None:
        self.stop()
        time.sleep(down_for)  # long enough for the worker to notice and start reconnecting
        self.start()

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as s:
                s.sendall(b"PING\r\n")
                return s.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def command(self, *words: str) -> str:
        """One command through redis-cli, e.g. command("HLEN", "unacked")."""
        cli = shutil.which("redis-cli")
        return subprocess.run(
            [cli, "-p", str(self.port), *words], check=True, capture_output=True, text=True
        ).stdout.strip()

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
