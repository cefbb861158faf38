"""The CS6 flow the issue names, in Chromium: the committee builds a questionnaire (reordering and previewing it),
opens a round for it, a respondent answers on the public page the QR poster points to, and the results change."""
import pytest
from django.core.cache import cache
from django.urls import reverse
from playwright.sync_api import Page, expect

from satisfaction.models import SurveyRound
from tests.test_browser import login

# serialized_rollback: transactional tests empty the tables; this restores what migrations seeded.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def fill_row(page: Page, n: int, code: str, text: str, dimension: str) -> None:
    row = page.locator("#item-rows tr").nth(n - 1)
    row.get_by_label("รหัสข้อ").fill(code)
    row.get_by_label("ข้อคำถาม").fill(text)
    row.get_by_label("ด้าน").fill(dimension)


def test_build_a_questionnaire_answer_it_and_see_the_results_change(page: Page, live_server, demo,
                                                                  browser_context_args):
    cache.clear()  # the cache table (rate limits) outlives the tables a transactional test empties
    login(page, live_server, "committee", demo.password)
    page.goto(f"{live_server.url}{reverse('satisfaction:questionnaire_new')}")
    page.locator("#id_title").fill("แบบสอบถามความพึงพอใจผู้มารับบริการ")
    page.locator("#id_group").select_option(label="เกษตรกร")
    fill_row(page, 1, "staff", "ความสุภาพของเจ้าหน้าที่", "เจ้าหน้าที่")
    page.locator("#add-row").click()
    fill_row(page, 2, "process", "ความสะดวกของขั้นตอน", "กระบวนการ")
    # The process question should come first: move it up.
    page.locator("#item-rows tr").nth(1).get_by_role("button", name="เลื่อนขึ้น").click()
    expect(page.locator("#item-rows tr").nth(0).get_by_label("รหัสข้อ")).to_have_value("process")

    # The preview is the respondent's page: the privacy notice first, the items in the new order.
    page.get_by_role("button", name="ดูตัวอย่าง").click()
    preview = page.frame_locator("#cs6-preview")
    expect(preview.locator("#privacy-notice")).to_be_visible()
    expect(preview.locator("li[id^=item-]")).to_have_count(2)
    expect(preview.locator("li[id^=item-]").first).to_contain_text("ความสะดวกของขั้นตอน")

    page.get_by_role("button", name="บันทึกและสร้างรอบการสำรวจ").click()
    expect(page.locator("#round-form")).to_be_visible()
    page.get_by_label("ชื่อรอบการสำรวจ").fill("สำรวจความพึงพอใจ ไตรมาส 1")
    page.get_by_role("button", name="สร้างรอบการสำรวจ").click()
    expect(page.locator("#rm31-mean")).to_have_text("-")
    survey = SurveyRound.objects.get(title="สำรวจความพึงพอใจ ไตรมาส 1")
    assert list(survey.questionnaire.items.values_list("code", flat=True)) == ["process", "staff"]

    # A respondent, no login, on a phone, at the address the QR poster encodes.
    respondent = page.context.browser.new_context(**browser_context_args, viewport={"width": 390, "height": 844})
    phone = respondent.new_page()
    phone.goto(f"{live_server.url}{reverse('survey_public:answer', args=[survey.public_key])}")
    expect(phone.locator("#privacy-notice")).to_contain_text("คุ้มครองข้อมูลส่วนบุคคล")
    phone.locator("label[for='q_process-5']").click()
    phone.locator("label[for='q_staff-4']").click()
    phone.get_by_role("button", name="ส่งแบบสอบถาม").click()
    expect(phone.locator("#thanks")).to_be_visible()
    respondent.close()

    # Back on the results: one respondent, (5 + 4) / 2 ÷ 5 × 100 = 90.00 %, and the chart is drawn.
    page.reload()
    expect(page.locator("#headline .figure-value").first).to_contain_text("1")
    expect(page.locator("#rm31-mean")).to_contain_text("90.00")
    expect(page.locator("#chart-items")).to_be_attached()
