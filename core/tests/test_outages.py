"""Redis or PostgreSQL away: the pages still answer (the redis_down and postgres_restart drills do it for real).

- The cache (django-redis with IGNORE_EXCEPTIONS, short timeouts): reads are misses, writes are dropped, nothing
  waits; the public forms' rate limit lets requests through (and says so in the log) instead of a 500.
- The database: a request that cannot reach it gets the Thai 503 page with Retry-After, not a stack trace or a 500.
"""
import time

import pytest
from django.core.cache import caches
from django.db import InterfaceError, OperationalError
from django.test import Client, RequestFactory
from django.urls import reverse

from complaints.models import Ticket
from core.ratelimit import allow

pytestmark = pytest.mark.django_db

# Nothing listens on port 1: the connection is refused at once, as with a stopped Redis on loopback.
DEAD_REDIS = {"default": {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": "redis://127.0.0.1:1/1",
                          "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5,
                                      "IGNORE_EXCEPTIONS": True}}}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = DEAD_REDIS
    yield caches["default"]
    caches["default"].close()


def test_the_production_cache_settings_ignore_a_dead_redis(monkeypatch):
    """pmqa/settings.py with CACHE_URL=redis://…: django-redis, exceptions ignored, sub-second timeouts."""
    import importlib

    import pmqa.settings

    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    try:
        reloaded = importlib.reload(pmqa.settings)
        cache = reloaded.CACHES["default"]
        assert cache["BACKEND"] == "django_redis.cache.RedisCache" and cache["OPTIONS"]["IGNORE_EXCEPTIONS"]
        assert cache["OPTIONS"]["SOCKET_CONNECT_TIMEOUT"] <= 1 and cache["OPTIONS"]["SOCKET_TIMEOUT"] <= 1
    finally:
        monkeypatch.delenv("CACHE_URL")
        importlib.reload(pmqa.settings)


def test_reads_are_misses_and_writes_are_dropped_quickly(redis_down):
    started = time.perf_counter()
    redis_down.set("k", 1)
    assert redis_down.get("k") is None and redis_down.get("k", 0) == 0 and redis_down.add("k", 0) is None
    assert time.perf_counter() - started < 2


def test_the_rate_limit_opens_and_warns_when_the_cache_is_down(redis_down, caplog):
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    assert all(allow(request, scope="public-submit", rate="1/h") for _ in range(3))
    assert "rate limit public-submit not counted, request let through" in caplog.text


def test_the_rate_limit_opens_when_a_database_cache_raises(monkeypatch, caplog):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise OperationalError("no such table: pmqa_cache")

    monkeypatch.setattr(cache, "add", broken)
    assert allow(RequestFactory().post("/"), scope="survey", rate="1/h")
    assert "the cache failed (OperationalError" in caplog.text


def test_public_pages_and_the_complaint_form_answer_with_redis_down(redis_down, offices):
    client = Client()
    assert client.get("/").status_code in (200, 302)
    assert client.get(reverse("public:submit")).status_code == 200
    posted = client.post(reverse("public:submit"), {
        "kind": "complaint", "subject": "ไฟถนนดับ", "detail": "ไฟถนนดับทั้งซอย", "consent": "on",
        "office": offices["dist_a"].pk})
    assert posted.status_code == 200 and "/public/track/?code=" in posted.content.decode()
    assert Ticket.objects.filter(subject="ไฟถนนดับ").exists()


def test_health_names_the_dead_redis(redis_down, monkeypatch):
    from core import health

    monkeypatch.setattr(health, "check_broker", lambda: ("ok", "test"))
    body = Client().get("/health/").json()
    assert body["cache"]["status"] == "fail" and "Connection" in body["cache"]["reason"]


@pytest.mark.parametrize("error", [OperationalError("server closed the connection unexpectedly"),
                                   InterfaceError("connection already closed")])
def test_a_database_that_cannot_be_reached_is_a_thai_503(monkeypatch, people, error):
    from core.plans import selectors

    def refuse(*args, **kwargs):
        raise error

    monkeypatch.setattr(selectors, "plan_fiscal_years", refuse)
    client = Client(raise_request_exception=False)
    client.force_login(people["bob"])
    response = client.get("/")
    assert response.status_code == 503 and response["Retry-After"] == "10"
    page = response.content.decode()
    assert "ระบบไม่พร้อมให้บริการชั่วคราว" in page and "Traceback" not in page


def test_any_other_error_is_still_the_plain_500(monkeypatch, people):
    from core.plans import selectors

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(selectors, "plan_fiscal_years", broken)
    client = Client(raise_request_exception=False)
    client.force_login(people["bob"])
    response = client.get("/")
    assert response.status_code == 500 and "ขออภัย ระบบเกิดข้อผิดพลาด" in response.content.decode()
