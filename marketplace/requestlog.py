"""One structured (JSON) line per request and per job on stderr: method, path, status, time, request id, user.

No query strings (a search or a filter may name a person), no tokens in paths (reset, invitation and
confirmation links), no personal data: the user is their numeric id. The request id comes from the reverse
proxy's X-Request-ID when it sends one, is returned in the same header and shown on error pages.
"""

import json
import logging
import re
import sys
import time
import uuid

from flask import Flask, Response, g, request

log = logging.getLogger("marketplace.request")

_INCOMING_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
SECRET_ARGUMENTS = ("token",)  # URL parts that are credentials
_STANDARD = set(vars(logging.makeLogRecord({})))


class JSONFormatter(logging.Formatter):
    """A log record as one JSON object: time, level, logger, message and whatever `extra` it was given."""

    def format(self, record: logging.LogRecord) -> str:
        line = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"), "level": record.levelname,
                "logger": record.name, "message": record.getMessage()}
        line.update({key: value for key, value in vars(record).items() if key not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def request_id() -> str:
    return g.get("request_id", "")


def _start() -> None:
    g.request_started = time.perf_counter()
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _INCOMING_ID.fullmatch(incoming) else uuid.uuid4().hex[:16]


def logged_path() -> str:
    path = request.path
    for name in SECRET_ARGUMENTS:
        value = (request.view_args or {}).get(name)
        if value:
            path = path.replace(str(value), "…")
    return path


def _finish(response: Response) -> Response:
    response.headers["X-Request-ID"] = request_id()
    user = g.get("_login_user")  # Flask-Login's user of this request, if one was loaded
    log.info("%s %s %s", request.method, logged_path(), response.status_code, extra={
        "method": request.method, "path": logged_path(), "status": response.status_code,
        "ms": round((time.perf_counter() - g.get("request_started", time.perf_counter())) * 1000, 1),
        "request_id": request_id(), "user": getattr(user, "id", None),
    })
    return response


def init_app(app: Flask) -> None:
    """Call first in create_app: its after-request hook then runs last and logs the final status."""
    app.before_request(_start)
    app.after_request(_finish)
    app.jinja_env.globals["request_id"] = request_id


def configure_logging() -> None:
    """JSON lines on stderr for the "marketplace" loggers (Flask's app.logger too, so errors go the same way).

    Called by the production entry point (wsgi.py) and `jobs run-due`; the development server and the tests
    keep Python's default logging.
    """
    logger = logging.getLogger("marketplace")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JSONFormatter())
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False
