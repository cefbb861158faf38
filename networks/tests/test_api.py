"""The CS4 API: networks with two contact channels at least (a field error otherwise), a network's activities, and an
activity's evaluation opened as a survey round whose answers go to the survey API and whose result is RM 3.3."""
from datetime import date

import pytest
from rest_framework.test import APIClient

from networks.models import Network

from .factories import make_activity, make_group, make_network

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(people):
    client = APIClient()
    client.force_authenticate(people["alice"])
    return client


def test_create_refuses_fewer_than_two_contact_channels_with_a_field_error(api, offices):
    group = make_group(office=offices["prov"], name="เกษตรกร")
    body = {"office": "PROV", "name": "เครือข่ายเกษตรกร", "form": "committee", "groups": [group.pk],
            "contact_channels": [{"kind": "line", "value": "กลุ่ม LINE"}]}
    response = api.post("/api/v1/networks/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"contact_channels": ["เครือข่ายต้องมีช่องทางการติดต่อสื่อสารอย่างน้อย 2 ช่องทาง"]}
    assert not Network.objects.exists()
    body["contact_channels"].append({"kind": "phone", "value": "077-000-000"})
    response = api.post("/api/v1/networks/", body, format="json")
    assert response.status_code == 201
    network = response.json()
    assert network["groups"] == [group.pk] and len(network["contact_channels"]) == 2 and network["members"] == []


def test_update_reads_groups_of_the_scope_and_another_offices_group_is_unknown(api, offices):
    network = make_network(office=offices["prov"])
    secret = make_group(office=offices["other"], name="กลุ่มจังหวัดอื่น")
    response = api.patch(f"/api/v1/networks/{network.pk}/", {"groups": [secret.pk]}, format="json")
    assert response.status_code == 400 and "groups" in response.json()
    response = api.patch(f"/api/v1/networks/{network.pk}/", {"name": "ชื่อใหม่", "form": "online"}, format="json")
    assert response.status_code == 200 and response.json()["name"] == "ชื่อใหม่"
    assert Network.objects.get(pk=network.pk).contact_channels.count() == 2  # kept


def test_an_executive_reads_members_without_personal_details(people, offices):
    from networks import services

    network = make_network(office=offices["prov"])
    services.member_add(network=network, kind="person", name="นายสมบัติ", position="ประธาน", phone="081")
    client = APIClient()
    client.force_authenticate(people["erin"])
    member = client.get("/api/v1/networks/").json()["results"][0]["members"][0]
    assert member == {"id": member["id"], "kind": "person", "name": None, "position": "ประธาน", "phone": None,
                      "email": None, "group": None}
    assert client.post("/api/v1/networks/", {}, format="json").status_code == 403


def test_activities_evaluation_and_responses_reach_rm33(api, offices, people):
    network = make_network(office=offices["prov"])
    response = api.post(f"/api/v1/networks/{network.pk}/activities/",
                        {"title": "เวทีแลกเปลี่ยน", "kind": "formal", "held_on": "2026-03-18", "place": "ศพก.",
                         "participants": 40}, format="json")
    assert response.status_code == 201
    activity = response.json()["id"]
    assert api.get(f"/api/v1/networks/{network.pk}/activities/").json()["results"][0]["id"] == activity
    bad = api.post(f"/api/v1/networks/{network.pk}/activities/", {"title": "x", "kind": "party",
                                                                  "held_on": "2026-03-18", "place": ""}, format="json")
    assert bad.status_code == 400 and {"kind", "place"} <= set(bad.json())

    response = api.post(f"/api/v1/network-activities/{activity}/evaluation/", {
        "title": "ประเมินกิจกรรม", "scale_max": 5, "items": [{"code": "q1", "text": "พึงพอใจ"}]}, format="json")
    assert response.status_code == 201
    survey = response.json()["id"]
    again = api.post(f"/api/v1/network-activities/{activity}/evaluation/", {"template": "network-activity"},
                     format="json")
    assert again.status_code == 400 and again.json() == {"activity": ["กิจกรรมนี้มีแบบประเมินแล้ว"]}
    assert api.post(f"/api/v1/surveys/{survey}/responses/", [{"answers": {"q1": 5}}, {"answers": {"q1": 3}}],
                    format="json").status_code == 201
    rows = {r["metric"]: r["value"] for r in
            api.get("/api/v1/indicators/?office=PROV&fiscal_year=2569").json()["results"]}
    assert (rows["rm33_mean"], rows["rm33_top2"], rows["rm31_mean"]) == ("80.00", "50.00", None)


def test_the_evaluation_by_template_name(api, offices):
    activity = make_activity(network=make_network(office=offices["prov"]), held_on=date(2026, 3, 1))
    response = api.post(f"/api/v1/network-activities/{activity.pk}/evaluation/", {"template": "network-activity"},
                        format="json")
    assert response.status_code == 201
    assert api.get(f"/api/v1/surveys/{response.json()['id']}/").json()["scale_max"] == 5
    missing = api.post(f"/api/v1/network-activities/{make_activity(network=activity.network, held_on=date(2026, 3, 2)).pk}"
                       "/evaluation/", {}, format="json")
    assert missing.status_code == 400 and "items" in missing.json()


def test_an_executive_may_not_open_an_evaluation_nor_record_an_activity(people, offices):
    activity = make_activity(network=make_network(office=offices["prov"]), held_on=date(2026, 3, 1))
    client = APIClient()
    client.force_authenticate(people["erin"])
    assert client.post(f"/api/v1/network-activities/{activity.pk}/evaluation/", {"template": "network-activity"},
                       format="json").status_code == 403
    assert client.post(f"/api/v1/networks/{activity.network_id}/activities/", {}, format="json").status_code == 403
