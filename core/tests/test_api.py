"""The REST API: shapes a district office's system relies on, and the scope it must keep."""
from datetime import date

import pytest
from rest_framework.test import APIClient

from core.demo import load_demo
from core.offices.models import Office, User
from core.offices.services import user_token
from core.workdays.models import Holiday

pytestmark = pytest.mark.django_db


def api_as(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=user)}")
    return client


@pytest.fixture
def demo():
    load_demo()
    return {u.username: u for u in User.objects.all()}


def test_action_plans_of_fiscal_year_2555_with_steps_in_order(demo):
    response = api_as(demo["committee"]).get("/api/v1/action-plans/", {"fiscal_year": 2555})
    assert response.status_code == 200
    plans = response.json()["results"]
    assert [p["cs"] for p in plans] == ["CS1", "CS2", "CS3", "CS4", "CS5", "CS6", "CS7"]
    assert [len(p["steps"]) for p in plans] == [4, 5, 7, 4, 6, 8, 7]
    detail = api_as(demo["committee"]).get(f"/api/v1/action-plans/{plans[2]['id']}/").json()
    assert detail["office"] == "CPN" and detail["fiscal_year"] == 2555
    assert detail["objective"].startswith("เพื่อให้มีระบบจัดการให้การรับฟังและการเรียนรู้ทันต่อเหตุการณ์")
    assert detail["indicators"][0]["name"] == "ร้อยละของเรื่องร้องเรียนที่ได้รับการตอบสนองภายใน 15 วันทำการ"
    first = detail["steps"][0]
    assert first["activity"] == "จัดตั้ง/ทบทวนการจัดตั้งศูนย์รับข้อร้องเรียน/ข้อเสนอแนะ/ข้อคิดเห็น/คำชมเชยและผู้รับผิดชอบ"
    assert (first["duration"], first["planned_start"], first["owner"], first["related_parties"]) == (
        "2 วัน", "2012-01-01", "กรรมการPMQA หมวด 3", "ฝ่ายบริหารฯ")
    assert [s["order"] for s in detail["steps"]] == [1, 2, 3, 4, 5, 6, 7]


def test_cs_filter(demo):
    plans = api_as(demo["committee"]).get("/api/v1/action-plans/", {"cs": "CS6"}).json()["results"]
    assert sorted((p["fiscal_year"], p["indicators"][0]["code"]) for p in plans) == [(2555, "RM 3.1"), (2569, "RM 3.1")]


def test_an_office_user_cannot_read_another_offices_plan_by_api(demo):
    plan_id = api_as(demo["committee"]).get("/api/v1/action-plans/").json()["results"][0]["id"]
    district = api_as(demo["office"])
    assert district.get(f"/api/v1/action-plans/{plan_id}/").status_code == 404
    assert district.get("/api/v1/action-plans/").json()["results"] == []


def test_no_token_no_data(demo):
    assert APIClient().get("/api/v1/action-plans/").status_code == 401


def test_offices_are_scoped_and_only_administrators_create_them(demo):
    codes = [o["code"] for o in api_as(demo["committee"]).get("/api/v1/offices/").json()["results"]]
    assert codes == ["CPN", "CPN-LANGSUAN", "CPN-MUEANG", "CPN-THASAE"]
    new = {"code": "CPN-PATHIO", "name": "สำนักงานเกษตรอำเภอปะทิว", "parent": "CPN"}
    assert api_as(demo["committee"]).post("/api/v1/offices/", new, format="json").status_code == 403
    response = api_as(demo["admin"]).post("/api/v1/offices/", new, format="json")
    assert response.status_code == 201, response.json()
    assert response.json() == {"code": "CPN-PATHIO", "name": "สำนักงานเกษตรอำเภอปะทิว", "short_name": "",
                               "parent": "CPN"}
    assert Office.objects.get_parent(Office.objects.get(code="CPN-PATHIO")).code == "CPN"
    again = api_as(demo["admin"]).post("/api/v1/offices/", new, format="json")
    assert again.status_code == 400 and "มีหน่วยงานรหัส CPN-PATHIO อยู่แล้ว" in again.json()["code"][0]
    bad_parent = api_as(demo["admin"]).post("/api/v1/offices/", {**new, "code": "X1", "parent": "NOPE"},
                                            format="json")
    assert bad_parent.status_code == 400 and "parent" in bad_parent.json()


def test_holidays_by_year_and_a_special_holiday_added_by_an_administrator(demo):
    listed = api_as(demo["office"]).get("/api/v1/holidays/", {"year": 2026}).json()
    assert {"date": "2026-04-13", "name": "วันสงกรานต์", "kind": "public"}.items() <= next(
        h for h in listed if h["date"] == "2026-04-13").items()
    assert [h["date"] for h in listed] == sorted(h["date"] for h in listed)
    assert not any(h["date"] == "2026-05-01" for h in listed)
    special = {"date": "2026-11-23", "name": "วันหยุดพิเศษ", "source": "มติ ครม. 10 พ.ย. 2569"}
    assert api_as(demo["office"]).post("/api/v1/holidays/", special, format="json").status_code == 403
    response = api_as(demo["admin"]).post("/api/v1/holidays/", special, format="json")
    assert response.status_code == 201, response.json()
    holiday = Holiday.objects.get(date=date(2026, 11, 23))
    assert (holiday.kind, holiday.source, holiday.created_by.username) == ("special", "มติ ครม. 10 พ.ย. 2569", "admin")
    bad = api_as(demo["admin"]).post("/api/v1/holidays/", {"date": "23/11/2569", "name": ""}, format="json")
    assert bad.status_code == 400 and set(bad.json()) == {"date", "name"}


def test_the_openapi_schema_and_docs_page_are_served_locally(demo, client):
    client.force_login(demo["committee"])
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200 and b"/api/v1/action-plans/" in schema.content
    docs = client.get("/api/v1/docs/").content.decode()
    assert "swagger-ui" in docs and "cdn" not in docs.lower()
