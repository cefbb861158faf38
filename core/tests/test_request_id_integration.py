"""The request id crosses the broker: queued in one thread with an id, the task on a real worker (another thread,
another context) sees that id, and a task queued outside any request sees none.

Runs only with a redis:// CELERY_BROKER_URL (scripts/test.sh's integration stage)."""
import os

import pytest
from celery import shared_task

from core.request_id import request_id_var

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
        reason="needs a real Redis broker: set CELERY_BROKER_URL=redis://... (see scripts/test.sh integration)",
    ),
]

TIMEOUT = 30


@shared_task(name="core.tests.request_id_seen")
def request_id_seen() -> str | None:
    return request_id_var.get()


def test_the_id_travels_in_the_task_headers_to_the_worker(redis_worker):
    token = request_id_var.set("req-through-redis")
    try:
        result = request_id_seen.delay()
    finally:
        request_id_var.reset(token)
    assert result.get(timeout=TIMEOUT) == "req-through-redis"
    # The worker forgot it: the next task, queued outside a request, carries none.
    assert request_id_seen.delay().get(timeout=TIMEOUT) is None
