"""Reading surveys: scoped to the user's offices; results from the tallies (a fixed, small number of queries)."""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DateField, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.http import Http404
from django.utils import timezone

from core.fiscal import fiscal_quarter, fiscal_year_bounds
from core.offices.models import Office
from core.offices.scoping import get_scoped_or_404, offices_under, scope, scope_shared_down
from core.plans.figures import Figure

from . import metrics
from .choices import ItemKind, Section
from .models import GroupTally, Response, RoundDay, SurveyRound, Tally


def round_list(*, user) -> QuerySet[SurveyRound]:
    """Rounds of the user's offices, and rounds the offices above run for them (their districts take part)."""
    return scope_shared_down(SurveyRound.objects.select_related("questionnaire", "office"), user)


def round_get(*, user, pk: int) -> SurveyRound:
    try:
        return round_list(user=user).get(pk=pk)
    except SurveyRound.DoesNotExist as exc:
        raise Http404 from exc


def round_get_to_change(*, user, pk: int) -> SurveyRound:
    """A round of the user's own offices: a district reads and keys in its province's round, never changes it."""
    return get_scoped_or_404(SurveyRound.objects.select_related("questionnaire", "office"), user, pk=pk)


def round_may_change(*, user, survey: SurveyRound) -> bool:
    """Whether the user may change this round (its settings, its improvements): their permission, and the round
    among their own offices' (`round_get_to_change`'s scope), not one shared down from above."""
    return (user.has_perm("satisfaction.change_surveyround")
            and scope(SurveyRound.objects.filter(pk=survey.pk), user).exists())


@dataclass(frozen=True)
class ItemResult:
    code: str
    text: str
    dimension: str
    kind: str
    section: str
    n: int
    mean: Decimal | None
    sd: Decimal | None
    band: str
    no_opinion: int
    distribution: dict[int, int]


@dataclass(frozen=True)
class GroupRow:
    """The satisfaction of the respondents who gave one answer to a profile question."""

    label: str
    respondents: int
    stats: metrics.RatingStats
    band: str
    satisfaction_mean: Decimal | None
    satisfaction_top2: Decimal | None
    dissatisfaction_bottom2: Decimal | None
    dimension_means: list[Decimal | None]  # in the order of Results.dimensions


@dataclass(frozen=True)
class Breakdown:
    """A profile question (stakeholder group, office, channel …) and a row per answer to it."""

    code: str
    text: str
    rows: list[GroupRow]


@dataclass(frozen=True)
class Results:
    respondents: int
    scale_max: int
    satisfaction_mean: Decimal | None
    satisfaction_top2: Decimal | None
    dissatisfaction_bottom2: Decimal | None
    dissatisfaction_reported: Decimal | None
    items: list[ItemResult]
    bands: list[tuple[Decimal, Decimal, str]] = field(default_factory=list)
    dimensions: list[tuple[str, metrics.RatingStats, str]] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)


def round_histograms(survey: SurveyRound) -> dict[int, dict[int, int]]:
    """{item id: {value: count}} from the tallies: one query, whatever the number of responses."""
    histograms: dict[int, dict[int, int]] = defaultdict(dict)
    for item_id, value, count in Tally.objects.filter(round=survey).values_list("item_id", "value", "count"):
        histograms[item_id][value] = count
    return histograms


def round_results(survey: SurveyRound) -> Results:
    """Every figure of a round: RM 3.1 both ways, RM 3.2 both ways, and n/mean/SD/band per item and dimension."""
    questionnaire = survey.questionnaire
    scale, bands = questionnaire.scale_max, metrics.bands_for(questionnaire.bands, questionnaire.scale_max)
    histograms = round_histograms(survey)
    questions = list(questionnaire.items.all())
    items, by_dimension, satisfaction = [], defaultdict(list), []
    for item in questions:
        counts = histograms.get(item.pk, {})
        stats = metrics.rating_stats(counts) if item.kind == ItemKind.RATING else metrics.RatingStats(
            sum(counts.values()), None, None)
        items.append(ItemResult(item.code, item.text, item.dimension, item.kind, item.section, stats.n, stats.mean,
                                stats.sd, metrics.band(stats.mean, bands), counts.get(-1, 0), dict(counts)))
        if item.is_satisfaction_rating:
            satisfaction.append(counts)
            by_dimension[item.dimension].append(counts)
    everything = metrics.pooled(satisfaction)
    fresh = SurveyRound.objects.only("respondents", "dissatisfaction_answered", "dissatisfied").get(pk=survey.pk)
    dimensions = []
    for name, histograms_of_dimension in by_dimension.items():
        stats = metrics.rating_stats(metrics.pooled(histograms_of_dimension))
        dimensions.append((name, stats, metrics.band(stats.mean, bands)))
    dimension_names = [name for name, _stats, _band in dimensions]
    return Results(
        breakdowns=_breakdowns(survey, [i for i in questions if i.is_breakdown], histograms, dimension_names, bands),
        respondents=fresh.respondents, scale_max=scale,
        satisfaction_mean=metrics.mean_percent(everything, scale),
        satisfaction_top2=metrics.top2_percent(everything, scale),
        dissatisfaction_bottom2=metrics.bottom2_percent(everything),
        dissatisfaction_reported=metrics.share_percent(fresh.dissatisfied, fresh.dissatisfaction_answered),
        items=items, bands=bands, dimensions=dimensions)


def _breakdowns(survey: SurveyRound, grouping: list, histograms: dict[int, dict[int, int]],
                dimension_names: list[str], bands) -> list[Breakdown]:
    """Figures by answer to each profile question: the database sums the group tallies by dimension (one
    query, a few hundred rows whatever the number of responses); the metrics module makes them percents."""
    scale = survey.questionnaire.scale_max
    if not grouping:
        return []
    sums: dict[tuple[int, int], dict[str, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for group_item, choice, dimension, value, total in (
            GroupTally.objects.filter(round=survey, count__gt=0)
            .values_list("group_item_id", "group_value", "item__dimension", "value")
            .annotate(total=Sum("count")).order_by()):
        sums[group_item, choice][dimension][value] = total
    breakdowns = []
    for item in grouping:
        rows = []
        for choice, label in enumerate(item.choices):
            by_dimension = sums.get((item.pk, choice), {})
            everything = metrics.pooled(by_dimension.values())
            stats = metrics.rating_stats(everything)
            rows.append(GroupRow(
                label=label, respondents=histograms.get(item.pk, {}).get(choice, 0), stats=stats,
                band=metrics.band(stats.mean, bands),
                satisfaction_mean=metrics.mean_percent(everything, scale),
                satisfaction_top2=metrics.top2_percent(everything, scale),
                dissatisfaction_bottom2=metrics.bottom2_percent(everything),
                dimension_means=[metrics.rating_stats(by_dimension.get(name, {})).mean for name in dimension_names]))
        breakdowns.append(Breakdown(item.code, item.text, rows))
    return breakdowns


# ---------------------------------------------------------------------------------------------
# CS6: RM 3.1 and RM 3.2 of an office's subtree over a fiscal year (docs/indicators.md, "CS6").
# Every round of the subtree whose start date (its creation date when it has none) falls in the year
# is pooled, except rounds about a subject: a round about a CS4 relationship activity evaluates that
# activity, not the office's service, and counts in RM 3.3 only. The database sums the tallies by value;
# `satisfaction.metrics` turns the sums into percents.


def _rounds_of(*, office: Office, fiscal_year: int) -> QuerySet[SurveyRound]:
    return year_rounds(office=office, fiscal_year=fiscal_year).filter(subject_type__isnull=True)


def year_rounds(*, office: Office, fiscal_year: int) -> QuerySet[SurveyRound]:
    """Every round of an office's subtree dated in the fiscal year (its start, or the day it was made), including
    rounds about another process's records (a CS4 activity's): whoever asks, for the annual report and the pack."""
    start, end = fiscal_year_bounds(fiscal_year)
    return (SurveyRound.objects
            .filter(office__in=offices_under(office).values("pk"))
            .annotate(day=Coalesce("starts_on", TruncDate("created_at"), output_field=DateField()))
            .filter(day__range=(start, end)))


def rounds_about(subjects: QuerySet) -> QuerySet[SurveyRound]:
    """The rounds whose subject is one of `subjects` (a process's records: CS4 activities …), in one subquery."""
    return SurveyRound.objects.filter(subject_type=ContentType.objects.get_for_model(subjects.model),
                                      subject_id__in=subjects.values("pk"))


def rounds_about_kind(model) -> QuerySet[SurveyRound]:
    """Every round about a record of `model`: to be narrowed to one subject (`subject_id=OuterRef("pk")`)."""
    return SurveyRound.objects.filter(subject_type=ContentType.objects.get_for_model(model))


def _rating_tallies(rounds: QuerySet[SurveyRound]) -> QuerySet[Tally]:
    return Tally.objects.filter(round__in=rounds.values("pk"), item__kind=ItemKind.RATING,
                                item__section=Section.SATISFACTION, value__gte=1)


def rating_histograms(rounds: QuerySet[SurveyRound]) -> dict[int, dict[int, int]]:
    """{scale maximum: {value: count}} of every satisfaction rating answer of `rounds`, pooled: one GROUP BY query.
    What RM 3.1 and RM 3.2 read for an office's year, and what another process's indicator over rounds about its
    records (CS4's RM 3.3) reads, to hand to `satisfaction.metrics`."""
    rows = (_rating_tallies(rounds).values_list("round__questionnaire__scale_max", "value")
            .annotate(total=Sum("count")).order_by())
    histograms: dict[int, dict[int, int]] = {}
    for scale, value, total in rows:
        histograms.setdefault(scale, {})[value] = total
    return histograms


def rating_histograms_by_round(rounds: QuerySet[SurveyRound]) -> dict[int, dict[int, dict[int, int]]]:
    """{round id: {scale maximum: {value: count}}}: the same answers, round by round (one GROUP BY query)."""
    rows = (_rating_tallies(rounds).values_list("round_id", "round__questionnaire__scale_max", "value")
            .annotate(total=Sum("count")).order_by())
    histograms: dict[int, dict[int, dict[int, int]]] = {}
    for round_id, scale, value, total in rows:
        histograms.setdefault(round_id, {}).setdefault(scale, {})[value] = total
    return histograms


def _satisfaction_histograms(*, office: Office, fiscal_year: int) -> dict[int, dict[int, int]]:
    """{scale maximum: {value: count}} of every satisfaction rating answer: one GROUP BY query."""
    return rating_histograms(_rounds_of(office=office, fiscal_year=fiscal_year))


def mean_figure(histograms: dict[int, dict[int, int]]) -> Figure:
    """The mean method over pooled histograms by scale maximum: each answer ÷ its scale maximum, averaged, × 100.
    Rounds on 4- and 5-point scales pool answer by answer, so there is no single numerator over a denominator."""
    return Figure(metrics.mean_share(histograms))


def top2_figure(histograms: dict[int, dict[int, int]]) -> Figure:
    """The top-two method over pooled histograms: answers in the top two points of their scale ÷ all of them."""
    top = sum(metrics.top2_count(counts, scale) for scale, counts in histograms.items())
    answers = sum(metrics.answered(counts) for counts in histograms.values())
    return Figure(metrics.share_percent(top, answers), top, answers)


def rm31_mean_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """RM 3.1, mean method: mean of the satisfaction ratings ÷ scale maximum × 100."""
    return mean_figure(_satisfaction_histograms(office=office, fiscal_year=fiscal_year))


def rm31_top2_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """RM 3.1, top-two method: satisfaction ratings in the top two points of their scale ÷ all of them."""
    return top2_figure(_satisfaction_histograms(office=office, fiscal_year=fiscal_year))


def bottom2_figure(histograms: dict[int, dict[int, int]]) -> Figure:
    """RM 3.2's bottom-two method over pooled histograms: ratings at 1 or 2 (the same on any scale) ÷ all of them."""
    pooled = metrics.pooled(histograms.values())
    bottom, answers = metrics.bottom2_count(pooled), metrics.answered(pooled)
    return Figure(metrics.share_percent(bottom, answers), bottom, answers)


def reported_figure(dissatisfied: int, answered: int) -> Figure:
    """RM 3.2 from the dissatisfaction section: respondents who reported one ÷ those who answered it."""
    return Figure(metrics.share_percent(dissatisfied, answered), dissatisfied, answered)


def rm32_bottom2_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """RM 3.2: satisfaction ratings in the bottom two points (the same on any scale) ÷ all of them."""
    return bottom2_figure(_satisfaction_histograms(office=office, fiscal_year=fiscal_year))


def rm32_reported_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """RM 3.2 from the dissatisfaction section: respondents who reported one ÷ those who answered it."""
    sums = _rounds_of(office=office, fiscal_year=fiscal_year).aggregate(
        dissatisfied=Sum("dissatisfied"), answered=Sum("dissatisfaction_answered"))
    return reported_figure(sums["dissatisfied"] or 0, sums["answered"] or 0)


@dataclass(frozen=True)
class GroupResults:
    """RM 3.1 and RM 3.2 of one respondent group (the questionnaire's CS1 group) for a year, and of each round."""

    group: str  # "" for a questionnaire without a group
    respondents: int
    figures: dict[str, Figure]
    rounds: list[tuple[SurveyRound, dict[str, Figure]]]


def year_results(*, office: Office, fiscal_year: int) -> list[GroupResults]:
    """The rounds RM 3.1 and RM 3.2 count for an office's year (its subtree's own service surveys) by respondent
    group, each group's answers pooled as the indicators pool the office's, and each round's on its own: two
    queries, whatever the number of answers."""
    rounds = list(_rounds_of(office=office, fiscal_year=fiscal_year)
                  .select_related("office", "questionnaire__group").order_by("questionnaire__group__name", "day", "pk"))
    histograms = rating_histograms_by_round(SurveyRound.objects.filter(pk__in=[r.pk for r in rounds]))
    by_group: dict[str, list[SurveyRound]] = {}
    for survey in rounds:
        group = survey.questionnaire.group
        by_group.setdefault(group.name if group else "", []).append(survey)
    results = []
    for name, members in by_group.items():
        pooled_by_scale: dict[int, dict[int, int]] = {}
        for survey in members:
            for scale, counts in histograms.get(survey.pk, {}).items():
                pooled_by_scale[scale] = metrics.pooled([pooled_by_scale.get(scale, {}), counts])
        figures = round_figures(pooled_by_scale, sum(r.dissatisfied for r in members),
                                sum(r.dissatisfaction_answered for r in members))
        results.append(GroupResults(name, sum(r.respondents for r in members), figures, [
            (r, round_figures(histograms.get(r.pk, {}), r.dissatisfied, r.dissatisfaction_answered))
            for r in members]))
    return results


def round_figures(histograms: dict[int, dict[int, int]], dissatisfied: int, answered: int) -> dict[str, Figure]:
    """RM 3.1 (mean and top-two methods) and RM 3.2 (bottom two, and reported) over some pooled answers."""
    return {"rm31_mean": mean_figure(histograms), "rm31_top2": top2_figure(histograms),
            "rm32_bottom2": bottom2_figure(histograms), "rm32_reported": reported_figure(dissatisfied, answered)}


def responses_by_day(survey: SurveyRound) -> list[tuple[date, int]]:
    """(day, responses received that day) for the round page's count over time: one query."""
    return list(survey.days.order_by("day").values_list("day", "count"))


# --- What CS2 reads: the responses that arrived by each channel ---------------------------------------------------


def _fiscal_year_moments(fiscal_year: int) -> tuple[datetime, datetime]:
    """The fiscal year as aware datetimes in the project's time zone: [1 Oct 00:00, 1 Oct next year 00:00)."""
    start, end = fiscal_year_bounds(fiscal_year)
    zone = timezone.get_current_timezone()
    return (datetime.combine(start, time.min, tzinfo=zone),
            datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone))


def responses_by_channel(*, office: Office, fiscal_years: list[int]) -> dict[tuple[int | None, int], int]:
    """{(channel id or None, fiscal year): responses} of the rounds an office's subtree runs, by the day each form
    was recorded (Asia/Bangkok): one GROUP BY channel with a filtered COUNT per year. None: forms recorded with no
    channel (API forms that named none, and any from before channels were kept)."""
    moments = {year: _fiscal_year_moments(year) for year in fiscal_years}
    period = Q()
    for start, end in moments.values():
        period |= Q(submitted_at__gte=start, submitted_at__lt=end)
    counts = {f"y{year}": Count("pk", filter=Q(submitted_at__gte=start, submitted_at__lt=end))
              for year, (start, end) in moments.items()}
    rows = (Response.objects.filter(round__office__in=offices_under(office).values("pk")).filter(period)
            .order_by().values("channel_id").annotate(**counts))
    return {(row["channel_id"], year): row[f"y{year}"] for row in rows for year in fiscal_years if row[f"y{year}"]}


def responses_version() -> int:
    """Moves on whenever a response is recorded (the newest id): what a count of responses kept elsewhere checks."""
    return Response.objects.aggregate(last=Max("id"))["last"] or 0


# --- What the executive dashboard reads (reports.executive) -------------------------------------------------------


def responses_by_quarter(*, office: Office, fiscal_year: int) -> dict[int, int]:
    """{fiscal quarter: forms received} by the rounds about the service an office's subtree runs (the rounds RM 3.1
    counts), by the day recorded, from the rounds' daily counts (a row a round a day): one aggregate query."""
    start, end = fiscal_year_bounds(fiscal_year)
    bounds = [fiscal_quarter(fiscal_year, q) for q in (1, 2, 3, 4)]
    counts = {f"q{q.quarter}": Sum("count", filter=Q(day__range=(q.start, q.end))) for q in bounds}
    days = RoundDay.objects.filter(round__office__in=offices_under(office).values("pk"),
                                   round__subject_type__isnull=True, day__range=(start, end))
    row = days.aggregate(**counts)
    return {q: row[f"q{q}"] or 0 for q in (1, 2, 3, 4)}
