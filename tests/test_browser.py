"""What a person sees in Chromium: logging in, recording a step's progress, a form error, and scope.

Personas from the demo data (core.demo): "committee" is on the Chumphon provincial committee (CPN)
and edits its plans; "office" works at the Mueang Chumphon district office (CPN-MUEANG), below CPN,
and must not see the province's plans.

Screenshots of the home page and the Gantt go to $PMQA_SCREENSHOT_DIR (default /tmp/pmqa-screenshots),
never into the repository, for a person to look at.
"""
import os
import re
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from core.plans.choices import CS, StepStatus
from core.plans.models import Step

# serialized_rollback: transactional tests empty the tables; this restores what migrations seeded
# (channels, holidays, deadline rules) for every test.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOT_DIR = Path(os.environ.get("PMQA_SCREENSHOT_DIR", "/tmp/pmqa-screenshots"))
# Fiscal months run October..September: January is the fourth month column.
JANUARY = 3


def login(page: Page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("button[type=submit]").click()


def screenshot(page: Page, name: str) -> None:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT_DIR / name), full_page=True)


def assert_stylesheets_loaded(page: Page) -> None:
    """Every linked stylesheet arrived and has rules (a 404 leaves an empty sheet, and a bare page)."""
    sheets = page.evaluate(
        """() => [...document.querySelectorAll('link[rel=stylesheet]')].map(
               l => ({href: l.href, rules: l.sheet ? l.sheet.cssRules.length : 0}))"""
    )
    assert len(sheets) >= 2, sheets
    assert all(s["rules"] > 0 for s in sheets), sheets


def test_login_page_rejects_a_wrong_password_and_lets_the_committee_in(page: Page, live_server, demo):
    """The login page is Thai; a wrong password says so in Thai; the right one opens the committee's home."""
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page).to_have_title(re.compile("เข้าสู่ระบบ"))
    expect(page.get_by_role("button", name="เข้าสู่ระบบ")).to_be_visible()
    assert_stylesheets_loaded(page)
    # app.css centres the login card at 420 px: the page is styled, not bare HTML.
    assert page.locator(".login-card").evaluate("el => getComputedStyle(el).maxWidth") == "420px"

    login(page, live_server, "committee", "not-the-password")
    expect(page.get_by_role("alert").or_(page.locator(".alert-danger"))).to_contain_text(
        "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.locator("#id_username")).to_have_value("committee")

    login(page, live_server, "committee", demo.password)
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("งานของกรรมการ PMQA หมวด 3")
    cs_table = page.locator(".card", has_text="ความก้าวหน้าตามกระบวนการ").locator("tbody tr")
    expect(cs_table).to_have_count(7)
    for index, cs in enumerate(CS):
        row = cs_table.nth(index)
        expect(row.locator("td").first).to_have_text(str(cs.label))
        expect(row.locator("td").nth(1)).to_have_text("1")  # CPN has one FY 2555 plan per CS
    expect(page.locator(".list-group-item a", has_text=re.compile(r"^CS\d "))).to_have_count(7)
    assert page.locator(".app-navbar").evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(31, 59, 99)"
    screenshot(page, "home-committee.png")


def test_committee_records_progress_and_sees_it_on_the_gantt(page: Page, live_server, demo):
    """The issue's flow: progress 60 %, in progress, started 15/01/2555 → the Gantt shows 60 % and a January bar."""
    plan = demo.plans[1]
    login(page, live_server, "committee", demo.password)

    # The home page opens on the newest year (the demo's FY 2569 copy): the seed's plans are FY 2555.
    page.goto(f"{live_server.url}/?fiscal_year=2555")
    page.get_by_role("link", name=re.compile(r"^CS1 ")).click()
    expect(page).to_have_url(f"{live_server.url}/plans/{plan.pk}/")
    page.get_by_role("link", name="บันทึกกิจกรรมและความก้าวหน้า").click()
    expect(page).to_have_url(f"{live_server.url}/plans/{plan.pk}/steps/")

    page.locator('[name="steps-0-progress"]').fill("60")
    page.locator('[name="steps-0-status"]').select_option(StepStatus.IN_PROGRESS.value)
    page.locator('[name="steps-0-actual_start"]').fill("15/01/2555")
    page.get_by_role("button", name="บันทึก", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/plans/{plan.pk}/gantt/")
    expect(page.get_by_role("alert")).to_contain_text("บันทึกกิจกรรม/ขั้นตอนแล้ว")
    expect(page.locator("#gantt thead th.month").nth(JANUARY)).to_have_text("ม.ค.")
    step_row = page.locator('#gantt tr[data-step="1"]')
    expect(step_row.locator("td.progress-cell")).to_contain_text("60%")
    expect(step_row.locator("td.progress-cell")).to_contain_text(str(StepStatus.IN_PROGRESS.label))
    months = step_row.locator("td.month")
    expect(months).to_have_count(12)
    for before_start in range(JANUARY):  # October–December: not started yet
        expect(months.nth(before_start).locator("div.bar.actual")).to_have_count(0)
    january_bar = months.nth(JANUARY).locator("div.bar.actual")
    expect(january_bar).to_be_visible()
    assert january_bar.evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(46, 139, 87)"
    # Step 2 was not touched: no actual bar anywhere in its row.
    expect(page.locator('#gantt tr[data-step="2"] div.bar.actual')).to_have_count(0)
    screenshot(page, "gantt-cs1.png")

    step = Step.objects.get(plan=plan, order=1)
    assert (step.progress, step.status, step.actual_start) == (60, StepStatus.IN_PROGRESS, date(2012, 1, 15))


def test_a_progress_over_100_is_refused_and_what_was_typed_stays(page: Page, live_server, demo):
    """Progress 150: a Thai error next to the field, the typed values kept, nothing saved."""
    plan = demo.plans[1]
    login(page, live_server, "committee", demo.password)
    page.goto(f"{live_server.url}/plans/{plan.pk}/steps/")

    page.locator('[name="steps-0-progress"]').fill("150")
    page.locator('[name="steps-0-status"]').select_option(StepStatus.IN_PROGRESS.value)
    page.locator('[name="steps-0-actual_start"]').fill("15/01/2555")
    page.get_by_role("button", name="บันทึก", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/plans/{plan.pk}/steps/")
    expect(page.get_by_role("alert")).to_contain_text("ยังไม่ได้บันทึก")
    progress = page.locator('[name="steps-0-progress"]')
    expect(progress).to_have_value("150")
    expect(progress).to_have_attribute("aria-invalid", "true")
    # The message sits with the field it is about, not only in the banner at the top.
    expect(progress.locator("xpath=..")).to_contain_text("ความก้าวหน้าต้องไม่เกิน 100%")
    expect(page.locator('[name="steps-0-status"]')).to_have_value(StepStatus.IN_PROGRESS.value)
    expect(page.locator('[name="steps-0-actual_start"]')).to_have_value("15/01/2555")

    step = Step.objects.get(plan=plan, order=1)
    assert (step.progress, step.status, step.actual_start) == (0, StepStatus.NOT_STARTED, None)


def test_a_district_office_gets_404_for_its_provinces_plan(page: Page, live_server, demo):
    """The CPN-MUEANG user typing a CPN plan's URL sees "not found", exactly as for a plan that does not exist."""
    plan = demo.plans[1]
    login(page, live_server, "office", demo.password)
    expect(page).to_have_url(f"{live_server.url}/")

    for path in (f"/plans/{plan.pk}/", f"/plans/{plan.pk}/gantt/", f"/plans/{plan.pk}/steps/"):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 404, path
        expect(page.locator("body")).not_to_contain_text(plan.title)
        forbidden_body = page.locator("body").inner_text()

    missing = page.goto(f"{live_server.url}/plans/{plan.pk + 10_000}/")
    assert missing.status == 404
    assert page.locator("body").inner_text() == forbidden_body

    page.goto(f"{live_server.url}/plans/")
    expect(page.locator("body")).not_to_contain_text(plan.title)
