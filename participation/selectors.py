"""Reading the CS5 registers, always through the user's scope (the public page through what an office published),
and RM 3.4.

Every figure is counted by the database: a project's measures, how many reached their target and how many channels
inform its people are subqueries on the project row, so a list costs the same queries for 2 projects or 2,000.
"""
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.fiscal import fiscal_year_bounds
from core.offices.models import Office
from core.offices.scoping import get_scoped_or_404, offices_under, scope
from core.plans.figures import Figure
from core.plans.scoring import target_reached_q

from .choices import Level
from .models import GovernorReport, NextStep, OutcomeMeasure, ParticipationProject

# Seed 001 (CS5 Deployment): the office's information channels are varied and reach the target groups through
# at least three channels. A project with fewer is pointed out, never refused.
INFO_CHANNELS_MIN = 3


class Status:
    """Where a project stands today, from its dates (the one rule the list, its filter and the API read)."""

    PLANNED, RUNNING, ENDED = "planned", "running", "ended"
    LABELS = {PLANNED: "ยังไม่เริ่ม", RUNNING: "กำลังดำเนินการ", ENDED: "สิ้นสุดแล้ว"}
    CHOICES = list(LABELS.items())


def ended_q(today: date, prefix: str = "") -> Q:
    """The project has ended by `today`: its end date is set and not after today. A project without an end date,
    or ending later, is still running and counts in no RM 3.4 yet."""
    return Q(**{f"{prefix}ended_on__isnull": False, f"{prefix}ended_on__lte": today})


def status_q(status: str, today: date) -> Q:
    if status == Status.PLANNED:
        return Q(started_on__gt=today)
    if status == Status.ENDED:
        return ended_q(today)
    return Q(started_on__lte=today) & ~ended_q(today)


# --- Measures and what a project reached --------------------------------------------------------------------------

def measures_with_verdict(queryset: QuerySet[OutcomeMeasure] | None = None) -> QuerySet[OutcomeMeasure]:
    """Measures, each with `reached`: the result reached its target (core.plans.scoring.target_reached_q)."""
    queryset = OutcomeMeasure.objects.all() if queryset is None else queryset
    return queryset.annotate(reached=ExpressionWrapper(target_reached_q(), output_field=BooleanField()))


def with_verdicts(projects: QuerySet[ParticipationProject], today: date | None = None) -> QuerySet:
    """Projects with, counted in the database: `measure_count`, `reached_count` (measures at their target),
    `all_reached` (at least one measure and every one reached), `info_channel_count`, `few_info_channels` (fewer
    than INFO_CHANNELS_MIN) and `status` (planned, running, ended as of `today`)."""
    today = today or timezone.localdate()
    own = OutcomeMeasure.objects.filter(project=OuterRef("pk"))
    info = ParticipationProject.info_channels.through.objects.filter(participationproject=OuterRef("pk"))
    return projects.annotate(
        measure_count=_subcount(own, "project"),
        reached_count=_subcount(own.filter(target_reached_q()), "project"),
        has_measures=Exists(own),
        has_unreached=Exists(own.exclude(target_reached_q())),
        info_channel_count=_subcount(info, "participationproject"),
    ).annotate(
        all_reached=ExpressionWrapper(Q(has_measures=True, has_unreached=False), output_field=BooleanField()),
        few_info_channels=ExpressionWrapper(Q(info_channel_count__lt=INFO_CHANNELS_MIN), output_field=BooleanField()),
        status=Case(When(status_q(Status.PLANNED, today), then=Value(Status.PLANNED)),
                    When(status_q(Status.ENDED, today), then=Value(Status.ENDED)),
                    default=Value(Status.RUNNING), output_field=CharField()),
    )


def _subcount(rows: QuerySet, by: str) -> Coalesce:
    """COUNT(*) of `rows` (filtered on the outer row's key through OuterRef in column `by`) as a correlated
    subquery, 0 when none."""
    counted = rows.order_by().values(by).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


# --- Projects -------------------------------------------------------------------------------------------------------

def project_list(*, user, today: date | None = None) -> QuerySet[ParticipationProject]:
    """Every project of the user's subtree, with its verdicts, groups and measures (one query each)."""
    projects = scope(ParticipationProject.objects.all(), user).select_related("office", "mission")
    return with_verdicts(projects, today).prefetch_related("groups")


def project_get(*, user, pk: int, today: date | None = None) -> ParticipationProject:
    projects = with_verdicts(ParticipationProject.objects.select_related("office", "mission"), today)
    return get_scoped_or_404(projects.prefetch_related(
        "groups", "info_channels", "opinion_channels",
        Prefetch("measures", queryset=measures_with_verdict())), user, pk=pk)


def projects_of_year(*, user, office: Office, fiscal_year: int) -> QuerySet[ParticipationProject]:
    """The projects of an office's subtree for a fiscal year, in the order the level matrix prints them."""
    return scope(year_projects(office=office, fiscal_year=fiscal_year), user)


def year_projects(*, office: Office, fiscal_year: int) -> QuerySet[ParticipationProject]:
    """The same rows whoever asks: for the annual report and the evidence pack, whose callers check the reader may
    see `office` (a project carries no personal data)."""
    projects = ParticipationProject.objects.filter(office__in=offices_under(office).values("pk"),
                                                   fiscal_year=fiscal_year)
    return (with_verdicts(projects).select_related("office", "mission")
            .prefetch_related("groups", Prefetch("measures", queryset=measures_with_verdict()))
            .order_by("office__path", "started_on", "pk"))


def level_counts(projects: QuerySet[ParticipationProject]) -> list[tuple[Level, int]]:
    """How many of `projects` stand at each of the five levels, every level listed (GROUP BY in the database)."""
    counts = dict(ParticipationProject.objects.filter(pk__in=projects.values("pk")).order_by()
                  .values_list("level").annotate(n=Count("pk")).values_list("level", "n"))
    return [(level, counts.get(level.value, 0)) for level in Level]


# --- RM 3.4 ---------------------------------------------------------------------------------------------------------

def rm34_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """RM 3.4 ร้อยละความสำเร็จของผลสัมฤทธิ์ของโครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วม, for an office's subtree: projects
    that ended in the fiscal year (by `today`) whose every outcome measure reached its target ÷ projects that ended
    in the fiscal year × 100 (docs/indicators.md, "CS5"). A project without measures, or with a measure still
    without a result, has not reached its targets. No project ended yet: no value."""
    today = today or timezone.localdate()
    start, end = fiscal_year_bounds(fiscal_year)
    own = OutcomeMeasure.objects.filter(project=OuterRef("pk"))
    ended = (ParticipationProject.objects
             .filter(office__in=offices_under(office).values("pk"), ended_on__gte=start, ended_on__lte=end)
             .filter(ended_q(today))
             .annotate(has_measures=Exists(own), has_unreached=Exists(own.exclude(target_reached_q()))))
    counts = ended.aggregate(total=Count("pk"), met=Count("pk", filter=Q(has_measures=True, has_unreached=False)))
    return Figure.share(counts["met"], counts["total"])


# --- The public page ------------------------------------------------------------------------------------------------

def published_projects(*, office: Office) -> QuerySet[ParticipationProject]:
    """What an office chose to publish (its own projects only, never its subtree's or anyone's unpublished ones),
    newest first, with their measures and verdicts. No personal data: no groups' people, no names of staff."""
    projects = ParticipationProject.objects.filter(office=office, is_published=True)
    return (with_verdicts(projects).prefetch_related(Prefetch("measures", queryset=measures_with_verdict()),
                                                     "info_channels", "opinion_channels")
            .order_by("-started_on", "-pk"))


def publishing_offices() -> QuerySet[Office]:
    """The offices with at least one published project (the public index)."""
    published = ParticipationProject.objects.filter(office=OuterRef("pk"), is_published=True)
    return Office.objects.filter(Exists(published)).order_by("path")


# --- Reports to the governor, next steps, the year's summary ---------------------------------------------------------

def governor_reports(*, user, office: Office, fiscal_year: int) -> QuerySet[GovernorReport]:
    return scope(GovernorReport.objects.filter(office=office, fiscal_year=fiscal_year), user)


def governor_report_get(*, user, pk: int) -> GovernorReport:
    return get_scoped_or_404(GovernorReport.objects.select_related("office"), user, pk=pk)


def next_steps(*, user, office: Office, fiscal_year: int) -> QuerySet[NextStep]:
    return (scope(NextStep.objects.filter(office=office, fiscal_year=fiscal_year), user)
            .select_related("project").prefetch_related("groups"))


def next_step_get(*, user, pk: int) -> NextStep:
    return get_scoped_or_404(NextStep.objects.all(), user, pk=pk)


def year_channels(*, office: Office, fiscal_year: int, field: str, subtree: bool = False) -> list:
    """The channels (`info_channels` or `opinion_channels`) the office's own projects of the year used (with
    `subtree`, its whole subtree's, as the annual report counts them), each once."""
    through = getattr(ParticipationProject, field).through
    offices = offices_under(office).values("pk") if subtree else [office.pk]
    used = through.objects.filter(participationproject__office__in=offices,
                                  participationproject__fiscal_year=fiscal_year).values("channel")
    return list(ParticipationProject._meta.get_field(field).related_model.objects.filter(pk__in=used)
                .order_by("order", "code"))


def matrix_context(*, user, office: Office, fiscal_year: int) -> dict:
    """What the level matrix prints (seed 002: กิจกรรม/โครงการ × the five levels), on the page and on paper."""
    projects = projects_of_year(user=user, office=office, fiscal_year=fiscal_year)
    return {"office": office, "fiscal_year": fiscal_year, "projects": list(projects), "levels": list(Level),
            "totals": level_counts(projects),  # the chart's count per level, the same GROUP BY
            "printed_on": timezone.localdate()}


def governor_summary_context(*, user, office: Office, fiscal_year: int) -> dict:
    """Seed 002's section as printed: the office's information channels and opinion channels of the year (from its
    projects), the reports to the governor with their letter numbers, dates and meetings, and the level matrix."""
    info = year_channels(office=office, fiscal_year=fiscal_year, field="info_channels")
    return {**matrix_context(user=user, office=office, fiscal_year=fiscal_year),
            "info_channels": info, "few_info_channels": len(info) < INFO_CHANNELS_MIN,
            "info_channels_min": INFO_CHANNELS_MIN,
            "opinion_channels": year_channels(office=office, fiscal_year=fiscal_year, field="opinion_channels"),
            "reports": list(governor_reports(user=user, office=office, fiscal_year=fiscal_year)),
            "next_steps": list(next_steps(user=user, office=office, fiscal_year=fiscal_year))}


# --- What the executive dashboard reads (reports.executive) ---------------------------------------------------------

def quarter_counts(*, office: Office, fiscal_year: int, start: date, end: date, today: date) -> dict:
    """The projects of an office's subtree for a fiscal year, whoever asks: how many, how many started and ended
    between `start` and `end` (a quarter), how many stand at each level, and how many of those ended by `today`
    reached every outcome target. One aggregate query."""
    own = OutcomeMeasure.objects.filter(project=OuterRef("pk"))
    projects = (ParticipationProject.objects
                .filter(office__in=offices_under(office).values("pk"), fiscal_year=fiscal_year).order_by()
                .annotate(has_measures=Exists(own), has_unreached=Exists(own.exclude(target_reached_q()))))
    ended = ended_q(today)
    row = projects.aggregate(
        total=Count("pk"), started=Count("pk", filter=Q(started_on__range=(start, end))),
        ended=Count("pk", filter=ended & Q(ended_on__range=(start, end))),
        reached=Count("pk", filter=ended & Q(ended_on__range=(start, end), has_measures=True, has_unreached=False)),
        **{f"level_{level.value}": Count("pk", filter=Q(level=level.value)) for level in Level})
    return {"total": row["total"], "started": row["started"], "ended": row["ended"], "reached": row["reached"],
            "levels": [{"level": level.value, "label": str(level.label), "count": row[f"level_{level.value}"]}
                       for level in Level]}


def projects_version() -> tuple:
    """Moves on whenever a project or an outcome measure is added, changed or removed (their history's newest id)."""
    return (ParticipationProject.history.aggregate(last=Max("history_id"))["last"] or 0,
            OutcomeMeasure.history.aggregate(last=Max("history_id"))["last"] or 0)


# --- The annual report and the evidence pack (participation.sections) -----------------------------------------------
# Whoever asks: the reports check that the reader may see `office`. None of these rows carries personal data.

def year_governor_reports(*, office: Office, fiscal_year: int) -> QuerySet[GovernorReport]:
    """The reports to the governor of an office's subtree for a fiscal year, the office's own first."""
    return (GovernorReport.objects.filter(office__in=offices_under(office).values("pk"), fiscal_year=fiscal_year)
            .select_related("office").order_by("office__path", "letter_date", "pk"))


def year_next_steps(*, office: Office, fiscal_year: int) -> QuerySet[NextStep]:
    """The next steps of an office's subtree for a fiscal year, the office's own first, in their order."""
    return (NextStep.objects.filter(office__in=offices_under(office).values("pk"), fiscal_year=fiscal_year)
            .select_related("office", "project").order_by("office__path", "order", "pk"))
