"""The respondents' page (no login) and the staff's QR poster.

Personas: alice (committee at PROV) runs the round; carol (OTHER) cannot see it; the respondent is anonymous.
"""
import re
import subprocess
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.urls import reverse
from django.utils import timezone

from satisfaction import selectors, services
from satisfaction.models import AccessToken, Answer, Response

pytestmark = pytest.mark.django_db

ITEMS = [
    {"code": "q1", "text": "ความสะดวกของขั้นตอน", "dimension": "กระบวนการ", "kind": "rating"},
    {"code": "q2", "text": "ความสุภาพของเจ้าหน้าที่", "dimension": "เจ้าหน้าที่", "kind": "rating"},
    {"code": "d1", "text": "ท่านไม่พึงพอใจเรื่องใดหรือไม่", "kind": "yes_no", "section": "dissatisfaction"},
    {"code": "p1", "text": "อายุ", "kind": "choice", "section": "profile", "choices": ["ต่ำกว่า 30 ปี", "30 ปีขึ้นไป"]},
    {"code": "c1", "text": "ข้อเสนอแนะ", "kind": "text"},
]
PHONE = {"REMOTE_ADDR": "203.0.113.7", "HTTP_USER_AGENT": "Mozilla/5.0 (Android 14)"}


@pytest.fixture
def survey(offices, people):
    questionnaire = services.questionnaire_create(office=offices["prov"], title="ความพึงพอใจผู้รับบริการ",
                                                  scale_max=5, items=ITEMS)
    return services.round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบที่ 1/2569",
                                 by=people["alice"])


def url(survey, **query) -> str:
    address = reverse("survey_public:answer", args=[survey.public_key])
    return address + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def post(client, survey, data, **extra):
    return client.post(url(survey), data, **{**PHONE, **extra})


GOOD = {"q_q1": "5", "q_q2": "4", "q_d1": "ไม่ใช่", "q_p1": "1", "q_c1": "บริการรวดเร็ว"}


def test_page_shows_privacy_notice_first_and_every_item(client, survey):
    page = client.get(url(survey)).content.decode()
    assert page.index("privacy-notice") < page.index("survey-form")
    assert "ไม่ระบุตัวตน" in page and "ปรับปรุงการให้บริการเท่านั้น" in page
    for text in ("น้อยที่สุด", "มากที่สุด", "ไม่แสดงความคิดเห็น", "ด้านกระบวนการ", "30 ปีขึ้นไป", "<textarea"):
        assert text in page
    assert 'name="q_q1" id="q_q1-5" value="5"' in page


def test_questionnaire_notice_replaces_the_default(client, survey):
    survey.questionnaire.privacy_notice = "ประกาศของจังหวัดเอง"
    survey.questionnaire.save()
    page = client.get(url(survey)).content.decode()
    assert "ประกาศของจังหวัดเอง" in page and "ไม่ระบุตัวตน" not in page


def test_answering_records_one_response_and_updates_results(client, survey):
    response = post(client, survey, GOOD)
    assert response.status_code == 200 and "ขอบคุณ" in response.content.decode()
    recorded = Response.objects.get()
    assert recorded.source == "public" and recorded.round == survey
    results = selectors.round_results(survey)
    q1 = next(i for i in results.items if i.code == "q1")
    assert results.respondents == 1 and (q1.n, q1.mean) == (1, D("5.00"))
    assert Answer.objects.get(item__code="c1").text == "บริการรวดเร็ว"
    assert Answer.objects.get(item__code="p1").value == 1


def test_no_opinion_is_recorded_outside_the_mean(client, survey):
    post(client, survey, {**GOOD, "q_q2": "n/a"})
    q2 = next(i for i in selectors.round_results(survey).items if i.code == "q2")
    assert (q2.n, q2.mean, q2.no_opinion) == (0, None, 1)


def test_the_response_stores_no_address(client, survey):
    post(client, survey, GOOD)
    recorded = Response.objects.get()
    assert re.fullmatch(r"[0-9a-f]{64}", recorded.fingerprint)
    stored = " ".join(str(v) for v in Response.objects.values_list().get())
    assert "203.0.113.7" not in stored and "Android" not in stored


def test_a_bad_rating_keeps_the_other_answers_and_writes_nothing(client, survey):
    response = post(client, survey, {**GOOD, "q_q1": "9"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "คะแนนต้องเป็นเลข 1–5" in page
    assert 'id="q_q2-4" value="4" checked' in page and "บริการรวดเร็ว</textarea>" in page
    assert not Response.objects.exists() and selectors.round_results(survey).respondents == 0


def test_a_required_item_left_blank_is_named(client, survey):
    survey.questionnaire.items.filter(code="q2").update(required=True)
    page = post(client, survey, {"q_q1": "3"}).content.decode()
    assert "ต้องตอบข้อนี้" in page and not Response.objects.exists()


def test_an_empty_form_is_refused(client, survey):
    response = post(client, survey, {})
    assert response.status_code == 400 and "กรุณาตอบอย่างน้อยหนึ่งข้อ" in response.content.decode()
    assert not Response.objects.exists()


@pytest.mark.parametrize("change", [
    {"is_open": False},
    {"ends_on": timezone.localdate() - timedelta(days=1)},
    {"starts_on": timezone.localdate() + timedelta(days=1)},
])
def test_a_closed_round_records_nothing(client, survey, change):
    for name, value in change.items():
        setattr(survey, name, value)
    survey.save()
    assert client.get(url(survey)).status_code == 410
    response = post(client, survey, GOOD)
    page = response.content.decode()
    # The reason, as every way in gives it: closed, or the dates it takes answers ("รับคำตอบถึง 24 พ.ย. 2569 …").
    reason = "ปิดรับคำตอบแล้ว" if "is_open" in change else "รอบการสำรวจนี้รับคำตอบ"
    assert response.status_code == 410 and "ไม่รับคำตอบในขณะนี้" in page and reason in page
    assert not Response.objects.exists()


def test_an_unknown_key_is_404(client, survey):
    assert client.get("/survey/no-such-round/").status_code == 404


def test_a_token_answers_once(client, survey):
    survey.requires_token = True
    survey.save()
    AccessToken.objects.create(round=survey, code="AB12CD")
    page = client.get(url(survey, token="AB12CD")).content.decode()
    assert 'value="AB12CD"' in page and "รหัสตอบแบบสอบถาม" in page

    assert post(client, survey, {**GOOD, "token": "AB12CD"}).status_code == 200
    assert AccessToken.objects.get().used_at is not None and Response.objects.count() == 1

    again = post(client, survey, {**GOOD, "token": "AB12CD"}, REMOTE_ADDR="198.51.100.1")
    assert again.status_code == 400 and "ถูกใช้ไปแล้ว" in again.content.decode()
    assert Response.objects.count() == 1


@pytest.mark.parametrize("code", ["", "WRONG1"])
def test_a_missing_or_unknown_token_records_nothing(client, survey, code):
    survey.requires_token = True
    survey.save()
    response = post(client, survey, {**GOOD, "token": code})
    assert response.status_code == 400 and "รหัสตอบแบบสอบถามไม่ถูกต้อง" in response.content.decode()
    assert not Response.objects.exists()


def test_bad_answers_do_not_spend_the_token(client, survey):
    survey.requires_token = True
    survey.save()
    AccessToken.objects.create(round=survey, code="AB12CD")
    post(client, survey, {**GOOD, "q_q1": "9", "token": "AB12CD"})
    assert AccessToken.objects.get().used_at is None and not Response.objects.exists()


def test_the_duplicate_guard_asks_and_records_when_confirmed(client, survey):
    post(client, survey, GOOD)
    asked = post(client, survey, GOOD)
    page = asked.content.decode()
    assert "ดูเหมือนท่านตอบแบบสอบถามนี้แล้ววันนี้" in page and 'name="confirm_again"' in page
    assert 'id="q_q1-5" value="5" checked' in page
    assert Response.objects.count() == 1

    assert "ขอบคุณ" in post(client, survey, {**GOOD, "confirm_again": "1"}).content.decode()
    assert Response.objects.count() == 2


def test_another_phone_is_not_asked(client, survey):
    post(client, survey, GOOD)
    post(client, survey, GOOD, REMOTE_ADDR="198.51.100.1")
    assert Response.objects.count() == 2


def test_too_many_submissions_get_429(client, survey, settings):
    settings.SURVEY_ANSWER_RATE = "2/h"
    post(client, survey, GOOD)
    post(client, survey, {**GOOD, "confirm_again": "1"})
    response = post(client, survey, {**GOOD, "confirm_again": "1"})
    assert response.status_code == 429 and "มากเกินไป" in response.content.decode()
    assert Response.objects.count() == 2


def pdftotext(content: bytes, tmp_path) -> str:
    path = tmp_path / "poster.pdf"
    path.write_bytes(content)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_alice_prints_the_poster(client, survey, people, tmp_path):
    client.force_login(people["alice"])
    response = client.get(reverse("survey_public:poster", args=[survey.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdftotext(response.content, tmp_path)
    assert "ร่วมประเมินความพึงพอใจ" in text and "สำนักงานจังหวัดทดสอบ" in text
    assert f"http://testserver/survey/{survey.public_key}/" in re.sub(r"\s", "", text)


def test_a_district_below_prints_the_provinces_poster(client, survey, people):
    client.force_login(people["bob"])
    assert client.get(reverse("survey_public:poster", args=[survey.pk])).status_code == 200


def test_carol_cannot_see_the_poster(client, survey, people):
    client.force_login(people["carol"])
    assert client.get(reverse("survey_public:poster", args=[survey.pk])).status_code == 404


def test_the_poster_needs_a_login(client, survey):
    response = client.get(reverse("survey_public:poster", args=[survey.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
