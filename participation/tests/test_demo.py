"""The CS5 demo: projects at three levels over two fiscal years, a lower-is-better measure, one still running, the
report to the governor with a real PDF letter, the next steps; loading it twice adds nothing."""
from decimal import Decimal

import pytest

from core.demo import load_demo as load_core_demo
from core.offices.models import Office
from core.plans.figures import Figure
from stakeholders.demo import load_demo as load_groups_demo

from ..demo import load_demo
from ..models import GovernorReport, NextStep, OutcomeMeasure, ParticipationProject
from ..selectors import rm34_figure

pytestmark = pytest.mark.django_db


def test_the_demo_is_complete_and_idempotent(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    load_core_demo()
    load_groups_demo()
    assert load_demo() == 6
    assert load_demo() == 0
    projects = ParticipationProject.objects.all()
    assert set(projects.values_list("level", flat=True)) == {1, 2, 3}
    assert set(projects.values_list("fiscal_year", flat=True)) == {2568, 2569}
    assert OutcomeMeasure.objects.filter(direction="lower").exists()
    assert projects.filter(ended_on__isnull=True).count() == 1
    assert projects.filter(is_published=True).count() == 4
    report = GovernorReport.objects.get()
    assert report.letter_type == "application/pdf" and report.letter.read(5) == b"%PDF-"
    assert NextStep.objects.count() == 3
    cpn = Office.objects.get(code="CPN")
    # FY 2569: the committee (reached), the consultation (77.5 of 80: missed) and the district's meeting (reached).
    assert rm34_figure(office=cpn, fiscal_year=2569) == Figure(Decimal("66.67"), 2, 3)
