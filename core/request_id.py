"""One id per request, in the response, in every log line of that request and of the tasks it queues.

- `RequestIdMiddleware` (first in MIDDLEWARE) takes the proxy's `X-Request-ID` when it is a sane token, or makes
  one, keeps it in a context variable for the request's duration and returns it in the `X-Request-ID` header.
- `RequestIdFilter` (on the log handler) writes it into every record as `request_id` ("-" outside a request).
- Celery: `before_task_publish` puts the current id into the task message's headers; `task_prerun` reads it back
  in the worker, so the task's log lines carry the id of the request that queued it; `task_postrun` clears it.
- `JsonFormatter`: one JSON object per line for production (DEBUG off); DEBUG keeps readable lines.
"""
import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import datetime

from celery.signals import before_task_publish, task_postrun, task_prerun

HEADER = "X-Request-ID"
request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
# A proxy's id is believed only when it looks like one (no spaces, quotes or control characters to break a log
# line, not endless); anything else is replaced by our own.
_SANE = re.compile(r"^[A-Za-z0-9._:@/+=-]{1,128}$")


def new_request_id() -> str:
    return uuid.uuid4().hex


def request_id_from(header: str | None) -> str:
    return header if header and _SANE.match(header) else new_request_id()


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(HEADER))
        request.request_id = request_id
        token = request_id_var.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            request_id_var.reset(token)
        response[HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not getattr(record, "request_id", None):
            # django.request's lines (a 404, a 500) are written after the middleware has returned; they carry
            # the request itself.
            request = getattr(record, "request", None)
            record.request_id = getattr(request, "request_id", None) or request_id_var.get() or "-"
        return True


class JsonFormatter(logging.Formatter):
    """time, level, logger, request_id, message (and the traceback when there is one), one object per line."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created).astimezone().isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "request_id": getattr(record, "request_id", "-"),
            "message": record.getMessage(),
        }
        task_id = getattr(record, "task_id", None) or _current_task_id()
        if task_id:
            entry["task_id"] = task_id
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def _current_task_id() -> str | None:
    from celery import current_task

    try:
        return current_task.request.id if current_task else None
    except Exception:  # noqa: BLE001 - a log line must never fail
        return None


@before_task_publish.connect(dispatch_uid="core.request_id.publish")
def _put_request_id_in_headers(headers=None, **kwargs):
    request_id = request_id_var.get()
    if request_id and headers is not None and "request_id" not in headers:
        headers["request_id"] = request_id


# Tokens to undo each task's setting, by task id: a task run eagerly inside a request (the tests, or
# CELERY_TASK_ALWAYS_EAGER) must give the request back its own id when it ends.
_tokens: dict[str, object] = {}


@task_prerun.connect(dispatch_uid="core.request_id.prerun")
def _take_request_id_from_headers(task_id=None, task=None, **kwargs):
    request_id = None
    if task is not None:
        # On a worker the message's headers are attributes of task.request; `apply(headers=...)` keeps them apart.
        request_id = getattr(task.request, "request_id", None) or (task.request.headers or {}).get("request_id")
    if not (isinstance(request_id, str) and _SANE.match(request_id)):
        request_id = request_id_var.get()  # eager, inside the request; None on a worker between tasks
    _tokens[task_id] = request_id_var.set(request_id)


@task_postrun.connect(dispatch_uid="core.request_id.postrun")
def _clear_request_id(task_id=None, **kwargs):
    token = _tokens.pop(task_id, None)
    try:
        if token is not None:
            request_id_var.reset(token)
            return
    except ValueError:  # set in another context: nothing to undo there
        pass
    request_id_var.set(None)
