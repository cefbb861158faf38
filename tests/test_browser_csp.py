"""The Content-Security-Policy the pages are sent with, as Chromium enforces it: the app's own pages break none of
it (no inline script, nothing from another site), and what their scripts do still works under it."""
import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import Page, expect

from complaints.models import Ticket
from core.plans.models import ActionPlan
from core.workdays.models import DeadlineRule
from networks.models import Activity
from participation.models import ParticipationProject
from satisfaction.models import SurveyRound
from satisfaction.services import round_create
from service_standards.choices import ManualStatus
from service_standards.models import PublicManual
from tests.test_browser import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Every violation the page reports, from before its first script runs (an init script is not page content).
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`));
"""


@pytest.fixture
def demo_data(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the demo's files (evidence of plan steps, a staff manual)
    cache.clear()
    call_command("load_demo", verbosity=0)


def visit(page: Page, url: str) -> list[str]:
    response = page.goto(url)
    assert response.status == 200, (url, response.status)
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return [f"{url}: {violation}" for violation in page.evaluate("window.__csp")]


def test_the_pages_people_use_keep_to_the_policy(page: Page, live_server, demo_data):
    page.add_init_script(COLLECT_VIOLATIONS)
    base = live_server.url
    plan = ActionPlan.objects.filter(office__code="CPN", fiscal_year=2569, cs=3).get()
    ticket = Ticket.objects.filter(office__code__startswith="CPN").order_by("pk").first()
    demo_round = SurveyRound.objects.filter(subject_type__isnull=True).order_by("pk").first()
    project = ParticipationProject.objects.filter(office__code="CPN").order_by("pk").first()
    activity = Activity.objects.filter(network__office__code="CPN").order_by("pk").first()
    manual = PublicManual.objects.filter(service__office__code="CPN", status=ManualStatus.PUBLISHED).order_by("pk").first()
    survey = round_create(questionnaire=demo_round.questionnaire, office=demo_round.office,
                          title="รอบที่รับคำตอบอยู่")  # the demo's rounds have ended; a public page needs an open one
    violations = []
    for url in [f"{base}/public/", f"{base}/survey/{survey.public_key}/", f"{base}/participation/",
                f"{base}/participation/CPN/", f"{base}/manual/{manual.token}/"]:
        violations += visit(page, url)
    login(page, live_server, "committee", "demo-pmqa-2569")
    for path in ["/", "/plans/", f"/plans/{plan.pk}/", f"/plans/{plan.pk}/gantt/", f"/plans/{plan.pk}/steps/",
                 "/cs3/", "/cs3/dashboard/", ticket.get_absolute_url(), "/cs3/import/", "/cs6/",
                 f"/cs6/rounds/{survey.pk}/", f"/cs6/rounds/{survey.pk}/entry/", "/cs6/questionnaires/new/",
                 "/cs3/categories/", "/cs1/", "/cs1/missions/", "/cs1/sipoc/", "/cs2/", "/cs2/cs2-1/",
                 "/cs2/statistics/", "/cs2/improvements/", "/cs4/", "/cs4/activities/?fiscal_year=2569",
                 "/cs4/report/?fiscal_year=2569", "/cs5/?fiscal_year=2569", "/cs5/matrix/?fiscal_year=2569",
                 "/cs5/reports/?fiscal_year=2569", "/cs5/next-steps/?fiscal_year=2569",
                 f"/cs5/{project.pk}/", f"/cs4/activities/{activity.pk}/", "/manage/holidays/", "/manage/deadline-rules/",
                 "/cs7/", f"/cs7/{manual.service_id}/", f"/cs7/{manual.service_id}/manuals/", f"/cs7/manuals/{manual.pk}/",
                 f"/cs7/{manual.service_id}/manuals/diff/?a=1&b={manual.version}",
                 f"/cs7/{manual.service_id}/staff-manuals/", "/cs7/records/", "/cs7/records/new/",
                 "/cs7/records/import/", "/cs7/dashboard/", "/cs7/checks/", "/cs7/checks/new/",
                 "/account/tokens/", "/account/password/", "/api/v1/docs/"]:
        violations += visit(page, f"{base}{path}")
    assert violations == []
    # The collector itself sees a violation: an inline script added now is blocked and reported.
    page.evaluate("document.body.appendChild(Object.assign(document.createElement('script'), {textContent: '1'}))")
    page.wait_for_function("window.__csp.length > 0")
    assert "script-src" in page.evaluate("window.__csp[0]")


def test_scripts_still_work_under_the_policy(page: Page, live_server, demo_data):
    """The fiscal-year menu sends its form by itself (app.js), the dashboard draws its charts (Chart.js), and the
    API docs render (Swagger UI, its start-up script a file of its own)."""
    login(page, live_server, "committee", "demo-pmqa-2569")
    page.goto(f"{live_server.url}/")
    page.locator("select[name=fiscal_year]").select_option("2555")
    expect(page).to_have_url(f"{live_server.url}/?fiscal_year=2555")
    page.goto(f"{live_server.url}/cs3/dashboard/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => Object.keys(Chart.instances).length") > 0
    page.goto(f"{live_server.url}/cs7/dashboard/?office=CPN&fiscal_year=2569")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => Object.keys(Chart.instances).length") == 2  # RM 3.5 by quarter and by service
    page.goto(f"{live_server.url}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("PMQA")


def test_a_delete_asks_first_and_the_year_menu_sends_itself(page: Page, live_server, demo_data):
    """`data-confirm` (app.js) asks before a delete is sent, and the holiday calendar's year menu sends itself
    (`data-autosubmit`): what inline handlers did, which the policy blocks."""
    rule = DeadlineRule.objects.create(code="browser-rule", name="เกณฑ์ทดลอง", days=3)
    login(page, live_server, "admin", "demo-pmqa-2569")
    page.goto(f"{live_server.url}/manage/deadline-rules/")
    delete = page.locator(f"form[action$='/deadline-rules/{rule.pk}/delete/'] button")
    page.once("dialog", lambda dialog: dialog.dismiss())
    delete.click()
    assert DeadlineRule.objects.filter(pk=rule.pk).exists()
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        delete.click()
    assert not DeadlineRule.objects.filter(pk=rule.pk).exists()
    page.goto(f"{live_server.url}/manage/holidays/")
    page.locator("select[name=year]").select_option("2570")
    expect(page).to_have_url(f"{live_server.url}/manage/holidays/?year=2570")
