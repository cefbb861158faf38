"""The executive dashboard in Chromium on the demo data: the executive goes from the home page's card to the
dashboard, every chart is drawn under the Content-Security-Policy with none of it broken, no complainant shows, and
the CS3 figure drills down to the register of that office and quarter, where the ranked ticket is listed."""
import io

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from complaints.models import Ticket, TicketPriority
from core.fiscal import fiscal_quarter_of
from core.offices.models import Office
from reports import summaries
from tests.test_browser import login, screenshot
from tests.test_browser_csp import COLLECT_VIOLATIONS, demo_data  # noqa: F401  the fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_executive_opens_the_dashboard_and_drills_to_the_tickets(page: Page, live_server, demo_data):  # noqa: F811
    quarter = fiscal_quarter_of(timezone.localdate())
    ranked = (TicketPriority.objects.filter(fiscal_year=quarter.fiscal_year, quarter=quarter.quarter)
              .select_related("ticket").order_by("pk").first())
    assert ranked is not None, "the demo ranks this quarter's complaints"
    names = set(Ticket.objects.exclude(complainant_name="").values_list("complainant_name", flat=True))
    page.add_init_script(COLLECT_VIOLATIONS)
    login(page, live_server, "executive", "demo-pmqa-2569")
    page.locator("#home-executive").click()
    expect(page.locator("h1")).to_contain_text(f"ไตรมาส {quarter.quarter}/{quarter.fiscal_year}")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => Object.keys(Chart.instances).length") >= 5
    assert page.evaluate("window.__csp") == []
    text = page.locator("body").inner_text()
    assert ranked.ticket.reference in text and not any(name in text for name in names)
    screenshot(page, "executive_dashboard.png")

    page.locator("#drill-cs3").click()
    page.wait_for_load_state("networkidle")
    office = Office.objects.get(code="CPN")
    assert page.url.endswith(f"/cs3/?office={office.pk}&fiscal_year={quarter.fiscal_year}&quarter={quarter.quarter}"
                             "&kind=complaint")
    expect(page.locator("body")).to_contain_text(ranked.ticket.reference)


def test_the_executive_downloads_the_quarters_summary_and_it_carries_the_kpi_the_dashboard_shows(
        page: Page, live_server, demo_data, settings, tmp_path):  # noqa: F811
    """The quarter just ended, summarised as the beat job does on the next quarter's first working day; the
    executive reads its CS3 figure on the dashboard, opens the summaries from there and downloads the PDF: the same
    figure is printed in it."""
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    ended = summaries.previous_quarter(fiscal_quarter_of(today))
    office = Office.objects.get(code="CPN")
    summaries.summary_publish(summary=summaries.summary_start(office=office, quarter=ended), today=today)

    login(page, live_server, "executive", "demo-pmqa-2569")
    page.goto(f"{live_server.url}/executive/?office=CPN&fiscal_year={ended.fiscal_year}&quarter={ended.quarter}")
    expect(page.locator("h1")).to_contain_text(f"ไตรมาส {ended.quarter}/{ended.fiscal_year}")
    kpi = page.locator("#kpi-quarter").inner_text().strip()
    assert kpi and kpi != "-", "the demo has complaints answered in the quarter just ended"
    page.locator("#link-summaries").click()
    link = page.get_by_role("link", name="ดาวน์โหลด PDF").first
    pdf = page.context.request.get(live_server.url + link.get_attribute("href"))
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert f"ไตรมาส {ended.quarter}" in text and str(ended.fiscal_year) in text
    assert kpi in text, (kpi, text[:2000])
