"""The CS4 flow the issue names, in Chromium: the committee records an activity of the farmers' network, opens its
evaluation and prints its QR poster; a network member answers on a phone at the poster's address; RM 3.3 of the year
shows the new value, on the activities page and, after the scheduled refresh, on the CS4 plan."""
import io
import re

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
from networks.demo import FARMERS
from networks.demo import load_demo as load_demo_networks
from networks.models import Network
from reports.indicators import indicators_refresh
from tests.test_browser import login, screenshot

# serialized_rollback: transactional tests empty the tables; this restores what migrations seeded.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "อบรมการแปรรูปทุเรียนให้สมาชิกเครือข่าย"


def test_record_an_activity_open_its_evaluation_answer_it_on_a_phone_and_see_rm33(page: Page, live_server, demo,
                                                                                 browser_context_args, settings,
                                                                                 tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()  # the cache table (rate limits) outlives the tables a transactional test empties
    load_demo_networks()
    base, today = live_server.url, timezone.localdate()
    farmers = Network.objects.get(name=FARMERS)
    # The province's CS4 plan carried into this fiscal year (the demo's plans are FY 2555 and 2569), with RM 3.3.
    cs4_plan = plan_copy(plan=ActionPlan.objects.get(office__code="CPN", fiscal_year=LIVE_YEAR, cs=CS.CS4),
                         fiscal_year=fiscal_year_of(today))
    assert cs4_plan.indicators.filter(metric="rm33_mean").exists()

    # The committee records the activity the network asked for, announced two weeks ahead.
    login(page, live_server, "committee", demo.password)
    page.goto(f"{base}{reverse('networks:detail', args=[farmers.pk])}")
    expect(page.locator("#network-contacts li")).to_have_count(3)
    page.get_by_role("link", name="+ บันทึกกิจกรรม").click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_kind").select_option("formal")
    page.locator("#id_held_on").fill(f"{today.day:02d}/{today.month:02d}/{today.year + 543}")
    page.locator("#id_starts_at").fill("09:00")
    page.locator("#id_ends_at").fill("12:00")
    page.locator("#id_place").fill("ศูนย์เรียนรู้การเพิ่มประสิทธิภาพการผลิตสินค้าเกษตร อำเภอท่าแซะ")
    page.locator("#id_announced_on").fill(f"{today.day:02d}/{today.month:02d}/{today.year + 543}")
    page.locator("#id_announcement").fill("หนังสือเชิญและกลุ่ม LINE ของเครือข่าย")
    page.locator("#id_co_designed").check()
    page.locator("#id_participants").fill("35")
    page.get_by_role("button", name="บันทึก", exact=True).click()
    expect(page.locator("h2")).to_contain_text(TITLE)

    # Its evaluation, from the standard questionnaire, and the QR poster for the room.
    page.get_by_role("button", name="เปิดแบบประเมินกิจกรรม").click()
    expect(page.locator("#evaluation-respondents")).to_have_text("0")
    poster = page.context.request.get(base + page.locator("#evaluation-poster").get_attribute("href"))
    assert poster.status == 200 and poster.headers["content-type"] == "application/pdf"
    poster_text = "".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(poster.body())).pages)
    address = re.search(r"https?://\S+/survey/[\w-]+/", poster_text.replace("\n", ""))[0]
    screenshot(page, "cs4-activity.png")

    # A member of the network, no login, on a phone, at the poster's address: 5 on seven items, 4 on the last.
    member = page.context.browser.new_context(**browser_context_args, viewport={"width": 390, "height": 844})
    phone = member.new_page()
    phone.goto(address)
    expect(phone.locator("h1")).to_contain_text(TITLE)
    phone.locator("label", has_text="กลุ่มเกษตรกรและวิสาหกิจชุมชน").first.click()
    for code in ("a1", "a2", "a3", "a4", "a5", "a6", "a7"):
        phone.locator(f"label[for='q_{code}-5']").click()
    phone.locator("label[for='q_a8-4']").click()
    phone.get_by_role("button", name="ส่งแบบสอบถาม").click()
    expect(phone.locator("#thanks")).to_be_visible()
    member.close()

    # RM 3.3 of this fiscal year: (7 × 5 + 4) ÷ 8 = 4.875 ÷ 5 = 97.50 %; all eight in the top two: 100.00 %.
    page.reload()
    expect(page.locator("#evaluation-respondents")).to_have_text("1")
    page.goto(f"{base}{reverse('networks:activities')}?office=CPN&fiscal_year={fiscal_year_of(today)}")
    expect(page.locator("#rm33-mean")).to_contain_text("97.50")
    expect(page.locator("#rm33-top2")).to_contain_text("100.00")
    expect(page.locator("#activities")).to_contain_text(TITLE)
    screenshot(page, "cs4-rm33.png")

    # The scheduled refresh (beat, every 15 minutes) stores it in the CS4 plan: its RM 3.3 row shows 97.5.
    indicators_refresh()
    page.goto(f"{base}{cs4_plan.get_absolute_url()}")
    expect(page.locator("tr", has_text="RM 3.3").first).to_contain_text("97.5")
    screenshot(page, "cs4-plan.png")
