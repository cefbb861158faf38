"""The CS7 flow the issue names, in Chromium: the committee defines a service and its standard, drafts, approves and
publishes its manual; a citizen opens the manual's public page on a phone from the address on its QR poster; a
district office imports its service records; the CS7 dashboard and, after the scheduled refresh, the CS7 plan show
RM 3.5 of the year."""
import io
import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from core.demo import LIVE_YEAR
from core.fiscal import fiscal_year_of
from core.plans.choices import CS
from core.plans.models import ActionPlan
from core.plans.services import plan_copy
from reports.indicators import indicators_refresh
from service_standards.imports import HEADERS
from service_standards.models import ServiceRecord
from tests.test_browser import login, screenshot

# serialized_rollback: transactional tests empty the tables; this restores what migrations seeded.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SERVICE = "การรับรองมาตรฐานการผลิตพืช GAP (ต่ออายุใบรับรอง)"


def _be(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year + 543}"


def test_define_a_service_publish_its_manual_read_it_from_the_qr_import_records_and_see_rm35(
        page: Page, live_server, demo, browser_context_args, tmp_path):
    cache.clear()  # the cache table (rate limits, kept counts) outlives the tables a transactional test empties
    base, today = live_server.url, timezone.localdate()
    year = fiscal_year_of(today)
    # The province's CS7 plan carried into this fiscal year (the demo's plans are FY 2555 and 2569), with RM 3.5.
    cs7_plan = plan_copy(plan=ActionPlan.objects.get(office__code="CPN", fiscal_year=LIVE_YEAR, cs=CS.CS7),
                         fiscal_year=year)
    assert cs7_plan.indicators.filter(metric="rm35").exists()

    # The committee defines the service: five working days in three steps (the service chart).
    login(page, live_server, "committee", demo.password)
    page.goto(f"{base}{reverse('service_standards:service-new')}?office=CPN")
    page.locator("#id_name").fill(SERVICE)
    page.locator("#id_mission").fill("พ.ร.บ.การอำนวยความสะดวกในการพิจารณาอนุญาตของทางราชการ พ.ศ. 2558")
    page.locator("#id_standard_amount").fill("5")
    page.locator("#id_standard_unit").select_option("working_days")
    page.locator("#id_documents").fill("แบบคำขอใบรับรอง GAP, สำเนาบัตรประจำตัวประชาชน, แผนที่แปลงปลูก")
    page.locator("#id_fees").fill("ไม่เสียค่าธรรมเนียม")
    # A new service's form offers two blank steps; saving it offers blank rows again for the third.
    for n, (name, amount) in enumerate([("ตรวจสอบคำขอและเอกสาร", "1"), ("ตรวจประเมินแปลง", "3")]):
        page.locator(f"#id_steps-{n}-name").fill(name)
        page.locator(f"#id_steps-{n}-amount").fill(amount)
    page.get_by_role("button", name="บันทึกงานบริการ").click()
    expect(page.locator(".alert-success")).to_contain_text(SERVICE)
    page.locator("#id_steps-2-name").fill("ออกใบรับรอง")
    page.locator("#id_steps-2-amount").fill("1")
    page.get_by_role("button", name="บันทึกงานบริการ").click()
    expect(page.locator(".alert-success")).to_contain_text(SERVICE)
    expect(page.locator("#id_steps-2-name")).to_have_value("ออกใบรับรอง")

    # Its manual for the public: drafted, approved by the provincial agriculture officer, published on the website.
    page.get_by_role("link", name="คู่มือสำหรับประชาชน").click()
    expect(page.locator("#id_title")).to_have_value(SERVICE)
    page.locator("#id_body").fill("ยื่นคำขอต่ออายุใบรับรองก่อนใบรับรองเดิมหมดอายุอย่างน้อย 90 วัน")
    page.get_by_role("button", name="บันทึกร่าง").click()
    page.locator("#id_approver_name").fill("นายเกษตร ชุมพร")
    page.locator("#id_approver_position").fill("เกษตรจังหวัดชุมพร")
    page.locator("#id_approved_on").fill(_be(today))
    page.get_by_role("button", name="บันทึกการเห็นชอบ").click()
    expect(page.locator(".alert-success")).to_contain_text("เห็นชอบ")
    page.locator("#id_method").select_option("website")
    page.locator("#id_published_on").fill(_be(today))
    page.locator("#id_detail").fill("https://www.chumphon.doae.go.th/")
    page.get_by_role("button", name="บันทึกการเผยแพร่").click()
    expect(page.locator(".alert-success")).to_contain_text("เผยแพร่")
    screenshot(page, "cs7-manual.png")

    # The QR poster carries the public page's address; a citizen, no login, opens it on a phone.
    poster_href = page.get_by_role("link", name="โปสเตอร์คิวอาร์โค้ด").get_attribute("href")
    poster = page.context.request.get(base + poster_href)
    assert poster.status == 200 and poster.headers["content-type"] == "application/pdf"
    poster_text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(poster.body())).pages)
    address = re.search(r"https?://\S+/manual/[\w-]+/", poster_text.replace("\n", ""))[0]
    citizen = page.context.browser.new_context(**browser_context_args, viewport={"width": 390, "height": 844})
    phone = citizen.new_page()
    phone.goto(address)
    expect(phone.locator("h1")).to_contain_text(SERVICE)
    expect(phone.locator("body")).to_contain_text("5 วันทำการ")
    expect(phone.locator("body")).to_contain_text("ตรวจประเมินแปลง")
    phone.screenshot(path=str(tmp_path / "phone.png"))
    citizen.close()
    page.context.clear_cookies()

    # The district office imports its records of the service: two within the standard, one late, one still open.
    sheet = tmp_path / "records.csv"
    rows = [(f"GAP-{n}", received, completed) for n, (received, completed) in enumerate(
        [(today, today), (today - timedelta(days=1), today), (today - timedelta(days=40), today), (today, None)],
        start=1)]
    sheet.write_text(",".join(HEADERS[:3] + [HEADERS[4]]) + "\n" + "".join(
        f"{SERVICE},{ref},{_be(received)},{_be(completed) if completed else ''}\n" for ref, received, completed in rows),
        encoding="utf-8-sig")
    login(page, live_server, "office", demo.password)
    page.goto(f"{base}{reverse('service_standards:records')}")
    page.get_by_role("link", name="นำเข้าจากไฟล์ (CSV / XLSX)").click()
    page.locator("input[type=file]").set_input_files(str(sheet))
    page.get_by_role("button", name="อัปโหลดและตรวจสอบ").click()
    expect(page.locator("#count-new")).to_contain_text("4")
    page.get_by_role("button", name="ยืนยันนำเข้า 4 รายการ").click()
    expect(page.locator(".alert-success")).to_be_visible()
    assert ServiceRecord.objects.filter(office__code="CPN-MUEANG", service__name=SERVICE).count() == 4
    page.context.clear_cookies()

    # RM 3.5 of the year for the province: 2 of the 3 completed within five working days = 66.67 %.
    login(page, live_server, "committee", demo.password)
    page.goto(f"{base}{reverse('service_standards:dashboard')}?office=CPN&fiscal_year={year}")
    expect(page.locator("#rm35")).to_contain_text("66.67")
    expect(page.locator("tr", has_text=SERVICE).first).to_contain_text("66.67")
    screenshot(page, "cs7-dashboard.png")

    # The scheduled refresh (beat, every 15 minutes) stores it in the CS7 plan: its RM 3.5 row shows 66.67.
    indicators_refresh()
    page.goto(f"{base}{cs7_plan.get_absolute_url()}")
    expect(page.locator("tr", has_text="RM 3.5").first).to_contain_text("66.67")
    screenshot(page, "cs7-plan.png")
