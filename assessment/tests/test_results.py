"""The 7.2 tables on hand-worked plans: three fiscal years of the same indicator (by code, or by name when it has
none), higher and lower is better, a missing year, the default tables and the committee's choice, a fixed number of
queries."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from assessment import selectors, services
from core.plans.choices import IndicatorSource, Metric
from core.testing.factories import ActionPlanFactory, IndicatorFactory

pytestmark = pytest.mark.django_db
YEAR = 2569


def _plans(office, cs):
    return {year: ActionPlanFactory(office=office, fiscal_year=year, cs=cs) for year in (YEAR - 2, YEAR - 1, YEAR)}


@pytest.fixture
def worked(offices):
    """PROV's CS6 plans of 2567–2569 with RM 3.1 (higher) and RM 3.2 (lower), its CS3 plans with the KPI (no code,
    computed), and OTHER's RM 3.1 of 2568 (never PROV's)."""
    prov = offices["prov"]
    cs6, cs3 = _plans(prov, 6), _plans(prov, 3)
    ladder_up = dict(level_1=60, level_2=65, level_3=70, level_4=75, level_5=80)
    ladder_down = dict(level_1=30, level_2=27.5, level_3=25, level_4=22.5, level_5=20)
    IndicatorFactory(plan=cs6[YEAR - 2], code="RM 3.1", target=80, manual_result=70, **ladder_up)
    IndicatorFactory(plan=cs6[YEAR - 1], code="RM 3.1", target=80, manual_result=None, **ladder_up)  # missing
    rm31 = IndicatorFactory(plan=cs6[YEAR], code="RM 3.1", target=80, manual_result=76, **ladder_up)
    for year, result in ((YEAR - 2, 25), (YEAR - 1, 22)):
        IndicatorFactory(plan=cs6[year], order=2, code="RM3.2", name="ร้อยละความไม่พึงพอใจ", target=20,
                         direction="lower", manual_result=result, **ladder_down)
    rm32 = IndicatorFactory(plan=cs6[YEAR], order=2, code="RM 3.2", name="ร้อยละความไม่พึงพอใจ", target=20,
                            direction="lower", manual_result=18, **ladder_down)
    kpi_name = "ร้อยละของเรื่องร้องเรียนที่ได้รับการตอบสนองภายใน 15 วันทำการ"
    IndicatorFactory(plan=cs3[YEAR - 1], code="", name=kpi_name, target=100, manual_result=Decimal("92.31"))
    kpi = IndicatorFactory(plan=cs3[YEAR], code="", name=kpi_name, target=100, source=IndicatorSource.COMPUTED,
                           metric=Metric.CS3_ANSWERED_ON_TIME, computed_result=Decimal("28.57"))
    other = ActionPlanFactory(office=offices["other"], fiscal_year=YEAR - 1, cs=6)
    IndicatorFactory(plan=other, code="RM 3.1", target=80, manual_result=99)
    return {"rm31": rm31, "rm32": rm32, "kpi": kpi, "prov": prov}


def _row(rows, indicator):
    return next(row for row in rows if row.indicator_id == indicator.pk)


def test_three_years_of_each_indicator_with_success_and_score_of_the_latest(worked):
    rows = selectors.result_rows(office=worked["prov"], fiscal_year=YEAR)
    rm31 = _row(rows, worked["rm31"])
    # 2568's result is missing (and OTHER's 99 for that year is not PROV's).
    assert rm31.results == {2567: Decimal("70.00"), 2568: None, 2569: Decimal("76.00")}
    assert rm31.target == Decimal("80.00")
    assert rm31.success_percent == Decimal("95.00")  # 76 ÷ 80 × 100
    assert rm31.score == Decimal("4.2000")  # between level 4 (75) and 5 (80): 4 + 1/5
    rm32 = _row(rows, worked["rm32"])
    # "RM3.2" and "RM 3.2" are the same code.
    assert rm32.results == {2567: Decimal("25.00"), 2568: Decimal("22.00"), 2569: Decimal("18.00")}
    assert rm32.success_percent == Decimal("110.00")  # 200 − 18 ÷ 20 × 100
    assert rm32.score == Decimal("5.0000")  # past level 5 (20) when lower is better
    kpi = _row(rows, worked["kpi"])
    # No code: the same name in the earlier plan; no plan at all in 2567.
    assert kpi.results == {2567: None, 2568: Decimal("92.31"), 2569: Decimal("28.57")}
    assert kpi.success_percent == Decimal("28.57")


def test_default_tables_and_the_committees_choice(worked, offices):
    tables = {t.number: [r.indicator_id for r in t.rows]
              for t in selectors.result_tables(office=worked["prov"], fiscal_year=YEAR)}
    assert tables[1] == [worked["rm31"].pk, worked["rm32"].pk]  # RM 3.1 and RM 3.2: satisfaction
    assert tables[5] == [worked["kpi"].pk]  # the CS3 KPI: complaint resolution
    assert tables[2] == tables[3] == tables[4] == []
    services.tables_choose(office=worked["prov"], fiscal_year=YEAR, choices={worked["rm32"].pk: 4,
                                                                           worked["kpi"].pk: 0})
    tables = {t.number: [r.indicator_id for r in t.rows]
              for t in selectors.result_tables(office=worked["prov"], fiscal_year=YEAR)}
    assert tables[1] == [worked["rm31"].pk] and tables[4] == [worked["rm32"].pk] and tables[5] == []
    # Another office's indicator, or a table that does not exist, is refused and nothing changes.
    other = IndicatorFactory(plan=ActionPlanFactory(office=offices["other"], fiscal_year=YEAR, cs=6))
    for choices in ({other.pk: 1}, {worked["rm31"].pk: 6}):
        with pytest.raises(ValidationError):
            services.tables_choose(office=worked["prov"], fiscal_year=YEAR, choices=choices)
    assert _row(selectors.result_rows(office=worked["prov"], fiscal_year=YEAR), worked["rm31"]).table == 1


def test_the_results_page_reads_a_fixed_number_of_queries(client, people, worked):
    client.force_login(people["alice"])
    url = f"/pmqa40/results/?office=PROV&fiscal_year={YEAR}"
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    plans = _plans(worked["prov"], 5) | {}
    for year, plan in plans.items():
        for order in range(1, 6):
            IndicatorFactory(plan=plan, order=order, code=f"RM 3.4-{order}", manual_result=order)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200 and "RM 3.4-5" in response.content.decode()
    assert len(many) == len(few)


def test_the_committee_places_indicators_on_the_page(client, people, worked):
    client.force_login(people["alice"])
    url = f"/pmqa40/results/?office=PROV&fiscal_year={YEAR}"
    response = client.post(url, {f"t{worked['rm31'].pk}": "3", f"t{worked['rm32'].pk}": "1",
                                 f"t{worked['kpi'].pk}": "5"})
    assert response.status_code == 302
    assert _row(selectors.result_rows(office=worked["prov"], fiscal_year=YEAR), worked["rm31"]).table == 3
    # A table that does not exist: a Thai message, the choice kept as typed, nothing saved.
    response = client.post(url, {f"t{worked['rm31'].pk}": "9", f"t{worked['rm32'].pk}": "1",
                                 f"t{worked['kpi'].pk}": "5"})
    assert response.status_code == 400 and "กรุณาเลือกตาราง" in response.content.decode()
    assert _row(selectors.result_rows(office=worked["prov"], fiscal_year=YEAR), worked["rm31"]).table == 3
    # Executives and assessors read the tables; they may not place indicators.
    for reader in ("erin", "axel"):
        client.force_login(people[reader])
        page = client.get(url)
        assert page.status_code == 200 and "table-choice-form" not in page.content.decode()
        assert client.post(url, {f"t{worked['rm31'].pk}": "1"}).status_code == 403
