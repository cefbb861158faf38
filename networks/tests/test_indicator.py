"""RM 3.3 on hand-worked data: every satisfaction rating answer of the evaluations of the subtree's activities held in
the fiscal year, pooled, by the mean or the top-two method (docs/indicators.md, "CS4")."""
from datetime import date
from decimal import Decimal

import pytest

from core.plans.choices import IndicatorSource, Metric
from core.plans.models import Indicator
from core.plans.services import plan_create
from networks import selectors
from reports.indicators import indicators_refresh
from satisfaction import selectors as surveys

from .factories import evaluate, make_activity, make_network

pytestmark = pytest.mark.django_db
LADDER = {f"level_{n}": Decimal(v) for n, v in enumerate([70, 75, 80, 85, 90], start=1)}


@pytest.fixture
def activities(offices):
    """FY 2569 (1 Oct 2025 – 30 Sep 2026):
    - A, PROV's network, 18 Mar 2026: q1 5, 5, 4, 3 · q2 4, 2, n/a
    - B, DIST-A's network, 30 Sep 2026 (the year's last day): q1 5, 1 · q2 4, 4
    Not counted: C, PROV, 30 Sep 2025 (FY 2568), all 1s; D, OTHER's network, all 1s; E, PROV, no evaluation.
    A and B: 5+5+4+3+4+2 + 5+1+4+4 = 37 over 10 answers: mean 3.70 ÷ 5 = 74.00 %; top two (4, 5): 7 of 10 = 70.00 %.
    """
    prov = make_network(office=offices["prov"], name="เครือข่ายเกษตรกรจังหวัด")
    dist = make_network(office=offices["dist_a"], name="เครือข่ายอำเภอ")
    other = make_network(office=offices["other"], name="เครือข่ายจังหวัดอื่น")
    a = make_activity(network=prov, held_on=date(2026, 3, 18), title="A")
    evaluate(a, [{"q1": 5, "q2": 4}, {"q1": 5, "q2": 2, "d1": "ใช่"}, {"q1": 4, "q2": "n/a"}, {"q1": 3}])
    b = make_activity(network=dist, held_on=date(2026, 9, 30), title="B")
    evaluate(b, [{"q1": 5, "q2": 4}, {"q1": 1, "q2": 4}])
    c = make_activity(network=prov, held_on=date(2025, 9, 30), title="C")
    evaluate(c, [{"q1": 1, "q2": 1}] * 5)
    d = make_activity(network=other, held_on=date(2026, 3, 18), title="D")
    evaluate(d, [{"q1": 1, "q2": 1}] * 5)
    make_activity(network=prov, held_on=date(2026, 4, 1), title="E")
    return {"a": a, "b": b, "c": c, "d": d}


def test_rm33_pools_two_activities_evaluations_both_ways(offices, activities):
    mean = selectors.rm33_mean_figure(office=offices["prov"], fiscal_year=2569)
    top2 = selectors.rm33_top2_figure(office=offices["prov"], fiscal_year=2569)
    assert mean.value == Decimal("74.00")
    assert (top2.value, top2.numerator, top2.denominator) == (Decimal("70.00"), 7, 10)


def test_an_activity_belongs_to_the_fiscal_year_of_its_date(offices, activities):
    assert selectors.rm33_mean_figure(office=offices["prov"], fiscal_year=2568).value == Decimal("20.00")  # C only
    assert selectors.rm33_top2_figure(office=offices["prov"], fiscal_year=2570).value is None  # nothing: no data


def test_a_district_counts_its_own_subtree_only(offices, activities):
    """DIST-A: B only, 5, 1, 4, 4 → 14 / 4 = 3.50 → 70.00 %; top two 3 of 4 = 75.00 %."""
    assert selectors.rm33_mean_figure(office=offices["dist_a"], fiscal_year=2569).value == Decimal("70.00")
    assert selectors.rm33_top2_figure(office=offices["dist_a"], fiscal_year=2569).value == Decimal("75.00")


def test_activity_evaluations_never_enter_rm31_or_rm32(offices, activities):
    for name in ("rm31_mean_figure", "rm31_top2_figure", "rm32_bottom2_figure", "rm32_reported_figure"):
        assert getattr(surveys, name)(office=offices["prov"], fiscal_year=2569).value is None, name


def test_a_four_point_evaluation_pools_answer_by_answer(offices):
    """A 5-point evaluation (5, 1) and a 4-point one (4, 3): top two 3 of 4 = 75.00 %; mean (5 + 1) ÷ 5 + (4 + 3) ÷ 4
    = 1.2 + 1.75 = 2.95 over 4 answers = 73.75 %."""
    network = make_network(office=offices["prov"])
    evaluate(make_activity(network=network, held_on=date(2026, 1, 5)), [{"q1": 5, "q2": 1}])
    evaluate(make_activity(network=network, held_on=date(2026, 1, 6)), [{"q1": 4, "q2": 3}], scale_max=4)
    assert selectors.rm33_top2_figure(office=offices["prov"], fiscal_year=2569).value == Decimal("75.00")
    assert selectors.rm33_mean_figure(office=offices["prov"], fiscal_year=2569).value == Decimal("73.75")


def test_the_cs4_plan_indicator_computes_itself(offices, activities):
    plan = plan_create(office=offices["prov"], fiscal_year=2569, cs=4, title="CS4", objective="สร้างความสัมพันธ์",
                       definitions="", steps=[], indicators=[
                           {"name": "RM 3.3", "target": Decimal(80), "metric": metric,
                            "source": IndicatorSource.COMPUTED, **LADDER}
                           for metric in (Metric.RM33_MEAN, Metric.RM33_TOP2)])
    indicators_refresh(fiscal_year=2569, today=date(2026, 10, 15))
    assert {i.metric: i.computed_result for i in Indicator.objects.filter(plan=plan)} == {
        Metric.RM33_MEAN: Decimal("74.00"), Metric.RM33_TOP2: Decimal("70.00")}


def test_the_indicators_api_answers_rm33(client, people, activities):
    client.force_login(people["alice"])
    rows = {r["metric"]: r for r in client.get("/api/v1/indicators/?office=PROV&fiscal_year=2569").json()["results"]}
    assert rows["rm33_mean"]["value"] == "74.00"
    assert (rows["rm33_top2"]["value"], rows["rm33_top2"]["numerator"], rows["rm33_top2"]["denominator"]) == (
        "70.00", 7, 10)
