"""A real, tiny SMTP server on 127.0.0.1 for tests: speaks enough SMTP for smtplib, and answers the end of
DATA with scripted codes (e.g. 451 then 250) so tests can watch a failing server being retried.
"""

from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass, field


@dataclass
class SMTPRecord:
    replies: list[int] = field(default_factory=list)  # codes for successive DATA ends; 250 once exhausted
    refusing: bool = False  # while True, every DATA end gets 451 (an outage of any length), replies untouched
    attempts: int = 0
    accepted: list[str] = field(default_factory=list)  # raw messages the server said 250 to
    recipients: list[list[str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(socketserver.StreamRequestHandler):
    def _say(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())
        self.wfile.flush()

    def handle(self) -> None:
        record: SMTPRecord = self.server.record  # type: ignore[attr-defined]
        rcpts: list[str] = []
        self._say("220 127.0.0.1 test ESMTP")
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode("utf-8", "replace").strip()
            verb = command.split(" ", 1)[0].upper()
            if verb == "EHLO":
                self._say("250-127.0.0.1")
                self._say("250 8BITMIME")
            elif verb in ("HELO", "NOOP", "RSET", "MAIL"):
                if verb in ("RSET", "MAIL"):
                    rcpts = [] if verb == "RSET" else rcpts
                self._say("250 OK")
            elif verb == "RCPT":
                rcpts.append(command.split(":", 1)[1].strip(" <>"))
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while True:
                    line = self.rfile.readline()
                    if not line or line in (b".\r\n", b".\n"):
                        break
                    lines.append(line.decode("utf-8", "replace"))
                with record.lock:
                    record.attempts += 1
                    code = 451 if record.refusing else (record.replies.pop(0) if record.replies else 250)
                    if code == 250:
                        record.accepted.append("".join(lines))
                        record.recipients.append(list(rcpts))
                rcpts = []
                self._say("250 OK queued" if code == 250 else f"{code} Requested action aborted: try again later")
            elif verb == "QUIT":
                self._say("221 Bye")
                return
            else:
                self._say("502 Command not implemented")


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


class SMTPServer:
    """`with SMTPServer(replies=[451]) as smtp:` then point EMAIL_HOST/EMAIL_PORT at smtp.host/smtp.port."""

    def __init__(self, replies: list[int] | None = None) -> None:
        self.record = SMTPRecord(replies=list(replies or []))
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.record = self.record  # type: ignore[attr-defined]
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> SMTPServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
