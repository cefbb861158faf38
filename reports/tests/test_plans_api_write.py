"""Plans by API (POST and PATCH /api/v1/action-plans/): through `core.plans.services.plan_save`, Thai field errors,
scoped, and each indicator answered with its result, % success and score, a computed one computed now.

Here in reports because the fresh computed result is the CS3 KPI itself, through the wiring handed to the core.
Personas (conftest): alice committee@PROV, bob office staff@DIST-A, erin executive@PROV, carol office staff@OTHER.
"""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from complaints.choices import ReplyKind, ReplyMethod
from complaints.services import ticket_reply
from complaints.tests.factories import make_ticket
from core.plans.models import ActionPlan, Indicator, Step
from core.testing.factories import ActionPlanFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/action-plans/"


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def body(**changes) -> dict:
    plan = {
        "office": "DIST-A", "fiscal_year": 2569, "cs": "CS3", "title": "กระบวนการจัดการข้อร้องเรียน",
        "objective": "เพื่อให้ตอบข้อร้องเรียนทันเวลา", "definitions": "ข้อร้องเรียน หมายถึง …",
        "indicators": [
            {"code": "CS3-KPI", "name": "ร้อยละของเรื่องร้องเรียนที่ได้รับการตอบสนองภายใน 15 วันทำการ", "unit": "ร้อยละ",
             "target": "80", "direction": "higher", "ladder": [60, 70, 80, 90, 100], "metric": "cs3_answered_on_time"},
            # Lower is better: 12 against target 10 → 200 − 120 = 80.00 %; 4 + (12 − 12.5) ÷ (10 − 12.5) = 4.2000.
            {"code": "X1", "name": "จำนวนวันเฉลี่ยที่ใช้ตอบ", "unit": "วัน", "target": 10, "direction": "lower",
             "ladder": [20, "17.5", 15, "12.5", 10], "result": 12},
        ],
        "steps": [
            {"order": 1, "activity": "ทบทวนคำสั่งแต่งตั้งคณะทำงาน", "planned_start": "2025-10-01",
             "planned_end": "2025-11-01", "owner": "กรรมการPMQA หมวด 3"},
            {"order": 2, "activity": "รายงานผลต่อผู้บริหารรายไตรมาส", "planned_start": "2026-01-01",
             "planned_end": "2026-07-01", "budget": "5000"},
        ],
    }
    plan.update(changes)
    return plan


def counts() -> tuple:
    return ActionPlan.objects.count(), Indicator.objects.count(), Step.objects.count()


def test_create_answers_each_indicator_with_its_figures(people):
    response = api_as(people["alice"]).post(URL, body(), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert (data["office"], data["cs"], data["fiscal_year"]) == ("DIST-A", "CS3", 2569)
    kpi, days = data["indicators"]
    assert kpi["source"] == "computed" and kpi["result"] is None  # no complaint counted yet: no data, not 0 %
    assert (days["result"], days["success_percent"], days["score"]) == ("12.00", "80.00", "4.2000")
    assert [s["order"] for s in data["steps"]] == [1, 2] and data["steps"][1]["budget"] == "5000.00"


def test_a_computed_result_is_computed_now_not_read_from_the_store(people, offices):
    created = api_as(people["alice"]).post(URL, body(), format="json").json()
    ticket = make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2))
    ticket_reply(ticket=ticket, kind=ReplyKind.FINAL, replied_on=ticket.received_on + timedelta(days=3),
                 method=ReplyMethod.PHONE, text="แจ้งผลแล้ว", today=date(2026, 3, 5))
    assert Indicator.objects.get(code="CS3-KPI").computed_result is None  # nothing refreshed the stored value
    detail = api_as(people["alice"]).get(f"{URL}{created['id']}/").json()
    kpi = detail["indicators"][0]
    # 1 answered on time ÷ 1 counted = 100.00 %; ÷ target 80 = 125.00 %; at level 5 (100) scores 5.
    assert (kpi["result"], kpi["success_percent"], kpi["score"]) == ("100.00", "125.00", "5.0000")
    patched = api_as(people["alice"]).patch(f"{URL}{created['id']}/", {"title": "ชื่อใหม่"}, format="json").json()
    assert patched["indicators"][0]["result"] == "100.00"
    assert Indicator.objects.get(code="CS3-KPI").computed_result == Decimal("100.00")  # a save stores it too


def test_a_recurring_step_keeps_its_periods(people):
    quarterly = {"order": 3, "activity": "ทบทวนผลรายไตรมาส", "area": "ห้องประชุมสำนักงาน",
                 "periods": [{"start": m, "end": m} for m in ("2025-10-01", "2026-01-01", "2026-04-01", "2026-07-01")]}
    response = api_as(people["alice"]).post(URL, body(steps=[quarterly]), format="json")
    assert response.status_code == 201, response.json()
    [step] = response.json()["steps"]
    assert [p["start"] for p in step["periods"]] == ["2025-10-01", "2026-01-01", "2026-04-01", "2026-07-01"]
    assert (step["planned_start"], step["planned_end"], step["area"]) == ("2025-10-01", "2026-07-01",
                                                                          "ห้องประชุมสำนักงาน")
    outside = {**quarterly, "periods": [{"start": "2026-10-01", "end": "2026-10-01"}]}  # FY 2570's October
    refused = api_as(people["alice"]).post(URL, body(cs="CS4", steps=[outside]), format="json")
    assert refused.status_code == 400 and "ไม่อยู่ในปีงบประมาณ 2569" in refused.json()["steps.0.periods"][0]


def test_patch_matches_steps_and_indicators_by_order(people):
    created = api_as(people["alice"]).post(URL, body(), format="json").json()
    first = Step.objects.get(plan_id=created["id"], order=1)
    first.progress, first.status = 40, "in_progress"
    first.save()
    response = api_as(people["alice"]).patch(f"{URL}{created['id']}/", {
        "steps": [{"order": 1, "activity": "ทบทวนคำสั่ง (ปรับถ้อยคำ)", "planned_start": "2025-10-01",
                   "planned_end": "2025-12-01"},
                  {"order": 3, "activity": "สรุปบทเรียน", "planned_start": "2026-08-01", "planned_end": "2026-09-01"}],
        "indicators": [{"name": "ตัวชี้วัดเดียว", "target": 5, "ladder": [1, 2, 3, 4, 5], "result": 6}],
    }, format="json")
    assert response.status_code == 200, response.json()
    steps = list(Step.objects.filter(plan_id=created["id"]).order_by("order"))
    assert [s.order for s in steps] == [1, 3]
    assert steps[0].pk == first.pk and steps[0].progress == 40 and steps[0].activity == "ทบทวนคำสั่ง (ปรับถ้อยคำ)"
    [only] = response.json()["indicators"]
    assert (only["name"], only["source"], only["result"], only["success_percent"], only["score"]) == (
        "ตัวชี้วัดเดียว", "manual", "6.00", "120.00", "5.0000")  # past level 5
    assert response.json()["title"] == "กระบวนการจัดการข้อร้องเรียน"  # left out: unchanged


@pytest.mark.parametrize("changes, field", [
    ({"cs": "CS9"}, "cs"),
    ({"fiscal_year": 1999}, "fiscal_year"),
    ({"office": "OTHER"}, "office"),
    ({"title": ""}, "title"),
    ({"indicators": [{"name": "ก", "target": 1, "ladder": [1, 2, 3, 4, 5], "metric": "rm35", "result": 1}]},
     "indicators.0.result"),
    ({"indicators": [{"name": "ก", "target": 1, "ladder": [5, 4, 3, 2, 1]}]}, "indicators.0.ladder"),
    ({"indicators": [{"name": "ก", "target": 1, "ladder": [1, 2, 3, 4, 5], "direction": "lower"}]},
     "indicators.0.ladder"),
    ({"indicators": [{"name": "ก", "target": 1, "ladder": [1, 2, 3]}]}, "indicators"),
    ({"indicators": [{"name": "ก", "target": 1, "ladder": [1, 2, 3, 4, 5], "metric": "nope"}]}, "indicators"),
    ({"steps": [{"order": 1, "activity": "ก", "planned_start": "2026-03-01", "planned_end": "2026-01-01"}]},
     "steps.0.planned_end"),
    ({"steps": [{"order": 1, "activity": "ก", "planned_start": "2026-01-01", "planned_end": "2026-01-01"},
                {"order": 1, "activity": "ข", "planned_start": "2026-01-01", "planned_end": "2026-01-01"}]},
     "steps.1.order"),
    ({"steps": [{"order": 1, "activity": "ก", "planned_start": "2026-01-01", "planned_end": "2026-01-01",
                 "progress": 101}]}, "steps"),
])
def test_bad_plans_are_thai_field_errors_and_write_nothing(people, changes, field):
    before = counts()
    response = api_as(people["alice"]).post(URL, body(**changes), format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json(), response.json()
    assert counts() == before


def test_a_second_plan_for_the_same_office_year_and_cs_is_refused(people):
    assert api_as(people["alice"]).post(URL, body(), format="json").status_code == 201
    again = api_as(people["alice"]).post(URL, body(), format="json")
    assert again.status_code == 400 and "มีแผน CS3 ปีงบประมาณ 2569 อยู่แล้ว" in again.json()["cs"][0]


def test_scoping_and_rights(people, offices):
    other = ActionPlanFactory(office=offices["other"], fiscal_year=2569, cs=3)
    own = ActionPlanFactory(office=offices["dist_a"], fiscal_year=2569, cs=3)
    assert api_as(people["alice"]).patch(f"{URL}{other.pk}/", {"title": "x"}, format="json").status_code == 404
    assert api_as(people["bob"]).post(URL, body(), format="json").status_code == 403  # office staff: no right
    assert api_as(people["bob"]).patch(f"{URL}{own.pk}/", {"title": "x"}, format="json").status_code == 403
    assert api_as(people["erin"]).patch(f"{URL}{own.pk}/", {"title": "x"}, format="json").status_code == 403
    assert api_as(people["carol"]).patch(f"{URL}{own.pk}/", {"title": "x"}, format="json").status_code in (403, 404)
    assert api_as(people["alice"]).put(f"{URL}{own.pk}/", body(), format="json").status_code == 405
    moved = api_as(people["alice"]).patch(f"{URL}{own.pk}/", {"office": "OTHER"}, format="json")
    assert moved.status_code == 400 and moved.json()["office"] == ["ไม่พบหน่วยงานรหัส “OTHER”"]
    own.refresh_from_db()
    assert own.office_id == offices["dist_a"].pk and own.title != "x"


def test_the_schema_documents_the_write(people, client):
    client.force_login(people["alice"])
    schema = client.get("/api/v1/schema/").content.decode()
    assert "ActionPlanWrite" in schema and "จับคู่ตามลำดับ" in schema
