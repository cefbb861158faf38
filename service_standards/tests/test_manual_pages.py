"""The manual pages: versions with their history, draft, approve, publish, the diff, the public page and poster."""
from datetime import date

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from service_standards.choices import ManualStatus
from service_standards.models import ManualPublication, PublicManual
from service_standards.services import manual_approve, manual_draft, manual_publish


def _published(service, version_text="ยื่นคำขอที่สำนักงาน", on=date(2025, 10, 1)):
    manual = manual_draft(service=service, title="คู่มือขึ้นทะเบียน", body=f"{version_text}\nไม่มีค่าธรรมเนียม")
    manual_approve(manual=manual, approver_name="นายสมชาย ใจดี", approver_position="เกษตรจังหวัด", approved_on=on)
    manual_publish(manual=manual, method="website", published_on=on)
    return manual


def test_the_committee_drafts_approves_and_publishes_and_the_old_version_is_superseded(
        client, people, offices, make_service):
    service = make_service(3, "working_days", office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร")
    first = _published(service)
    client.force_login(people["alice"])
    response = client.post(reverse("service_standards:manuals", args=[service.pk]),
                           {"title": "คู่มือขึ้นทะเบียน", "body": "ยื่นคำขอทางออนไลน์\nไม่มีค่าธรรมเนียม"})
    draft = PublicManual.objects.get(service=service, version=2)
    assert response.status_code == 302 and draft.status == ManualStatus.DRAFT
    client.post(reverse("service_standards:manual-approve", args=[draft.pk]),
                {"approver_name": "นางสาวสมหญิง", "approver_position": "เกษตรจังหวัด", "approved_on": "2/2/2569"})
    client.post(reverse("service_standards:manual-publish", args=[draft.pk]),
                {"method": "notice_board", "published_on": "3/2/2569", "detail": "บอร์ดหน้าสำนักงาน"})
    draft.refresh_from_db()
    first.refresh_from_db()
    assert draft.status == ManualStatus.PUBLISHED and draft.approver_name == "นางสาวสมหญิง"
    assert first.status == ManualStatus.SUPERSEDED and first.superseded_on == date(2026, 2, 3)
    page = client.get(reverse("service_standards:manuals", args=[service.pk])).content.decode()
    assert "นายสมชาย ใจดี" in page and "นางสาวสมหญิง" in page and "บอร์ดหน้าสำนักงาน" in page
    assert "ถูกแทนที่ด้วยฉบับใหม่" in page
    diff = client.get(reverse("service_standards:manual-diff", args=[service.pk]), {"a": 1, "b": 2}).content.decode()
    assert 'class="diff-changed"' in diff and "ยื่นคำขอทางออนไลน์" in diff and "<script>" not in diff


def test_bad_manual_input_is_refused_in_thai_and_nothing_changes(client, people, offices, make_service):
    service = make_service(3, "working_days", office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร")
    manual = manual_draft(service=service, title="คู่มือ", body="")
    client.force_login(people["alice"])
    page = client.post(reverse("service_standards:manual-approve", args=[manual.pk]),
                       {"approver_name": "", "approved_on": "31/02/2569"})
    assert page.status_code == 400 and "กรุณาระบุผู้บริหารผู้เห็นชอบ" in page.content.decode()
    page = client.post(reverse("service_standards:manual-publish", args=[manual.pk]),
                       {"method": "website", "published_on": "1/3/2569"})
    assert page.status_code == 400 and "เผยแพร่ได้เฉพาะฉบับที่ผู้บริหารเห็นชอบแล้ว" in page.content.decode()
    page = client.post(reverse("service_standards:manuals", args=[service.pk]), {"title": "", "body": "x"})
    assert page.status_code == 400 and "กรุณาระบุชื่อคู่มือ" in page.content.decode()
    manual.refresh_from_db()
    assert manual.status == ManualStatus.DRAFT and not ManualPublication.objects.exists()
    assert PublicManual.objects.count() == 1
    diff = reverse("service_standards:manual-diff", args=[service.pk])
    assert client.get(diff, {"a": "x", "b": 1}).status_code == 400
    assert "ไม่พบคู่มือฉบับที่เลือก" in client.get(diff, {"a": 1, "b": 9}).content.decode()


def test_an_executive_reads_but_does_not_approve_and_another_province_sees_nothing(
        client, people, offices, make_service):
    service = make_service(3, "working_days", office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร")
    manual = manual_draft(service=service, title="คู่มือ", body="")
    client.force_login(people["erin"])
    assert client.get(reverse("service_standards:manual", args=[manual.pk])).status_code == 200
    assert client.post(reverse("service_standards:manual-approve", args=[manual.pk]),
                       {"approver_name": "x", "approved_on": "1/1/2569"}).status_code == 403
    client.force_login(people["carol"])
    assert client.get(reverse("service_standards:manual", args=[manual.pk])).status_code == 404
    assert client.get(reverse("service_standards:manuals", args=[service.pk])).status_code == 404


def test_the_versions_page_costs_the_same_queries_for_many_versions(client, people, offices, make_service):
    service = make_service(3, "working_days", office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร")
    _published(service)
    client.force_login(people["alice"])
    url = reverse("service_standards:manuals", args=[service.pk])
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(4):
        _published(service, version_text=f"ข้อความ {i}")
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_public_page_shows_only_the_published_version_without_login(client, offices, make_service, settings):
    service = make_service(3, "working_days", office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร")
    manual = _published(service)
    page = client.get(reverse("manual_public:manual", args=[manual.token]))
    text = page.content.decode()
    assert page.status_code == 200 and "ยื่นคำขอที่สำนักงาน" in text and "รับคำขอ" in text and "3 วันทำการ" in text
    draft = manual_draft(service=service, title="ร่างใหม่", body="ยังไม่ประกาศ")
    assert client.get(reverse("manual_public:manual", args=[draft.token])).status_code == 404
    assert client.get("/manual/not-a-token/").status_code == 404
    cache.clear()
    settings.PUBLIC_RESULTS_RATE = "2/h"
    client.get(reverse("manual_public:manual", args=[manual.token]))
    client.get(reverse("manual_public:manual", args=[manual.token]))
    limited = client.get(reverse("manual_public:manual", args=[manual.token]))
    assert limited.status_code == 429 and "บ่อยเกินไป" in limited.content.decode()
    cache.clear()


def test_the_manual_and_its_qr_poster_print(client, people, offices, make_service):
    service = make_service(3, "working_days", office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร")
    manual = _published(service)
    client.force_login(people["alice"])
    poster = client.get(reverse("service_standards:manual-poster", args=[manual.pk]))
    assert poster.status_code == 200 and poster.content.startswith(b"%PDF")
    pdf = client.get(reverse("service_standards:manual-pdf", args=[manual.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    draft = manual_draft(service=service, title="ร่าง", body="")
    assert client.get(reverse("service_standards:manual-poster", args=[draft.pk])).status_code == 404
