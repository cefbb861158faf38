"""Parameters a user or an attacker gets wrong end in a Thai 400 or the page with a Thai message — never a 500.

Each case here was a server error once: a fiscal year of 0 or 99999 made a date that cannot exist, and "²" passes
str.isdigit() but not int().
"""
import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

BAD_YEARS = ["0", "99999", "²", "-1", "2569.5", "x" * 300]


@pytest.mark.parametrize("year", BAD_YEARS)
@pytest.mark.parametrize("path", ["/", "/plans/", "/cs3/follow-up/"])
def test_a_fiscal_year_that_is_not_a_year_is_a_thai_400(client, people, path, year):
    client.force_login(people["alice"])
    response = client.get(path, {"fiscal_year": year})
    assert response.status_code == 400
    body = response.content.decode()
    assert "คำขอไม่ถูกต้อง" in body and "ปีงบประมาณ" in body and "ใช้ปี พ.ศ." in body


@pytest.mark.parametrize("query", [{"fiscal_year": year} for year in BAD_YEARS]
                         + [{"cs": "CS²"}, {"cs": "99999999999999999999"}, {"source": "x"}, {"reached": "²"}])
@pytest.mark.parametrize("path", ["/plans/scoreboard/", "/plans/scoreboard/export.xlsx", "/plans/scoreboard/pdf/"])
def test_the_scoreboard_and_its_files_refuse_bad_filters_in_thai(client, people, path, query):
    client.force_login(people["alice"])
    response = client.get(path, query)
    assert response.status_code == 400 and "คำขอไม่ถูกต้อง" in response.content.decode()


@pytest.mark.parametrize("year", ["2569", "๒๕๖๙", ""])
def test_a_real_fiscal_year_in_arabic_or_thai_digits_still_works(client, people, year):
    client.force_login(people["alice"])
    assert client.get("/", {"fiscal_year": year}).status_code == 200
    assert client.get("/plans/", {"fiscal_year": year}).status_code == 200


@pytest.mark.parametrize("year", BAD_YEARS)
def test_the_register_shows_the_filter_error_in_thai_and_its_export_refuses(client, people, year):
    client.force_login(people["alice"])
    page = client.get("/cs3/", {"fiscal_year": year})
    assert page.status_code == 200 and "ปีงบประมาณ" in page.content.decode()
    assert "ปีงบประมาณต้อง" in page.content.decode()
    export = client.get("/cs3/export.xlsx", {"fiscal_year": year})
    assert export.status_code == 400 and "ปีงบประมาณต้อง" in export.content.decode()
    pdf = client.get("/cs3/register.pdf", {"fiscal_year": year})
    assert pdf.status_code == 400 and "ปีงบประมาณต้อง" in pdf.content.decode()


def test_an_unknown_questionnaire_on_the_new_round_page_is_a_404(client, people):
    client.force_login(people["alice"])
    assert client.get("/cs6/rounds/new/", {"questionnaire": "²"}).status_code == 200  # ignored, as if absent
    assert client.get("/cs6/rounds/new/", {"questionnaire": "999999"}).status_code == 404


def test_an_improvement_that_is_not_a_number_is_a_404(client, people, offices):
    from satisfaction.services import questionnaire_create, round_create

    questionnaire = questionnaire_create(office=offices["prov"], title="ความพึงพอใจ", scale_max=5,
                                         items=[{"code": "q1", "text": "เจ้าหน้าที่สุภาพ"}])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบ 1/2569")
    client.force_login(people["alice"])
    response = client.post(f"/cs6/rounds/{survey.pk}/improvements/", {"status": "done", "improvement": "abc"})
    assert response.status_code == 404


def _api(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


@pytest.mark.parametrize("url, field", [
    ("/api/v1/holidays/?year=99999", "year"),
    ("/api/v1/holidays/?year=²", "year"),
    ("/api/v1/complaints/?fiscal_year=99999", "fiscal_year"),
    ("/api/v1/complaints/?fiscal_year=0", "fiscal_year"),
])
def test_api_parameters_out_of_range_are_field_errors(people, url, field):
    response = _api(people["alice"]).get(url)
    assert response.status_code == 400 and field in response.json()
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in response.json()[field][0])  # said in Thai


@pytest.mark.parametrize("year", BAD_YEARS)
def test_the_holiday_calendar_shows_this_year_for_a_year_it_cannot_read(client, people, year):
    client.force_login(people["alice"])
    response = client.get("/manage/holidays/", {"year": year})
    assert response.status_code == 200 and "ปฏิทินวันหยุดราชการ" in response.content.decode()


@pytest.mark.parametrize("url", ["/api/v1/action-plans/?cs=CS²", "/api/v1/action-plans/?cs=CS99999999999",
                                 "/api/v1/open311/requests.json?service_code=²,99999999999999999999999"])
def test_api_filters_that_match_nothing_list_nothing(people, url):
    cache.clear()
    response = _api(people["alice"]).get(url)
    assert response.status_code == 200
    body = response.json()
    assert (body["results"] if isinstance(body, dict) else body) == []
