"""Structured logs: one JSON object a line, each with the request's id, and no personal data.

RequestIdMiddleware gives every request an id (the proxy's X-Request-ID when it sends a sane one),
returns it in the response's X-Request-ID header and logs one line per request: method, the URL
pattern (`children/<int:pk>/`, never the query string, where a searched name would be), status,
duration and role. JsonFormatter writes only the fields it knows, so a log call cannot leak
whatever object was passed to it; an exception is logged by type and stack, not its message.
"""

import json
import logging
import re
import time
import traceback
import uuid
from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="-")
SANE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
FIELDS = ("method", "route", "status", "duration_ms", "role", "job", "day", "error")
logger = logging.getLogger("permanence.request")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        rid = given if SANE_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        request.request_id = rid
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = rid
            match = getattr(request, "resolver_match", None)
            user = getattr(request, "user", None)
            logger.info(
                "request",
                extra={
                    "method": request.method,
                    "route": "/" + match.route if match else "(no route)",
                    "status": response.status_code,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                    "role": getattr(user, "role", None) if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            request_id.reset(token)


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", request_id.get()),
        }
        for name in FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            kind, _, stack = record.exc_info
            entry["exception"] = kind.__name__
            entry["stack"] = "".join(traceback.format_tb(stack))
        return json.dumps(entry, default=str)
