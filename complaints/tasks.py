"""Background work of the complaints process. Tasks take plain values and call a service."""
from datetime import date

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError

from core.health import DAILY_CHECK, heartbeat_record
from core.schedule import day_period, period_claim

from . import checks, dashboard_cache, imports

# A database that is briefly away (SQLite locked, PostgreSQL restarting) or a broker that drops the
# connection: worth trying again a little later. Anything else is a bug and should fail loudly.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError, ConnectionError)
# Digests that no channel took (SMTP down) are tried again this many seconds later.
RESEND_AFTER_SECONDS = 10 * 60


@shared_task(name="complaints.tasks.daily_sla_check", bind=True, autoretry_for=TRANSIENT_ERRORS,
             retry_backoff=30, retry_backoff_max=15 * 60, retry_jitter=True, max_retries=5)
def daily_sla_check(self, day: str | None = None) -> dict:
    """The daily deadline check for `day` (ISO date; today in Asia/Bangkok when left out). Returns the summary."""
    today = date.fromisoformat(day) if day else timezone.localdate()
    if not period_claim(job=self.name, period=today.isoformat(), task_id=self.request.id):
        return {"day": today.isoformat(), "skipped": "already run for this day"}  # a second beat, a second call
    summary = checks.daily_sla_check(today=today)
    if summary["failed"] and self.request.retries < self.max_retries:
        # The failed digests' log rows were removed: the retry sends only those. Pin the day, so that a
        # retry after midnight still finishes today's check.
        raise self.retry(args=[today.isoformat()], countdown=RESEND_AFTER_SECONDS)
    # /health/ reports when the check last ran to the end (a retry pending for failed digests counts as not yet).
    heartbeat_record(name=DAILY_CHECK)
    return summary


@shared_task(name="complaints.tasks.prune_import_uploads", bind=True)
def prune_import_uploads(self) -> None:
    """Nightly: expired import uploads go, as they carry complainants' details (see imports.uploads_prune)."""
    if period_claim(job=self.name, period=day_period(), task_id=self.request.id):
        imports.uploads_prune()


@shared_task(name="complaints.tasks.recount_dashboard", autoretry_for=TRANSIENT_ERRORS, retry_backoff=True,
             max_retries=3)
def recount_dashboard(office_id: int | None, fiscal_year: int, quarter: int | None, day: str) -> None:
    """Recount one dashboard's figures in the background (queued by `dashboard_cache`; `day` an ISO date)."""
    dashboard_cache.dashboard_recount(office_id=office_id, fiscal_year=fiscal_year, quarter=quarter,
                                      today=date.fromisoformat(day))
