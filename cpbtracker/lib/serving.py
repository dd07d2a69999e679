"""Production serving: the gunicorn command line and a structured (JSON lines) access log.

`cpbtracker serve` builds the command line here; gunicorn loads :class:`JsonLogger` by its
dotted name in each worker.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from typing import Any

from gunicorn.glogging import Logger

from cpbtracker.lib.logs import JsonFormatter

DEFAULT_BIND = "127.0.0.1:8000"
DEFAULT_TIMEOUT = 60  # seconds: the longest page (an evaluation export) stays well below
# Threaded workers: a connection waits in the worker's poller until its request arrives (gthread
# gives a thread at most 5 s to read data before handing the connection back), so clients that
# never finish their headers cannot hold every worker; each worker serves THREADS at a time.
THREADS = 4


def default_workers() -> int:
    """gunicorn's rule of thumb, 2 x cores + 1, unless CPBTRACKER_WORKERS says otherwise."""
    configured = os.environ.get("CPBTRACKER_WORKERS")
    if configured:
        return positive_int("CPBTRACKER_WORKERS", configured)
    return 2 * (os.cpu_count() or 1) + 1


def positive_int(name: str, raw: str) -> int:
    try:
        number = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {raw!r}") from None
    if number < 1:
        raise ValueError(f"{name} must be at least 1, not {number}")
    return number


def gunicorn_argv(*, bind: str, workers: int, timeout: int) -> list[str]:
    """The command that runs the WSGI application under gunicorn, logging to stdout."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "cpbtracker.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(THREADS),
        "--keep-alive",
        "5",
        "--timeout",
        str(timeout),
        "--graceful-timeout",
        str(timeout),
        "--access-logfile",
        "-",
        "--error-logfile",
        "-",
        "--logger-class",
        "cpbtracker.lib.serving.JsonLogger",
    ]


class JsonLogger(Logger):
    """gunicorn's logger writing JSON lines to stdout: one per request, one per server event."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(JsonFormatter())
        self.error_log.handlers = [handler]

    def access(self, resp: Any, req: Any, environ: dict, request_time: dt.timedelta) -> None:
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.syslog):
            return
        entry = {
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds"),
            "remote": environ.get("REMOTE_ADDR", "-"),
            "method": environ.get("REQUEST_METHOD", "-"),
            "path": environ.get("PATH_INFO", "-"),
            "query": environ.get("QUERY_STRING", ""),
            "status": int(str(resp.status).split(None, 1)[0]),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "agent": environ.get("HTTP_USER_AGENT", ""),
        }
        try:
            self.access_log.info(json.dumps(entry))
        except Exception:  # noqa: BLE001 - a log line must never break a response
            self.error_log.exception("could not write the access log line")
