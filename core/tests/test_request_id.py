"""The request id: taken from the proxy or made, returned, on every log line of the request and of its tasks."""
import json
import logging

import pytest
from celery import shared_task
from django.test import Client

from core import request_id as rid


@pytest.fixture
def log_lines():
    """Records as the production handler writes them: the settings' filter and the JSON formatter."""
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Collect()
    handler.addFilter(rid.RequestIdFilter())
    handler.setFormatter(rid.JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    yield lines
    root.removeHandler(handler)


_seen: list = []


@shared_task(name="core.tests.log_a_line")
def log_a_line():
    logging.getLogger("pmqa.test").warning("inside the task")
    _seen.append(rid.request_id_var.get())


def test_the_proxys_id_is_kept_and_returned(db):
    response = Client().get("/health/", headers={"X-Request-ID": "abc-123"})
    assert response["X-Request-ID"] == "abc-123"


@pytest.mark.parametrize("sent", [None, "", "has space", 'quote"', "x" * 200, "new\nline"])
def test_a_missing_or_odd_id_is_replaced_by_a_fresh_one(db, sent):
    headers = {"X-Request-ID": sent} if sent is not None else {}
    first = Client().get("/health/", headers=headers)["X-Request-ID"]
    second = Client().get("/health/", headers=headers)["X-Request-ID"]
    assert len(first) == 32 and first != second and first != sent


def test_every_log_line_of_the_request_carries_it(db, log_lines):
    Client().get("/no-such-page/", headers={"X-Request-ID": "req-42"})  # django.request logs the 404
    entries = [json.loads(line) for line in log_lines]
    not_found = [e for e in entries if e["logger"] == "django.request"]
    assert not_found and all(e["request_id"] == "req-42" for e in not_found)
    assert not_found[0]["level"] == "WARNING" and "/no-such-page/" in not_found[0]["message"]


def test_outside_a_request_the_id_is_a_dash(log_lines):
    logging.getLogger("pmqa.test").warning("no request here")
    assert json.loads(log_lines[-1])["request_id"] == "-"


def test_json_lines_keep_thai_readable_and_the_traceback(log_lines):
    try:
        raise ValueError("ผิด")
    except ValueError:
        logging.getLogger("pmqa.test").exception("เกิดข้อผิดพลาด")
    line = log_lines[-1]
    assert "\n" not in line and "เกิดข้อผิดพลาด" in line
    assert "ValueError: ผิด" in json.loads(line)["exc_info"]


def test_publishing_a_task_puts_the_id_in_its_headers():
    headers = {}
    token = rid.request_id_var.set("req-7")
    try:
        rid._put_request_id_in_headers(headers=headers)
    finally:
        rid.request_id_var.reset(token)
    assert headers == {"request_id": "req-7"}
    empty = {}
    rid._put_request_id_in_headers(headers=empty)  # outside a request: nothing added
    assert empty == {}


def test_the_worker_logs_the_task_with_the_id_from_its_headers(log_lines):
    """As on a worker: the id arrives only in the message headers (task.request), nothing in the context."""
    _seen.clear()
    log_a_line.apply(headers={"request_id": "req-9"})
    assert _seen == ["req-9"]
    task_lines = [json.loads(line) for line in log_lines if "inside the task" in line]
    assert task_lines[0]["request_id"] == "req-9" and task_lines[0]["task_id"]
    assert rid.request_id_var.get() is None  # cleared for the next task


def test_a_task_run_eagerly_in_a_request_keeps_the_requests_id(log_lines):
    _seen.clear()
    token = rid.request_id_var.set("req-eager")
    try:
        log_a_line.apply()
        assert rid.request_id_var.get() == "req-eager"  # given back after the task
    finally:
        rid.request_id_var.reset(token)
    assert _seen == ["req-eager"]


def test_a_forged_header_in_a_message_is_not_believed(log_lines):
    _seen.clear()
    log_a_line.apply(headers={"request_id": "bad id\n{json}"})
    assert _seen == [None]


def test_text_format_in_debug_and_json_otherwise():
    import os
    import subprocess
    import sys

    def fmt(debug: str) -> str:
        env = {**os.environ, "DEBUG": debug, "SECRET_KEY": "x" * 50, "LOG_FORMAT": ""}
        code = "from django.conf import settings; print(settings.LOGGING['handlers']['console']['formatter'])"
        return subprocess.run([sys.executable, "-c", code], env={**env, "DJANGO_SETTINGS_MODULE": "pmqa.settings"},
                              capture_output=True, text=True, check=True).stdout.strip()

    assert fmt("true") == "text"
    assert fmt("false") == "json"
