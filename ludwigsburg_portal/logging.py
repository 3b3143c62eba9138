"""JSON log lines on stdout, each with the id of the request it belongs to.

No personal data: no client addresses, no query strings (search terms, e-mail
addresses), no user names; secrets in paths (password-reset and confirmation keys,
anything that looks like an e-mail address) are replaced by ``:redacted``.
"""

import logging
from contextvars import ContextVar

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

request_id_var: ContextVar[str] = ContextVar("request_id", default="-")

# Path segments that are followed by a secret (allauth keys, tokens, codes).
_SECRET_BEFORE = {"key", "confirm-email", "token", "code"}
REDACTED = ":redacted"
# Record attributes that must never reach the log: Django's request objects print
# their full URL with query string; the others are noise.
_DROPPED = ("request", "server_time", "color_message", "taskName")


def safe_path(path: str) -> str:
    """The request path without anything personal or secret in it."""
    parts = []
    redact_next = False
    for part in path.split("/"):
        if part and (redact_next or "@" in part or "%40" in part.lower()):
            parts.append(REDACTED)
            redact_next = False
            continue
        parts.append(part)
        redact_next = part in _SECRET_BEFORE
    return "/".join(parts)[:300]


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id_var.get()
        return True


class JsonFormatter(_JsonFormatter):
    """One JSON object per line: timestamp, level, logger, message, request_id and
    whatever the caller passed in ``extra`` (minus the request object)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("timestamp", True)
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        if not args and "fmt" not in kwargs:
            args = ("%(levelname)s %(name)s %(message)s",)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data):
        for key in _DROPPED:
            log_data.pop(key, None)
        return super().process_log_record(log_data)
