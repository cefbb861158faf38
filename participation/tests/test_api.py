"""/api/v1/participation-projects/: scoped like the pages, Thai field errors for bad input (never a 500), measures
inside the project; RM 3.4 in the indicators API as `rm34`."""
from datetime import date

import pytest
from rest_framework.test import APIClient

from ..models import ParticipationProject
from .factories import group, measure, project

pytestmark = pytest.mark.django_db
URL = "/api/v1/participation-projects/"


@pytest.fixture
def api(people):
    client = APIClient()
    client.force_authenticate(people["alice"])
    return client


def _body(offices, **overrides):
    return {"office": "PROV", "fiscal_year": 2569, "title": "เวทีรับฟังความคิดเห็น", "level": 2,
            "groups": [group(offices["prov"]).pk], "strategy": "ยุทธศาสตร์การเกษตร", "started_on": "2026-01-10",
            "ended_on": "2026-03-31", "info_channels": ["website", "line", "facebook"],
            "measures": [{"name": "ผู้เข้าร่วม", "target": "40", "direction": "higher", "result": "52"},
                         {"name": "ข้อร้องเรียน", "target": 5, "direction": "lower", "result": None}], **overrides}


def test_create_read_and_update_with_measures(api, offices):
    created = api.post(URL, _body(offices), format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["level"], data["status"], data["all_reached"], data["few_info_channels"]) == (2, "ended", False, False)
    assert [(m["name"], m["reached"]) for m in data["measures"]] == [("ผู้เข้าร่วม", True), ("ข้อร้องเรียน", False)]
    changed = api.patch(f"{URL}{data['id']}/", {"measures": [
        {"name": "ผู้เข้าร่วม", "target": "40", "result": "52"},
        {"name": "ข้อร้องเรียน", "target": 5, "direction": "lower", "result": 3}]}, format="json")
    assert changed.status_code == 200, changed.json()
    assert changed.json()["all_reached"] is True
    assert api.get(f"{URL}{data['id']}/").json()["title"] == "เวทีรับฟังความคิดเห็น"


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"level": 6}, "level", "ระดับการมีส่วนร่วมต้องเป็น 1–5"),
    ({"level": 0}, "level", "ระดับการมีส่วนร่วมต้องเป็น 1–5"),
    ({"level": "สูง"}, "level", "ระดับการมีส่วนร่วมต้องเป็น 1–5"),
    ({"started_on": "2026-03-01", "ended_on": "2026-02-01"}, "ended_on", "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"),
    ({"started_on": "1/1/2569"}, "started_on", "วันที่ต้องอยู่ในรูป YYYY-MM-DD"),
    ({"fiscal_year": 69}, "fiscal_year", "ปีงบประมาณ"),
    ({"office": "OTHER"}, "office", "ไม่พบหน่วยงานรหัส"),
    ({"info_channels": ["nope"]}, "info_channels", "ไม่พบช่องทางรหัสนี้"),
    ({"strategy": ""}, "mission", "เลือกพันธกิจ"),
])
def test_bad_input_gets_thai_field_errors(api, offices, overrides, field, message):
    response = api.post(URL, _body(offices, **overrides), format="json")
    assert response.status_code == 400
    assert message in str(response.json()[field])
    assert not ParticipationProject.objects.exists()


def test_a_measure_without_target_is_named(api, offices):
    response = api.post(URL, _body(offices, measures=[{"name": "ผู้เข้าร่วม", "result": 3},
                                                      {"name": "ความพึงพอใจ", "target": None}]), format="json")
    assert response.status_code == 400
    # DRF names each refused item of the list by its place.
    assert response.json()["measures"] == {"0": {"target": ["กรุณาระบุค่าเป้าหมาย"]},
                                           "1": {"target": ["กรุณาระบุค่าเป้าหมาย"]}}
    bad = api.post(URL, _body(offices, measures="ไม่ใช่รายการ"), format="json")
    assert bad.status_code == 400 and "measures" in bad.json()


def test_another_office_sees_nothing_and_changes_nothing(offices, people):
    theirs = project(offices["other"], title="ของจังหวัดอื่น")
    ours = project(offices["prov"], title="ของเรา")
    client = APIClient()
    client.force_authenticate(people["alice"])
    assert [row["title"] for row in client.get(URL).json()["results"]] == ["ของเรา"]
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert client.patch(f"{URL}{theirs.pk}/", {"title": "ATTACK"}, format="json").status_code == 404
    client.force_authenticate(people["bob"])  # a district's staff: PROV's project is not theirs
    assert client.patch(f"{URL}{ours.pk}/", {"title": "ATTACK"}, format="json").status_code == 404
    client.force_authenticate(people["erin"])  # an executive reads, changes nothing
    assert client.get(f"{URL}{ours.pk}/").status_code == 200
    assert client.patch(f"{URL}{ours.pk}/", {"title": "ATTACK"}, format="json").status_code == 403
    theirs.refresh_from_db(), ours.refresh_from_db()
    assert (theirs.title, ours.title) == ("ของจังหวัดอื่น", "ของเรา")


def test_rm34_is_in_the_indicators_api(api, offices):
    project(offices["prov"], fiscal_year=2569, ended_on=date(2026, 3, 31), measures=[measure("m", 1, 1)])
    project(offices["prov"], fiscal_year=2569, ended_on=date(2026, 3, 31), measures=[measure("m", 1, 0)])
    rows = {row["metric"]: row for row in api.get("/api/v1/indicators/?office=PROV&fiscal_year=2569").json()["results"]}
    assert (rows["rm34"]["value"], rows["rm34"]["numerator"], rows["rm34"]["denominator"]) == ("50.00", 1, 2)


def test_the_schema_describes_the_endpoint(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    assert "/api/v1/participation-projects/" in schema["paths"]
