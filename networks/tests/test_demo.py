"""The CS4 demo: seed 000's CS4 plan made concrete — three networks with their contact channels, the farmers'
network's members, plan, and three activities with photos and evaluations (two in FY 2569, one in FY 2568); the
CS4 plan's RM 3.3 computes from them; a second run adds nothing."""
from decimal import Decimal

import pytest
from django.db.models import Count

from core.demo import load_demo as load_core_demo
from core.plans.models import Indicator
from networks.demo import load_demo
from networks.models import Activity, Network
from networks.selectors import rm33_mean_figure
from reports.indicators import indicators_refresh
from stakeholders.demo import load_demo as load_groups_demo

pytestmark = pytest.mark.django_db


def test_the_demo_makes_the_cs4_plan_concrete_once(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_core_demo()
    load_groups_demo()
    forms = load_demo()
    assert forms == 24 + 30 + 18
    assert Network.objects.count() == 3
    assert min(Network.objects.annotate(n=Count("contact_channels")).values_list("n", flat=True)) >= 2
    assert Activity.objects.filter(held_on__year=2026).count() == 2 and Activity.objects.count() == 3
    assert all(a.photos.get().photo_type == "image/jpeg" for a in Activity.objects.all())
    cpn = Network.objects.first().office
    assert rm33_mean_figure(office=cpn, fiscal_year=2569).value is not None
    indicators_refresh(fiscal_year=2569)
    rm33 = Indicator.objects.get(plan__fiscal_year=2569, plan__cs=4, metric="rm33_mean")
    assert rm33.computed_result == rm33_mean_figure(office=cpn, fiscal_year=2569).value > Decimal(80)
    assert load_demo() == 0 and Activity.objects.count() == 3
