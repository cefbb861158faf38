"""The survey API a district office's system uses, scoped like the pages, all or nothing."""
from decimal import Decimal as D

import pytest
from rest_framework.test import APIClient

from core.offices.services import user_token
from satisfaction.models import Answer, Response, SurveyRound

pytestmark = pytest.mark.django_db

ITEMS = [
    {"code": "q1", "text": "ความสะดวกของขั้นตอน", "dimension": "กระบวนการ", "kind": "rating"},
    {"code": "q2", "text": "ความสุภาพของเจ้าหน้าที่", "dimension": "เจ้าหน้าที่", "kind": "rating"},
    {"code": "d1", "text": "ท่านไม่พึงพอใจเรื่องใดหรือไม่", "kind": "yes_no", "section": "dissatisfaction"},
    {"code": "c1", "text": "ข้อเสนอแนะ", "kind": "text"},
]


def api(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=user)}")
    return client


@pytest.fixture
def survey(people):
    response = api(people["alice"]).post("/api/v1/surveys/", {
        "title": "ความพึงพอใจผู้รับบริการ 2569", "office": "PROV", "scale_max": 5, "items": ITEMS}, format="json")
    assert response.status_code == 201, response.json()
    return SurveyRound.objects.get(pk=response.json()["id"])


def test_create_answer_and_read_results(people, survey):
    forms = [
        {"answers": {"q1": 5, "q2": 4, "d1": "ไม่ใช่", "c1": "บริการดี"}},
        {"answers": {"q1": 4, "q2": "n/a", "d1": "ใช่"}},
        {"answers": {"q1": 2, "q2": 1, "d1": None}},
        {"answers": {"q1": 5, "q2": 5}},
    ]
    created = api(people["bob"]).post(f"/api/v1/surveys/{survey.pk}/responses/", forms, format="json")
    assert created.status_code == 201 and created.json() == {"created": 4}
    results = api(people["erin"]).get(f"/api/v1/surveys/{survey.pk}/results/").json()
    # rating answers: 5,4,2,5 (q1) and 4,1,5 (q2): 26 / 7 = 3.714… → 74.29 %; top two 5 of 7; bottom two 2 of 7
    assert results["respondents"] == 4
    assert results["satisfaction_percent"] == {"mean": 74.29, "top2": 71.43}
    assert results["dissatisfaction_percent"] == {"bottom2": 28.57, "reported": 50.0}  # 1 of 2 who answered
    q2 = next(i for i in results["items"] if i["code"] == "q2")
    assert (q2["n"], q2["mean"], q2["no_opinion"]) == (3, 3.33, 1)


def test_one_bad_form_records_nothing_and_says_where(people, survey):
    forms = [{"answers": {"q1": 5}}, {"answers": {"q1": 7, "zz": 1}}]
    response = api(people["bob"]).post(f"/api/v1/surveys/{survey.pk}/responses/", forms, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert errors["2.q1"] == ["แบบที่ 2 ข้อ q1: คะแนนต้องเป็นเลข 1–5"]
    assert errors["2.zz"] == ["แบบที่ 2: ไม่มีข้อรหัส zz ในแบบสอบถามนี้"]
    assert not Response.objects.exists() and not Answer.objects.exists()
    assert api(people["bob"]).get(f"/api/v1/surveys/{survey.pk}/results/").json()["respondents"] == 0


def test_bad_questionnaires_are_refused_in_thai(people):
    response = api(people["alice"]).post("/api/v1/surveys/", {
        "title": "x", "office": "PROV", "scale_max": 7,
        "items": [{"code": "q1", "text": "ก"}, {"code": "q1", "text": "ข"}]}, format="json")
    assert response.status_code == 400
    assert response.json()["scale_max"] == ["คะแนนเต็มของมาตราส่วนต้องเป็น 4 หรือ 5"]
    assert "รหัสข้อ q1 ซ้ำกับข้ออื่น" in str(response.json())
    outside = api(people["bob"]).post("/api/v1/surveys/", {
        "title": "x", "office": "PROV", "scale_max": 5, "items": ITEMS}, format="json")
    assert outside.status_code == 403  # office staff do not create rounds


def test_an_unknown_section_is_refused_and_nothing_is_created(people):
    response = api(people["alice"]).post("/api/v1/surveys/", {
        "title": "x", "office": "PROV", "scale_max": 5,
        "items": [{"code": "q1", "text": "ก", "section": "demographics"}]}, format="json")
    assert response.status_code == 400
    assert response.json()["items"]["0"]["section"] == [
        "ส่วนต้องเป็น satisfaction, dissatisfaction, profile (ได้รับ “demographics”)"]
    assert not SurveyRound.objects.exists()


def test_another_offices_round_does_not_exist(people, survey):
    assert api(people["carol"]).get(f"/api/v1/surveys/{survey.pk}/results/").status_code == 404
    assert api(people["carol"]).post(f"/api/v1/surveys/{survey.pk}/responses/", [], format="json").status_code == 404
    assert api(people["carol"]).get("/api/v1/surveys/").json()["results"] == []


def test_answers_carry_no_identity(people, survey):
    """A respondent's answers are never stored with who they are: no name, contact or user on a response."""
    fields = {f.name for f in Response._meta.get_fields()} | {f.name for f in Answer._meta.get_fields()}
    assert not fields & {"user", "name", "contact", "email", "phone", "ip", "created_by"}


def test_results_read_a_fixed_number_of_queries(people, survey, django_assert_max_num_queries):
    client = api(people["alice"])
    client.post(f"/api/v1/surveys/{survey.pk}/responses/", [{"answers": {"q1": 5, "q2": 4}}] * 3, format="json")
    with django_assert_max_num_queries(12) as few:
        client.get(f"/api/v1/surveys/{survey.pk}/results/")
    few = len(few.captured_queries)  # read now: every request clears Django's query log
    client.post(f"/api/v1/surveys/{survey.pk}/responses/", [{"answers": {"q1": 3, "q2": 2}}] * 200, format="json")
    with django_assert_max_num_queries(few):
        results = client.get(f"/api/v1/surveys/{survey.pk}/results/").json()
    assert results["respondents"] == 203 and D(str(results["satisfaction_percent"]["mean"])) < D("70")


def test_results_use_the_questionnaires_own_bands(people):
    response = api(people["alice"]).post("/api/v1/surveys/", {
        "title": "เกณฑ์ของหน่วยงาน", "office": "PROV", "scale_max": 5, "items": ITEMS[:1],
        "bands": [[4, 5, "ดีมาก"], [1, 3.99, "ควรปรับปรุง"]]}, format="json")
    survey_id = response.json()["id"]
    api(people["alice"]).post(f"/api/v1/surveys/{survey_id}/responses/", [{"answers": {"q1": 4}}], format="json")
    results = api(people["alice"]).get(f"/api/v1/surveys/{survey_id}/results/").json()
    assert results["items"][0]["band"] == "ดีมาก"
    bad = api(people["alice"]).post("/api/v1/surveys/", {
        "title": "x", "office": "PROV", "scale_max": 5, "items": ITEMS[:1], "bands": [[0, 9, ""]]}, format="json")
    assert bad.status_code == 400 and "ต้องอยู่ระหว่าง 1–5" in bad.json()["bands"][0]


def test_the_survey_routes_answer_with_the_json_suffix_too(people, offices):
    """DRF's format suffix (/surveys.json) passes `format=` to the actions: it was a server error."""
    from rest_framework.test import APIClient

    from satisfaction.services import questionnaire_create, round_create

    questionnaire = questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5,
                                         items=[{"code": "q1", "text": "เจ้าหน้าที่สุภาพ"}])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 1/2569")
    api = APIClient()
    api.force_authenticate(people["alice"])
    assert api.get(f"/api/v1/surveys/{survey.pk}/results.json").status_code == 200
    created = api.post(f"/api/v1/surveys/{survey.pk}/responses.json", [{"answers": {"q1": 5}}], format="json")
    assert created.status_code == 201
    assert api.post("/api/v1/surveys.json", {}, format="json").status_code == 400
