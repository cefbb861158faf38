"""The executive dashboard's figures (ภาพรวมผู้บริหาร): one office subtree and one fiscal quarter, every process
read through its own selectors and kept counts, as plain values.

`quarter_figures` counts them now: what the quarterly executive summary freezes (reports.quarterly) and what the
dashboard keeps. `kept_quarter_figures` is what the page reads: the same dict kept in the cache (`core.kept`) with a
data version that combines the processes' versions, recounted in the background when a department's quarter is too
large to count while a reader waits.

Plain values only — numbers as strings (Decimals, exact) or ints, dates ISO — so that the dict can be kept, frozen
as JSON and rendered to a PDF, and never a person: no complainant, respondent or network member.

The blocks:
- `indicators`: every plan indicator of the subtree and year with its stored result (the value the plan pages and
  the scoreboard show: typed by hand, or computed by `reports.indicators.indicators_refresh`), ร้อยละความสำเร็จ and
  score from `core.plans.scoring`, the one home of both formulas;
- `complaints`: the quarter, the quarter before it and the same quarter a year earlier (`complaints.kpi`);
- `priorities`: the tickets executives ranked for the quarter and what has been done about each;
- `satisfaction` (RM 3.1, RM 3.2 of the year so far, forms received per quarter), `participation` (CS5, RM 3.4),
  `networks` (CS4 activities, RM 3.3), `service_standards` (RM 3.5 from CS7's kept counts);
- `late_steps`: plan steps of the year whose planned end month has passed and which are neither done nor cancelled.
"""
from datetime import date

from django.db.models import Count, Max

from complaints import dashboard_cache as complaints_cache
from complaints import kpi
from complaints import selectors as complaints
from core.fiscal import fiscal_quarter
from core.kept import KeptFigures
from core.offices.models import Office
from core.offices.scoping import offices_under
from core.plans.choices import StepStatus
from core.plans.figures import percent
from core.plans.models import ActionPlan, Indicator, Step, StepPeriod
from core.plans.scoring import score, success_percent
from core.plans.selectors import steps_late
from core.queueing import enqueue
from networks import selectors as networks
from participation import selectors as participation
from satisfaction import selectors as surveys
from service_standards import dashboard as cs7

LATE_STEPS_SHOWN = 50
PRIORITIES_SHOWN = 100


def _text(value) -> str | None:
    """A Decimal as exact text ("66.67"), None as None."""
    return None if value is None else str(value)


def _figure(figure) -> dict:
    return {"value": _text(figure.value), "numerator": figure.numerator, "denominator": figure.denominator}


def _quarter_before(fiscal_year: int, quarter: int) -> tuple[int, int]:
    return (fiscal_year, quarter - 1) if quarter > 1 else (fiscal_year - 1, 4)


def _period(fiscal_year: int, quarter: int) -> dict:
    q = fiscal_quarter(fiscal_year, quarter)
    return {"fiscal_year": fiscal_year, "quarter": quarter, "label": q.label, "start": q.start.isoformat(),
            "end": q.end.isoformat()}


# --- The blocks -----------------------------------------------------------------------------------------------------

def indicators(*, office: Office, fiscal_year: int) -> list[dict]:
    """Every indicator of the subtree's plans of the year, by office, CS and order: one query."""
    rows = (Indicator.objects
            .filter(plan__office__in=offices_under(office).values("pk"), plan__fiscal_year=fiscal_year)
            .select_related("plan__office").order_by("plan__office__path", "plan__cs", "order", "pk"))
    out = []
    for indicator in rows:
        result = indicator.result
        out.append({
            "plan_id": indicator.plan_id, "cs": indicator.plan.cs, "office_code": indicator.plan.office.code,
            "office": indicator.plan.office.name, "code": indicator.code, "name": indicator.name,
            "unit": indicator.unit, "metric": indicator.metric, "source": indicator.source,
            "value": _text(result), "target": _text(indicator.target), "direction": indicator.direction,
            "success_percent": _text(success_percent(result, indicator.target, indicator.direction)),
            "score": _text(score(result, indicator.ladder)),
            "ladder": [_text(level) for level in indicator.ladder],
        })
    return out


def _counts(counts: kpi.Counts, fiscal_year: int, quarter: int) -> dict:
    return {**_period(fiscal_year, quarter), "received": counts.received, "complaints": counts.complaint,
            "on_time": counts.on_time, "counted": counts.counted, "late": counts.late,
            "on_time_percent": _text(counts.kpi.percent)}


def complaints_block(*, office: Office, fiscal_year: int, quarter: int, today: date) -> dict:
    """The CS3 KPI (% of complaints answered within the deadline: 15 working days unless a category's rule says
    otherwise) and the volume of the quarter, the quarter before and the same quarter a year earlier, and of this
    year's four quarters for the chart: two grouped queries (`complaints.kpi.by_quarter`, this year and last)."""
    tickets = kpi.office_tickets(office=office)
    years = {year: dict((q.quarter, counts) for q, counts in kpi.by_quarter(tickets, fiscal_year=year, today=today))
             for year in (fiscal_year, fiscal_year - 1)}
    before = _quarter_before(fiscal_year, quarter)
    year_total = sum(years[fiscal_year].values(), kpi.Counts())
    return {
        "quarter": _counts(years[fiscal_year][quarter], fiscal_year, quarter),
        "previous_quarter": _counts(years[before[0]][before[1]], *before),
        "same_quarter_last_year": _counts(years[fiscal_year - 1][quarter], fiscal_year - 1, quarter),
        "year": {"fiscal_year": fiscal_year, "received": year_total.received, "on_time": year_total.on_time,
                 "counted": year_total.counted, "on_time_percent": _text(year_total.kpi.percent)},
        "quarters": [_counts(years[fiscal_year][q], fiscal_year, q) for q in (1, 2, 3, 4)],
    }


def priorities_block(*, office: Office, fiscal_year: int, quarter: int) -> dict:
    total, rows = complaints.ranked_in_quarter(office=office, fiscal_year=fiscal_year, quarter=quarter,
                                               limit=PRIORITIES_SHOWN)
    by_priority = {}
    for row in rows:
        by_priority[row["priority"]] = by_priority.get(row["priority"], 0) + 1
    return {"total": total, "by_priority": by_priority, "tickets": rows}


def satisfaction_block(*, office: Office, fiscal_year: int, quarter: int) -> dict:
    """RM 3.1 (both methods) and RM 3.2 (both) of the year so far, and the forms received each quarter."""
    responses = surveys.responses_by_quarter(office=office, fiscal_year=fiscal_year)
    return {
        "rm31_mean": _figure(surveys.rm31_mean_figure(office=office, fiscal_year=fiscal_year)),
        "rm31_top2": _figure(surveys.rm31_top2_figure(office=office, fiscal_year=fiscal_year)),
        "rm32_bottom2": _figure(surveys.rm32_bottom2_figure(office=office, fiscal_year=fiscal_year)),
        "rm32_reported": _figure(surveys.rm32_reported_figure(office=office, fiscal_year=fiscal_year)),
        "responses_quarter": responses[quarter], "responses_year": sum(responses.values()),
        "responses_by_quarter": [responses[q] for q in (1, 2, 3, 4)],
    }


def participation_block(*, office: Office, fiscal_year: int, quarter: int, today: date) -> dict:
    q = fiscal_quarter(fiscal_year, quarter)
    return {"rm34": _figure(participation.rm34_figure(office=office, fiscal_year=fiscal_year, today=today)),
            **participation.quarter_counts(office=office, fiscal_year=fiscal_year, start=q.start, end=q.end,
                                           today=today)}


def networks_block(*, office: Office, fiscal_year: int, quarter: int) -> dict:
    quarters = networks.activities_by_quarter(office=office, fiscal_year=fiscal_year)
    return {"rm33_mean": _figure(networks.rm33_mean_figure(office=office, fiscal_year=fiscal_year)),
            "rm33_top2": _figure(networks.rm33_top2_figure(office=office, fiscal_year=fiscal_year)),
            "quarter": quarters[quarter - 1], "quarters": quarters}


def service_standards_block(*, office: Office, fiscal_year: int, quarter: int, today: date) -> dict:
    """RM 3.5 of the quarter (by quarter of completion) and of the year so far, with the records still open and
    overdue: from CS7's kept counts (`service_standards.dashboard`)."""
    counts = cs7.kept_counts(office=office, fiscal_year=fiscal_year, today=today).value
    quarters = counts["quarters"]

    def share(met_total):
        met, total = met_total
        return {"value": _text(percent(met, total)), "numerator": met, "denominator": total}

    year = (sum(m for m, _t in quarters.values()), sum(t for _m, t in quarters.values()))
    return {"quarter": share(quarters.get(quarter, (0, 0))), "year": share(year),
            "quarters": [share(quarters.get(q, (0, 0))) for q in (1, 2, 3, 4)],
            "open": sum(row["open"] for row in counts["branches"].values()),
            "overdue": sum(row["overdue"] for row in counts["branches"].values())}


def late_steps(*, office: Office, fiscal_year: int, today: date) -> dict:
    """Steps of the subtree's plans of the year that are late on `today` by the plans' one rule
    (`core.plans.selectors.steps_late`: every planned period ended, or fewer done than the periods ended), the
    longest late first: how many, and the first LATE_STEPS_SHOWN, and how many of each CS. Two queries."""
    late = steps_late(Step.objects.filter(plan__office__in=offices_under(office).values("pk"),
                                          plan__fiscal_year=fiscal_year), today=today)
    # Read again by id: the rule's counts are grouped per step, and a count per CS must not group within them.
    steps = Step.objects.filter(pk__in=late.values("pk"))
    statuses = dict(StepStatus.choices)
    rows = (steps.select_related("plan__office").order_by("planned_end", "plan__office__path", "plan__cs", "order")
            [:LATE_STEPS_SHOWN])
    by_cs = dict(steps.order_by().values_list("plan__cs").annotate(n=Count("pk")))
    shown = [{
        "plan_id": step.plan_id, "cs": step.plan.cs, "plan": step.plan.title, "office_code": step.plan.office.code,
        "office": step.plan.office.name, "order": step.order, "step": step.activity,
        "planned_end": step.planned_end.isoformat(), "owner": step.owner, "status": step.status,
        "status_label": str(statuses.get(step.status, "")), "progress": step.progress,
    } for step in rows]
    return {"total": sum(by_cs.values()), "by_cs": [{"cs": cs, "count": by_cs.get(cs, 0)} for cs in range(1, 8)],
            "steps": shown}


# --- The whole dict -------------------------------------------------------------------------------------------------

def quarter_figures(*, office: Office, fiscal_year: int, quarter: int, today: date) -> dict:
    """Every figure of the executive dashboard for `office`'s subtree and fiscal quarter (1 = Oct–Dec), counted now.

    The caller offers only offices within the reader's scope. A fixed number of queries whatever the data."""
    return {
        "office": {"code": office.code, "name": office.name},
        "period": _period(fiscal_year, quarter), "today": today.isoformat(),
        "indicators": indicators(office=office, fiscal_year=fiscal_year),
        "complaints": complaints_block(office=office, fiscal_year=fiscal_year, quarter=quarter, today=today),
        "priorities": priorities_block(office=office, fiscal_year=fiscal_year, quarter=quarter),
        "satisfaction": satisfaction_block(office=office, fiscal_year=fiscal_year, quarter=quarter),
        "participation": participation_block(office=office, fiscal_year=fiscal_year, quarter=quarter, today=today),
        "networks": networks_block(office=office, fiscal_year=fiscal_year, quarter=quarter),
        "service_standards": service_standards_block(office=office, fiscal_year=fiscal_year, quarter=quarter,
                                                     today=today),
        "late_steps": late_steps(office=office, fiscal_year=fiscal_year, today=today),
    }


# --- Kept (core.kept) -----------------------------------------------------------------------------------------------

def data_version() -> tuple:
    """Moves on when any process's data the dashboard reads changes: the processes' own versions (tickets' timeline,
    survey forms, service records, CS4 activities, CS5 projects) and the plans' (their history, and the computed
    results stored by `indicators_refresh`). Cheap reads: newest ids and a few small tables' maxima."""
    return (complaints_cache.data_version(), surveys.responses_version(), cs7.data_version(),
            networks.activities_version(), participation.projects_version(),
            ActionPlan.history.aggregate(last=Max("history_id"))["last"] or 0,
            Indicator.history.aggregate(last=Max("history_id"))["last"] or 0,
            Step.history.aggregate(last=Max("history_id"))["last"] or 0,
            StepPeriod.history.aggregate(last=Max("history_id"))["last"] or 0,
            # Plans are created with their indicators and steps in bulk (no history): their newest ids too.
            Indicator.objects.aggregate(last=Max("pk"), computed=Max("computed_at")),
            Step.objects.aggregate(last=Max("pk"))["last"] or 0)


def _queue_recount(*, office_id: int, fiscal_year: int, quarter: int, day: date) -> None:
    from .tasks import recount_executive  # here, not at the top: the task module imports this one

    enqueue(recount_executive, office_id, fiscal_year, quarter, day.isoformat())


# One entry per office subtree, fiscal year and quarter; figures of a day (late steps, overdue complaints).
KEPT = KeptFigures("executive-dashboard:v1", version=data_version, queue=_queue_recount)


def _counter(office: Office, fiscal_year: int, quarter: int, today: date):
    return lambda: quarter_figures(office=office, fiscal_year=fiscal_year, quarter=quarter, today=today)


def kept_quarter_figures(*, office: Office, fiscal_year: int, quarter: int, today: date):
    """The figures to show now (`core.kept.Kept`: value, counted_at, stale)."""
    return KEPT.get({"office_id": office.pk, "fiscal_year": fiscal_year, "quarter": quarter},
                    count=_counter(office, fiscal_year, quarter, today), day=today)


def executive_recount(*, office_id: int, fiscal_year: int, quarter: int, today: date) -> None:
    """The background recount (`reports.tasks.recount_executive`)."""
    office = Office.objects.filter(pk=office_id).first()
    if office is not None:  # an office removed is never chosen again
        KEPT.recount({"office_id": office_id, "fiscal_year": fiscal_year, "quarter": quarter},
                     count=_counter(office, fiscal_year, quarter, today), day=today)

