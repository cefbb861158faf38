"""/health/: each check ok or fail with a reason, 200 only when all are ok, 503 (never a 500) when a piece is down."""
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from core import health
from core.models import Heartbeat

pytestmark = pytest.mark.django_db


def _beats(*, worker_age=timedelta(seconds=30), daily_age=timedelta(hours=2)):
    now = timezone.now()
    Heartbeat.objects.create(name=health.WORKER, at=now - worker_age)
    Heartbeat.objects.create(name=health.DAILY_CHECK, at=now - daily_age)


@pytest.fixture
def broker_ok(monkeypatch):
    monkeypatch.setattr(health, "check_broker", lambda: ("ok", "test"))


def test_all_ok_is_200_with_every_check(broker_ok):
    _beats()
    response = Client().get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"database", "cache", "broker", "worker", "daily_check"}
    assert {item["status"] for item in body.values()} == {"ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_no_login_and_no_session_cookie(broker_ok):
    _beats()
    response = Client().get("/health/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_never_recorded_heartbeats_fail(broker_ok):
    body = Client().get("/health/")
    assert body.status_code == 503
    assert body.json()["worker"] == {"status": "fail", "reason": "never recorded"}
    assert body.json()["daily_check"]["status"] == "fail"


def test_stale_worker_and_daily_check_fail(broker_ok):
    _beats(worker_age=timedelta(minutes=4), daily_age=timedelta(hours=27))
    response = Client().get("/health/")
    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "fail"
    assert response.json()["daily_check"]["status"] == "fail"
    assert "s ago" in response.json()["worker"]["reason"]


def test_broken_cache_gives_503_not_500(broker_ok, settings):
    _beats()
    # Nothing listens on port 1: the Redis client is refused at once.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:1/0"}}
    response = Client().get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["cache"]["status"] == "fail"
    assert "Connection" in body["cache"]["reason"]
    assert "127.0.0.1" not in response.content.decode()  # no address for whoever reaches the page
    assert body["database"]["status"] == "ok"


def test_broken_broker_gives_503_not_500_and_does_not_hang(settings):
    from celery import current_app

    _beats()
    old = current_app.conf.broker_url
    current_app.conf.broker_url = "redis://127.0.0.1:1/0"
    current_app.pool.force_close_all()
    try:
        started = timezone.now()
        response = Client().get("/health/")
        took = timezone.now() - started
    finally:
        current_app.conf.broker_url = old
        current_app.pool.force_close_all()
    assert response.status_code == 503
    assert response.json()["broker"]["status"] == "fail"
    assert response.json()["worker"]["status"] == "ok"
    assert took < timedelta(seconds=10)


def test_broken_database_gives_503_not_500(broker_ok, monkeypatch, caplog):
    from django.db import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(Heartbeat.objects, "values_list", refuse)
    response = Client().get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["database"] == {"status": "fail", "reason": "OperationalError"}
    assert "OperationalError: connection refused" in caplog.text  # the details are in the log
    assert body["worker"]["reason"] == "database unavailable"


def test_filesystem_broker_is_ok():
    """The default broker of `make run` and the tests: a folder, always reachable."""
    assert health.check_broker()[0] == "ok"


def test_post_is_refused():
    assert Client().post("/health/").status_code == 405


def test_the_heartbeat_task_and_the_daily_check_record_their_runs(offices):
    from complaints.tasks import daily_sla_check
    from core.tasks import worker_heartbeat

    worker_heartbeat.apply()
    daily_sla_check.apply()
    assert set(Heartbeat.objects.values_list("name", flat=True)) == {health.WORKER, health.DAILY_CHECK}


def test_one_query(broker_ok, django_assert_num_queries):
    _beats()
    with django_assert_num_queries(1):  # the heartbeats (the cache is the test's local-memory or DB cache)
        health.check_database()
