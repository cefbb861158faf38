"""The executive dashboard in Chromium on the demo data: the executive goes from the home page's card to the
dashboard, every chart is drawn under the Content-Security-Policy with none of it broken, no complainant shows, and
the CS3 figure drills down to the register of that office and quarter, where the ranked ticket is listed."""
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from complaints.models import Ticket, TicketPriority
from core.fiscal import fiscal_quarter_of
from core.offices.models import Office
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
