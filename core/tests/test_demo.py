"""The demo data is seed 000 as written, and loading it twice changes nothing."""
from datetime import date

import pytest
from django.core.management import call_command

from core.plans.models import ActionPlan, Step

pytestmark = pytest.mark.django_db


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
    assert ActionPlan.objects.count() == 14 and Step.objects.count() == 82
    assert Step.objects.get(pk=step.pk).progress == 70

