"""The CS5 pages as each persona uses them: an office never sees another office's projects (page, export, PDF, the
public page), the committee keeps and publishes them, a district keys its own, the list's queries do not grow."""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.plans.models import ActionPlan
from tests.isolation_walk import body_text

from .. import services
from ..models import GovernorReport, ParticipationProject
from .factories import group, measure, project

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(offices):
    ours = project(offices["prov"], title="เวทีของจังหวัด", ended_on=date(2026, 3, 31),
                   measures=[measure("ผู้เข้าร่วม", 40, 52)])
    secret = project(offices["other"], title="โครงการSECRETของจังหวัดอื่น", measures=[measure("ตัวชี้วัดSECRET", 1, 1)])
    return ours, secret


def test_pages_exports_and_pdfs_show_the_offices_projects_only(people, client, rows):
    client.force_login(people["alice"])
    for url in ("/cs5/", "/cs5/export.xlsx", "/cs5/?fiscal_year=2569&level=2", "/cs5/matrix/?fiscal_year=2569",
                "/cs5/matrix/pdf/?fiscal_year=2569", "/cs5/reports/?fiscal_year=2569",
                "/cs5/reports/pdf/?fiscal_year=2569", "/cs5/next-steps/?fiscal_year=2569", f"/cs5/{rows[0].pk}/"):
        response = client.get(url)
        text = body_text(response)
        assert response.status_code == 200, url
        assert "SECRET" not in text, url
        if "reports/?" not in url and "next-steps" not in url:  # those two pages list no project by name
            assert "เวทีของจังหวัด" in text, url
    for url in (f"/cs5/{rows[1].pk}/", "/cs5/matrix/?office=OTHER", "/cs5/matrix/pdf/?office=OTHER",
                "/cs5/reports/pdf/?office=OTHER", "/cs5/?office=OTHER"):
        assert client.get(url).status_code in (400, 404), url
    assert client.get("/cs5/?fiscal_year=abc").status_code == 400


def test_the_list_shows_rm34_and_the_level_chart(people, client, rows):
    client.force_login(people["alice"])
    page = client.get("/cs5/?fiscal_year=2569")
    assert page.context["figure"].value == 100
    assert page.context["chart"]["counts"] == [0, 1, 0, 0, 0]
    assert 'id="cs5-level-chart"' in page.content.decode()


def test_the_list_costs_the_same_queries_for_two_and_many_projects(people, client, offices):
    client.force_login(people["alice"])
    for n in range(2):
        project(offices["prov"], title=f"ก{n}", measures=[measure("m", 1, 1)])
    with CaptureQueriesContext(connection) as few:
        assert client.get("/cs5/").status_code == 200
    for n in range(25):
        project(offices["dist_a"], title=f"ข{n}", groups=[group(offices["prov"]), group(offices["dist_a"], "อื่น")],
                measures=[measure("m", 1, 0), measure("n", 2)])
    with CaptureQueriesContext(connection) as many:
        assert client.get("/cs5/").status_code == 200
    assert len(many) == len(few)


def _form(offices, **overrides):
    data = {"title": "เวทีประชาคมตำบล", "fiscal_year": "2569", "level": "2", "strategy": "ยุทธศาสตร์การเกษตร",
            "groups": [group(offices["prov"]).pk], "started_on": "10/01/2569", "ended_on": "31/03/2569",
            "measures-TOTAL_FORMS": "2", "measures-INITIAL_FORMS": "0", "measures-MIN_NUM_FORMS": "0",
            "measures-MAX_NUM_FORMS": "30", "measures-0-name": "ผู้เข้าร่วม", "measures-0-target": "40",
            "measures-0-direction": "higher", "measures-0-result": "",
            "measures-1-name": "", "measures-1-target": "", "measures-1-direction": "higher"}
    return {**data, **overrides}


def test_the_committee_adds_a_project_and_a_bad_form_keeps_what_was_typed(people, client, offices):
    client.force_login(people["alice"])
    bad = client.post("/cs5/new/?office=PROV", _form(offices, ended_on="01/01/2569", **{"measures-1-name": "ก"}))
    assert bad.status_code == 400
    assert "กรุณาระบุค่าเป้าหมาย" in bad.content.decode() and "เวทีประชาคมตำบล" in bad.content.decode()
    assert not ParticipationProject.objects.exists()
    bad = client.post("/cs5/new/?office=PROV", _form(offices, ended_on="01/01/2569"))
    assert "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น" in bad.content.decode()
    done = client.post("/cs5/new/?office=PROV", _form(offices))
    assert done.status_code == 302
    p = ParticipationProject.objects.get()
    assert (p.office.code, p.started_on, list(p.measures.values_list("name", "target"))) == (
        "PROV", date(2026, 1, 10), [("ผู้เข้าร่วม", 40)])


def test_who_may_change_and_publish(people, client, offices, rows):
    ours = rows[0]
    client.force_login(people["erin"])  # an executive reads
    assert client.get(f"/cs5/{ours.pk}/").status_code == 200
    assert client.post(f"/cs5/{ours.pk}/", _form(offices)).status_code == 403
    assert client.post(f"/cs5/{ours.pk}/publish/", {"publish": "1"}).status_code == 403
    client.force_login(people["bob"])  # a district's staff keys its own office's projects only
    assert client.get(f"/cs5/{ours.pk}/").status_code == 404
    assert client.post("/cs5/new/?office=DIST-A", _form(offices)).status_code == 302
    assert client.get("/cs5/new/?office=PROV").status_code == 404
    assert client.post(f"/cs5/{ours.pk}/publish/", {"publish": "1"}).status_code == 403
    client.force_login(people["alice"])
    assert client.post(f"/cs5/{rows[1].pk}/publish/", {"publish": "1"}).status_code == 404
    assert client.post(f"/cs5/{ours.pk}/publish/", {"publish": "1"}).status_code == 302
    ours.refresh_from_db()
    assert ours.is_published


def test_the_public_page_shows_what_the_office_published_and_nothing_else(client, offices, rows):
    ours, secret = rows
    unpublished = project(offices["prov"], title="ยังไม่เผยแพร่ของจังหวัด")
    district = project(offices["dist_a"], title="โครงการของอำเภอ")
    for p in (ours, secret, district):
        services.project_publish(project=p, published=True)
    page = client.get("/participation/PROV/").content.decode()
    assert "เวทีของจังหวัด" in page and "52" in page
    for absent in (unpublished.title, secret.title, district.title, "ตัวชี้วัดSECRET", "alice"):
        assert absent not in page
    assert "โครงการของอำเภอ" in client.get("/participation/DIST-A/").content.decode()
    assert client.get("/participation/NOPE/").status_code == 404
    index = client.get("/participation/").content.decode()
    assert "สำนักงานจังหวัดทดสอบ" in index and "สำนักงานอำเภอ ข" not in index


def test_reports_letter_and_next_steps(people, client, offices, settings, tmp_path):
    from core.testing.files import pdf_bytes, upload

    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["alice"])
    response = client.post("/cs5/reports/?office=PROV&fiscal_year=2569", {
        "title": "รายงานสรุปความคิดเห็น", "addressee": "ผู้ว่าราชการจังหวัด", "letter_number": "ชพ 0008/1",
        "letter_date": "25/09/2569", "meeting": "ประชุมหัวหน้าส่วนราชการ", "meeting_date": "29/09/2569",
        "letter": upload("หนังสือ.pdf", pdf_bytes())})
    assert response.status_code == 302
    report = GovernorReport.objects.get()
    letter = client.get(f"/cs5/reports/{report.pk}/letter/")
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert "ชพ ๐๐๐๘/๑" in body_text(client.get("/cs5/reports/pdf/?office=PROV&fiscal_year=2569"))
    client.force_login(people["carol"])
    assert client.get(f"/cs5/reports/{report.pk}/letter/").status_code == 404
    client.force_login(people["bob"])
    assert client.post("/cs5/next-steps/?office=DIST-A&fiscal_year=2569", {"order": "1", "kind": "raise",
                                                                           "target_level": "3",
                                                                           "action": "x"}).status_code == 403


def test_the_plans_stay_a_tab(people, client, offices):
    ActionPlan.objects.create(office=offices["prov"], fiscal_year=2569, cs=5, title="แผน CS5", objective="x")
    client.force_login(people["alice"])
    page = client.get("/cs5/plans/").content.decode()
    assert "แผนปฏิบัติการ" in page and "ปีงบประมาณ 2569" in page


def test_the_public_page_is_rate_limited_per_citizen(client, offices, settings):
    from django.core.cache import cache

    cache.clear()
    settings.PUBLIC_RESULTS_RATE = "2/h"
    assert [client.get("/participation/PROV/").status_code for _ in range(3)] == [200, 200, 429]
    assert client.get("/participation/PROV/", REMOTE_ADDR="10.0.0.9").status_code == 200
