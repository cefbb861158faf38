"""CS6 questionnaire builder and new survey rounds: scope, validate, call one service, redirect.

The builder's preview renders the public answer page's own template with unsaved items, so the committee
sees exactly what a respondent will.
"""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_POST

from core.forms import add_service_errors

from . import services
from .forms import (
    QuestionnaireForm,
    RoundForm,
    attach_errors,
    blank_row,
    item_rows,
    questionnaires_of,
    row_code_errors,
    row_item,
)
from .models import Item, Questionnaire, SurveyRound
from .views_public import DEFAULT_PRIVACY_NOTICE, Question, _grouped, _options


def _builder_context(form: QuestionnaireForm, rows: list[dict]) -> dict:
    return {"form": form, "rows": rows, "blank": blank_row(), "row_errors": any(row["errors"] for row in rows),
            "kinds": Item._meta.get_field("kind").choices, "sections": Item._meta.get_field("section").choices}


@login_required
@permission_required("satisfaction.add_questionnaire", raise_exception=True)
def questionnaire_new(request):
    if request.method != "POST":
        form = QuestionnaireForm(user=request.user)
        return render(request, "satisfaction/builder.html", _builder_context(form, [blank_row()]))
    form = QuestionnaireForm(request.POST, user=request.user)
    rows = item_rows(request.POST)
    errors = {key: [message] for key, message in row_code_errors(rows).items()}
    if form.is_valid() and not errors:
        data = form.cleaned_data
        try:
            questionnaire = services.questionnaire_create(
                office=data["office"], title=data["title"], scale_max=data["scale_max"],
                items=[row_item(row) for row in rows], group=data["group"],
                allow_no_opinion=data["allow_no_opinion"], bands=data["bands"])
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(request, f"บันทึกแบบสอบถาม “{questionnaire.title}” แล้ว ขั้นต่อไป: สร้างรอบการสำรวจ")
            return redirect(f"{reverse('satisfaction:round_new')}?questionnaire={questionnaire.pk}")
    attach_errors(form, rows, errors)
    return render(request, "satisfaction/builder.html", _builder_context(form, rows or [blank_row()]), status=400)


@require_POST
@login_required
@permission_required("satisfaction.add_questionnaire", raise_exception=True)
@xframe_options_sameorigin  # shown in the builder's frame
def questionnaire_preview(request):
    """The public answer page for the rows as typed, saving nothing (the frame is sandboxed: it cannot post)."""
    form = QuestionnaireForm(request.POST, user=request.user)
    form.is_valid()
    data = form.cleaned_data
    questionnaire = Questionnaire(office=data.get("office") or request.user.office,
                                  title=data.get("title") or "(ยังไม่ได้ตั้งชื่อแบบสอบถาม)",
                                  scale_max=data.get("scale_max") or 5,
                                  allow_no_opinion=data.get("allow_no_opinion", False))
    survey = SurveyRound(questionnaire=questionnaire, office=questionnaire.office, title="ตัวอย่างหน้าที่ผู้ตอบเห็น")
    items = [Item(questionnaire=questionnaire, order=n, **row_item(row))
             for n, row in enumerate(item_rows(request.POST), start=1)]
    questions = [Question(item, "", "", _options(item, survey)) for item in items]
    return render(request, "satisfaction/public/answer.html", {
        "survey": survey, "token": "", "errors": [], "duplicate": False, "invalid": False,
        "privacy_notice": DEFAULT_PRIVACY_NOTICE, "groups": _grouped(questions)})


@login_required
@permission_required("satisfaction.add_surveyround", raise_exception=True)
def round_new(request):
    questionnaire = None
    if request.GET.get("questionnaire", "").isdecimal():  # not isdigit: "²" is a digit that int() refuses
        questionnaire = get_object_or_404(questionnaires_of(request.user), pk=request.GET["questionnaire"])
    form = RoundForm(request.POST or None, user=request.user, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            survey = services.round_create(
                questionnaire=data["questionnaire"], office=data["office"], title=data["title"],
                starts_on=data["starts_on"], ends_on=data["ends_on"], previous=data["previous"],
                requires_token=data["requires_token"], by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"สร้างรอบการสำรวจ “{survey.title}” แล้ว")
            return redirect("satisfaction:results", pk=survey.pk)
    status = 400 if form.is_bound else 200
    return render(request, "satisfaction/round_new.html", {"form": form, "questionnaire": questionnaire},
                  status=status)
