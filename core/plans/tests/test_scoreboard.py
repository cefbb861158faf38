"""The scoreboard on hand-worked data: every figure below is worked by hand in the comments.

Ladder of the factory: 70, 75, 80, 85, 90 (higher is better), target 80.
"""
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.plans.computed import computed_set
from core.plans.scoreboard import scoreboard
from core.testing.factories import ActionPlanFactory, IndicatorFactory

pytestmark = pytest.mark.django_db
D = Decimal
FALLING = {"level_1": 20, "level_2": D("17.5"), "level_3": 15, "level_4": D("12.5"), "level_5": 10}


@pytest.fixture
def board(offices):
    prov, dist = offices["prov"], offices["dist_a"]
    cs3 = ActionPlanFactory(office=prov, fiscal_year=2569, cs=3)
    cs6 = ActionPlanFactory(office=prov, fiscal_year=2569, cs=6)
    cs7 = ActionPlanFactory(office=prov, fiscal_year=2569, cs=7)
    rows = {
        # 85 ÷ 80 × 100 = 106.25 %; between level 4 (85) and 5 (90): 4 + 0/5 = 4.0000; reached.
        "higher": IndicatorFactory(plan=cs3, order=1, code="RM 3.9", name="ร้อยละเรื่องที่ตอบทันเวลา",
                                   manual_result=85),
        # Past level 5: 95 ÷ 80 × 100 = 118.75 %, score 5.
        "past5": IndicatorFactory(plan=cs3, order=2, code="", name="จำนวนช่องทางที่ใช้งาน", manual_result=95),
        # No result: no percent, no score, nothing reached.
        "missing": IndicatorFactory(plan=cs3, order=3, code="X 1", name="ตัวชี้วัดยังไม่มีผล", manual_result=None),
        # Lower is better, target 10, result 12: 200 − 12 ÷ 10 × 100 = 80.00 %; the falling ladder puts 12 between
        # level 4 (12.5) and 5 (10): 4 + (12 − 12.5) ÷ (10 − 12.5) = 4.2000; not reached (12 > 10).
        "lower": IndicatorFactory(plan=cs6, order=1, code="RM 3.2", name="ร้อยละความไม่พึงพอใจ", direction="lower",
                                  target=10, manual_result=12, **FALLING),
        # Computed (stored value 66.67): 66.67 ÷ 80 × 100 = 83.3375 → 83.34 %; under level 1 (70) scores 1.
        "computed": IndicatorFactory(plan=cs7, order=1, code="RM 3.5", name="ร้อยละตามมาตรฐาน", source="computed",
                                     metric="rm35", computed_result=D("66.67"), manual_result=99),
    }
    # Earlier years: the same code (written differently) and, with no code, the same name, in PROV's plans.
    for year, value in ((2567, 70), (2568, 75)):
        plan = ActionPlanFactory(office=prov, fiscal_year=year, cs=3)
        IndicatorFactory(plan=plan, order=1, code="rm3.9", name="ชื่อเดิม", manual_result=value)
        IndicatorFactory(plan=plan, order=2, code="", name="จำนวนช่องทางที่ใช้งาน", manual_result=value + 1)
    # A district's plan with the same code is another indicator: never PROV's earlier result.
    IndicatorFactory(plan=ActionPlanFactory(office=dist, fiscal_year=2568, cs=3), code="RM 3.9", manual_result=1)
    return rows


def _by_pk(rows):
    return {row.indicator.pk: row for row in rows}


def test_figures_worked_by_hand(people, offices, board):
    rows = _by_pk(scoreboard(user=people["alice"], office=offices["prov"], fiscal_year=2569))
    higher, past5, missing = rows[board["higher"].pk], rows[board["past5"].pk], rows[board["missing"].pk]
    lower, computed = rows[board["lower"].pk], rows[board["computed"].pk]
    assert (higher.success, higher.score, higher.reached, higher.tone) == (D("106.25"), D("4.0000"), True, "success")
    assert (past5.success, past5.score, past5.reached) == (D("118.75"), D("5.0000"), True)
    assert (missing.result, missing.success, missing.score, missing.reached, missing.tone) == (
        None, None, None, None, "secondary")
    assert (lower.success, lower.score, lower.reached, lower.tone) == (D("80.00"), D("4.2000"), False, "warning")
    assert (computed.result, computed.success, computed.score, computed.tone) == (
        D("66.67"), D("83.34"), D("1.0000"), "danger")
    assert computed.computed and not higher.computed


def test_the_two_earlier_years_are_the_same_indicator_of_the_same_office(people, offices, board):
    rows = _by_pk(scoreboard(user=people["alice"], office=offices["prov"], fiscal_year=2569))
    assert rows[board["higher"].pk].earlier == [(2567, D("70")), (2568, D("75"))]  # by code
    assert rows[board["past5"].pk].earlier == [(2567, D("71")), (2568, D("76"))]  # by name, having no code
    assert rows[board["missing"].pk].earlier == [(2567, None), (2568, None)]


def test_filters_cs_source_and_reached(people, offices, board):
    def pks(**filters):
        return {row.indicator.pk for row in scoreboard(user=people["alice"], office=offices["prov"],
                                                       fiscal_year=2569, **filters)}
    assert pks(cs=6) == {board["lower"].pk}
    assert pks(source="computed") == {board["computed"].pk}
    assert pks(reached=True) == {board["higher"].pk, board["past5"].pk}
    assert pks(reached=False) == {board["missing"].pk, board["lower"].pk, board["computed"].pk}


def test_two_queries_whatever_the_number_of_plans(people, offices, board):
    def count():
        with CaptureQueriesContext(connection) as queries:
            rows = scoreboard(user=people["alice"], office=offices["prov"], fiscal_year=2569)
        return len(queries.captured_queries), len(rows)
    few = count()
    for cs in (1, 2, 4, 5):
        for year in (2567, 2568, 2569):
            plan = ActionPlanFactory(office=offices["dist_b"], fiscal_year=year, cs=cs)
            for n in range(3):
                IndicatorFactory(plan=plan, order=n, code=f"K{n}", manual_result=80 + n)
    many = count()
    assert few[0] == many[0] == 2
    assert many[1] == few[1] + 12


def test_a_district_sees_only_its_own_subtree(client, people, offices, board):
    client.force_login(people["bob"])
    assert client.get(reverse("plans:scoreboard"), {"office": "PROV"}).status_code == 404
    assert client.get(reverse("plans:scoreboard"), {"office": "OTHER"}).status_code == 404
    assert client.get(reverse("plans:scoreboard-export"), {"office": "PROV"}).status_code == 404
    rows = scoreboard(user=people["bob"], office=offices["prov"], fiscal_year=2569)
    assert rows == []  # the selector scopes too


@pytest.mark.parametrize("query", [{"cs": "9"}, {"source": "x"}, {"reached": "maybe"}, {"fiscal_year": "abc"}])
def test_bad_filters_are_a_thai_400(client, people, query):
    client.force_login(people["alice"])
    response = client.get(reverse("plans:scoreboard"), query)
    assert response.status_code == 400


def test_the_page_the_xlsx_and_the_pdf(client, people, offices, board):
    client.force_login(people["erin"])  # an executive reads it
    page = client.get(reverse("plans:scoreboard"), {"office": "PROV", "fiscal_year": 2569})
    body = page.content.decode()
    assert page.status_code == 200
    assert "106.25" in body and "4.20" in body and "83.34" in body and "บันทึกด้วยมือ" in body
    assert 'href="/cs7/records/?office=PROV&amp;fiscal_year=2569"' in body
    xlsx = client.get(reverse("plans:scoreboard-export"), {"office": "PROV", "fiscal_year": 2569})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(reverse("plans:scoreboard-pdf"), {"office": "PROV", "fiscal_year": 2569})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def test_the_page_needs_a_fixed_number_of_queries(client, people, offices, board):
    client.force_login(people["alice"])
    url = reverse("plans:scoreboard")
    client.get(url, {"office": "PROV", "fiscal_year": 2569})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"office": "PROV", "fiscal_year": 2569})
    for cs in (1, 2, 4, 5):
        plan = ActionPlanFactory(office=offices["dist_b"], fiscal_year=2569, cs=cs)
        IndicatorFactory(plan=plan, source="computed", metric="rm34", computed_result=50)
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"office": "PROV", "fiscal_year": 2569})
    assert len(many.captured_queries) == len(few.captured_queries)


def test_a_metric_nobody_wired_has_no_link(people, offices, board):
    computed_set(figures={}, drilldowns={})
    try:
        rows = _by_pk(scoreboard(user=people["alice"], office=offices["prov"], fiscal_year=2569))
        assert rows[board["computed"].pk].drilldown is None
    finally:
        from reports.wiring import DRILLDOWNS, METRICS
        computed_set(figures=METRICS, drilldowns=DRILLDOWNS)


def test_reachable_from_the_plans_list_and_the_home_page(client, people):
    client.force_login(people["erin"])
    assert 'id="to-scoreboard" href="/plans/scoreboard/' in client.get(reverse("plans:list")).content.decode()
    assert 'id="home-scoreboard" href="/plans/scoreboard/' in client.get(reverse("home")).content.decode()
