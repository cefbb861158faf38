"""The CS3 flow the issue names, in Chromium: a citizen files a complaint on the public page, the committee
assigns it to a district office, the office replies, and the KPI on the dashboard changes."""
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import Page, expect

from complaints.models import Ticket
from tests.test_browser import login

# serialized_rollback: transactional tests empty the tables; this restores what migrations seeded
# (channels, holidays, deadline rules) for every test.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_to_reply_moves_the_kpi(page: Page, live_server, demo):
    cache.clear()  # the cache table outlives the tables a transactional test empties
    # The committee's dashboard has no complaints yet.
    login(page, live_server, "committee", demo.password)
    page.goto(f"{live_server.url}/cs3/dashboard/")
    expect(page.locator("#kpi-percent")).to_have_text("-")
    page.context.clear_cookies()

    # A citizen, no login, on a phone-sized screen: the privacy notice comes first.
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/public/")
    expect(page.locator("#privacy-notice")).to_contain_text("คุ้มครองข้อมูลส่วนบุคคล")
    page.get_by_label("ข้อร้องเรียน").check()
    page.get_by_label("หน่วยงานที่ต้องการติดต่อ").select_option(label="สำนักงานเกษตรจังหวัดชุมพร (CPN)")
    page.locator("#id_subject").fill("ยังไม่ได้รับเงินช่วยเหลือภัยแล้ง")
    page.get_by_label("รายละเอียด").fill("ลงทะเบียนตั้งแต่เดือนที่แล้วแต่ยังไม่ได้รับเงิน")
    page.get_by_label("ชื่อ–นามสกุล (ไม่บังคับ)").fill("นายมานะ อดทน")
    page.get_by_label("ข้าพเจ้ารับทราบ").check()
    page.get_by_role("button", name="ส่งเรื่อง").click()
    code = page.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{10}", code)

    # The public status page: status and dates, nothing personal.
    page.get_by_role("link", name="ดูสถานะเรื่อง").click()
    expect(page.locator("#public-status")).to_contain_text("รับเรื่อง")
    expect(page.locator("body")).not_to_contain_text("นายมานะ")
    ticket = Ticket.objects.get(tracking_code=code)

    # The committee assigns it to the district office.
    page.set_viewport_size({"width": 1400, "height": 900})
    login(page, live_server, "committee", demo.password)
    page.goto(f"{live_server.url}{ticket.get_absolute_url()}")
    expect(page.locator("#complainant")).to_contain_text("นายมานะ อดทน")
    assign = page.locator(".action-assign")
    assign.get_by_label("มอบหมายให้หน่วยงาน").select_option(label="สำนักงานเกษตรอำเภอเมืองชุมพร (CPN-MUEANG)")
    assign.get_by_role("button", name="บันทึก").click()
    expect(page.locator("#ticket-status")).to_have_text("มอบหมายแล้ว")
    page.context.clear_cookies()

    # The district office finds it in its queue and replies with the result.
    login(page, live_server, "office", demo.password)
    page.goto(f"{live_server.url}/cs3/queue/")
    page.get_by_role("link", name=ticket.reference).click()
    reply = page.locator(".action-reply")
    reply.get_by_label("วิธีการแจ้ง").select_option(label="โทรศัพท์")
    reply.get_by_label("ข้อความที่แจ้งผู้ร้อง").fill("ตรวจสอบแล้ว เงินจะโอนภายในสัปดาห์นี้")
    reply.get_by_role("button", name="บันทึก").click()
    expect(page.locator("#ticket-status")).to_have_text("แจ้งผลแล้ว")
    page.context.clear_cookies()

    # The KPI now counts one complaint, answered within 15 working days.
    login(page, live_server, "committee", demo.password)
    page.goto(f"{live_server.url}/cs3/dashboard/")
    expect(page.locator("#kpi-percent")).to_contain_text("100.00")
    ticket.refresh_from_db()
    assert (ticket.office.code, ticket.on_time) == ("CPN-MUEANG", True)
