from decimal import Decimal

import pytest

from assessment import selectors
from assessment.demo import load_demo
from assessment.models import Answer
from core.demo import LIVE_YEAR
from core.demo import load_demo as load_core_demo
from core.offices.models import Office

pytestmark = pytest.mark.django_db


def test_the_demo_answers_every_item_and_the_tables_show_three_years():
    load_core_demo()
    assert load_demo() == 13
    assert load_demo() == 0  # idempotent
    assert Answer.objects.filter(assessment__office__code="CPN", assessment__fiscal_year=LIVE_YEAR).count() == 13
    assert Answer.objects.filter(status="implemented").exists() and Answer.objects.filter(status="starting").exists()
    rows = selectors.result_rows(office=Office.objects.get(code="CPN"), fiscal_year=LIVE_YEAR)
    rm31 = next(row for row in rows if row.code == "RM 3.1")
    assert rm31.table == 1
    assert rm31.results[LIVE_YEAR - 2] == Decimal("78.40") and rm31.results[LIVE_YEAR - 1] == Decimal("81.20")
