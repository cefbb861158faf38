"""Reading surveys: scoped to the user's offices; results from the tallies (a fixed, small number of queries)."""
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.http import Http404

from pmqa.offices.scoping import scope_shared_down

from . import metrics
from .choices import ItemKind, Section
from .models import SurveyRound, Tally


def round_list(*, user) -> QuerySet[SurveyRound]:
    """Rounds of the user's offices, and rounds the offices above run for them (their districts take part)."""
    return scope_shared_down(SurveyRound.objects.select_related("questionnaire", "office"), user)


def round_get(*, user, pk: int) -> SurveyRound:
    try:
        return round_list(user=user).get(pk=pk)
    except SurveyRound.DoesNotExist as exc:
        raise Http404 from exc


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
class Results:
    respondents: int
    scale_max: int
    satisfaction_mean: Decimal | None
    satisfaction_top2: Decimal | None
    dissatisfaction_bottom2: Decimal | None
    dissatisfaction_reported: Decimal | None
    items: list[ItemResult]
    dimensions: list[tuple[str, metrics.RatingStats, str]] = field(default_factory=list)


def round_histograms(survey: SurveyRound) -> dict[int, dict[int, int]]:
    """{item id: {value: count}} from the tallies: one query, whatever the number of responses."""
    histograms: dict[int, dict[int, int]] = defaultdict(dict)
    for item_id, value, count in Tally.objects.filter(round=survey).values_list("item_id", "value", "count"):
        histograms[item_id][value] = count
    return histograms


def round_results(survey: SurveyRound) -> Results:
    """Every figure of a round: RM 3.1 both ways, RM 3.2 both ways, and n/mean/SD/band per item and dimension."""
    questionnaire = survey.questionnaire
    scale, bands = questionnaire.scale_max, metrics.default_bands(questionnaire.scale_max)
    histograms = round_histograms(survey)
    items, by_dimension, satisfaction = [], defaultdict(list), []
    for item in questionnaire.items.all():
        counts = histograms.get(item.pk, {})
        stats = metrics.rating_stats(counts) if item.kind == ItemKind.RATING else metrics.RatingStats(
            sum(counts.values()), None, None)
        items.append(ItemResult(item.code, item.text, item.dimension, item.kind, item.section, stats.n, stats.mean,
                                stats.sd, metrics.band(stats.mean, bands), counts.get(-1, 0), dict(counts)))
        if item.kind == ItemKind.RATING and item.section == Section.SATISFACTION:
            satisfaction.append(counts)
            by_dimension[item.dimension].append(counts)
    everything = metrics.pooled(satisfaction)
    fresh = SurveyRound.objects.only("respondents", "dissatisfaction_answered", "dissatisfied").get(pk=survey.pk)
    dimensions = []
    for name, histograms_of_dimension in by_dimension.items():
        stats = metrics.rating_stats(metrics.pooled(histograms_of_dimension))
        dimensions.append((name, stats, metrics.band(stats.mean, bands)))
    return Results(
        respondents=fresh.respondents, scale_max=scale,
        satisfaction_mean=metrics.mean_percent(everything, scale),
        satisfaction_top2=metrics.top2_percent(everything, scale),
        dissatisfaction_bottom2=metrics.bottom2_percent(everything),
        dissatisfaction_reported=metrics.share_percent(fresh.dissatisfied, fresh.dissatisfaction_answered),
        items=items, dimensions=dimensions)
