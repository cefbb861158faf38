"""Keying in paper forms: one row per form, all rows or none, nothing typed is lost."""
import pytest
from django.urls import reverse

from satisfaction.models import Response
from satisfaction.selectors import round_results
from satisfaction.services import questionnaire_create, round_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5, items=[
        {"code": "q1", "text": "ขั้นตอนสะดวก"}, {"code": "q2", "text": "เจ้าหน้าที่สุภาพ"}])
    return round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 1/2569")


def post_rows(client, survey, rows):
    data = {}
    for n, (form, q1, q2) in enumerate(rows):
        data.update({f"r{n}-form": form, f"r{n}-q1": q1, f"r{n}-q2": q2})
    return client.post(reverse("satisfaction:entry", args=[survey.pk]), data)


def test_a_district_keys_in_its_provinces_forms(client, people, survey):
    client.force_login(people["bob"])
    response = post_rows(client, survey, [("001", "5", "4"), ("002", "3", "-"), ("", "", "")])
    assert response.status_code == 302
    results = round_results(survey)
    assert results.respondents == 2 and results.items[1].no_opinion == 1
    assert set(Response.objects.values_list("form_number", flat=True)) == {"001", "002"}


def test_one_bad_cell_records_no_row_and_keeps_every_value(client, people, survey):
    client.force_login(people["bob"])
    body = post_rows(client, survey, [("001", "5", "4"), ("002", "9", "3")]).content.decode()
    assert "แบบที่ 2 ข้อ q1: คะแนนต้องเป็นเลข 1–5" in body
    assert 'value="9"' in body and 'value="001"' in body and 'value="4"' in body
    assert not Response.objects.exists()


def test_the_same_form_number_twice_is_refused(client, people, survey):
    client.force_login(people["bob"])
    post_rows(client, survey, [("001", "5", "4")])
    post_rows(client, survey, [("001", "4", "4")])
    assert Response.objects.count() == 1


def test_another_province_cannot_key_in(client, people, survey):
    client.force_login(people["carol"])
    assert client.get(reverse("satisfaction:entry", args=[survey.pk])).status_code == 404
