"""The demo data is seed 000 as written, the current years' plans are under way, and loading twice changes nothing."""
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from core.demo import LIVE_YEAR, load_demo, load_demo_progress
from core.fiscal import fiscal_year_of
from core.plans.choices import StepStatus
from core.plans.models import ActionPlan, Evidence, Step
from core.plans.selectors import steps_late

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo's evidence files


def test_seven_plans_with_every_step_of_seed_000(capsys):
    call_command("load_demo")
    plans = ActionPlan.objects.filter(office__code="CPN", fiscal_year=2555).order_by("cs")
    assert [p.steps.count() for p in plans] == [4, 5, 7, 4, 6, 8, 7]
    cs4_step1 = Step.objects.get(plan__fiscal_year=2555, plan__cs=4, order=1)
    assert cs4_step1.related_parties == "-กลุ่มส่งเสริมและพัฒนาเกษตรกร\n-กลุ่มส่งเสริมและพัฒนาการผลิต"
    assert cs4_step1.output == "ข้อมูลเครือข่ายและช่องทางติดต่อกับเครือข่ายอย่างน้อย 2 ช่องทาง"
    cs3_step4 = Step.objects.get(plan__fiscal_year=2555, plan__cs=3, order=4)
    assert (cs3_step4.duration, cs3_step4.planned_start, cs3_step4.planned_end) == (
        "6 เดือน", date(2012, 4, 1), date(2012, 9, 1))
    # seed rows written "เมย" / "กย" without a year belong to FY 2555
    assert Step.objects.get(plan__fiscal_year=2555, plan__cs=7, order=4).planned_end == date(2012, 9, 1)
    assert plans[5].indicators.values_list("code", flat=True)[::1] == ["RM 3.1", "RM 3.2"]
    out = capsys.readouterr().out
    assert "committee" in out and "demo-pmqa-2569" in out


def test_loading_again_keeps_what_users_changed():
    call_command("load_demo")
    step = Step.objects.get(plan__fiscal_year=2569, plan__cs=1, order=1)
    step.progress = 70
    step.save()
    call_command("load_demo")
    # Seed 000's plans (2555), LIVE_YEAR's copy and, once the calendar has moved on, the year of today's.
    # (The PMQA 4.0 demo adds the two years before LIVE_YEAR for its 7.2 tables: not counted here.)
    years = {2555, LIVE_YEAR, fiscal_year_of(timezone.localdate())}
    assert ActionPlan.objects.filter(fiscal_year__in=years).count() == 7 * len(years)
    assert Step.objects.filter(plan__fiscal_year__in=years).count() == 41 * len(years)
    assert Step.objects.get(pk=step.pk).progress == 70


NOV_26 = date(2026, 11, 26)  # FY 2570, its second month


def _steps(year: int) -> dict[tuple[int, int], Step]:
    return {(s.plan.cs, s.order): s for s in Step.objects.filter(plan__office__code="CPN", plan__fiscal_year=year)
            .select_related("plan").prefetch_related("periods")}


def test_the_current_years_plans_show_a_working_office():
    load_demo()
    assert load_demo_progress(today=NOV_26) == 4 + 7  # FY 2570's plans with a step due by now, all of FY 2569's
    this_year, last_year = _steps(2570), _steps(LIVE_YEAR)
    assert len(this_year) == 41

    # This year's plans begin in October: the seed's January steps moved three months earlier.
    cs1_first = this_year[1, 1]
    assert [(p.start, p.end) for p in cs1_first.periods.all()] == [(date(2026, 10, 1), date(2026, 10, 1))]
    # Done, with its dates and a PDF record as evidence.
    assert (cs1_first.status, cs1_first.progress) == (StepStatus.DONE, 100)
    assert date(2026, 10, 1) <= cs1_first.actual_start <= cs1_first.actual_end <= date(2026, 10, 31)
    evidence = Evidence.objects.get(step=cs1_first)
    assert evidence.content_type == "application/pdf" and evidence.file.read(5) == b"%PDF-"
    # In progress with a share of the month gone; not started; late.
    assert (this_year[1, 3].status, this_year[1, 3].progress) == (StepStatus.IN_PROGRESS, 80)
    assert (this_year[6, 1].status, this_year[6, 1].progress) == (StepStatus.NOT_STARTED, 0)
    late = steps_late(Step.objects.filter(plan__fiscal_year=2570), today=NOV_26)
    assert [(s.plan.cs, s.order) for s in late] == [(2, 1)]
    # The quarterly review: four marks, the October one held, on time at 25 %.
    review = this_year[3, 6]
    assert [p.start.month for p in review.periods.all()] == [10, 1, 4, 7]
    assert (review.status, review.progress) == (StepStatus.IN_PROGRESS, 25)
    assert review not in late
    # Where the work is done, and what some of it costs (seed 004's columns).
    assert this_year[3, 1].area == "ศูนย์รับข้อร้องเรียน สำนักงานเกษตรจังหวัดชุมพร"
    assert this_year[4, 3].budget == 25000

    # Last year is over: almost every step done, its July review missed, two steps late.
    done = [k for k, s in last_year.items() if s.status == StepStatus.DONE]
    assert len(done) == 41 - 3
    assert Evidence.objects.filter(plan__fiscal_year=LIVE_YEAR, step__status=StepStatus.DONE).count() == len(done)
    assert (last_year[3, 6].progress, last_year[3, 6].status) == (75, StepStatus.IN_PROGRESS)
    late = steps_late(Step.objects.filter(plan__fiscal_year=LIVE_YEAR), today=NOV_26)
    assert sorted((s.plan.cs, s.order) for s in late) == [(2, 5), (3, 6), (5, 6)]


def test_progress_again_changes_nothing_and_keeps_what_users_recorded():
    load_demo()
    load_demo_progress(today=NOV_26)
    step = Step.objects.get(plan__fiscal_year=2570, plan__cs=2, order=1)
    step_periods = list(Step.objects.values_list("pk", "status", "progress", "actual_start", "actual_end", "area"))
    evidence = Evidence.objects.count()
    assert load_demo_progress(today=NOV_26) == 0
    assert list(Step.objects.values_list("pk", "status", "progress", "actual_start", "actual_end", "area")) == (
        step_periods)
    assert Evidence.objects.count() == evidence
    step.progress, step.status = 100, StepStatus.DONE
    step.save()
    load_demo_progress(today=date(2027, 1, 15))  # later in the same year: plans under way are the users' now
    step.refresh_from_db()
    assert (step.progress, step.status) == (100, StepStatus.DONE)


def test_in_live_year_itself_no_plan_is_copied():
    load_demo()
    load_demo_progress(today=date(2026, 5, 15))  # FY 2569, its eighth month
    assert not ActionPlan.objects.filter(fiscal_year=2570).exists()
    statuses = set(Step.objects.filter(plan__fiscal_year=LIVE_YEAR).values_list("status", flat=True))
    assert statuses == {StepStatus.DONE, StepStatus.IN_PROGRESS, StepStatus.NOT_STARTED}

