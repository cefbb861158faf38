"""CS6 pages: the survey rounds a user sees, a round's results, and its XLSX exports.

Every figure comes from `selectors.round_results` (the tallies: a fixed number of queries, whatever the
number of responses); these views scope, fetch and render.
"""
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from core.exports import xlsx_response
from core.forms import add_service_errors
from core.plans.choices import CS
from core.plans.views import process_page

from . import exports, metrics, services
from .choices import ItemKind
from .forms import RoundSettingsForm
from .models import Item, SurveyRound
from .selectors import (
    Results,
    responses_by_day,
    round_get,
    round_get_to_change,
    round_histograms,
    round_list,
    round_may_change,
    round_results,
)

ROUNDS_PER_PAGE = 50
NO_OPINION = -1


@login_required
def process(request):
    """The CS6 process page (plans, steps and indicators), as every process app has."""
    return process_page(request, cs=CS.CS6)


@login_required
@permission_required("satisfaction.view_surveyround", raise_exception=True)
def round_list_view(request):
    rounds = round_list(user=request.user).order_by("-created_at", "-pk")
    page = Paginator(rounds, ROUNDS_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    shown = [(survey, services.round_closed_message(survey=survey, today=today)) for survey in page.object_list]
    return render(request, "satisfaction/round_list.html", {"page": page, "rounds": shown})


@dataclass(frozen=True)
class ItemComparison:
    code: str
    text: str
    result: metrics.Comparison


def _comparison(survey: SurveyRound, previous: SurveyRound) -> list[ItemComparison]:
    """The rating items of a repeat round beside the same items (by code) of the round it re-measures."""
    before, after = round_histograms(previous), round_histograms(survey)
    previous_ids = dict(Item.objects.filter(questionnaire_id=previous.questionnaire_id, kind=ItemKind.RATING)
                        .values_list("code", "pk"))
    rows = []
    for item in survey.questionnaire.items.all():
        if item.kind == ItemKind.RATING and item.code in previous_ids:
            rows.append(ItemComparison(item.code, item.text,
                                       metrics.compare(before.get(previous_ids[item.code], {}), after.get(item.pk, {}))))
    return rows


def _chart_data(results: Results) -> dict:
    """The distribution of each rating item's answers, highest point first, "no opinion" last."""
    rating = [i for i in results.items if i.kind == ItemKind.RATING]
    labels = metrics.default_bands(results.scale_max)
    values = list(range(results.scale_max, 0, -1))
    series = [{"label": f"{v} {labels[k][2]}", "value": v, "counts": [i.distribution.get(v, 0) for i in rating]}
              for k, v in enumerate(values)]
    series.append({"label": "ไม่แสดงความคิดเห็น", "value": NO_OPINION, "counts": [i.no_opinion for i in rating]})
    return {"items": [{"code": i.code, "text": i.text, "mean": float(i.mean) if i.mean is not None else None}
                      for i in rating], "series": series,
            "dimensions": [{"name": name or "ไม่ระบุด้าน", "mean": float(s.mean) if s.mean is not None else None}
                           for name, s, _band in results.dimensions]}


@login_required
@permission_required("satisfaction.view_surveyround", raise_exception=True)
def round_results_view(request, pk: int):
    survey = round_get(user=request.user, pk=pk)
    results = round_results(survey)
    previous = round_list(user=request.user).filter(pk=survey.previous_id).first() if survey.previous_id else None
    values = list(range(results.scale_max, 0, -1))
    rating = [i for i in results.items if i.kind == ItemKind.RATING]
    by_day = responses_by_day(survey)
    return render(request, "satisfaction/round_results.html", {
        "survey": survey, "r": results, "values": values, "rating_items": rating,
        "other_items": [i for i in results.items if i.kind != ItemKind.RATING],
        "bands": results.bands,
        "previous": previous, "comparison": _comparison(survey, previous) if previous else [],
        "charts": _chart_data(results),
        "by_day": by_day, "day_max": max((count for _day, count in by_day), default=0),
        "closed_reason": services.round_closed_message(survey=survey),
        "can_change": round_may_change(user=request.user, survey=survey),
    })


@login_required
@permission_required("satisfaction.view_surveyround", raise_exception=True)
def round_export_answers(request, pk: int):
    survey = round_get(user=request.user, pk=pk)
    return xlsx_response(exports.answers_xlsx(survey), f"cs6-round-{survey.pk}-answers.xlsx")


@login_required
@permission_required("satisfaction.view_surveyround", raise_exception=True)
def round_export_summary(request, pk: int):
    survey = round_get(user=request.user, pk=pk)
    return xlsx_response(exports.summary_xlsx(survey, round_results(survey)), f"cs6-round-{survey.pk}-summary.xlsx")


@login_required
@permission_required("satisfaction.change_surveyround", raise_exception=True)
@require_http_methods(["GET", "POST"])
def round_settings(request, pk: int):
    """A round's title, dates and open flag, for the office that runs it."""
    survey = round_get_to_change(user=request.user, pk=pk)
    initial = {"title": survey.title, "starts_on": survey.starts_on, "ends_on": survey.ends_on,
               "is_open": survey.is_open}
    form = RoundSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_update(survey=survey, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "บันทึกรอบการสำรวจแล้ว")
            return redirect("satisfaction:results", pk=survey.pk)
    return render(request, "satisfaction/round_settings.html", {"survey": survey, "form": form},
                  status=400 if form.errors else 200)
