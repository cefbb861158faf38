"""`/health/` for the proxy and the monitoring: is each piece of the stack answering, and is background work done?

Each check returns ("ok" | "fail", a short reason) and never raises; none of them can hang the page: the database
and cache are asked one small thing each, the broker gets one connection attempt with a short timeout, and the
worker is judged by the heartbeat it writes (a beat task every minute) rather than by `celery inspect ping`, which
waits for replies. The page is cheap: one database query, one cache write and read, one broker connection.
"""
import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .models import Heartbeat

logger = logging.getLogger(__name__)

WORKER = "worker"
DAILY_CHECK = "daily_check"
# The worker writes its heartbeat every minute (settings.CELERY_BEAT_SCHEDULE); three missed beats is a failure.
WORKER_STALE_AFTER = timedelta(minutes=3)
# The daily check runs every morning (also on weekends, when it only notes that it has nothing to do).
DAILY_CHECK_STALE_AFTER = timedelta(hours=26)
BROKER_TIMEOUT_SECONDS = 2.0


def heartbeat_record(*, name: str) -> None:
    """Note that the background work `name` has just finished (called by the tasks themselves)."""
    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})


def _short(exc: Exception) -> str:
    """The failure's kind for the page; its text (which names hosts and ports) goes to the log only: /health/ needs
    no login, so whoever reaches it must not learn the stack's addresses."""
    logger.warning("health check failed: %s: %s", type(exc).__name__, exc)
    return type(exc).__name__


def check_database() -> tuple[str, str, dict]:
    """The database answers; also reads the heartbeats in the same round trip's worth of work (one query)."""
    try:
        beats = dict(Heartbeat.objects.values_list("name", "at"))
    except Exception as exc:  # noqa: BLE001 - any failure is a "fail", never a 500
        return "fail", _short(exc), {}
    return "ok", connection.vendor, beats


def check_cache() -> tuple[str, str]:
    try:
        client = getattr(cache, "client", None)
        if client is not None and hasattr(client, "get_client"):
            # django-redis: ask Redis itself, since IGNORE_EXCEPTIONS (settings) turns a dead Redis into misses.
            client.get_client(write=True).ping()
        stamp = timezone.now().isoformat()
        cache.set("health:probe", stamp, timeout=30)
        if cache.get("health:probe") != stamp:
            return "fail", "the value written was not read back"
    except Exception as exc:  # noqa: BLE001
        return "fail", _short(exc)
    return "ok", settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def check_broker() -> tuple[str, str]:
    """One connection to the Celery broker, given up after BROKER_TIMEOUT_SECONDS (no retries)."""
    from celery import current_app

    try:
        with current_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, interval_max=0,
                                   timeout=BROKER_TIMEOUT_SECONDS)
            transport = conn.transport_cls
    except Exception as exc:  # noqa: BLE001
        return "fail", _short(exc)
    return "ok", str(transport)


def _age_check(at, *, stale_after: timedelta, now) -> tuple[str, str]:
    if at is None:
        return "fail", "never recorded"
    age = now - at
    reason = f"last {at.isoformat(timespec='seconds')} ({int(age.total_seconds())} s ago)"
    return ("ok" if age <= stale_after else "fail"), reason


def health_report() -> tuple[bool, dict]:
    """(all ok, {check: {"status": "ok"|"fail", "reason": ...}}) for the /health/ page."""
    now = timezone.now()
    db_status, db_reason, beats = check_database()
    checks = {"database": (db_status, db_reason), "cache": check_cache(), "broker": check_broker()}
    if db_status == "ok":
        checks["worker"] = _age_check(beats.get(WORKER), stale_after=WORKER_STALE_AFTER, now=now)
        checks["daily_check"] = _age_check(beats.get(DAILY_CHECK), stale_after=DAILY_CHECK_STALE_AFTER, now=now)
    else:
        checks["worker"] = checks["daily_check"] = ("fail", "database unavailable")
    report = {name: {"status": status, "reason": reason} for name, (status, reason) in checks.items()}
    return all(item["status"] == "ok" for item in report.values()), report



@never_cache
@require_GET
def health(request):
    """GET /health/: JSON, 200 when every check is ok, 503 otherwise. No login, no session, never cached."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503, json_dumps_params={"ensure_ascii": False})
