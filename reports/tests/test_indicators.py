"""The CS3 plan indicator follows the tickets: answered complaints change the plan's result on the next refresh."""
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from complaints.choices import ReplyKind, ReplyMethod
from complaints.services import ticket_reply
from complaints.tests.factories import make_ticket
from core.offices.models import Office
from core.plans.choices import IndicatorSource, Metric
from core.plans.models import Indicator
from core.plans.services import plan_create
from reports.indicators import METRICS, indicators_refresh
from reports.tasks import refresh_indicators

pytestmark = pytest.mark.django_db

TODAY = date(2026, 6, 30)
LADDER = {f"level_{n}": Decimal(v) for n, v in enumerate([80, 85, 90, 95, 100], 1)}
CS3_INDICATORS = [  # as the demo seed (chumphon_2555.json) has them: one computed, one entered by hand
    {"name": "ร้อยละของเรื่องร้องเรียนที่ได้รับการตอบสนองภายใน 15 วันทำการ", "target": Decimal(100),
     "metric": Metric.CS3_ANSWERED_ON_TIME, "source": IndicatorSource.COMPUTED, **LADDER},
    {"name": "ร้อยละความสำเร็จของการมีระบบที่ชัดเจนในการรวบรวมและจัดการข้อร้องเรียน", "target": Decimal(100),
     "source": IndicatorSource.MANUAL, **LADDER},
]


def answer(ticket, *, late: bool = False):
    on = ticket.due_on + timedelta(days=2) if late else ticket.received_on + timedelta(days=3)
    ticket_reply(ticket=ticket, kind=ReplyKind.FINAL, replied_on=on, method=ReplyMethod.PHONE, text="แจ้งผลแล้ว",
                 today=max(on, TODAY))


def cs3_plan(office, fiscal_year):
    plan = plan_create(office=office, fiscal_year=fiscal_year, cs=3, title="กระบวนการทบทวนระบบการจัดการข้อร้องเรียน",
                       objective="เพื่อให้มีระบบจัดการข้อร้องเรียน", definitions="",
                       indicators=CS3_INDICATORS, steps=[])
    return plan.indicators.get(metric=Metric.CS3_ANSWERED_ON_TIME), plan.indicators.get(metric="")


@pytest.fixture
def prov(offices):
    return Office.objects.get(code="PROV")  # read again: adding OTHER moved PROV's path


def test_every_metric_has_its_function():
    assert set(METRICS) == set(Metric.values)


def test_the_cs3_indicator_is_the_kpi_of_the_plans_office_subtree_and_fiscal_year(offices, prov):
    """FY 2569 = 1 Oct 2025 – 30 Sep 2026; PROV's plan counts PROV, DIST-A and DIST-B, not OTHER or FY 2570."""
    computed, manual = cs3_plan(prov, 2569)
    answer(make_ticket(office=offices["prov"], received_on=date(2025, 10, 1)))
    answer(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    answer(make_ticket(office=offices["dist_b"], received_on=date(2026, 9, 1)), late=True)
    make_ticket(office=offices["dist_a"], received_on=date(2026, 6, 25))  # not yet due on 30 Jun: not counted
    answer(make_ticket(office=offices["other"], received_on=date(2026, 3, 2)), late=True)  # another province
    answer(make_ticket(office=offices["dist_a"], received_on=date(2025, 9, 30)), late=True)  # FY 2568

    assert indicators_refresh(today=TODAY) == 1
    computed.refresh_from_db()
    manual.refresh_from_db()
    assert computed.computed_result == Decimal("66.67") and computed.computed_at is not None  # 2 of 3
    assert computed.source == IndicatorSource.COMPUTED and computed.result == Decimal("66.67")
    assert manual.computed_result is None and manual.computed_at is None

    # One more complaint answered on time: the next refresh follows.
    answer(make_ticket(office=offices["dist_b"], received_on=date(2026, 5, 4)))
    indicators_refresh(today=TODAY)
    computed.refresh_from_db()
    assert computed.computed_result == Decimal("75.00")  # 3 of 4


def test_a_year_with_no_counted_complaints_has_no_result(offices, prov):
    computed, _manual = cs3_plan(prov, 2570)
    indicators_refresh(today=TODAY)
    computed.refresh_from_db()
    assert computed.computed_result is None and computed.computed_at is not None


def test_one_fiscal_year_only(offices, prov):
    this_year, _ = cs3_plan(prov, 2569)
    next_year, _ = cs3_plan(prov, 2570)
    answer(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    assert indicators_refresh(fiscal_year=2569, today=TODAY) == 1
    assert Indicator.objects.get(pk=this_year.pk).computed_result == Decimal("100.00")
    assert Indicator.objects.get(pk=next_year.pk).computed_at is None


def test_the_plan_page_shows_the_computed_result(client, people, offices, prov):
    computed, _manual = cs3_plan(prov, 2569)
    answer(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    answer(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 3)), late=True)
    indicators_refresh(today=TODAY)
    client.force_login(people["alice"])
    assert "50.00" in client.get(reverse("plans:detail", args=[computed.plan_id])).content.decode()


def test_the_task_and_the_command_run_the_same_refresh(offices, prov):
    computed, _manual = cs3_plan(prov, 2569)
    answer(make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2)))
    assert refresh_indicators.name == settings.CELERY_BEAT_SCHEDULE["reports-refresh-indicators"]["task"]
    assert refresh_indicators(fiscal_year=2569) == 1  # what the worker runs
    assert Indicator.objects.get(pk=computed.pk).computed_result == Decimal("100.00")
    out = StringIO()
    call_command("refresh_indicators", "--fiscal-year", "2569", stdout=out)
    assert "คำนวณตัวชี้วัดแล้ว 1 ตัว" in out.getvalue()


# ---------------------------------------------------------------------------------------------
# CS6: RM 3.1 (mean or top-two, chosen per plan) and RM 3.2 (bottom-two or reported) from the surveys.

CS6_ITEMS = [
    {"code": "q1", "text": "ความสะดวกของขั้นตอน", "kind": "rating"},
    {"code": "q2", "text": "ความสุภาพของเจ้าหน้าที่", "kind": "rating"},
    {"code": "p1", "text": "ความพึงพอใจต่อสถานที่ (ข้อมูลผู้ตอบ ไม่นับ)", "kind": "rating", "section": "profile"},
    {"code": "d1", "text": "ท่านไม่พึงพอใจเรื่องใดหรือไม่", "kind": "yes_no", "section": "dissatisfaction"},
]
CS6_METRICS = [Metric.RM31_MEAN, Metric.RM31_TOP2, Metric.RM32_BOTTOM2, Metric.RM32_REPORTED]


def survey_round(office, forms, *, starts_on=None):
    from satisfaction.services import questionnaire_create, responses_record, round_create

    questionnaire = questionnaire_create(office=office, title="แบบสอบถามผู้รับบริการ", scale_max=5, items=CS6_ITEMS)
    survey = round_create(questionnaire=questionnaire, office=office, title="รอบสำรวจ", starts_on=starts_on)
    responses_record(survey=survey, forms=forms)
    return survey


def cs6_plan(office, fiscal_year):
    indicators = [{"name": Metric(m).label, "target": Decimal(80), "metric": m, "source": IndicatorSource.COMPUTED,
                   **LADDER} for m in CS6_METRICS]
    plan = plan_create(office=office, fiscal_year=fiscal_year, cs=6, title="กระบวนการวัดความพึงพอใจ",
                       objective="เพื่อวัดความพึงพอใจ", definitions="", indicators=indicators, steps=[])
    return {i.metric: i for i in plan.indicators.all()}


def test_the_cs6_indicators_pool_the_rounds_of_the_plans_subtree_and_fiscal_year(offices, prov):
    """Counted: PROV's round (5,4,2,5 / 4,1,5 and a no opinion) and DIST-A's (3 / 5): 34 / 9 answers.
    mean 34 / 9 = 3.777… / 5 → 75.56 %; top two (4, 5) 6 of 9 → 66.67 %; bottom two (1, 2) 2 of 9 → 22.22 %;
    reported: 2 of the 3 who answered d1 → 66.67 %. The profile item, OTHER and FY 2570 are not counted."""
    indicators = cs6_plan(prov, 2569)
    survey_round(offices["prov"], [
        {"q1": 5, "q2": 4, "p1": 1, "d1": "ไม่ใช่"}, {"q1": 4, "q2": "n/a", "d1": "ใช่"},
        {"q1": 2, "q2": 1}, {"q1": 5, "q2": 5}], starts_on=date(2025, 10, 1))
    survey_round(offices["dist_a"], [{"q1": 3, "q2": 5, "p1": 1, "d1": "ใช่"}], starts_on=date(2026, 9, 30))
    survey_round(offices["other"], [{"q1": 1, "q2": 1, "d1": "ใช่"}], starts_on=date(2026, 3, 1))
    survey_round(offices["dist_b"], [{"q1": 1, "q2": 1, "d1": "ใช่"}], starts_on=date(2026, 10, 1))  # FY 2570

    assert indicators_refresh(fiscal_year=2569, today=TODAY) == 4
    values = {m: Indicator.objects.get(pk=i.pk).computed_result for m, i in indicators.items()}
    assert values == {Metric.RM31_MEAN: Decimal("75.56"), Metric.RM31_TOP2: Decimal("66.67"),
                      Metric.RM32_BOTTOM2: Decimal("22.22"), Metric.RM32_REPORTED: Decimal("66.67")}


def test_a_round_without_a_start_date_counts_in_the_year_it_was_created(offices, prov):
    from django.utils import timezone

    from core.fiscal import fiscal_year_of

    year = fiscal_year_of(timezone.localdate())
    indicators = cs6_plan(prov, year)
    survey_round(offices["dist_b"], [{"q1": 5, "q2": 4}])
    indicators_refresh(fiscal_year=year, today=TODAY)
    assert Indicator.objects.get(pk=indicators[Metric.RM31_MEAN].pk).computed_result == Decimal("90.00")
    assert Indicator.objects.get(pk=indicators[Metric.RM31_TOP2].pk).computed_result == Decimal("100.00")
    assert Indicator.objects.get(pk=indicators[Metric.RM32_REPORTED].pk).computed_result is None  # nobody answered d1


def test_a_year_without_survey_answers_has_no_cs6_result(offices, prov):
    indicators = cs6_plan(prov, 2570)
    indicators_refresh(fiscal_year=2570, today=TODAY)
    for indicator in indicators.values():
        indicator.refresh_from_db()
        assert indicator.computed_result is None and indicator.computed_at is not None
