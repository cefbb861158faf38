"""A step's planned periods (seed 004: one step marked in several months) and when a step is late.

FY 2569 runs from October 2025 to September 2026. The quarterly review below is planned in ต.ค. 68, ม.ค. 69,
เม.ย. 69 and ก.ค. 69: four one-month periods, each a quarter of the work.
"""
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.plans.choices import StepStatus
from core.plans.models import Step, StepPeriod
from core.plans.selectors import steps_late
from core.plans.services import periods_from_months, plan_copy, plan_create, step_periods_set
from core.testing.factories import ActionPlanFactory, StepFactory

pytestmark = pytest.mark.django_db

OCT, JAN, APR, JUL = date(2025, 10, 1), date(2026, 1, 1), date(2026, 4, 1), date(2026, 7, 1)
QUARTERLY = [(OCT, OCT), (JAN, JAN), (APR, APR), (JUL, JUL)]


@pytest.fixture
def plan(offices):
    return ActionPlanFactory(office=offices["prov"], fiscal_year=2569, cs=3)


@pytest.fixture
def review(plan):
    step = StepFactory(plan=plan, order=6, activity="ประชุมทบทวนผลการจัดการข้อร้องเรียนรายไตรมาส")
    step_periods_set(step=step, periods=QUARTERLY)
    return step


def test_ticked_months_become_runs():
    months = [date(2026, 3, 1), date(2026, 1, 1), date(2026, 2, 1), date(2026, 7, 1), OCT]
    assert periods_from_months(months) == [(OCT, OCT), (JAN, date(2026, 3, 1)), (JUL, JUL)]
    assert periods_from_months([date(2025, 12, 1), JAN]) == [(date(2025, 12, 1), JAN)]  # across the calendar year


def test_a_quarterly_review_keeps_four_periods_and_its_span(review):
    review.refresh_from_db()
    assert list(review.periods.values_list("start", "end")) == QUARTERLY
    # planned_start/planned_end stay meaningful for the code and the API that read them: the first and the last.
    assert (review.planned_start, review.planned_end) == (OCT, JUL)


@pytest.mark.parametrize("periods, message", [
    ([], "เลือกเดือนที่ดำเนินการอย่างน้อย 1 เดือน"),
    ([(date(2025, 9, 1), OCT)], "เดือน ก.ย. 68 ไม่อยู่ในปีงบประมาณ 2569 (ต.ค. 68 – ก.ย. 69)"),
    ([(JUL, date(2026, 10, 1))], "เดือน ต.ค. 69 ไม่อยู่ในปีงบประมาณ 2569"),
    ([(JAN, APR), (date(2026, 3, 1), JUL)], "ช่วงเวลาซ้อนกัน: มี.ค. 69"),
    ([(JAN, JAN), (JAN, JAN)], "ช่วงเวลาซ้อนกัน"),
    ([(APR, JAN)], "เดือนสิ้นสุด ม.ค. 69 อยู่ก่อนเดือนเริ่มต้น เม.ย. 69"),
])
def test_periods_refused_in_thai_and_nothing_changed(review, periods, message):
    with pytest.raises(ValidationError) as caught:
        step_periods_set(step=review, periods=periods)
    assert message in " ".join(caught.value.messages)
    review.refresh_from_db()
    assert list(review.periods.values_list("start", "end")) == QUARTERLY
    assert (review.planned_start, review.planned_end) == (OCT, JUL)


def test_a_plan_created_or_copied_keeps_its_steps_periods(plan, review):
    step = Step.objects.get(pk=review.pk)
    copy = plan_copy(plan=plan, fiscal_year=2570)
    copied = copy.steps.get(order=6)
    assert list(copied.periods.values_list("start", "end")) == [
        (date(2026, 10, 1),) * 2, (date(2027, 1, 1),) * 2, (date(2027, 4, 1),) * 2, (date(2027, 7, 1),) * 2]
    assert (copied.planned_start, copied.planned_end) == (date(2026, 10, 1), date(2027, 7, 1))
    # A step given without periods runs once, from its planned start to its planned end.
    other = plan_create(office=plan.office, fiscal_year=2569, cs=4, title="t", objective="o",
                        steps=[{"order": 1, "activity": "a", "planned_start": JAN, "planned_end": APR}])
    assert list(StepPeriod.objects.filter(step__plan=other).values_list("start", "end")) == [(JAN, APR)]
    assert step.area == "" and copied.area == ""


# --- Late -------------------------------------------------------------------------------------------------------------

def _late(step, today) -> bool:
    return steps_late(Step.objects.filter(pk=step.pk), today=today).exists()


@pytest.mark.parametrize("today, progress, late", [
    (date(2025, 10, 20), 0, False),   # October not over: no review has ended
    (date(2025, 11, 3), 0, True),     # 1 of 4 ended, 0 % < 25 %
    (date(2025, 11, 3), 25, False),   # 1 of 4 ended, 25 % is its share
    (date(2026, 2, 10), 25, True),    # 2 of 4 ended (ต.ค., ม.ค.), 25 % < 50 %
    (date(2026, 2, 10), 50, False),
    (date(2026, 6, 30), 75, False),   # 3 of 4 ended
    (date(2026, 8, 1), 95, True),     # all 4 ended and not done: late whatever the progress
    (date(2026, 8, 1), 100, True),
])
def test_a_recurring_step_is_late_when_its_share_of_ended_periods_is_not_done(review, today, progress, late):
    review.progress, review.status = progress, StepStatus.IN_PROGRESS
    review.save()
    assert _late(review, today) is late


def test_a_recurring_step_done_or_cancelled_is_never_late(review):
    for status in (StepStatus.DONE, StepStatus.CANCELLED):
        review.status = status
        review.save()
        assert not _late(review, date(2026, 8, 1))


def test_a_step_that_runs_once_is_late_after_its_last_month(plan):
    step = StepFactory(plan=plan, order=1)  # ม.ค.–ก.พ. 69, saved without periods (a path that knows none)
    assert not step.periods.exists()
    assert not _late(step, date(2026, 2, 28))
    assert _late(step, date(2026, 3, 1))
    step_periods_set(step=step, periods=[(JAN, date(2026, 2, 1))])
    step.progress = 90
    step.save()
    assert not _late(step, date(2026, 2, 28)) and _late(step, date(2026, 3, 1))


def test_the_home_pages_late_count_uses_the_rule(client, people, plan, review):
    """A recurring step on time at its share is not counted; the same step behind its share is."""
    review.progress, review.status = 50, StepStatus.IN_PROGRESS
    review.save()
    from core.plans.selectors import steps_overdue

    assert not steps_overdue(user=people["alice"], today=date(2026, 2, 10)).exists()
    review.progress = 25
    review.save()
    assert list(steps_overdue(user=people["alice"], today=date(2026, 2, 10))) == [review]
    assert not steps_overdue(user=people["carol"], today=date(2026, 2, 10)).exists()  # another province's


# --- The step form ----------------------------------------------------------------------------------------------------

def _body(step, months, **extra):
    data = {"steps-TOTAL_FORMS": "1", "steps-INITIAL_FORMS": "1", "steps-MIN_NUM_FORMS": "0",
            "steps-MAX_NUM_FORMS": "1000", "steps-0-id": step.pk, "steps-0-order": step.order,
            "steps-0-activity": step.activity, "steps-0-status": "not_started", "steps-0-progress": 0,
            "steps-0-months": months, "steps-0-area": "ศูนย์รับข้อร้องเรียน", "steps-0-budget": "12500"}
    data.update(extra)
    return data


def test_the_committee_ticks_a_quarterly_review_on_the_month_row(client, people, plan):
    step = StepFactory(plan=plan, order=1)
    client.force_login(people["alice"])
    page = client.get(reverse("plans:steps-edit", args=[plan.pk])).content.decode()
    assert 'name="steps-0-months" value="2025-10"' in page and 'value="2026-09"' in page
    assert 'value="2026-01" class="form-check-input" id="id_steps-0-months_3" checked' in page
    response = client.post(reverse("plans:steps-edit", args=[plan.pk]),
                           _body(step, ["2025-10", "2026-01", "2026-04", "2026-07"]))
    assert response.status_code == 302
    step.refresh_from_db()
    assert list(step.periods.values_list("start", "end")) == QUARTERLY
    assert (step.planned_start, step.planned_end, step.area, step.budget) == (OCT, JUL, "ศูนย์รับข้อร้องเรียน", 12500)
    # The form shows the four months ticked again.
    page = client.get(reverse("plans:steps-edit", args=[plan.pk])).content.decode()
    assert page.count(" checked") == 4


@pytest.mark.parametrize("months, message", [
    ([], "เลือกเดือนที่ดำเนินการอย่างน้อย 1 เดือน"),
    (["2026-01", "2026-10"], "เดือน 2026-10 ไม่อยู่ในปีงบประมาณของแผน"),
    (["2025-09"], "ไม่อยู่ในปีงบประมาณของแผน"),
    (["not-a-month"], "ไม่อยู่ในปีงบประมาณของแผน"),
])
def test_months_refused_keep_what_was_typed_and_save_nothing(client, people, plan, months, message):
    step = StepFactory(plan=plan, order=1)
    step_periods_set(step=step, periods=[(JAN, date(2026, 2, 1))])
    client.force_login(people["alice"])
    response = client.post(reverse("plans:steps-edit", args=[plan.pk]),
                           _body(step, months, **{"steps-0-activity": "แก้ไขแล้ว"}))
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body
    assert "แก้ไขแล้ว" in body and 'value="12500"' in body
    step.refresh_from_db()
    assert step.activity != "แก้ไขแล้ว" and step.area == ""
    assert list(step.periods.values_list("start", "end")) == [(JAN, date(2026, 2, 1))]


def test_the_api_shows_each_period(client, people, plan, review):
    client.force_login(people["alice"])
    body = client.get(f"/api/v1/action-plans/{plan.pk}/").json()
    step = next(s for s in body["steps"] if s["order"] == 6)
    assert step["periods"] == [{"start": month, "end": month}
                               for month in ("2025-10-01", "2026-01-01", "2026-04-01", "2026-07-01")]
    assert (step["planned_start"], step["planned_end"], step["area"]) == ("2025-10-01", "2026-07-01", "")
