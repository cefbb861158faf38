"""The improvement list of a round: suggested topics (dissatisfaction first, then the lowest means), each with
a form prefilled with its topic, and the improvements planned, with their status. Scoped like the round."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from core.files import file_response
from core.forms import add_service_errors

from .forms import ImprovementForm, remeasure_choices
from .improvements import improvement_create, improvement_status_set, improvement_topics, round_improvements
from .models import Improvement
from .selectors import round_get, round_may_change


@login_required
@permission_required("satisfaction.view_surveyround", raise_exception=True)
@require_http_methods(["GET", "POST"])
def improvements(request, pk: int):
    survey = round_get(user=request.user, pk=pk)
    # Who plans improvements: those who may change the round (the committee of the office that runs it).
    can_change = round_may_change(user=request.user, survey=survey)
    rounds = remeasure_choices(survey=survey, user=request.user) if can_change else []
    form = None
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if "status" in request.POST:
            return _status(request, survey)
        form = ImprovementForm(request.POST, request.FILES, survey=survey, rounds=rounds)
        if form.is_valid():
            try:
                improvement_create(survey=survey, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "บันทึกการปรับปรุงแล้ว")
                return redirect("satisfaction:improvements", pk=survey.pk)
    topics = improvement_topics(survey)
    suggestions = [(topic, ImprovementForm(initial={"item": topic.code, "topic": topic.topic}, survey=survey,
                                           rounds=rounds, auto_id=f"t{n}_%s") if can_change else None)
                   for n, topic in enumerate(topics)]
    return render(request, "satisfaction/improvements.html", {
        "survey": survey, "suggestions": suggestions, "improvements": round_improvements(survey),
        "form": form or (ImprovementForm(survey=survey, rounds=rounds) if can_change else None),
        "statuses": Improvement.Status.choices, "can_change": can_change,
    })


def _status(request, survey):
    raw = request.POST.get("improvement", "")
    # "abc" or "²" names no improvement: a 404 like any other unknown one, not a server error.
    improvement = get_object_or_404(survey.improvements, pk=int(raw) if raw.isdecimal() else 0)
    try:
        improvement_status_set(improvement=improvement, status=request.POST["status"],
                               evidence=request.FILES.get("evidence"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "เปลี่ยนสถานะแล้ว")
    return redirect("satisfaction:improvements", pk=survey.pk)


@login_required
@permission_required("satisfaction.view_surveyround", raise_exception=True)
@require_GET
def improvement_evidence(request, pk: int, improvement_pk: int):
    """An improvement's evidence, served only through the round's scope (media files are not served by URL)."""
    survey = round_get(user=request.user, pk=pk)
    improvement = get_object_or_404(survey.improvements, pk=improvement_pk)
    if not improvement.evidence:
        raise Http404
    return file_response(file=improvement.evidence, filename=improvement.evidence_name or improvement.evidence.name)
