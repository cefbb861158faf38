"""A round takes answers only while it is open and today falls within its dates: one rule, in the recording service,
so the public page, the API, the keyboard entry grid and the spreadsheet import all refuse the same answers and say
the same Thai reason. (The public page's own 410 is tested in test_public.py.)

Personas (conftest): alice committee@PROV runs the round; bob office staff@DIST-A keys in its forms.
"""
import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook
from rest_framework.test import APIClient

from core.thai_dates import format_full
from satisfaction import imports
from satisfaction.models import Answer, Response, RoundDay, SurveyRound, Tally
from satisfaction.services import questionnaire_create, round_closed_message, round_create

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YESTERDAY, TOMORROW = TODAY - timedelta(days=1), TODAY + timedelta(days=1)


# (starts_on, ends_on) of a round that takes no answers today, and what every way in says about it.
OUTSIDE = {
    "not yet": (TOMORROW, TOMORROW + timedelta(days=30)),
    "over": (YESTERDAY - timedelta(days=30), YESTERDAY),
}


def expected_message(starts_on: date, ends_on: date) -> str:
    return f"รอบการสำรวจนี้รับคำตอบตั้งแต่ {format_full(starts_on)} ถึง {format_full(ends_on)} (วันนี้ {format_full(TODAY)})"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def make_round(office, *, starts_on=None, ends_on=None) -> SurveyRound:
    questionnaire = questionnaire_create(office=office, title="ความพึงพอใจ", scale_max=5, items=[
        {"code": "q1", "text": "ขั้นตอนสะดวก"}, {"code": "q2", "text": "เจ้าหน้าที่สุภาพ"}])
    return round_create(questionnaire=questionnaire, office=office, title="รอบ 1/2569", starts_on=starts_on,
                        ends_on=ends_on)


def assert_nothing_recorded(survey: SurveyRound) -> None:
    survey.refresh_from_db()
    assert survey.respondents == 0 and not Response.objects.exists() and not Answer.objects.exists()
    assert not Tally.objects.filter(round=survey, count__gt=0).exists() and not RoundDay.objects.exists()


def test_the_rule_names_the_dates_the_round_takes_answers(offices):
    survey = make_round(offices["prov"], starts_on=date(2027, 1, 1), ends_on=date(2027, 1, 31))
    assert round_closed_message(survey=survey, today=date(2026, 12, 31)) == (
        "รอบการสำรวจนี้รับคำตอบตั้งแต่ 1 มกราคม 2570 ถึง 31 มกราคม 2570 (วันนี้ 31 ธันวาคม 2569)")
    assert round_closed_message(survey=survey, today=date(2027, 2, 1)).endswith("(วันนี้ 1 กุมภาพันธ์ 2570)")
    # Both ends are days it takes answers.
    assert round_closed_message(survey=survey, today=date(2027, 1, 1)) is None
    assert round_closed_message(survey=survey, today=date(2027, 1, 31)) is None


def test_a_round_with_one_date_or_none_or_switched_off(offices):
    survey = make_round(offices["prov"], ends_on=date(2027, 1, 31))
    assert round_closed_message(survey=survey, today=date(2020, 1, 1)) is None
    assert round_closed_message(survey=survey, today=date(2027, 2, 1)).startswith(
        "รอบการสำรวจนี้รับคำตอบถึง 31 มกราคม 2570")
    survey.starts_on, survey.ends_on = date(2027, 1, 1), None
    assert round_closed_message(survey=survey, today=date(2026, 12, 31)).startswith(
        "รอบการสำรวจนี้รับคำตอบตั้งแต่ 1 มกราคม 2570 (วันนี้")
    survey.starts_on, survey.is_open = None, False
    assert round_closed_message(survey=survey) == "รอบการสำรวจนี้ปิดรับคำตอบแล้ว"


@pytest.mark.parametrize("when", OUTSIDE)
def test_the_api_refuses_answers_outside_the_dates_and_writes_nothing(people, offices, when):
    survey = make_round(offices["prov"], starts_on=OUTSIDE[when][0], ends_on=OUTSIDE[when][1])
    client = APIClient()
    client.force_authenticate(people["bob"])
    response = client.post(f"/api/v1/surveys/{survey.pk}/responses/",
                           [{"answers": {"q1": 5, "q2": 4}, "form_number": "001"}], format="json")
    assert response.status_code == 400
    assert response.json() == {"round": [expected_message(*OUTSIDE[when])]}
    assert_nothing_recorded(survey)


def test_the_api_records_answers_within_the_dates(people, offices):
    survey = make_round(offices["prov"], starts_on=TODAY, ends_on=TODAY)
    client = APIClient()
    client.force_authenticate(people["bob"])
    response = client.post(f"/api/v1/surveys/{survey.pk}/responses/", [{"answers": {"q1": 5}}], format="json")
    assert response.status_code == 201 and Response.objects.count() == 1


@pytest.mark.parametrize("when", OUTSIDE)
def test_the_entry_grid_says_why_in_thai_and_keeps_the_rows(client, people, offices, when):
    survey = make_round(offices["prov"], starts_on=OUTSIDE[when][0], ends_on=OUTSIDE[when][1])
    client.force_login(people["bob"])
    response = client.post(reverse("satisfaction:entry", args=[survey.pk]),
                           {"r0-form": "001", "r0-q1": "5", "r0-q2": "4"})
    page = response.content.decode()
    assert response.status_code == 200 and expected_message(*OUTSIDE[when]) in page
    assert 'value="001"' in page  # nothing typed is lost
    assert_nothing_recorded(survey)


def _sheet(survey) -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(imports.template_headers(survey))
    book.active.append(["001", 5, 4])
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("answers.xlsx", out.getvalue())


@pytest.mark.parametrize("when", OUTSIDE)
def test_the_import_says_why_in_the_preview_and_refuses_the_confirm(client, people, offices, when):
    survey = make_round(offices["prov"], starts_on=OUTSIDE[when][0], ends_on=OUTSIDE[when][1])
    client.force_login(people["bob"])
    uploaded = client.post(reverse("satisfaction:import", args=[survey.pk]), {"file": _sheet(survey)})
    assert uploaded.status_code == 302
    preview = client.get(uploaded.url).content.decode()
    assert expected_message(*OUTSIDE[when]) in preview
    confirmed = client.post(uploaded.url, {"confirm": "1"})
    assert confirmed.status_code == 422 and expected_message(*OUTSIDE[when]) in confirmed.content.decode()
    assert_nothing_recorded(survey)
