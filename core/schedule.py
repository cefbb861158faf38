"""Scheduled jobs do their work once per period, however many times beat sends them.

Two beats started by mistake (on one machine or on two, against the same database) both send every schedule entry;
django-celery-beat's DatabaseScheduler does not stop a second one. So each scheduled job that must not work twice
claims its period first: `period_claim` inserts a `ScheduledRun(job, period)` row, unique per job and period, in
the shared database. The first run of the period inserts it and works; any other run of that period finds it and
returns. The claim holds the task id, so the same task delivered again — its worker died (acks_late,
task_reject_on_worker_lost) or it retries itself — is recognised as the period's own run and goes on.

A claim in the database rather than a lock held by one beat: it covers every way a job can be sent twice (two
beats anywhere, a manual `celery call`, a message redelivered), it needs no long-lived connection that a database
restart would silently release, and it works on SQLite and PostgreSQL alike. Not claimed: the every-minute worker
heartbeat (running it twice is harmless, and it proves each worker alive) and Celery's own `celery.backend_cleanup`
(it deletes expired results; twice deletes nothing more).
"""
import logging
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import ScheduledRun

logger = logging.getLogger(__name__)


def period_claim(*, job: str, period: str, task_id: str | None) -> bool:
    """True when this run is the one that does `job`'s work for `period`: it claimed the period now, or the claim is
    its own task's (a redelivery or a retry). False when another run had the period: the caller does nothing.

    Without a task id the function was called directly, not delivered by the broker (a test, a shell, a management
    command): that is someone's deliberate run, and it neither claims nor is refused."""
    if not task_id:
        return True
    try:
        with transaction.atomic():
            ScheduledRun.objects.create(job=job, period=period, task_id=task_id)
        return True
    except IntegrityError:
        holder = ScheduledRun.objects.filter(job=job, period=period).values_list("task_id", flat=True).first()
        if holder == task_id:
            logger.info("%s %s: run again by its own task %s (redelivered or retried)", job, period, task_id)
            return True
        logger.warning("%s %s: already run by task %s; this run (%s) does nothing", job, period, holder, task_id)
        return False


def day_period(now: datetime | None = None) -> str:
    """The period of a daily job: the day in Asia/Bangkok, e.g. "2026-11-26"."""
    return timezone.localdate(now or timezone.now()).isoformat()


def slot_period(seconds: int, now: datetime | None = None) -> str:
    """The period of a job every `seconds`: the slot of that length the moment falls in, e.g. "2026-11-26T10:15"
    for a quarter of an hour (slots counted from midnight UTC). Two beats each send the job once per interval, so
    each slot gets one run however their clocks are offset."""
    stamp = int((now or timezone.now()).timestamp())
    start = datetime.fromtimestamp(stamp - stamp % seconds, tz=timezone.get_fixed_timezone(0))
    return start.strftime("%Y-%m-%dT%H:%M:%S")
