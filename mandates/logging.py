"""Logging filters."""

from __future__ import annotations

import logging


class ForbiddenOnOneLine(logging.Filter):
    """A 403 is a person without the right role, not a bug: log its one line, without the traceback Django
    attaches (PermissionDenied's exc_info)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) == 403:
            record.exc_info = None
            record.exc_text = None
        return True
