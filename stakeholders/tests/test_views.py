"""The CS1 pages as the committee, a district and another province use them."""
import io

import pypdf
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from stakeholders.models import Mission, StakeholderGroup
from stakeholders.services import group_save, mission_save, sipoc_save

MISSIONS = reverse("stakeholders:missions")


def _setup(offices, missions=2):
    farmers = group_save(office=offices["prov"], kind="customer", name="เกษตรกร", needs="ความรู้การผลิต")
    local = group_save(office=offices["prov"], kind="stakeholder", name="องค์กรปกครองส่วนท้องถิ่น")
    mission_save(office=offices["prov"], fiscal_year=2569, order=1, title="ส่งเสริมเกษตรกร", groups=[farmers, local])
    for n in range(2, missions + 1):
        mission_save(office=offices["prov"], fiscal_year=2569, order=n, title=f"พันธกิจที่ {n}", groups=[farmers])
    return farmers, local


def test_the_missions_page_shows_the_indicator_and_points_out_the_mission_without_a_stakeholder_group(
        client, people, offices):
    _setup(offices)
    client.force_login(people["alice"])
    page = client.get(MISSIONS, {"fiscal_year": 2569}).content.decode()
    assert "50.00%" in page
    assert "ยังไม่ได้กำหนดกลุ่มผู้มีส่วนได้ส่วนเสีย" in page
    assert page.count("mission-gap") == 1


def test_the_committee_adds_a_mission_with_its_groups(client, people, offices):
    farmers, local = _setup(offices, missions=1)
    client.force_login(people["alice"])
    response = client.post(f"{MISSIONS}?fiscal_year=2569", {"order": 2, "title": "บริการข้อมูลข่าวสาร",
                                                           "groups": [farmers.pk, local.pk]})
    assert response.status_code == 302
    mission = Mission.objects.get(title="บริการข้อมูลข่าวสาร")
    assert (mission.office, mission.fiscal_year, set(mission.groups.all())) == (offices["prov"], 2569,
                                                                                 {farmers, local})


def test_a_refused_group_keeps_what_was_typed(client, people, offices):
    client.force_login(people["alice"])
    response = client.post(reverse("stakeholders:group-new"), {"kind": "customer", "name": "เกษตรกร",
                                                               "criteria": "mission", "rank": "0"})
    assert response.status_code == 200
    assert 'value="เกษตรกร"' in response.content.decode()
    assert not StakeholderGroup.objects.exists()


def test_a_district_reads_its_provinces_group_and_cannot_change_it(client, people, offices):
    farmers, _local = _setup(offices, missions=1)
    client.force_login(people["bob"])
    url = reverse("stakeholders:group-edit", args=[farmers.pk])
    page = client.get(url)
    assert page.status_code == 200 and "ความรู้การผลิต" in page.content.decode()
    assert client.post(url, {"kind": "customer", "name": "แก้ชื่อ", "criteria": "mission", "rank": 1}).status_code == 403
    farmers.refresh_from_db()
    assert farmers.name == "เกษตรกร"


def test_another_province_sees_none_of_it(client, people, offices):
    farmers, _local = _setup(offices, missions=1)
    client.force_login(people["carol"])
    assert client.get(reverse("stakeholders:group-edit", args=[farmers.pk])).status_code == 404
    assert client.get(MISSIONS, {"office": "PROV"}).status_code == 404
    assert "เกษตรกร" not in client.get(reverse("stakeholders:index")).content.decode()
    export = client.get(reverse("stakeholders:group-export"))
    assert export.status_code == 200 and "เกษตรกร".encode() not in b"".join(export.streaming_content)


def test_the_missions_page_costs_the_same_queries_for_2_or_12_missions(client, people, offices):
    _setup(offices, missions=2)
    client.force_login(people["alice"])
    with CaptureQueriesContext(connection) as few:
        client.get(MISSIONS, {"fiscal_year": 2569})
    for n in range(3, 13):
        mission_save(office=offices["prov"], fiscal_year=2569, order=n, title=f"เพิ่ม {n}")
    with CaptureQueriesContext(connection) as many:
        client.get(MISSIONS, {"fiscal_year": 2569})
    assert len(many) == len(few)


def test_the_profile_and_sipoc_print_as_pdf(client, people, offices):
    _setup(offices, missions=1)
    sipoc_save(office=offices["prov"], title="การจัดการข้อร้องเรียน", suppliers="1. พนักงานกอง วิชาการและ แผนงาน",
               steps="1. ประชุม/วางแผน\n2. กำหนดช่องทางวิธีการรับข้อร้องเรียน")
    client.force_login(people["alice"])
    profile = _pdf_text(client.get(reverse("stakeholders:group-pdf")))
    assert "เกษตรกร" in profile and "ความรู้การผลิต" in profile
    sipoc = _pdf_text(client.get(reverse("stakeholders:sipoc-pdf")))
    assert "การจัดการข้อร้องเรียน" in sipoc and "2. กำหนดช่องทางวิธีการรับข้อ" in sipoc  # the cell wraps there


def _pdf_text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(response.content)).pages)
