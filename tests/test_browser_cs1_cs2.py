"""The CS1/CS2 flow the issue names, in Chromium: the committee defines a mission and its groups, links a channel to a
group in table CS2-1, a district office imports its counts from a spreadsheet, and the province's three-year table
and chart show them."""
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from channels.imports import HEADERS
from core.fiscal import fiscal_year_of
from tests.test_browser import login, screenshot

# serialized_rollback: transactional tests empty the tables; this restores what migrations seeded (the channels).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CUSTOMERS = "ผู้ประกอบการแปรรูปผลไม้"
STAKEHOLDERS = "สหกรณ์การเกษตรจังหวัดชุมพร"
MISSION = "ส่งเสริมการแปรรูปและเพิ่มมูลค่าผลไม้ของจังหวัด"


def add_group(page: Page, base: str, kind: str, name: str, needs: str) -> None:
    page.goto(f"{base}{reverse('stakeholders:group-new')}")
    page.locator("#id_kind").select_option(kind)
    page.locator("#id_name").fill(name)
    page.locator("#id_criteria").select_option("mission")
    page.locator("#id_needs").fill(needs)
    page.locator("#id_rank").fill("1")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("table")).to_contain_text(name)


def test_groups_a_mission_table_cs21_and_a_district_import_reach_the_province_table(page: Page, live_server, demo,
                                                                                     browser_context_args, tmp_path):
    cache.clear()  # the cache table (rate limits, counted figures) outlives the tables a transactional test empties
    base = live_server.url
    year = fiscal_year_of(timezone.localdate())

    # The committee of the province names two new groups and a mission that serves them.
    login(page, live_server, "committee", demo.password)
    add_group(page, base, "customer", CUSTOMERS, "ความรู้ด้านมาตรฐานการแปรรูปและช่องทางการตลาด")
    add_group(page, base, "stakeholder", STAKEHOLDERS, "ข้อมูลผลผลิตเพื่อวางแผนรับซื้อ")
    page.goto(f"{base}{reverse('stakeholders:missions')}")
    page.locator("#id_order").fill("9")
    page.locator("#id_title").fill(MISSION)
    page.get_by_label(f"{CUSTOMERS} (ผู้รับบริการ)").check()
    page.get_by_label(f"{STAKEHOLDERS} (ผู้มีส่วนได้ส่วนเสีย)").check()
    page.get_by_role("button", name="บันทึกพันธกิจ").click()
    mission = page.locator("#missions tr", has_text=MISSION)
    expect(mission).to_contain_text(CUSTOMERS)
    expect(mission).to_contain_text(STAKEHOLDERS)
    expect(mission.locator(".mission-gap")).to_have_count(0)  # both kinds named: no gap to point out
    expect(page.locator("#cs1-indicator")).to_contain_text("100.00%")

    # Table CS2-1: the new customer group is heard through LINE; it leaves the list of groups without a channel.
    page.goto(f"{base}{reverse('channels:cs21')}")
    expect(page.locator("#cs2-gaps")).to_contain_text(CUSTOMERS)
    page.get_by_role("link", name="+ เพิ่มแถว").click()
    page.locator("#id_group").select_option(label=CUSTOMERS)
    page.locator("#id_channel").select_option(label="LINE")
    page.locator("#id_reason").fill("ผู้ประกอบการใช้ LINE ติดต่อกันเป็นประจำ ตอบกลับได้รวดเร็ว")
    page.locator("#id_analysis_method").fill("การวิเคราะห์เนื้อหา (content analysis)")
    page.locator("#id_finding").fill("ต้องการข้อมูลมาตรฐาน อย. และ GMP")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("#cs21")).to_contain_text("ต้องการข้อมูลมาตรฐาน อย. และ GMP")
    expect(page.locator("#cs2-gaps")).not_to_contain_text(CUSTOMERS)
    page.context.clear_cookies()

    # A district office imports its counts of two years; the preview shows them before anything is written.
    sheet = tmp_path / "usage.csv"
    sheet.write_text(",".join(HEADERS) + "\n"
                     f"CPN-MUEANG,line,{year - 1},4321\n"
                     f"CPN-MUEANG,line,{year},1234\n"
                     f"CPN-MUEANG,suggestion-box,{year},77\n", encoding="utf-8-sig")
    login(page, live_server, "office", demo.password)
    page.goto(f"{base}{reverse('channels:import')}")
    page.locator("input[type=file]").set_input_files(str(sheet))
    page.get_by_role("button", name="อัปโหลดและตรวจสอบ").click()
    expect(page.get_by_role("button", name="ยืนยันนำเข้า 3 รายการ")).to_be_visible()
    page.get_by_role("button", name="ยืนยันนำเข้า 3 รายการ").click()
    expect(page.locator(".alert-success")).to_be_visible()
    page.context.clear_cookies()

    # The province's committee reads the three-year table: the district's counts rolled up, keyed apart from the
    # complaints and responses the system counted, and the chart drawn from the same numbers.
    login(page, live_server, "committee", demo.password)
    page.goto(f"{base}{reverse('channels:statistics')}?office=CPN&fiscal_year={year}")
    line = page.locator("#usage-table tbody tr", has_text="LINE")
    cells = line.locator("td")
    # Columns: channel, then (keyed, complaints, responses) for each of the three years, oldest first.
    expect(cells.nth(4)).to_have_text("4,321")
    expect(cells.nth(7)).to_have_text("1,234")
    expect(page.locator("#usage-table tbody tr", has_text="ตู้/กล่องรับความคิดเห็น").locator("td").nth(7)) \
        .to_have_text("77")
    chart = page.evaluate("""() => { const c = Chart.getChart('chart-usage');
        return {labels: c.data.labels, years: c.data.datasets.map(d => d.label),
                line: c.data.datasets.map(d => d.data[c.data.labels.indexOf('LINE')])}; }""")
    assert chart["years"] == [f"ปี {y}" for y in range(year - 2, year + 1)]
    assert chart["line"] == [0, 4321, 1234]
    screenshot(page, "cs2-statistics.png")
