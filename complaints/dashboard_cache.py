"""The CS3 dashboard's figures kept in the cache: when to count them again, and who does (stale-while-revalidate).

`kpi.dashboard` counts; this module owns everything around it: the cache entries (one per office subtree, fiscal
year and quarter, holding the figures with the data version and the day they describe), their keys, the
data-version check and the background recount.

A department-wide year is ~200,000 tickets at the scale we plan for, and its figures take around a second
(PostgreSQL) or several (SQLite) to count: `core.kept` serves them as they were while
`complaints.tasks.recount_dashboard` recounts them.
"""
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Max

from core.kept import KeptFigures
from core.offices.models import Office
from core.queueing import enqueue

from . import kpi
from .models import Ticket, TicketEvent


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


def _queue_recount(*, office_id: int | None, fiscal_year: int, quarter: int | None, day: date) -> None:
    from .tasks import recount_dashboard  # here, not at the top: the task module imports this one

    enqueue(recount_dashboard, office_id, fiscal_year, quarter, day.isoformat())


# One entry per office subtree (None: every office), fiscal year and quarter; figures of a day (due soon, overdue).
KEPT = KeptFigures("cs3-dashboard:v3", version=data_version, queue=_queue_recount)


def _counter(office: Office | None, fiscal_year: int, quarter: int | None, today: date):
    return lambda: kpi.dashboard(Ticket.objects.all(), office=office, fiscal_year=fiscal_year, quarter=quarter,
                                 today=today)


def dashboard_figures(*, office: Office | None, fiscal_year: int, quarter: int | None, today: date) -> DashboardView:
    """The figures of `office`'s subtree (None: every office) to show now (`core.kept`).

    The figures of a subtree are the same for every reader allowed to choose that office, so they are counted
    over all tickets, not one reader's scope: the caller must offer only offices within the reader's scope.
    """
    params = {"office_id": office.pk if office else None, "fiscal_year": fiscal_year, "quarter": quarter}
    kept = KEPT.get(params, count=_counter(office, fiscal_year, quarter, today), day=today)
    return DashboardView(kept.value, kept.counted_at, kept.stale)


def dashboard_recount(*, office_id: int | None, fiscal_year: int, quarter: int | None, today: date) -> None:
    """The background recount (`complaints.tasks.recount_dashboard`)."""
    office = Office.objects.filter(pk=office_id).first() if office_id else None
    if office_id and office is None:
        return  # the office was removed: nobody can choose it any more (its entry is never read again)
    KEPT.recount({"office_id": office_id, "fiscal_year": fiscal_year, "quarter": quarter},
                 count=_counter(office, fiscal_year, quarter, today), day=today)
