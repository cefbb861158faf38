"""Each computed value on the scoreboard links to the register filtered to what its figure counts
(`reports.wiring.DRILLDOWNS`, handed to `core.plans.computed` at start-up)."""
from datetime import date

import pytest
from django.urls import reverse

from complaints.tests.factories import make_ticket
from core.offices.models import Office
from core.plans.choices import Metric
from core.plans.computed import drilldown_url
from core.plans.scoreboard import scoreboard
from core.testing.factories import ActionPlanFactory, IndicatorFactory
from reports.wiring import DRILLDOWNS, METRICS

pytestmark = pytest.mark.django_db


def test_every_metric_has_a_drilldown_in_metric_order():
    assert list(DRILLDOWNS) == list(METRICS) == list(Metric.values)


@pytest.mark.parametrize("metric", Metric.values)
def test_every_drilldown_opens_for_the_committee(client, people, offices, metric):
    client.force_login(people["alice"])
    url = drilldown_url(metric, office=offices["prov"], fiscal_year=2569)
    assert client.get(url).status_code == 200, url


def test_the_expected_registers(offices):
    prov = Office.objects.get(code="PROV")
    urls = {metric: drilldown_url(metric, office=prov, fiscal_year=2569) for metric in Metric.values}
    assert urls[Metric.CS3_ANSWERED_ON_TIME] == f"/cs3/?kind=complaint&office={prov.pk}&fiscal_year=2569"
    assert urls[Metric.RM31_MEAN] == urls[Metric.RM32_BOTTOM2] == "/cs6/"
    assert urls[Metric.RM33_MEAN] == "/cs4/activities/?office=PROV&fiscal_year=2569"
    assert urls[Metric.RM34] == f"/cs5/?office={prov.pk}&fiscal_year=2569"
    assert urls[Metric.RM35] == "/cs7/records/?office=PROV&fiscal_year=2569"
    assert urls[Metric.CS1_GROUPS] == "/cs1/missions/?office=PROV&fiscal_year=2569"
    assert urls[Metric.CS2_CHANNELS] == "/cs2/statistics/?office=PROV&fiscal_year=2569"


def test_the_cs3_value_leads_to_the_counted_tickets(client, people, offices):
    prov = Office.objects.get(code="PROV")
    counted = make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2))
    other_year = make_ticket(office=offices["dist_a"], received_on=date(2026, 10, 2))
    other_office = make_ticket(office=offices["other"], received_on=date(2026, 3, 2))
    plan = ActionPlanFactory(office=prov, fiscal_year=2569, cs=3)
    IndicatorFactory(plan=plan, source="computed", metric=Metric.CS3_ANSWERED_ON_TIME, computed_result=50)
    client.force_login(people["alice"])
    [row] = scoreboard(user=people["alice"], office=prov, fiscal_year=2569)
    body = client.get(row.drilldown).content.decode()
    assert counted.reference in body
    assert other_year.reference not in body and other_office.reference not in body
    page = client.get(reverse("plans:scoreboard"), {"office": "PROV", "fiscal_year": 2569}).content.decode()
    assert row.drilldown.replace("&", "&amp;") in page


def test_an_executive_sees_no_personal_data_on_the_scoreboard_its_xlsx_or_pdf(client, people, offices, tmp_path):
    import io
    import subprocess

    from openpyxl import load_workbook

    prov = Office.objects.get(code="PROV")
    make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 2), complainant_name="นายสมชาย ลับเฉพาะ",
                complainant_contact="081-234-5678")
    plan = ActionPlanFactory(office=prov, fiscal_year=2569, cs=3)
    IndicatorFactory(plan=plan, source="computed", metric=Metric.CS3_ANSWERED_ON_TIME, computed_result=50)
    client.force_login(people["erin"])
    query = {"office": "PROV", "fiscal_year": 2569}
    page = client.get(reverse("plans:scoreboard"), query).content.decode()
    book = load_workbook(io.BytesIO(b"".join(client.get(reverse("plans:scoreboard-export"), query).streaming_content)))
    cells = " ".join(str(c.value) for row in book.active.iter_rows() for c in row if c.value is not None)
    pdf = tmp_path / "scoreboard.pdf"
    pdf.write_bytes(client.get(reverse("plans:scoreboard-pdf"), query).content)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for shown in (page, cells, text):
        assert "50" in shown  # the figure is there …
        assert "สมชาย" not in shown and "081-234-5678" not in shown  # … nobody's name or contact
