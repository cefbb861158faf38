"""Reading the PMQA 4.0 self-assessment and building the 7.2 result tables from the plans' indicators.

Every function takes an office the caller has already checked the reader may see (the pages through
`core.offices.pickers.office_and_year`, the API through `ScopedOfficeField`), or scopes by the reader itself. A
fixed number of queries whatever the data: the tables read the indicators of three years in one query.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, QuerySet
from django.urls import reverse

from core.offices.models import Office
from core.offices.scoping import offices_under, scope
from core.plans.choices import Metric
from core.plans.models import ActionPlan, Evidence, Indicator
from core.plans.scoring import score, success_percent

from .choices import NO_TABLE, REGISTER_URLS, LinkKind, Status
from .items import ITEMS, RESULT_TABLES, YEARS_SHOWN, Item, section_of
from .models import Answer, Assessment, EvidenceLink, TableChoice

# --- The self-assessment ----------------------------------------------------------------------------------------------


def assessment_get(*, office: Office, fiscal_year: int) -> Assessment | None:
    """The office's assessment of the year with its answers and their links (three queries), or None."""
    links = EvidenceLink.objects.select_related("plan__office", "evidence__plan").order_by("kind", "pk")
    return (Assessment.objects.filter(office=office, fiscal_year=fiscal_year)
            .prefetch_related(Prefetch("answers", queryset=Answer.objects.prefetch_related(
                Prefetch("links", queryset=links))))
            .first())


@dataclass
class LinkView:
    """An evidence link as a reader sees it: its kind, a label and where it opens."""

    kind: str
    kind_label: str
    label: str
    url: str
    plan_id: int | None = None
    evidence_id: int | None = None
    register: str = ""


def link_view(link: EvidenceLink, *, office: Office, fiscal_year: int) -> LinkView:
    kind_label = str(LinkKind(link.kind).label)
    if link.kind == LinkKind.PLAN:
        plan = link.plan
        return LinkView(link.kind, kind_label, f"{plan.cs_code} {plan.title} ({plan.office.name} ปีงบประมาณ "
                        f"{plan.fiscal_year})", plan.get_absolute_url(), plan_id=plan.pk)
    if link.kind == LinkKind.FILE:
        evidence = link.evidence
        return LinkView(link.kind, kind_label, f"{evidence.title} (CS{evidence.plan.cs} ปีงบประมาณ "
                        f"{evidence.plan.fiscal_year})", evidence.get_absolute_url(), evidence_id=evidence.pk)
    return LinkView(link.kind, kind_label, link.get_register_display(),
                    register_url(link.register, office=office, fiscal_year=fiscal_year), register=link.register)


def register_url(register: str, *, office: Office, fiscal_year: int) -> str:
    name, by_office = REGISTER_URLS[register]
    url = reverse(name)
    return f"{url}?office={office.code}&fiscal_year={fiscal_year}" if by_office else url


@dataclass
class ItemRow:
    """One item of the form: its wording (seed 003), its answer, its links, and what the data says about it."""

    item: Item
    section_code: str
    section_title: str
    status: str
    status_label: str
    details: str
    links: list[LinkView]
    facts: list = field(default_factory=list)
    answered: bool = False


def item_rows(*, office: Office, fiscal_year: int, assessment: Assessment | None,
              facts: dict[str, list] | None = None) -> list[ItemRow]:
    """Every item 3.1.1–3.4.5 in the form's order, answered or not (an item not answered yet is not started)."""
    answers = {a.item: a for a in assessment.answers.all()} if assessment else {}
    rows = []
    for item in ITEMS:
        answer = answers.get(item.code)
        section = section_of(item)
        status = answer.status if answer else Status.NOT_STARTED
        rows.append(ItemRow(
            item=item, section_code=section.code, section_title=section.title, status=status,
            status_label=str(Status(status).label), details=answer.details if answer else "",
            links=[link_view(link, office=office, fiscal_year=fiscal_year) for link in answer.links.all()]
            if answer else [],
            facts=(facts or {}).get(item.code, []), answered=answer is not None))
    return rows


def plans_to_cite(*, user, office: Office, fiscal_year: int) -> QuerySet[ActionPlan]:
    """The plans an answer may cite: the office's subtree's, of the year and the year before, that the user sees."""
    return (scope(ActionPlan.objects.filter(office__in=offices_under(office).values("pk"),
                                            fiscal_year__in=[fiscal_year - 1, fiscal_year]), user)
            .select_related("office").order_by("-fiscal_year", "office__path", "cs"))


def evidence_to_cite(*, user, office: Office, fiscal_year: int) -> QuerySet[Evidence]:
    """The plan evidence files an answer may cite: those of `plans_to_cite`."""
    plans = plans_to_cite(user=user, office=office, fiscal_year=fiscal_year)
    return (Evidence.objects.filter(plan__in=plans.values("pk")).select_related("plan__office")
            .order_by("-plan__fiscal_year", "plan__cs", "title", "pk"))


# --- The 7.2 result tables --------------------------------------------------------------------------------------------

# Where an indicator goes when the committee has not chosen: by its code (seed 000's RM 3.x), else by its metric.
DEFAULT_TABLE_BY_CODE = {"RM3.1": 1, "RM3.2": 1, "RM3.3": 2, "RM3.4": 2, "RM3.5": 4}
DEFAULT_TABLE_BY_METRIC = {
    Metric.RM31_MEAN: 1, Metric.RM31_TOP2: 1, Metric.RM32_BOTTOM2: 1, Metric.RM32_REPORTED: 1,
    Metric.RM33_MEAN: 2, Metric.RM33_TOP2: 2, Metric.RM34: 2,
    Metric.RM35: 4,
    Metric.CS3_ANSWERED_ON_TIME: 5,
}


def _normal_code(code: str) -> str:
    return "".join(code.split()).upper()


def default_table(indicator: Indicator) -> int:
    """The 7.2 table an indicator goes in unless the committee chooses otherwise: satisfaction (RM 3.1, RM 3.2) → 1,
    engagement and cooperation (RM 3.3, RM 3.4) → 2, the service standard (RM 3.5) → 4, the CS3 KPI → 5; the rest
    in none (the committee places them)."""
    by_code = DEFAULT_TABLE_BY_CODE.get(_normal_code(indicator.code))
    if by_code:
        return by_code
    return DEFAULT_TABLE_BY_METRIC.get(indicator.metric, NO_TABLE)


def indicator_key(indicator: Indicator) -> str:
    """What ties an indicator to itself in other years: its code, or its name when it has no code (a plan copied
    to the next year keeps both)."""
    return _normal_code(indicator.code) or " ".join(indicator.name.split())


@dataclass
class ResultRow:
    """One row of a 7.2 table: the indicator of the latest year, its target, results of three years, % success and
    score of the latest (core.plans.scoring)."""

    indicator_id: int
    code: str
    name: str
    unit: str
    direction: str
    cs: int
    target: Decimal | None
    results: dict[int, Decimal | None]
    success_percent: Decimal | None
    score: Decimal | None
    table: int
    chosen: bool  # the committee's choice, not the default

    @property
    def label(self) -> str:
        return f"{self.code} {self.name}".strip()


@dataclass
class TableView:
    number: int
    title: str
    description: str
    rows: list[ResultRow]


def result_years(fiscal_year: int) -> list[int]:
    return list(range(fiscal_year - YEARS_SHOWN + 1, fiscal_year + 1))


def result_rows(*, office: Office, fiscal_year: int) -> list[ResultRow]:
    """Every indicator of the office's plans of the year, with its results over three years and its table: two
    queries (the indicators of the three years, the committee's choices)."""
    years = result_years(fiscal_year)
    indicators = list(Indicator.objects.filter(plan__office=office, plan__fiscal_year__in=years)
                      .select_related("plan").order_by("plan__cs", "order", "pk"))
    chosen = dict(TableChoice.objects.filter(assessment__office=office, assessment__fiscal_year=fiscal_year)
                  .values_list("indicator_id", "table"))
    earlier: dict[tuple[int, str], Decimal | None] = {}
    for indicator in indicators:
        if indicator.plan.fiscal_year != fiscal_year:
            earlier.setdefault((indicator.plan.fiscal_year, indicator_key(indicator)), indicator.result)
    rows = []
    for indicator in indicators:
        if indicator.plan.fiscal_year != fiscal_year:
            continue
        key = indicator_key(indicator)
        results = {year: earlier.get((year, key)) for year in years[:-1]}
        results[fiscal_year] = indicator.result
        rows.append(ResultRow(
            indicator_id=indicator.pk, code=indicator.code, name=indicator.name, unit=indicator.unit,
            direction=indicator.direction, cs=indicator.plan.cs, target=indicator.target, results=results,
            success_percent=success_percent(indicator.result, indicator.target, indicator.direction),
            score=score(indicator.result, indicator.ladder),
            table=chosen.get(indicator.pk, default_table(indicator)), chosen=indicator.pk in chosen))
    return rows


def result_tables(*, office: Office, fiscal_year: int, rows: list[ResultRow] | None = None) -> list[TableView]:
    """The five 7.2 tables, each with the rows placed in it (a table may be empty)."""
    rows = result_rows(office=office, fiscal_year=fiscal_year) if rows is None else rows
    placed = defaultdict(list)
    for row in rows:
        placed[row.table].append(row)
    return [TableView(t.number, t.title, t.description, placed[t.number]) for t in RESULT_TABLES]
