"""The CS3 dashboard's figures kept in the cache: when to count them again, and who does (stale-while-revalidate).

`kpi.dashboard` counts; this module owns everything around it: the cache entries (one per office subtree, fiscal
year and quarter, holding the figures with the data version and the day they describe), their keys, the
data-version check and the background recount.

A department-wide year is ~200,000 tickets at the scale we plan for, and its figures take around a second
(PostgreSQL) or several (SQLite) to count. When the data has changed, a count that was quick is simply redone
while the reader waits (a district, a small installation: always fresh); a slow one is served as it was, marked
with its time, while `complaints.tasks.recount_dashboard` recounts it. The cache is shared by web and worker
(Redis in production, a database table otherwise), so the worker's count is what the next reader sees.
"""
import logging
import time
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from core.offices.models import Office

from . import kpi
from .models import Ticket, TicketEvent

logger = logging.getLogger(__name__)

RECOUNT_WHILE_WAITING_SECONDS = 0.25
KEEP_SECONDS = 7 * 24 * 60 * 60
# How long one queued recount keeps others from being queued for the same entry. A worker that dies mid-count
# holds the entry no longer than this; the next reader after it queues again.
RECOUNT_LOCK_SECONDS = 5 * 60


@dataclass(frozen=True)
class DashboardView:
    """What the page shows: the figures, when they were counted, and whether a recount is under way."""

    figures: kpi.Dashboard
    counted_at: datetime
    stale: bool


_CATEGORIES_KEY = "cs3-dashboard:categories"


def data_version() -> tuple[int, int]:
    """Changes whenever any ticket changes, or a category is renamed, added or removed.

    Every ticket service writes a timeline line (TicketEvent): one primary-key lookup, the same in every process (web
    and worker). Categories have no timeline; their services count their changes in the cache (`categories_changed`).
    """
    return TicketEvent.objects.aggregate(last=Max("id"))["last"] or 0, cache.get(_CATEGORIES_KEY, 0)


def categories_changed() -> None:
    """The category list changed (the dashboard names categories): every kept entry is out of date."""
    try:
        cache.incr(_CATEGORIES_KEY)
    except ValueError:  # not kept yet, or evicted
        cache.set(_CATEGORIES_KEY, 1, None)


def _key(office_id: int | None, fiscal_year: int, quarter: int | None) -> str:
    return f"cs3-dashboard:v2:{office_id or 'all'}:{fiscal_year}:{quarter or 0}"


def _lock_key(office_id: int | None, fiscal_year: int, quarter: int | None) -> str:
    return f"{_key(office_id, fiscal_year, quarter)}:recounting"


def dashboard_figures(*, office: Office | None, fiscal_year: int, quarter: int | None, today: date) -> DashboardView:
    """The figures of `office`'s subtree (None: every office) to show now: kept, counted while the reader waits,
    or kept and marked stale while a recount is queued (once per entry, after the request's transaction commits).

    The figures of a subtree are the same for every reader allowed to choose that office, so they are counted
    over all tickets, not one reader's scope: the caller must offer only offices within the reader's scope.
    """
    office_id = office.pk if office else None
    entry = cache.get(_key(office_id, fiscal_year, quarter))
    if entry and entry["version"] == data_version() and entry["day"] == today:
        return DashboardView(entry["figures"], entry["counted_at"], stale=False)
    if entry and entry["seconds"] > RECOUNT_WHILE_WAITING_SECONDS:
        if cache.add(_lock_key(office_id, fiscal_year, quarter), True, timeout=RECOUNT_LOCK_SECONDS):
            transaction.on_commit(partial(_queue_recount, office_id=office_id, fiscal_year=fiscal_year,
                                          quarter=quarter, day=today.isoformat()))
        return DashboardView(entry["figures"], entry["counted_at"], stale=True)
    entry = _count(office=office, fiscal_year=fiscal_year, quarter=quarter, today=today)
    return DashboardView(entry["figures"], entry["counted_at"], stale=False)


def dashboard_recount(*, office_id: int | None, fiscal_year: int, quarter: int | None, today: date) -> None:
    """The background recount (`complaints.tasks.recount_dashboard`): count and keep one entry, then let the next
    recount of it be queued."""
    try:
        office = Office.objects.filter(pk=office_id).first() if office_id else None
        if office_id and office is None:
            return  # the office was removed: nobody can choose it any more
        _count(office=office, fiscal_year=fiscal_year, quarter=quarter, today=today)
    finally:
        cache.delete(_lock_key(office_id, fiscal_year, quarter))


def _count(*, office: Office | None, fiscal_year: int, quarter: int | None, today: date) -> dict:
    # The version is read before counting: a change made during the count leaves the entry older than the data
    # (recounted next time), never newer.
    version = data_version()
    started = time.perf_counter()
    figures = kpi.dashboard(Ticket.objects.all(), office=office, fiscal_year=fiscal_year, quarter=quarter, today=today)
    entry = {"version": version, "day": today, "figures": figures, "seconds": time.perf_counter() - started,
             "counted_at": timezone.now()}
    cache.set(_key(office.pk if office else None, fiscal_year, quarter), entry, KEEP_SECONDS)
    return entry


def _queue_recount(*, office_id: int | None, fiscal_year: int, quarter: int | None, day: str) -> None:
    """Runs after the commit. A broker that is down must not break the page: the reader still gets the last
    figures, and the lock is let go so that the next reader queues the recount again."""
    from .tasks import recount_dashboard  # here, not at the top: the task module imports this one

    try:
        recount_dashboard.delay(office_id, fiscal_year, quarter, day)
    except Exception:  # any broker failure: logged, and retried by the next view
        logger.warning("could not queue the dashboard recount", exc_info=True)
        cache.delete(_lock_key(office_id, fiscal_year, quarter))
