"""The CS1 API: groups and missions, scoped and validated as the pages are."""
import pytest
from django.contrib.auth.models import Group
from rest_framework.test import APIClient

from core.offices.roles import Role
from stakeholders.models import Mission
from stakeholders.services import group_save


@pytest.fixture
def api():
    return APIClient()


def test_create_a_group_and_a_mission_then_read_them_back(api, people, offices):
    api.force_authenticate(people["alice"])
    created = api.post("/api/v1/stakeholder-groups/", {"office": "PROV", "kind": "customer", "name": "เกษตรกร",
                                                       "criteria": "mission", "needs": "ความรู้", "rank": 1},
                       format="json")
    assert created.status_code == 201, created.json()
    group_id = created.json()["id"]
    mission = api.post("/api/v1/missions/", {"office": "PROV", "fiscal_year": 2569, "title": "ส่งเสริมเกษตรกร",
                                             "groups": [group_id]}, format="json")
    assert mission.status_code == 201, mission.json()
    listed = api.get("/api/v1/missions/", {"office": "PROV", "fiscal_year": 2569}).json()
    assert listed["results"][0]["groups"] == [group_id]
    assert listed["results"][0]["has_customer"] is True and listed["results"][0]["has_stakeholder"] is False
    changed = api.patch(f"/api/v1/stakeholder-groups/{group_id}/", {"rank": 2}, format="json")
    assert changed.status_code == 200 and changed.json()["rank"] == 2


def test_bad_input_answers_with_thai_field_errors_and_writes_nothing(api, people, offices):
    theirs = group_save(office=offices["other"], kind="customer", name="เกษตรกร")
    group_save(office=offices["prov"], kind="customer", name="เกษตรกร")
    api.force_authenticate(people["alice"])
    duplicate = api.post("/api/v1/stakeholder-groups/", {"office": "PROV", "kind": "customer", "name": "เกษตรกร"},
                         format="json")
    assert duplicate.status_code == 400
    assert "หน่วยงานนี้มีกลุ่มประเภทนี้ชื่อนี้แล้ว" in str(duplicate.json())
    foreign = api.post("/api/v1/missions/", {"office": "PROV", "fiscal_year": 2569, "title": "พันธกิจ",
                                             "groups": [theirs.pk]}, format="json")
    assert foreign.status_code == 400 and foreign.json()["groups"] == [f"ไม่พบกลุ่มรหัส {theirs.pk}"]
    year = api.post("/api/v1/missions/", {"office": "PROV", "fiscal_year": 69, "title": "พันธกิจ"}, format="json")
    assert year.status_code == 400 and "fiscal_year" in year.json()
    assert not Mission.objects.exists()


def test_a_district_reads_the_provinces_group_but_may_not_change_it(api, people, offices):
    farmers = group_save(office=offices["prov"], kind="customer", name="เกษตรกร")
    people["bob"].groups.clear()
    people["bob"].groups.add(Group.objects.get(name=Role.COMMITTEE))  # a district committee member
    api.force_authenticate(people["bob"])
    assert api.get(f"/api/v1/stakeholder-groups/{farmers.pk}/").status_code == 200
    assert api.patch(f"/api/v1/stakeholder-groups/{farmers.pk}/", {"name": "แก้"}, format="json").status_code == 404
    api.force_authenticate(people["carol"])
    assert api.get(f"/api/v1/stakeholder-groups/{farmers.pk}/").status_code == 404
