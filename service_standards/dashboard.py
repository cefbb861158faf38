"""The CS7 dashboard's figures (ภาพรวม CS7): RM 3.5 for an office's subtree and fiscal year, by quarter, service and
child office, the steps where late and open records sit, and the late records; counted in the database and kept in
the cache (`core.kept`), as the CS3 dashboard's are.

The counts (`counts`) are plain numbers keyed by ids, six grouped queries whatever the number of records. Kept per
office subtree and fiscal year, with the data version and the day they describe (overdue depends on the day). The
names (services, steps, offices) and the twenty late records are read live by id, so a renamed service shows its
new name at once and the page's query count stays fixed.

At the scale the issue names (1,000,000 records over 1,000 offices and five years) the department's year is about
200,000 records: too many to count while a reader waits. A quick count (a district) is redone at once after a
change, a slow one is shown as it was, marked stale with its time, while `service_standards.tasks.recount_dashboard`
counts it again. RM 3.5 itself (`selectors.rm35_figure`) reads the same kept counts, so the plan page, the
indicators API and the dashboard agree and none of them counts a department's records while a reader waits.

The data version: the newest record's id (a primary-key lookup: records inserted by any path, the bench's SQL too)
and a change counter in the cache, moved by every service that changes records (`records_changed`: saved or
imported, due dates moved by a holiday), once at once and once after the commit, so a reader counting between the
two never keeps figures older than the data.
"""
import time
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Q, Value, When
from django.db.models.functions import Substr

from core.fiscal import FiscalQuarter, fiscal_quarter, fiscal_year_bounds
from core.kept import KeptFigures
from core.offices.models import Office
from core.offices.scoping import offices_under
from core.plans.figures import Figure
from core.queueing import enqueue

from .models import Service, ServiceRecord, ServiceStep

LATE_SHOWN = 20  # the late records listed on the page (the records list, filtered to late, has them all)
STEPS_SHOWN = 10  # the steps where most late or open records sit

_CHANGES_KEY = "cs7-records:changes"


# --- The data version -------------------------------------------------------------------------------------------

def _bump() -> None:
    try:
        cache.incr(_CHANGES_KEY)
    except ValueError:  # not kept yet, or evicted: a value no earlier entry can have been counted with
        cache.set(_CHANGES_KEY, time.time_ns(), None)


def records_changed() -> None:
    """Service records were saved, imported or had their due dates moved: every kept entry is out of date. Moved at
    once (a reader in this transaction, a test) and again after the commit (a reader elsewhere that counted in
    between kept figures of the old data under the first new version)."""
    _bump()
    transaction.on_commit(_bump)


def data_version() -> tuple[int, int]:
    """Two cheap reads, the same in every process (web and worker): the newest record's id and the change counter
    (0 before any change; an evicted counter comes back as a new clock value, never an old one)."""
    return ServiceRecord.objects.aggregate(last=Max("id"))["last"] or 0, cache.get(_CHANGES_KEY, 0)


def _queue_recount(*, office_id: int, fiscal_year: int, day: date) -> None:
    from .tasks import recount_dashboard  # here, not at the top: the task module imports this one

    enqueue(recount_dashboard, office_id, fiscal_year, day.isoformat())


# One entry per office subtree and fiscal year; figures of a day (overdue).
KEPT = KeptFigures("cs7-dashboard:v1", version=data_version, queue=_queue_recount)


# --- The counts -----------------------------------------------------------------------------------------------------

def _pair(row: dict) -> tuple[int, int]:
    return row["met"], row["total"]


def counts(*, office: Office, fiscal_year: int, today: date) -> dict:
    """Every count of the dashboard for an office's subtree and a fiscal year, as plain values (kept in the cache).

    - RM 3.5 (met, total): records completed in the fiscal year by `today`, by quarter of completion, by service
      and by branch (the office's own records, then each child office's subtree, by the first steps of the tree
      path: one query for any depth);
    - open and overdue: records received in the fiscal year and not completed (overdue: past their due date today),
      by service and branch too;
    - steps: records received in the fiscal year that are late (completed beyond the standard) or still open, by the
      step they are at, most first;
    - late: the records list filtered to late for the year (received in it, completed beyond the standard): how
      many, and the first `LATE_SHOWN` in the list's order (newest received first).
    Six queries, whatever the number of records."""
    start, end = fiscal_year_bounds(fiscal_year)
    done_end = min(end, today)
    subtree = ServiceRecord.objects.filter(office__in=offices_under(office).values("pk")).order_by()
    completed = Q(completed_on__gte=start, completed_on__lte=done_end)
    open_ = Q(completed_on__isnull=True, received_on__gte=start, received_on__lte=end)
    aggregates = {"total": Count("pk", filter=completed), "met": Count("pk", filter=completed & Q(met=True)),
                  "open": Count("pk", filter=open_), "overdue": Count("pk", filter=open_ & Q(due_on__lt=today))}
    rows = subtree.filter(completed | open_)

    quarters = [fiscal_quarter(fiscal_year, q) for q in (1, 2, 3, 4)]
    quarter = Case(*[When(completed_on__range=(q.start, q.end), then=Value(q.quarter)) for q in quarters],
                   output_field=IntegerField())
    by_quarter = {row["quarter"]: _pair(row) for row in rows.filter(completed).annotate(quarter=quarter)
                  .values("quarter").annotate(**aggregates).order_by("quarter")}
    by_service = {row["service_id"]: {"met": row["met"], "total": row["total"], "open": row["open"],
                                      "overdue": row["overdue"]}
                  for row in rows.values("service_id").annotate(**aggregates).order_by("service_id")}
    prefix = len(office.path) + Office.steplen
    by_branch = {row["branch"]: {"met": row["met"], "total": row["total"], "open": row["open"],
                                 "overdue": row["overdue"]}
                 for row in rows.annotate(branch=Substr("office__path", 1, prefix)).values("branch")
                 .annotate(**aggregates).order_by("branch")}

    received = subtree.filter(received_on__gte=start, received_on__lte=end)
    open_now = Q(completed_on__isnull=True)
    steps = [(row["step_id"], row["open"], row["overdue"], row["late"]) for row in (
        received.filter(Q(met=False) | open_now, step__isnull=False).values("step_id")
        .annotate(open=Count("pk", filter=open_now), overdue=Count("pk", filter=open_now & Q(due_on__lt=today)),
                  late=Count("pk", filter=Q(met=False)), n=Count("pk"))
        .order_by("-n", "step_id")[:STEPS_SHOWN])]
    late = received.filter(met=False)
    return {"quarters": by_quarter, "services": by_service, "branches": by_branch, "steps": steps,
            "late_total": late.count(),
            "late_ids": list(late.order_by("-received_on", "-pk").values_list("pk", flat=True)[:LATE_SHOWN])}


def _counter(office: Office, fiscal_year: int, today: date):
    return lambda: counts(office=office, fiscal_year=fiscal_year, today=today)


def kept_counts(*, office: Office, fiscal_year: int, today: date):
    """The counts of `office`'s subtree to use now (`core.kept`): the same for every reader allowed to choose that
    office, so the caller offers only offices within the reader's scope."""
    return KEPT.get({"office_id": office.pk, "fiscal_year": fiscal_year}, count=_counter(office, fiscal_year, today),
                    day=today)


def dashboard_recount(*, office_id: int, fiscal_year: int, today: date) -> None:
    """The background recount (`service_standards.tasks.recount_dashboard`)."""
    office = Office.objects.filter(pk=office_id).first()
    if office is not None:  # an office removed is never chosen again: its entry is never read
        KEPT.recount({"office_id": office_id, "fiscal_year": fiscal_year},
                     count=_counter(office, fiscal_year, today), day=today)


def year_figures(*, office: Office, fiscal_year: int, today: date) -> list[tuple[int, Figure]]:
    """RM 3.5 per fiscal quarter of completion from the kept counts: all four quarters (`selectors.rm35_figure` sums
    them)."""
    quarters = kept_counts(office=office, fiscal_year=fiscal_year, today=today).value["quarters"]
    return [(q, Figure.share(*quarters[q]) if q in quarters else Figure(None, 0, 0)) for q in (1, 2, 3, 4)]


# --- What the page shows --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """A service or an office (with its subtree) on the dashboard: RM 3.5 and the records still open."""

    label: str
    figure: Figure
    open: int
    overdue: int
    office: Office | None = None
    own: bool = False

    @property
    def late(self) -> int:
        return (self.figure.denominator or 0) - (self.figure.numerator or 0)


@dataclass(frozen=True)
class StepRow:
    step: ServiceStep
    open: int
    overdue: int
    late: int

    @property
    def total(self) -> int:
        return self.open + self.late


@dataclass(frozen=True)
class Dashboard:
    office: Office
    fiscal_year: int
    today: date
    counted_at: datetime
    stale: bool
    quarters: list[tuple[FiscalQuarter, Figure]]
    services: list[Row]
    offices: list[Row]
    steps: list[StepRow]
    late_total: int
    late: list[ServiceRecord]
    target: object = None  # the plan indicator with metric rm35 of this office and year, if any
    year: Figure = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "year", Figure.share(sum(f.numerator or 0 for _q, f in self.quarters),
                                                      sum(f.denominator or 0 for _q, f in self.quarters)))

    @property
    def late_completed(self) -> int:
        """Records completed in the year beyond the standard (RM 3.5's denominator less its numerator)."""
        return (self.year.denominator or 0) - (self.year.numerator or 0)

    @property
    def open(self) -> int:
        return sum(row.open for row in self.offices)

    @property
    def overdue(self) -> int:
        return sum(row.overdue for row in self.offices)

    def chart_data(self) -> dict:
        """Plain numbers and labels for the charts (embedded with json_script)."""
        def num(value):
            return float(value) if value is not None else None

        target = num(self.target.target) if self.target is not None and self.target.target is not None else None
        return {
            "target": target,
            "quarters": [{"label": f"ไตรมาส {q.quarter}", "percent": num(f.value), "met": f.numerator or 0,
                          "total": f.denominator or 0} for q, f in self.quarters],
            "services": [{"label": row.label, "percent": num(row.figure.value), "met": row.figure.numerator or 0,
                          "total": row.figure.denominator or 0} for row in self.services],
        }


def dashboard(*, office: Office, fiscal_year: int, today: date) -> Dashboard:
    """The dashboard of `office`'s subtree for a fiscal year: the kept counts, with the names and the late records
    read by id. A fixed number of queries (the version, the cache, and five lookups by id)."""
    from core.plans.choices import Metric
    from core.plans.models import Indicator

    kept = kept_counts(office=office, fiscal_year=fiscal_year, today=today)
    c = kept.value
    quarters = [(fiscal_quarter(fiscal_year, q),
                 Figure.share(*c["quarters"][q]) if q in c["quarters"] else Figure(None, 0, 0)) for q in (1, 2, 3, 4)]
    names = Service.objects.in_bulk(list(c["services"]))
    services = sorted((Row(names[pk].name, Figure.share(n["met"], n["total"]), n["open"], n["overdue"])
                       for pk, n in c["services"].items() if pk in names), key=lambda row: row.label)
    empty = {"met": 0, "total": 0, "open": 0, "overdue": 0}
    # The children by their path (not `get_children`, which trusts the instance's child count).
    children = list(Office.objects.filter(path__startswith=office.path, depth=office.depth + 1).order_by("path"))
    offices = [Row(o.name, Figure.share(n["met"], n["total"]), n["open"], n["overdue"], office=o, own=own)
               for o, own in [(office, True), *((child, False) for child in children)]
               for n in [c["branches"].get(o.path, empty)]]
    steps = ServiceStep.objects.select_related("service").in_bulk([row[0] for row in c["steps"]])
    step_rows = [StepRow(steps[pk], *numbers) for pk, *numbers in c["steps"] if pk in steps]
    late = ServiceRecord.objects.filter(pk__in=c["late_ids"]).select_related("office", "service", "step")
    late = sorted(late, key=lambda r: (r.received_on, r.pk), reverse=True)
    target = (Indicator.objects.filter(plan__office=office, plan__fiscal_year=fiscal_year, metric=Metric.RM35)
              .order_by("pk").first())
    return Dashboard(office=office, fiscal_year=fiscal_year, today=today, counted_at=kept.counted_at,
                     stale=kept.stale, quarters=quarters, services=services, offices=offices, steps=step_rows,
                     late_total=c["late_total"], late=late, target=target)
