"""In Chromium: the committee makes seed 000's CS3 step 6 ("ทุกไตรมาส…") a quarterly review by ticking its months on
the step form's row of fiscal months, sees its four marks on the Gantt, and a step left with no month is refused in
Thai with what was typed kept."""
import pytest
from playwright.sync_api import Page, expect

from core.plans.models import Step
from tests.test_browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# FY 2555: ต.ค. 54 is the first column; the quarterly review in ต.ค., ม.ค., เม.ย., ก.ค.
QUARTERS = ["2011-10", "2012-01", "2012-04", "2012-07"]


def test_the_committee_ticks_a_quarterly_review_and_the_gantt_marks_each_quarter(page: Page, live_server, demo):
    plan = demo.plans[3]
    login(page, live_server, "committee", demo.password)
    page.goto(f"{live_server.url}/plans/{plan.pk}/steps/")
    boxes = page.locator('[name="steps-5-months"]')  # step 6, seed 000: เม.ย.–ก.ย. 55
    expect(boxes).to_have_count(12)
    for n in range(12):
        boxes.nth(n).set_checked(False)
    for month in QUARTERS:
        page.locator(f'[name="steps-5-months"][value="{month}"]').check()
    page.get_by_role("button", name="บันทึก", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/plans/{plan.pk}/gantt/")
    row = page.locator('#gantt tr[data-step="6"]')
    expect(row.locator("div.bar.planned.single")).to_have_count(4)
    months = row.locator("td.month")
    for n in range(12):
        marked = n in (0, 3, 6, 9)
        expect(months.nth(n).locator("div.bar.planned")).to_have_count(1 if marked else 0)
    screenshot(page, "gantt-quarterly-review.png")
    step = Step.objects.get(plan=plan, order=6)
    assert [p.start.strftime("%Y-%m") for p in step.periods.all()] == QUARTERS


def test_a_step_with_no_month_is_refused_and_what_was_typed_stays(page: Page, live_server, demo):
    plan = demo.plans[3]
    login(page, live_server, "committee", demo.password)
    page.goto(f"{live_server.url}/plans/{plan.pk}/steps/")
    page.locator('[name="steps-0-area"]').fill("ศูนย์ดำรงธรรมจังหวัดชุมพร")
    for n in range(12):
        page.locator('[name="steps-0-months"]').nth(n).set_checked(False)
    page.get_by_role("button", name="บันทึก", exact=True).click()

    expect(page).to_have_url(f"{live_server.url}/plans/{plan.pk}/steps/")
    expect(page.locator("#id_steps-0-months_error")).to_have_text("เลือกเดือนที่ดำเนินการอย่างน้อย 1 เดือน")
    expect(page.locator('[name="steps-0-area"]')).to_have_value("ศูนย์ดำรงธรรมจังหวัดชุมพร")
    assert Step.objects.get(plan=plan, order=1).area == ""
