"""The CS5 flow the issue names, in Chromium: the committee creates a participation project with two outcome
measures, records their results, publishes it; the public page (no login) shows it, and RM 3.4 on the project list
changes from 0 % (ended, targets not yet reached) to 100 %."""
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from core import thai_dates
from core.fiscal import fiscal_year_bounds, fiscal_year_of
from tests.test_browser import login, screenshot

# serialized_rollback: transactional tests empty the tables; this restores what migrations seeded (the channels).
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "เวทีประชาคมออกแบบตลาดเกษตรกรจังหวัดชุมพร"


def be(day) -> str:
    return f"{day.day:02d}/{day.month:02d}/{thai_dates.be_year(day.year)}"


def test_a_project_with_two_measures_is_recorded_published_and_moves_rm34(page: Page, live_server, demo):
    cache.clear()  # the cache table (rate limits) outlives the tables a transactional test empties
    base = live_server.url
    today = timezone.localdate()
    year = fiscal_year_of(today)
    start, _end = fiscal_year_bounds(year)

    login(page, live_server, "committee", demo.password)
    page.goto(f"{base}{reverse('participation:index')}?fiscal_year={year}")
    expect(page.locator("#rm34-value")).to_contain_text("ยังไม่มีโครงการที่สิ้นสุด")

    # The committee adds the project: level 3 (its techniques shown beside it), a group, three information
    # channels, dates of this fiscal year ending today, and two measures, one lower-is-better.
    page.get_by_role("link", name="+ เพิ่มโครงการ").click()
    page.locator("#id_title").fill(TITLE)
    expect(page.locator("#levels")).to_contain_text("สัมมนาเชิงปฏิบัติการ")
    page.locator("#id_level_3").check()
    page.locator("#id_strategy").fill("ยุทธศาสตร์การพัฒนาการเกษตรจังหวัดชุมพร")
    page.locator("#id_mechanism").fill("เวทีประชาคมและสัมมนาเชิงปฏิบัติการร่วมกับผู้แทนเกษตรกร")
    page.get_by_label("เกษตรกร (ผู้รับบริการ)", exact=True).check()
    for name in ("เว็บไซต์จังหวัด/หน่วยงาน", "LINE", "Facebook"):
        page.locator("#div_id_info_channels").get_by_label(name, exact=True).check()
    page.locator("#div_id_opinion_channels").get_by_label("การประชุม/พบปะพูดคุย", exact=True).check()
    page.locator("#id_started_on").fill(be(start))
    page.locator("#id_ended_on").fill(be(today))
    page.locator("#id_measures-0-name").fill("จำนวนเกษตรกรที่ร่วมออกแบบตลาด")
    page.locator("#id_measures-0-unit").fill("คน")
    page.locator("#id_measures-0-target").fill("60")
    page.locator("#id_measures-1-name").fill("ข้อร้องเรียนเรื่องพื้นที่ขายสินค้า")
    page.locator("#id_measures-1-unit").fill("เรื่อง")
    page.locator("#id_measures-1-target").fill("5")
    page.locator("#id_measures-1-direction").select_option("lower")
    page.get_by_role("button", name="บันทึกโครงการ").click()
    expect(page.locator(".alert-success")).to_contain_text(TITLE)
    expect(page.locator("#project-verdict")).to_contain_text("ถึงค่าเป้าหมาย 0 จาก 2")
    expect(page.locator("#few-channels")).to_have_count(0)  # three information channels: nothing to point out

    # Ended today with no results yet: it counts, and has not reached its targets.
    page.goto(f"{base}{reverse('participation:index')}?fiscal_year={year}")
    expect(page.locator("#rm34-value")).to_have_text("0.00%")
    expect(page.locator("#projects")).to_contain_text(TITLE)

    # The results come in: 72 farmers (≥ 60) and 3 complaints (≤ 5).
    page.get_by_role("link", name=TITLE).click()
    page.locator("#id_measures-0-result").fill("72")
    page.locator("#id_measures-1-result").fill("3")
    page.get_by_role("button", name="บันทึกโครงการ").click()
    expect(page.locator("#project-verdict")).to_contain_text("บรรลุค่าเป้าหมายทุกตัวชี้วัด")
    expect(page.locator("#measure-verdicts")).to_contain_text("✓ ถึงเป้าหมาย")
    page.get_by_role("button", name="เผยแพร่ต่อประชาชน").click()
    expect(page.locator("#published-badge")).to_be_visible()
    screenshot(page, "cs5-project.png")

    page.goto(f"{base}{reverse('participation:index')}?fiscal_year={year}")
    expect(page.locator("#rm34-value")).to_have_text("100.00%")
    expect(page.locator("#rm34")).to_contain_text("1 จาก 1 โครงการ")
    chart = page.evaluate("() => Chart.getChart('chart-levels').data.datasets[0].data")
    assert chart == [0, 0, 1, 0, 0]
    screenshot(page, "cs5-projects.png")
    page.context.clear_cookies()

    # A citizen, signed in nowhere, sees the project, its level and what it changed.
    page.goto(f"{base}{reverse('participation_public:office', args=['CPN'])}")
    article = page.locator(".public-project", has_text=TITLE)
    expect(article).to_contain_text("3 เข้ามาเกี่ยวข้อง (Involve)")
    expect(article).to_contain_text("72 คน")
    expect(article).to_contain_text("ไม่เกิน 5 เรื่อง")
    screenshot(page, "cs5-public.png")
