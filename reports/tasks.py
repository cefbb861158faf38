"""Background work of the reports layer (scheduled by CELERY_BEAT_SCHEDULE in settings)."""
import logging
from dataclasses import asdict
from datetime import date, datetime
from functools import partial

from celery import shared_task
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerOperationalError

from core.queueing import enqueue
from core.schedule import day_period, period_claim, slot_period

from . import summaries
from .indicators import indicators_refresh
from .models import QuarterlySummary, SummaryStatus

logger = logging.getLogger(__name__)

TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError, ConnectionError)


# How often beat sends refresh_indicators (settings.CELERY_BEAT_SCHEDULE): the period it claims.
REFRESH_EVERY_SECONDS = 15 * 60


@shared_task(name="reports.tasks.refresh_indicators", bind=True)
def refresh_indicators(self, fiscal_year: int | None = None, every: int = REFRESH_EVERY_SECONDS) -> int | None:
    """Recompute the computed plan indicators (every 15 minutes): the CS3 KPI follows the tickets. Once per slot of
    `every` seconds (a schedule entry sending it more often passes its own interval); None when the slot's run was
    another's."""
    if not period_claim(job=self.name, period=f"{slot_period(every)}/{fiscal_year or ''}", task_id=self.request.id):
        return None
    return indicators_refresh(fiscal_year=fiscal_year)


# A render that raised (SummaryFailed) is tried again this many seconds later; messages no channel took as well.
SUMMARY_RETRY_SECONDS = 5 * 60


@shared_task(name="reports.tasks.quarterly_summaries", bind=True)
def quarterly_summaries(self, at: str | None = None) -> list[int]:
    """Daily (beat): on the first working day of a fiscal quarter, in office hours, start the summary of the quarter
    just ended for every office with executives and queue each one's making and sending. `at` an ISO datetime (now
    when left out). Returns the summaries' ids (none on any other day, or when this day's run was another's)."""
    now = datetime.fromisoformat(at) if at else timezone.now()
    if not period_claim(job=self.name, period=day_period(now), task_id=self.request.id):
        return []
    ids = summaries.quarterly_start(now=now)
    for summary_id in ids:
        transaction.on_commit(partial(queue_summary, summary_id))
    return ids


def queue_summary(summary_id: int) -> None:
    """Queue the making of one summary (after the commit). A broker that is down keeps the task in the outbox
    (core.queueing), sent when it is back. Only when the database refuses that too is the summary left failed, saying
    so, rather than pending for ever or a server error: the next day's check does not make it again, the committee
    can."""
    try:
        enqueue(make_quarterly_summary, summary_id)
    except Exception as exc:  # any broker failure
        logger.exception("Quarterly summary %s could not be queued", summary_id)
        QuarterlySummary.objects.filter(pk=summary_id).update(status=SummaryStatus.FAILED,
                                                              error=f"queue: {type(exc).__name__}: {exc}"[:2000])


@shared_task(name="reports.tasks.make_quarterly_summary", bind=True, max_retries=5)
def make_quarterly_summary(self, summary_id: int) -> dict:
    """Make one office's summary (unless ready) and send it to the office's executives who have not had it.

    A render that raises leaves it failed and sends nothing; the task then retries, as it does for messages that no
    channel took."""
    summary = QuarterlySummary.objects.select_related("office").get(pk=summary_id)
    try:
        sent = summaries.summary_publish(summary=summary, today=timezone.localdate())
    except summaries.SummaryFailed as exc:
        raise self.retry(countdown=SUMMARY_RETRY_SECONDS) from exc
    if sent.failed and self.request.retries < self.max_retries:
        raise self.retry(countdown=SUMMARY_RETRY_SECONDS)
    return asdict(sent)


@shared_task(name="reports.tasks.recount_executive", autoretry_for=TRANSIENT_ERRORS, retry_backoff=True,
             max_retries=3)
def recount_executive(office_id: int, fiscal_year: int, quarter: int, day: str) -> None:
    """Recount one executive dashboard's figures in the background (queued by `reports.executive`; `day` ISO)."""
    from .executive import executive_recount

    executive_recount(office_id=office_id, fiscal_year=fiscal_year, quarter=quarter, today=date.fromisoformat(day))


@shared_task(name="reports.tasks.build_evidence_pack", acks_late=True, reject_on_worker_lost=True)
def build_evidence_pack(pack_id: int) -> str:
    """Build one evidence pack (reports.packs). Idempotent: a done pack is not built again, so a redelivery after a
    lost worker (acks_late) only finishes what was interrupted. Returns the pack's status."""
    from .models import EvidencePack
    from .packs import pack_build

    pack = EvidencePack.objects.select_related("office").filter(pk=pack_id).first()
    if pack is None:
        return "missing"
    return pack_build(pack=pack).status


def queue_pack(pack_id: int) -> None:
    """Queue the build of one pack (after the commit). A broker that is down keeps the task in the outbox
    (core.queueing): the pack stays queued and is built once the broker is back. Only when the database refuses that
    too is the pack left failed, saying so in Thai, rather than queued for ever: it may be started again."""
    from .models import EvidencePack, PackStatus

    try:
        enqueue(build_evidence_pack, pack_id)
    except Exception:  # any broker failure
        logger.exception("Evidence pack %s could not be queued", pack_id)
        EvidencePack.objects.filter(pk=pack_id).update(
            status=PackStatus.FAILED, stage="จัดทำไม่สำเร็จ",
            error="ส่งงานเข้าคิวจัดทำไม่สำเร็จ (ระบบงานเบื้องหลังไม่ตอบ) กรุณาสั่งจัดทำใหม่อีกครั้ง")
