"""The CS3 figures: the KPI (% of complaints answered within the deadline) and everything the dashboard shows.

Every function takes a queryset of tickets already scoped to the reader (`ticket_queryset(user=)`, narrowed
with `under_office`) and a period, and lets the database count: filtered COUNTs, CASE buckets, GROUP BY.
Nothing here loops over tickets; the few Python loops walk over a handful of grouped rows (four quarters,
the child offices, a histogram of answer days, five ageing buckets). The definitions, with worked
examples, are in docs/indicators.md, section "CS3 complaints".
"""
from dataclasses import dataclass, field, fields
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalQuarter, fiscal_quarter, fiscal_year_bounds
from core.offices.models import Office
from core.offices.scoping import offices_under
from core.plans.figures import Figure, percent

from .choices import OPEN_STATUSES, Kind, Status
from .models import Category, Ticket
from .selectors import due_soon_q

# Rows are counted by `received_on` (never null), not by id: with an index that starts with received_on and
# holds the columns counted here, PostgreSQL answers from the index alone, without reading the wide rows.
ROWS = "received_on"
ONE_PLACE = Decimal("0.1")
NO_CATEGORY = _("ไม่ระบุหมวดหมู่")
FREQUENT_LIMIT = 10


# ---------------------------------------------------------------------------------------------
# Periods, scope and the populations each figure counts


@dataclass(frozen=True)
class Period:
    """A span of receipt dates, both ends included: a fiscal year or one of its quarters."""

    start: date
    end: date
    fiscal_year: int
    quarter: int | None = None
    half: bool = False  # the first half-year (ต.ค.–มี.ค.), see `half_year_period`

    @property
    def label(self) -> str:
        if self.half:
            return f"ครึ่งปีแรก (ตุลาคม–มีนาคม) ปีงบประมาณ {self.fiscal_year}"
        if self.quarter:
            return f"ไตรมาส {self.quarter} ปีงบประมาณ {self.fiscal_year}"
        return f"ปีงบประมาณ {self.fiscal_year}"


def fiscal_period(fiscal_year: int, quarter: int | None = None) -> Period:
    """FY 2569 → 1 Oct 2025 – 30 Sep 2026; with a quarter, that quarter's three months."""
    if quarter:
        q = fiscal_quarter(fiscal_year, quarter)
        return Period(q.start, q.end, fiscal_year, quarter)
    start, end = fiscal_year_bounds(fiscal_year)
    return Period(start, end, fiscal_year)


def half_year_period(fiscal_year: int) -> Period:
    """The first half of a fiscal year (1 Oct – 31 Mar: quarters 1 and 2), as the ITA's half-year report counts it."""
    return Period(fiscal_quarter(fiscal_year, 1).start, fiscal_quarter(fiscal_year, 2).end, fiscal_year, half=True)


def under_office(tickets: QuerySet[Ticket], office: Office | None) -> QuerySet[Ticket]:
    """Only tickets handled by `office` or an office below it; None leaves the queryset as it is.

    `office_id IN (subquery)` lets the database use the (office, received_on) index.
    """
    if office is None:
        return tickets
    return tickets.filter(office_id__in=offices_under(office).values("pk"))


def office_tickets(*, office: Office) -> QuerySet[Ticket]:
    """Every ticket of an office's subtree, with no reader: for system jobs such as the plan indicators."""
    return under_office(Ticket.objects.all(), office)


def _plain(tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
    # The list ordering and joins of ticket_queryset would only widen GROUP BY and slow the counts.
    return tickets.order_by().select_related(None)


def in_period(tickets: QuerySet[Ticket], period: Period) -> QuerySet[Ticket]:
    return _plain(tickets).filter(received_on__gte=period.start, received_on__lte=period.end)


def kpi_counted_q(*, today: date) -> Q:
    """The KPI's denominator: complaints that are not duplicates or rejected, whose first round has a verdict
    (answered, on time or late) or is overdue and still unanswered. A reopened ticket keeps round 1's verdict."""
    overdue_unanswered = Q(round=1, answered_on__isnull=True, due_on__lt=today)
    return (Q(kind=Kind.COMPLAINT, duplicate_of__isnull=True) & ~Q(status=Status.REJECTED)
            & (Q(on_time__isnull=False) | overdue_unanswered))


def kpi_on_time_q(*, today: date) -> Q:
    """The KPI's numerator: the counted complaints whose first round was answered by its deadline."""
    return kpi_counted_q(today=today) & Q(on_time=True)


# Answered at least once (a reopened ticket's current round is unanswered, but its first round was).
ANSWERED_Q = Q(duplicate_of__isnull=True) & (Q(answered_on__isnull=False) | Q(round__gt=1))
REOPENED_Q = Q(duplicate_of__isnull=True, round__gt=1)


# ---------------------------------------------------------------------------------------------
# Ratios and the counts one group of tickets adds up to


@dataclass(frozen=True)
class Ratio:
    """A numerator over a denominator; the percentage is rounded half-up to two places, None when 0/0."""

    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        return percent(self.numerator, self.denominator)


@dataclass(frozen=True)
class Counts:
    """What one group of tickets (a quarter, an office's subtree) adds up to: one row of a GROUP BY."""

    received: int = 0  # volume: every ticket received, duplicates and rejected included
    complaint: int = 0
    suggestion: int = 0
    opinion: int = 0
    compliment: int = 0
    duplicates: int = 0
    on_time: int = 0  # KPI numerator
    counted: int = 0  # KPI denominator
    answered: int = 0  # reopen-rate denominator
    reopened: int = 0  # reopen-rate numerator

    @property
    def kpi(self) -> Ratio:
        return Ratio(self.on_time, self.counted)

    @property
    def reopen_rate(self) -> Ratio:
        return Ratio(self.reopened, self.answered)

    @property
    def late(self) -> int:
        return self.counted - self.on_time

    def kinds(self) -> list["Share"]:
        return _shares([(kind.value, kind.label, getattr(self, kind.value)) for kind in Kind])

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


def _count_aggregates(*, today: date) -> dict:
    """The aggregates behind `Counts`: one pass over the rows, each figure a filtered COUNT.

    Named `n_…`: an annotation named like a field (`on_time`) would shadow it in the filters that follow.
    """
    return {
        "n_received": Count(ROWS),
        **{f"n_{kind}": Count(ROWS, filter=Q(kind=kind)) for kind in Kind.values},
        "n_duplicates": Count(ROWS, filter=Q(duplicate_of__isnull=False)),
        "n_on_time": Count(ROWS, filter=kpi_on_time_q(today=today)),
        "n_counted": Count(ROWS, filter=kpi_counted_q(today=today)),
        "n_answered": Count(ROWS, filter=ANSWERED_Q),
        "n_reopened": Count(ROWS, filter=REOPENED_Q),
    }


def _counts(row: dict) -> Counts:
    return Counts(**{f.name: row.get(f"n_{f.name}") or 0 for f in fields(Counts)})


@dataclass(frozen=True)
class Share:
    """One slice of a total (a kind, a channel, an ageing bucket) and its share of the total."""

    key: str
    label: str
    count: int
    percent: Decimal | None = None


def _shares(items: list[tuple[str, str, int]]) -> list[Share]:
    total = sum(count for _key, _label, count in items)
    return [Share(str(key), str(label), count, Ratio(count, total).percent) for key, label, count in items]


# ---------------------------------------------------------------------------------------------
# The figures


def answered_on_time(tickets: QuerySet[Ticket], *, period: Period, today: date) -> Ratio:
    """The KPI: complaints answered within the deadline ÷ complaints counted (see `kpi_counted_q`)."""
    row = in_period(tickets, period).aggregate(n_on_time=Count(ROWS, filter=kpi_on_time_q(today=today)),
                                               n_counted=Count(ROWS, filter=kpi_counted_q(today=today)))
    return Ratio(row["n_on_time"], row["n_counted"])


def answered_on_time_figure(*, office: Office, fiscal_year: int, today: date) -> Figure:
    """The CS3 plan indicator: the KPI of an office's subtree over a fiscal year, with its counts (no reader: a
    system job)."""
    ratio = answered_on_time(office_tickets(office=office), period=fiscal_period(fiscal_year), today=today)
    return Figure(ratio.percent, ratio.numerator, ratio.denominator)


def totals(tickets: QuerySet[Ticket], *, period: Period, today: date) -> Counts:
    """Volume by kind, the KPI and the reopen rate of a period, in one aggregate."""
    return _counts(in_period(tickets, period).aggregate(**_count_aggregates(today=today)))


def _quarter_of_receipt(fiscal_year: int) -> Case:
    q2, q3, q4 = (fiscal_quarter(fiscal_year, n).start for n in (2, 3, 4))
    return Case(When(received_on__lt=q2, then=Value(1)), When(received_on__lt=q3, then=Value(2)),
                When(received_on__lt=q4, then=Value(3)), default=Value(4), output_field=IntegerField())


def by_quarter(tickets: QuerySet[Ticket], *, fiscal_year: int, today: date) -> list[tuple[FiscalQuarter, Counts]]:
    """The four fiscal quarters (by date of receipt), each with its `Counts`; quarters with no tickets count 0."""
    rows = (in_period(tickets, fiscal_period(fiscal_year))
            .annotate(quarter=_quarter_of_receipt(fiscal_year)).values("quarter")
            .annotate(**_count_aggregates(today=today)))
    found = {row["quarter"]: _counts(row) for row in rows}
    return [(fiscal_quarter(fiscal_year, n), found.get(n, Counts())) for n in (1, 2, 3, 4)]


@dataclass(frozen=True)
class OfficeCounts:
    """One row of the office table."""

    office: Office
    own: bool  # True: the viewed office's own tickets; False: a child office with everything below it
    counts: Counts


def by_office(tickets: QuerySet[Ticket], *, office: Office | None, period: Period,
              today: date) -> list[OfficeCounts]:
    """The viewed office's own tickets, then each child office with its whole subtree rolled up.

    Tickets are grouped by the first steps of their office's tree path (the child's path), so one query
    covers any depth of tree. With no office (a superuser's view of everything) the rows are the roots.
    """
    prefix = (len(office.path) if office else 0) + Office.steplen
    children = list(Office.objects.get_children(office) if office else Office.objects.get_root_nodes())
    rows = (in_period(under_office(tickets, office), period)
            .annotate(branch=Substr("office__path", 1, prefix)).values("branch")
            .annotate(**_count_aggregates(today=today)))
    found = {row["branch"]: _counts(row) for row in rows}
    result = [OfficeCounts(office, True, found.get(office.path, Counts()))] if office else []
    return result + [OfficeCounts(child, False, found.get(child.path, Counts())) for child in children]


def volume_by_channel(tickets: QuerySet[Ticket], *, period: Period) -> list[Share]:
    """Tickets received through each channel, most first (channels with none are left out)."""
    rows = (in_period(tickets, period).values("channel__code", "channel__name")
            .annotate(n=Count(ROWS)).order_by("-n", "channel__name"))
    return _shares([(row["channel__code"], row["channel__name"], row["n"]) for row in rows])


def volume_by_category(tickets: QuerySet[Ticket], *, period: Period) -> list[Share]:
    """Tickets received in each category, most first; tickets without a category form one row."""
    rows = (in_period(tickets, period).values("category_id", "category__name")
            .annotate(n=Count(ROWS)).order_by("-n", "category__name"))
    return _shares([(row["category_id"] or "", row["category__name"] or NO_CATEGORY, row["n"]) for row in rows])


@dataclass(frozen=True)
class AnswerDays:
    """Working days from receipt to the first round's answer: how many answers, the median and the P90."""

    answered: int
    median: Decimal | None
    p90: int | None


def answer_days(tickets: QuerySet[Ticket], *, period: Period, today: date) -> AnswerDays:
    """Median (the middle value, or the mean of the two middle ones) and 90th percentile (nearest rank:
    the value at rank ⌈0.9 n⌉) of `working_days_to_answer` over the KPI's answered complaints.

    One portable query for SQLite and PostgreSQL (neither percentile_cont nor a sort of every ticket): the
    database counts the answers per number of days — a histogram of a few dozen rows — and the ranks are
    read off its running total.
    """
    histogram = list(in_period(tickets, period)
                     .filter(kpi_counted_q(today=today), working_days_to_answer__isnull=False)
                     .values_list("working_days_to_answer").annotate(n=Count(ROWS))
                     .order_by("working_days_to_answer"))
    n = sum(count for _days, count in histogram)
    if not n:
        return AnswerDays(0, None, None)
    middle = (_value_at(histogram, (n - 1) // 2) + _value_at(histogram, n // 2)) / Decimal(2)  # 0-based ranks
    p90 = _value_at(histogram, -(-9 * n // 10) - 1)  # rank ⌈0.9 n⌉, 1-based
    return AnswerDays(n, middle.quantize(ONE_PLACE, rounding=ROUND_HALF_UP), p90)


def _value_at(histogram: list[tuple[int, int]], position: int) -> int:
    """The value at a 0-based position of the sorted list a histogram (value, count) stands for."""
    seen = 0
    for value, count in histogram:
        seen += count
        if position < seen:
            return value
    raise IndexError(position)


AGEING_BUCKETS = [
    ("later", _("ยังไม่ถึงกำหนด")),
    ("due_soon", _("ครบกำหนดภายใน 3 วันทำการ")),
    ("late_1_5", _("เกินกำหนด 1–5 วัน")),
    ("late_6_15", _("เกินกำหนด 6–15 วัน")),
    ("late_over_15", _("เกินกำหนดเกิน 15 วัน")),
]
LATE_BUCKETS = {"late_1_5", "late_6_15", "late_over_15"}


def backlog_ageing(tickets: QuerySet[Ticket], *, today: date) -> list[Share]:
    """Open tickets (any receipt date: a snapshot of today) by how near or how far past their current deadline is.

    "Due soon" is the daily check's and the register's rule (`selectors.due_soon_q`: 3 working days, today
    counted); the late buckets count calendar days past the deadline. Tickets with no deadline (compliments)
    are not backlog. Every bucket is listed, empty ones as 0.
    """
    bucket = Case(
        When(due_soon_q(today=today), then=Value("due_soon")),
        When(due_on__gte=today, then=Value("later")),  # due after the due-soon window
        When(due_on__gte=today - timedelta(days=5), then=Value("late_1_5")),
        When(due_on__gte=today - timedelta(days=15), then=Value("late_6_15")),
        default=Value("late_over_15"),
    )
    rows = (_plain(tickets).filter(status__in=OPEN_STATUSES, due_on__isnull=False)
            .annotate(bucket=bucket).values("bucket").annotate(n=Count(ROWS)))
    found = {row["bucket"]: row["n"] for row in rows}
    return _shares([(key, label, found.get(key, 0)) for key, label in AGEING_BUCKETS])


def reopen_rate(tickets: QuerySet[Ticket], *, period: Period) -> Ratio:
    """Tickets reopened at least once (round > 1) ÷ tickets answered at least once; duplicates left out."""
    row = in_period(tickets, period).aggregate(n_reopened=Count(ROWS, filter=REOPENED_Q),
                                               n_answered=Count(ROWS, filter=ANSWERED_Q))
    return Ratio(row["n_reopened"], row["n_answered"])


@dataclass(frozen=True)
class Frequent:
    """A category that came back at the same handling office, and how often."""

    category: str
    office: str
    count: int


def frequent_complaints(tickets: QuerySet[Ticket], *, period: Period, limit: int = FREQUENT_LIMIT) -> list[Frequent]:
    """The same category at the same handling office two or more times in the period, most first.

    Complaints only; duplicates count (the same problem reported again is what this is looking for).
    Grouped by ids (names would make the database group by text); the top rows' names are read after.
    """
    top = list(in_period(tickets, period).filter(kind=Kind.COMPLAINT, category__isnull=False)
               .values_list("category_id", "office_id").annotate(count=Count(ROWS)).filter(count__gte=2)
               .order_by("-count", "category_id", "office_id")[:limit])
    categories = dict(Category.objects.filter(pk__in={c for c, _o, _n in top}).values_list("pk", "name"))
    offices = dict(Office.objects.filter(pk__in={o for _c, o, _n in top}).values_list("pk", "name"))
    return [Frequent(categories[c], offices[o], count) for c, o, count in top]


@dataclass(frozen=True)
class Repeated:
    """Complainants with two or more complaints in the period: how many people, their complaints, the most."""

    complainants: int = 0
    complaints: int = 0
    most: int = 0


def repeated_complainants(tickets: QuerySet[Ticket], *, period: Period) -> Repeated:
    """Counts only, never identities: people (`complainant_key`) with ≥ 2 complaints in the period."""
    per_person = (in_period(tickets, period).filter(kind=Kind.COMPLAINT).exclude(complainant_key="")
                  .values("complainant_key").annotate(n=Count(ROWS)).filter(n__gte=2))
    row = per_person.aggregate(complainants=Count("complainant_key"), complaints=Sum("n"), most=Max("n"))
    return Repeated(row["complainants"] or 0, row["complaints"] or 0, row["most"] or 0)


# ---------------------------------------------------------------------------------------------
# The year's results as the reports print them (the annual report's section and the ITA report)


@dataclass(frozen=True)
class Results:
    """What the complaint-results reports print for a period: volume by kind and by channel, handled and pending, the
    KPI. Handled and pending split every ticket received: pending is still open (`OPEN_STATUSES`), handled is answered,
    closed (duplicates too) or rejected, so handled + pending = received."""

    period: Period
    counts: Counts
    channels: list[Share]
    pending: int

    @property
    def handled(self) -> int:
        return self.counts.received - self.pending

    @property
    def handled_share(self) -> Ratio:
        return Ratio(self.handled, self.counts.received)

    @property
    def pending_share(self) -> Ratio:
        return Ratio(self.pending, self.counts.received)

    @property
    def kinds(self) -> list[Share]:
        return self.counts.kinds()


def results(tickets: QuerySet[Ticket], *, period: Period, today: date) -> Results:
    """The `Counts` of the period with the pending tickets in the same aggregate, and the volume by channel: two
    queries whatever the number of tickets."""
    row = in_period(tickets, period).aggregate(**_count_aggregates(today=today),
                                               n_pending=Count(ROWS, filter=Q(status__in=OPEN_STATUSES)))
    return Results(period, _counts(row), volume_by_channel(tickets, period=period), row["n_pending"])


# ---------------------------------------------------------------------------------------------
# The dashboard: every figure for one office, year and (optionally) quarter


@dataclass(frozen=True)
class Dashboard:
    """Every figure of the CS3 dashboard for one office, fiscal year and (optionally) quarter."""

    period: Period
    office: Office | None
    today: date
    quarters: list[tuple[FiscalQuarter, Counts]]
    totals: Counts
    offices: list[OfficeCounts]
    channels: list[Share]
    categories: list[Share]
    days: AnswerDays
    ageing: list[Share]
    frequent: list[Frequent]
    repeated: Repeated
    kinds: list[Share] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "kinds", self.totals.kinds())

    @property
    def year(self) -> Counts:
        """The whole fiscal year (the sum of its quarters), whichever quarter is chosen."""
        return sum((counts for _q, counts in self.quarters), Counts())

    @property
    def backlog(self) -> int:
        return sum(bucket.count for bucket in self.ageing)

    @property
    def overdue(self) -> int:
        return sum(bucket.count for bucket in self.ageing if bucket.key in LATE_BUCKETS)

    def chart_data(self) -> dict:
        """Plain numbers and labels for the charts (embedded with json_script)."""
        def num(value):
            return float(value) if value is not None else None

        return {
            "quarters": [{"label": f"ไตรมาส {q.quarter}", "percent": num(c.kpi.percent), "on_time": c.on_time,
                          "counted": c.counted, "selected": q.quarter == self.period.quarter}
                         for q, c in self.quarters],
            "kinds": [{"label": s.label, "count": s.count} for s in self.kinds],
            "channels": [{"label": s.label, "count": s.count} for s in self.channels],
            "ageing": [{"key": s.key, "label": s.label, "count": s.count} for s in self.ageing],
        }


def dashboard(tickets: QuerySet[Ticket], *, office: Office | None, fiscal_year: int, quarter: int | None,
              today: date) -> Dashboard:
    """Every dashboard figure. `tickets` is the reader's scope; `office` narrows it to a subtree.

    A fixed number of queries whatever the number of tickets. The period's totals are the sum of its
    quarters' grouped rows (or the chosen quarter's row), so the year's figures agree with the quarter table.
    """
    period = fiscal_period(fiscal_year, quarter)
    subtree = under_office(tickets, office)
    quarters = by_quarter(subtree, fiscal_year=fiscal_year, today=today)
    return Dashboard(
        period=period, office=office, today=today, quarters=quarters,
        totals=sum((counts for q, counts in quarters if quarter in (None, q.quarter)), Counts()),
        offices=by_office(tickets, office=office, period=period, today=today),
        channels=volume_by_channel(subtree, period=period),
        categories=volume_by_category(subtree, period=period),
        days=answer_days(subtree, period=period, today=today),
        ageing=backlog_ageing(subtree, today=today),
        frequent=frequent_complaints(subtree, period=period),
        repeated=repeated_complainants(subtree, period=period),
    )


# ---------------------------------------------------------------------------------------------
# What CS2 reads: tickets received through each channel, by fiscal year


def received_by_channel(*, office: Office, fiscal_years: list[int]) -> dict[tuple[int, int], int]:
    """{(channel id, fiscal year): tickets received} of an office's subtree (the handling office, as every CS3 figure)
    in each fiscal year: every ticket received, like `volume_by_channel`. One GROUP BY channel with a filtered COUNT
    per year; the CS2 statistics table shows it beside the keyed counts (`channels.usage`)."""
    bounds = {year: fiscal_year_bounds(year) for year in fiscal_years}
    period = Q()
    for start, end in bounds.values():
        period |= Q(received_on__gte=start, received_on__lte=end)
    counts = {f"y{year}": Count(ROWS, filter=Q(received_on__gte=start, received_on__lte=end))
              for year, (start, end) in bounds.items()}
    rows = _plain(office_tickets(office=office)).filter(period).values("channel_id").annotate(**counts)
    return {(row["channel_id"], year): row[f"y{year}"] for row in rows for year in fiscal_years if row[f"y{year}"]}
