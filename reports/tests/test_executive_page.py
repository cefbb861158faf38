"""The executive dashboard page (/executive/): who sees it, for which offices, the pickers, the drill-downs, no
personal data, and a query count that does not grow with the data."""
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from complaints.services import ticket_set_priority
from core.fiscal import fiscal_quarter_of
from core.offices.models import Office
from core.plans.choices import Metric, StepStatus
from core.testing.factories import UserFactory
from reports.tests.test_executive import LADDER, NAME, PHONE, answer, complaint, plan_with

pytestmark = pytest.mark.django_db

URL = "/executive/"
TODAY = timezone.localdate()
QUARTER = fiscal_quarter_of(TODAY)


@pytest.fixture
def prov(offices):
    return Office.objects.get(code="PROV")


@pytest.fixture
def data(prov, offices, people):
    """This quarter: a complaint answered on time (by a named complainant with a phone) that the executive ranked;
    a plan with a computed CS3 indicator and a step that is late."""
    ticket = answer(complaint(offices["dist_a"], QUARTER.start, subject="ไฟฟ้าส่องสว่างดับทั้งซอย"))
    ticket_set_priority(ticket=ticket, priority="highest", by=people["erin"], on=QUARTER.start)
    long_ago = date(TODAY.year - 1, TODAY.month, 1)
    plan = plan_with(prov, QUARTER.fiscal_year, indicators=[
        {"code": "KPI", "name": "ร้อยละของเรื่องร้องเรียนที่ได้รับการตอบสนองภายใน 15 วันทำการ", "target": Decimal(80),
         "metric": Metric.CS3_ANSWERED_ON_TIME, "source": "computed", "computed_result": Decimal(100), **LADDER}],
        steps=[{"order": 1, "activity": "ประชุมทบทวนข้อร้องเรียนรายไตรมาส", "planned_start": long_ago,
                "planned_end": long_ago, "owner": "กลุ่มงานอำนวยการ", "status": StepStatus.IN_PROGRESS}])
    return {"ticket": ticket, "plan": plan}


def test_the_executive_sees_the_quarter_with_its_drill_downs_and_no_person(client, people, prov, data):
    client.force_login(people["erin"])
    response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert NAME not in page and PHONE not in page
    assert "ไฟฟ้าส่องสว่างดับทั้งซอย" in page and "มากเป็นพิเศษ" in page
    assert f"ไตรมาส {QUARTER.quarter}/{QUARTER.fiscal_year}" in page
    # Drill-downs: CS3 to the register of that office and quarter, the ranked ticket, the late step's plan, CS7.
    register = (f"{reverse('complaints:index')}?office={prov.pk}&amp;fiscal_year={QUARTER.fiscal_year}"
                f"&amp;quarter={QUARTER.quarter}&amp;kind=complaint")
    assert register in page
    assert reverse("complaints:detail", args=[data["ticket"].reference]) in page
    assert reverse("plans:detail", args=[data["plan"].pk]) in page and "ประชุมทบทวนข้อร้องเรียนรายไตรมาส" in page
    assert f"{reverse('service_standards:records')}?office=PROV&amp;fiscal_year={QUARTER.fiscal_year}" in page
    assert f"{reverse('plans:scoreboard')}?office=PROV&amp;fiscal_year={QUARTER.fiscal_year}" in page
    assert f"{reverse('summaries:index')}?office=PROV&amp;fiscal_year={QUARTER.fiscal_year}" in page  # the PDFs
    assert 'id="executive-charts"' in page and "js/executive_dashboard.js" in page and "<script>" not in page
    # The CS3 drill-down lists the ticket, and still no person for an executive.
    listed = client.get(register.replace("&amp;", "&")).content.decode()
    assert data["ticket"].reference in listed and NAME not in listed


def test_the_committee_sees_it_too_and_the_nav_and_home_link_to_it(client, people, data):
    for who in ("erin", "alice"):
        client.force_login(people[who])
        assert client.get(URL).status_code == 200
        home = client.get("/").content.decode()
        assert 'id="nav-executive"' in home and 'id="home-executive"' in home
    client.force_login(people["bob"])
    assert 'id="nav-executive"' not in client.get("/").content.decode()


def test_office_staff_and_assessors_are_refused(client, people):
    for who in ("bob", "axel"):
        client.force_login(people[who])
        assert client.get(URL).status_code == 403


def test_another_province_is_404_and_a_district_sees_its_own(client, people, offices, data):
    client.force_login(people["erin"])
    assert client.get(URL, {"office": "OTHER"}).status_code == 404
    district = UserFactory(username="dee", office=offices["dist_a"], role="executive")
    client.force_login(district)
    response = client.get(URL)
    assert response.status_code == 200 and "สำนักงานอำเภอ ก" in response.content.decode()
    assert client.get(URL, {"office": "PROV"}).status_code == 404
    assert client.get(URL, {"office": "DIST-B"}).status_code == 404


@pytest.mark.parametrize("query", [{"quarter": "5"}, {"quarter": "x"}, {"quarter": "0"}, {"fiscal_year": "abc"},
                                   {"fiscal_year": "99999"}, {"quarter": "๒"}])
def test_bad_pickers_are_a_thai_400(client, people, query):
    client.force_login(people["erin"])
    response = client.get(URL, query)
    assert response.status_code == 400
    assert ("ไตรมาส" if "quarter" in query else "ปีงบประมาณ") in response.content.decode()


def test_any_quarter_of_any_year_can_be_chosen(client, people, data):
    client.force_login(people["erin"])
    for query in ({"fiscal_year": "2560", "quarter": "1"}, {"fiscal_year": str(QUARTER.fiscal_year + 1)},
                  {"fiscal_year": str(QUARTER.fiscal_year - 1)}):
        assert client.get(URL, query).status_code == 200
    assert "ไตรมาส 4/2560" in client.get(URL, {"fiscal_year": "2560"}).content.decode()


def _page_queries(client):
    cache.clear()
    client.get(URL)  # counted and kept
    with CaptureQueriesContext(connection) as kept:
        assert client.get(URL).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as counted:
        assert client.get(URL).status_code == 200
    return len(kept), len(counted)


def test_the_page_query_count_does_not_grow_with_the_data(client, people, offices, prov, data):
    client.force_login(people["erin"])
    _page_queries(client)  # warm: content types and sessions are read once
    few = _page_queries(client)
    for n in range(4):
        ticket = answer(complaint(offices["dist_b"], QUARTER.start, subject=f"เรื่องที่ {n}"))
        ticket_set_priority(ticket=ticket, priority="low", on=QUARTER.start)
    plan_with(offices["dist_a"], QUARTER.fiscal_year, cs=6, indicators=[
        {"code": f"I{n}", "name": "ตัวชี้วัด", "target": Decimal(1)} for n in range(4)])
    assert _page_queries(client) == few


def test_the_bench_rows_of_the_executive_dashboard_run(capsys, settings):
    """`make bench`'s default run measures /executive/ for the department: the three rows print."""
    from django.core.management import call_command

    settings.CELERY_TASK_ALWAYS_EAGER = False
    call_command("bench", "--tickets", "300", "--offices", "12", "--years", "2", "--import-rows", "0", "--no-memory",
                 "--survey-responses", "60", "--survey-import-rows", "0", "--channel-years", "0",
                 "--service-records", "300", "--cs7-import-rows", "0", "--repeat", "2")
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if "หน้าภาพรวมผู้บริหาร ทั้งกรม" in line]
    assert len(rows) == 3 and all("queries" in row for row in rows)
