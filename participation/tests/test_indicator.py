"""RM 3.4 on hand-worked data (docs/indicators.md, "CS5"), and the one rule for a measure reaching its target."""
from datetime import date
from decimal import Decimal

import pytest

from core.plans.figures import Figure

from ..models import OutcomeMeasure
from ..selectors import measures_with_verdict, rm34_figure
from .factories import measure, project

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)  # FY 2569 runs 1 Oct 2025 – 30 Sep 2026


@pytest.mark.parametrize(("target", "direction", "result", "reached"), [
    (80, "higher", 85, True),
    (80, "higher", 80, True),       # exactly the target is reached
    (80, "higher", "79.99", False),
    (15, "lower", 12, True),
    (15, "lower", 15, True),
    (15, "lower", "15.01", False),
    (0, "lower", 0, True),          # "no accidents": a zero target, lower is better
    (80, "higher", None, False),    # no result yet has reached nothing
    (15, "lower", None, False),
])
def test_a_measure_reaches_its_target_by_its_direction(offices, target, direction, result, reached):
    p = project(offices["prov"], measures=[measure("ตัวชี้วัด", target, result, direction)])
    assert measures_with_verdict(OutcomeMeasure.objects.filter(project=p)).get().reached is reached


@pytest.fixture
def year_2569(offices):
    prov, dist_a = offices["prov"], offices["dist_a"]
    # A: ended, both measures reached, one of them lower-is-better → success.
    project(prov, title="A", ended_on=date(2026, 3, 31),
            measures=[measure("ความพึงพอใจ", 80, 85), measure("แปลงที่พบโรค", 15, 12, "lower")])
    # B: ended, its one measure has no result yet → not reached.
    project(prov, title="B", ended_on=date(2026, 2, 28), measures=[measure("ผู้เข้าร่วม", 100)])
    # C: ended, one target reached and one not (lower is better, 11 against at most 10) → not reached.
    project(prov, title="C", ended_on=date(2026, 5, 31),
            measures=[measure("ผู้เข้าร่วม", 40, 52), measure("ข้อร้องเรียน", 10, 11, "lower")])
    # D and E: still running (no end date; ends after today) → not counted, whatever their results.
    project(prov, title="D", measures=[measure("ผู้เข้าร่วม", 10, 50)])
    project(prov, title="E", ended_on=date(2026, 8, 31), measures=[measure("ผู้เข้าร่วม", 10, 1)])
    # F: a district's, lower is better, exactly at the target → success (counts for PROV's subtree too).
    project(dist_a, title="F", ended_on=date(2026, 4, 30), measures=[measure("ระยะเวลารอ (วัน)", 10, 10, "lower")])
    # G: ended in FY 2568 (30 Sep 2025) → another year.
    project(prov, title="G", fiscal_year=2568, started_on=date(2025, 1, 1), ended_on=date(2025, 9, 30),
            measures=[measure("ผู้เข้าร่วม", 10, 20)])
    # H: another province's → not PROV's.
    project(offices["other"], title="H", ended_on=date(2026, 3, 1), measures=[measure("ผู้เข้าร่วม", 10, 20)])
    # I: ended without any outcome measure → nothing shows it worked: counted, not reached.
    project(prov, title="I", ended_on=date(2026, 1, 31))


def test_rm34_counts_the_projects_that_ended_in_the_year(offices, year_2569):
    """PROV FY 2569: A, B, C, F, I ended; A and F reached every target → 2 ÷ 5 = 40.00 %."""
    assert rm34_figure(office=offices["prov"], fiscal_year=2569, today=TODAY) == Figure(Decimal("40.00"), 2, 5)
    assert rm34_figure(office=offices["dist_a"], fiscal_year=2569, today=TODAY) == Figure(Decimal("100.00"), 1, 1)
    assert rm34_figure(office=offices["dist_b"], fiscal_year=2569, today=TODAY) == Figure(None, 0, 0)
    assert rm34_figure(office=offices["prov"], fiscal_year=2568, today=TODAY) == Figure(Decimal("100.00"), 1, 1)
    assert rm34_figure(office=offices["dept"], fiscal_year=2569, today=TODAY) == Figure(Decimal("50.00"), 3, 6)


def test_a_running_project_counts_once_it_has_ended(offices, year_2569):
    """E ends on 31 Aug 2026 with a result short of its target: on 1 Sep it joins the denominator (2 ÷ 6)."""
    assert rm34_figure(office=offices["prov"], fiscal_year=2569, today=date(2026, 8, 31)) == \
        Figure(Decimal("33.33"), 2, 6)


def test_recording_the_missing_result_moves_rm34(offices, year_2569):
    """B's result arrives and reaches its target: 3 ÷ 5 = 60.00 %."""
    OutcomeMeasure.objects.filter(project__title="B").update(result=120)
    assert rm34_figure(office=offices["prov"], fiscal_year=2569, today=TODAY) == Figure(Decimal("60.00"), 3, 5)


def test_rm34_costs_the_same_queries_for_few_and_many_projects(offices, django_assert_num_queries):
    for n in range(2):
        project(offices["prov"], title=f"ก{n}", ended_on=date(2026, 3, 1), measures=[measure("m", 1, 1)])
    with django_assert_num_queries(1):
        rm34_figure(office=offices["prov"], fiscal_year=2569, today=TODAY)
    for n in range(20):
        project(offices["prov"], title=f"ข{n}", ended_on=date(2026, 3, 1), measures=[measure("m", 1, 0)])
    with django_assert_num_queries(1):
        assert rm34_figure(office=offices["prov"], fiscal_year=2569, today=TODAY) == Figure(Decimal("9.09"), 2, 22)
