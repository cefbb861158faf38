"""What the CS3 printed reports show, gathered (the templates under complaints/templates/complaints/pdf/ format it).

- the complaint results of a period (the annual report's section and the ITA report): `complaints.kpi.results`
  with the improvements made (`ImprovementAnalysis`);
- the follow-up quality plan and the improvement analysis of an office's subtree and year (seed 001 slides 13, 14);
- the register as rows with their SLA status (the register's PDF and the evidence pack's register).

Every figure is counted in `complaints.kpi`; nothing here counts a second time. A bounded number of queries each.
"""
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from core.fiscal import fiscal_year_bounds
from core.offices.models import Office
from core.offices.scoping import offices_under

from . import kpi
from .choices import ItaPeriod, SlaStatus
from .models import FollowUpPlan, ImprovementAnalysis, Ticket
from .selectors import with_sla

# WeasyPrint lays out about 30 register rows a second (measured: 1,000 rows in 34 s on the shared 2-CPU box), so a
# longer register would outlast the web worker's 120 s timeout: past this the reader is asked to narrow the filters
# (or take the XLSX), and the evidence pack's register prints the first rows with a note of how many there are.
REGISTER_CAP = 1000
SLA_LABELS = dict(SlaStatus.choices)


def _subtree(office: Office):
    return offices_under(office).values("pk")


def improvements(*, office: Office, fiscal_year: int) -> list[ImprovementAnalysis]:
    """The improvement-analysis rows (seed 001 slide 14) of an office's subtree and year, office by office."""
    return list(ImprovementAnalysis.objects.filter(office__in=_subtree(office), fiscal_year=fiscal_year)
                .select_related("office").order_by("office__path", "id"))


def follow_up_plans(*, office: Office, fiscal_year: int) -> list[FollowUpPlan]:
    """The follow-up quality plan rows (seed 001 slide 13) of an office's subtree and year, office by office."""
    return list(FollowUpPlan.objects.filter(office__in=_subtree(office), fiscal_year=fiscal_year)
                .select_related("office").order_by("office__path", "id"))


def _many_offices(rows) -> bool:
    """The rows come from more than one office: the table names the office of each."""
    return len({row.office_id for row in rows}) > 1


def follow_up_context(*, office: Office, fiscal_year: int) -> dict:
    plans = follow_up_plans(office=office, fiscal_year=fiscal_year)
    return {"office": office, "fiscal_year": fiscal_year, "plans": plans, "many_offices": _many_offices(plans)}


def analysis_context(*, office: Office, fiscal_year: int) -> dict:
    analyses = improvements(office=office, fiscal_year=fiscal_year)
    return {"office": office, "fiscal_year": fiscal_year, "analyses": analyses,
            "many_offices": _many_offices(analyses)}


def results_context(*, office: Office, period: kpi.Period, today: date) -> dict:
    """The complaint results of an office's subtree (every ticket, no reader: the report describes the office) over a
    period, with the improvements of its fiscal year. Three queries."""
    analyses = improvements(office=office, fiscal_year=period.fiscal_year)
    return {"office": office, "period": period, "today": today,
            "results": kpi.results(kpi.office_tickets(office=office), period=period, today=today),
            "improvements": analyses, "many_offices": _many_offices(analyses)}


def ita_period(*, fiscal_year: int, period: str) -> kpi.Period:
    """The span an ITA report covers: the first half-year (ต.ค.–มี.ค.) or the whole fiscal year."""
    if period == ItaPeriod.HALF:
        return kpi.half_year_period(fiscal_year)
    return kpi.fiscal_period(fiscal_year)


def ita_context(*, office: Office, fiscal_year: int, period: str, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    span = ita_period(fiscal_year=fiscal_year, period=period)
    return {**results_context(office=office, period=span, today=today), "fiscal_year": fiscal_year,
            "ita_period": period, "ita_period_label": ItaPeriod(period).label}


def register_rows(tickets: QuerySet[Ticket], *, today: date, limit: int | None = None) -> list[Ticket]:
    """The first `limit` (default `REGISTER_CAP`) tickets of a register, with what its printed columns read and `sla`
    (a `SlaStatus`) and `sla_label` per row. One query."""
    rows = list(with_sla(tickets, today=today).select_related("office", "channel", "category")
                [:limit or REGISTER_CAP])
    for row in rows:
        row.sla_label = SLA_LABELS[row.sla]
    return rows


def year_register(*, office: Office, fiscal_year: int, today: date) -> tuple[list[Ticket], int]:
    """The tickets of an office's subtree received in a fiscal year, oldest first (the first `REGISTER_CAP`), and how
    many there are. Two queries."""
    start, end = fiscal_year_bounds(fiscal_year)
    tickets = (kpi.office_tickets(office=office).filter(received_on__range=(start, end))
               .order_by("received_on", "id"))
    return register_rows(tickets, today=today), tickets.count()
