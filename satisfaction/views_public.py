"""The respondents' page (no login), and the QR poster the staff print for service counters.

Anonymous by default: the page asks no name and stores no address — only a one-way hash of address, browser,
round and day, so that a second form from the same phone on the same day is questioned (never refused).
"""
import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from core.ratelimit import allow, client_address

from . import posters, selectors, services
from .choices import ItemKind, Section
from .models import Item, Response, SurveyRound

EMPTY_ERROR = "กรุณาตอบอย่างน้อยหนึ่งข้อก่อนส่งแบบสอบถาม"
DEFAULT_PRIVACY_NOTICE = (
    "แบบสอบถามนี้ไม่ถามชื่อหรือข้อมูลที่ระบุตัวท่าน คำตอบของท่านเป็นความลับและไม่ระบุตัวตน "
    "หน่วยงานใช้คำตอบเพื่อปรับปรุงการให้บริการเท่านั้น และรายงานผลในภาพรวม "
    "(พ.ร.บ. คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562)")


@dataclass
class Question:
    """One item as the page shows it: what was chosen and the service's complaint about it."""

    item: Item
    value: str = ""
    error: str = ""
    options: list[tuple[str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"q_{self.item.code}"


def answer(request, key):
    survey = get_object_or_404(SurveyRound.objects.select_related("questionnaire", "office"), public_key=key)
    if reason := services.round_closed_message(survey=survey):  # the rule every way of recording answers runs
        return render(request, "satisfaction/public/closed.html", {"survey": survey, "reason": reason}, status=410)
    items = list(survey.questionnaire.items.all())
    questions = [Question(item, request.POST.get(f"q_{item.code}", "").strip(), "", _options(item, survey))
                 for item in items]
    token = (request.POST.get("token") or request.GET.get("token") or "").strip()
    context = {"survey": survey, "token": token, "errors": [], "duplicate": False,
               "privacy_notice": survey.questionnaire.privacy_notice or DEFAULT_PRIVACY_NOTICE}
    if request.method == "POST":
        if not allow(request, scope="survey-answer", rate=settings.SURVEY_ANSWER_RATE):
            return render(request, "satisfaction/public/limited.html", {"survey": survey}, status=429)
        fingerprint = respondent_fingerprint(request, survey)
        answers = {q.item.code: q.value for q in questions}
        # The guard is soft and only for open rounds: a one-time code already tells one respondent from another.
        if (not survey.requires_token and not request.POST.get("confirm_again")
                and Response.objects.filter(round=survey, fingerprint=fingerprint).exists()):
            context["duplicate"] = True
        elif not any(answers.values()):
            context["errors"].append(EMPTY_ERROR)
        else:
            try:
                services.response_record_public(survey=survey, answers=answers, token=token, fingerprint=fingerprint,
                                                channel_code=request.GET.get("channel", "")[:32])
            except ValidationError as exc:
                _attach_errors(exc, questions, context["errors"])
                context["token_error"] = services.TOKEN_ERROR in context["errors"]
            else:
                return render(request, "satisfaction/public/thanks.html", {"survey": survey})
    context["groups"] = _grouped(questions)
    context["invalid"] = bool(context["errors"]) or any(q.error for q in questions)
    return render(request, "satisfaction/public/answer.html", context, status=400 if context["invalid"] else 200)


def respondent_fingerprint(request, survey: SurveyRound) -> str:
    """sha256 of address + browser + round + day: the same phone on the same day, without keeping the address."""
    raw = "|".join([client_address(request), request.META.get("HTTP_USER_AGENT", ""), str(survey.pk),
                    timezone.localdate().isoformat()])
    return hashlib.sha256(raw.encode()).hexdigest()


def _options(item: Item, survey: SurveyRound) -> list[tuple[str, str]]:
    """(value sent, label) of each radio button."""
    questionnaire = survey.questionnaire
    if item.kind == ItemKind.RATING:
        return [(str(n), str(n)) for n in range(1, questionnaire.scale_max + 1)]
    if item.kind == ItemKind.YES_NO:
        return [("ใช่", "ใช่"), ("ไม่ใช่", "ไม่ใช่")]
    if item.kind == ItemKind.CHOICE:
        return [(str(n), label) for n, label in enumerate(item.choices)]
    return []


def _attach_errors(exc: ValidationError, questions: list[Question], general: list[str]) -> None:
    by_code = {q.item.code: q for q in questions}
    for key, messages in exc.message_dict.items():
        code = key.split(".", 1)[1] if key.startswith("1.") else None
        if code in by_code:
            # "แบบที่ 1 ข้อ q1: …" names the form and code for spreadsheets; here the message sits by the item.
            by_code[code].error = " ".join(m.split(": ", 1)[-1] for m in messages)
        else:
            general.extend(messages)


def _grouped(questions: list[Question]) -> list[dict]:
    """Sections in the order they first appear, each with its dimensions in the order they first appear."""
    titles = dict(Section.choices)
    sections: dict[str, dict[str, list[Question]]] = {}
    for question in questions:
        item = question.item
        sections.setdefault(item.section, {}).setdefault(item.dimension, []).append(question)
    return [{"section": section, "title": titles.get(section, ""),
             "dimensions": [{"name": name, "questions": qs} for name, qs in dimensions.items()]}
            for section, dimensions in sections.items()]


@login_required
@permission_required("satisfaction.view_surveyround", raise_exception=True)
def poster(request, pk):
    survey = selectors.round_get(user=request.user, pk=pk)
    url = request.build_absolute_uri(reverse("survey_public:answer", args=[survey.public_key]))
    response = HttpResponse(posters.poster_pdf(survey=survey, url=url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="survey-poster-{survey.pk}.pdf"'
    return response
