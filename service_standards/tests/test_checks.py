"""Checks on the use of the manuals (seed 001 CS7): observation visits, supervisor ratings and internal audit findings
per service and office, with the corrective action and its status; the list, its filters and export, the form, the
service page's block, and who may key them."""
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from core.offices.roles import ROLE_PERMISSIONS, Role
from service_standards.models import UsageCheck
from service_standards.selectors import check_counts, checks_visible
from service_standards.services import check_save, service_save

CHECKS = reverse("service_standards:checks")
NEW = reverse("service_standards:check-new")


@pytest.fixture
def service(offices, make_service):
    return make_service(3, "working_days", office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร")


def _check(service, office, **changes):
    fields = {"kind": "observation", "checked_on": date(2025, 11, 10), "checker_name": "นางสาวสมศรี ตรวจดี",
              "checker_position": "นักวิชาการส่งเสริมการเกษตร", "finding": "ปฏิบัติตามคู่มือครบทุกขั้นตอน"}
    return check_save(office=office, service=service, **{**fields, **changes})


def _body(service, office, **changes):
    return {"service": service.pk, "office": office.code, "kind": "observation", "checked_on": "10/11/2568",
            "checker_name": "นางสาวสมศรี ตรวจดี", "checker_position": "", "finding": "ปฏิบัติตามคู่มือ",
            "rating": "", "corrective_action": "", "action_status": "none_needed", "action_due_on": "",
            "action_done_on": "", **changes}


# --- The rules of check_save ------------------------------------------------------------------------------------------

def test_each_kind_with_its_corrective_action_is_kept_with_history(service, offices, people):
    seen = _check(service, offices["dist_a"])
    rated = _check(service, offices["dist_a"], kind="supervisor_rating", rating=4, by=people["bob"])
    audit = _check(service, offices["prov"], kind="internal_audit", finding="ไม่ได้บันทึกวันรับคำขอ 3 เรื่อง",
                   corrective_action="ชี้แจงเจ้าหน้าที่และตรวจซ้ำ", action_status="planned",
                   action_due_on=date(2025, 12, 31))
    assert (seen.rating, rated.rating, rated.recorded_by) == (None, 4, people["bob"])
    audit = check_save(check=audit, office=offices["prov"], service=service, kind="internal_audit",
                       checked_on=audit.checked_on, checker_name=audit.checker_name, finding=audit.finding,
                       corrective_action=audit.corrective_action, action_status="done",
                       action_due_on=audit.action_due_on, action_done_on=date(2025, 12, 20))
    assert [h.action_status for h in audit.history.order_by("history_id")] == ["planned", "done"]
    assert UsageCheck.objects.count() == 3


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"kind": "supervisor_rating"}, "rating", "ต้องระบุระดับคะแนน 1–5"),
    ({"kind": "supervisor_rating", "rating": 6}, "rating", "ระดับคะแนนต้องเป็น 1 ถึง 5"),
    ({"kind": "supervisor_rating", "rating": 0}, "rating", "ระดับคะแนนต้องเป็น 1 ถึง 5"),
    ({"kind": "observation", "rating": 3}, "rating", "เฉพาะการประเมินโดยผู้บังคับบัญชา"),
    ({"kind": "internal_audit", "rating": 5}, "rating", "เฉพาะการประเมินโดยผู้บังคับบัญชา"),
    ({"kind": "walkthrough"}, "kind", "กรุณาเลือกวิธีการตรวจสอบ"),
    ({"checked_on": None}, "checked_on", "กรุณาระบุวันที่ตรวจ"),
    ({"checked_on": "tomorrow"}, "checked_on", "ต้องไม่เป็นวันในอนาคต"),
    ({"checker_name": "  "}, "checker_name", "กรุณาระบุชื่อผู้ตรวจ"),
    ({"checker_position": "ก" * 256}, "checker_position", "ยาวเกิน 255"),
    ({"finding": ""}, "finding", "กรุณาระบุผลการตรวจ"),
    ({"finding": "ก" * 10_001}, "finding", "ยาวเกิน 10,000"),
    ({"action_status": "planned"}, "corrective_action", "กรุณาระบุการแก้ไข/ปรับปรุง"),
    ({"corrective_action": "อบรมซ้ำ"}, "action_status", "กรุณาเลือกสถานะการแก้ไข"),
    ({"action_due_on": date(2025, 12, 1)}, "action_due_on", "ไม่ต้องระบุกำหนดแก้ไขเสร็จ"),
    ({"corrective_action": "อบรมซ้ำ", "action_status": "planned", "action_due_on": date(2025, 11, 1)},
     "action_due_on", "ต้องไม่ก่อนวันที่ตรวจ"),
    ({"corrective_action": "อบรมซ้ำ", "action_status": "done"}, "action_done_on", "ต้องระบุวันที่แก้ไขเสร็จ"),
    ({"corrective_action": "อบรมซ้ำ", "action_status": "done", "action_done_on": date(2025, 11, 9)},
     "action_done_on", "ต้องไม่ก่อนวันที่ตรวจ"),
    ({"corrective_action": "อบรมซ้ำ", "action_status": "done", "action_done_on": "tomorrow"},
     "action_done_on", "ต้องไม่เป็นวันในอนาคต"),
    ({"corrective_action": "อบรมซ้ำ", "action_status": "in_progress", "action_done_on": date(2025, 12, 1)},
     "action_done_on", "ได้เมื่อสถานะเป็น “แก้ไขแล้วเสร็จ” เท่านั้น"),
    ({"action_status": "later"}, "action_status", "กรุณาเลือกสถานะการแก้ไข"),
])
def test_a_check_that_breaks_a_rule_is_refused_by_field_in_thai_and_nothing_is_written(
        service, offices, changes, field, message):
    tomorrow = timezone.localdate() + timedelta(days=1)
    changes = {key: tomorrow if value == "tomorrow" else value for key, value in changes.items()}
    with pytest.raises(ValidationError) as refused:
        _check(service, offices["dist_a"], **changes)
    assert message in " ".join(refused.value.message_dict[field])
    assert not UsageCheck.objects.exists()


def test_the_office_checked_works_by_the_service(service, offices, make_service):
    """A service is checked at its own office or below (where it is used), never at a sibling or above; a service
    switched off takes no new checks but its old ones may still be changed."""
    with pytest.raises(ValidationError, match="หน่วยงานที่ตรวจไม่ได้ใช้งานบริการนี้"):
        _check(service, offices["other"])
    with pytest.raises(ValidationError, match="หน่วยงานที่ตรวจไม่ได้ใช้งานบริการนี้"):
        _check(service, offices["dept"])
    district = make_service(3, "working_days", office=offices["dist_b"], name="ของอำเภอ ข")
    with pytest.raises(ValidationError, match="หน่วยงานที่ตรวจไม่ได้ใช้งานบริการนี้"):
        _check(district, offices["dist_a"])
    kept = _check(service, offices["dist_a"])
    service_save(office=offices["prov"], service=service, name=service.name, standard_amount=3,
                 standard_unit="working_days", is_active=False)
    with pytest.raises(ValidationError, match="หน่วยงานที่ตรวจไม่ได้ใช้งานบริการนี้"):
        _check(service, offices["dist_a"])
    changed = check_save(check=kept, office=offices["dist_a"], service=service, kind="observation",
                         checked_on=kept.checked_on, checker_name="ผู้ตรวจคนใหม่", finding=kept.finding)
    assert changed.checker_name == "ผู้ตรวจคนใหม่" and UsageCheck.objects.count() == 1


def test_counts_by_kind_this_year_and_open_actions_whenever_found(service, offices):
    """Hand-worked: FY 2569 holds 2 observations, 1 rating and 1 audit; the FY 2568 audit counts only among the open
    actions (still in progress, due 31 Dec 2567 BE: overdue); a planned action due later is open, not overdue; a done
    one is neither."""
    _check(service, offices["dist_a"], checked_on=date(2025, 10, 1))
    _check(service, offices["dist_b"], checked_on=date(2026, 9, 30), corrective_action="อบรม",
           action_status="planned", action_due_on=date(2026, 10, 31))
    _check(service, offices["dist_a"], kind="supervisor_rating", rating=3, checked_on=date(2026, 1, 5))
    _check(service, offices["prov"], kind="internal_audit", checked_on=date(2026, 3, 1), corrective_action="แก้ไข",
           action_status="done", action_done_on=date(2026, 3, 2))
    _check(service, offices["prov"], kind="internal_audit", checked_on=date(2024, 11, 1), corrective_action="แก้ไข",
           action_status="in_progress", action_due_on=date(2024, 12, 31))
    checks = UsageCheck.objects.all()
    with CaptureQueriesContext(connection) as queries:
        counts = check_counts(checks=checks, fiscal_year=2569, today=date(2026, 10, 1))
    assert len(queries) == 1
    assert counts.by_kind == [("observation", "การสังเกตการณ์", 2),
                              ("supervisor_rating", "การประเมินโดยผู้บังคับบัญชา", 1),
                              ("internal_audit", "การตรวจสอบภายใน (Internal audit)", 1)]
    assert (counts.total, counts.open_actions, counts.overdue_actions) == (4, 2, 1)
    assert check_counts(checks=checks, today=date(2026, 10, 1)).total == 5


# --- Pages ------------------------------------------------------------------------------------------------------------

@pytest.fixture
def checks(service, offices, make_service):
    """Bob's district has an observation (FY 2569) and an open audit (FY 2570); the other district a rating; another
    province (OTHER) an observation of a service of the department."""
    dept = make_service(5, "working_days", office=offices["dept"], name="รับรองแหล่งผลิต")
    _check(service, offices["dist_a"], finding="A-OBS", checked_on=date(2025, 11, 10))
    _check(service, offices["dist_a"], kind="internal_audit", finding="A-AUDIT", checked_on=date(2025, 10, 15),
           corrective_action="A-ACTION", action_status="in_progress", action_due_on=date(2025, 12, 1))
    _check(dept, offices["dist_b"], kind="supervisor_rating", rating=2, finding="B-RATING",
           checked_on=date(2024, 12, 1))
    _check(dept, offices["other"], finding="X-OTHER", checked_on=date(2025, 11, 10))
    return {"service": service, "dept": dept}


def test_the_list_filters_by_service_kind_status_and_year_and_shows_only_the_users_offices(client, people, checks):
    client.force_login(people["alice"])
    page = client.get(CHECKS).content.decode()
    assert "A-OBS" in page and "A-AUDIT" in page and "B-RATING" in page and "X-OTHER" not in page
    by_service = client.get(CHECKS, {"service": checks["dept"].pk}).content.decode()
    assert "B-RATING" in by_service and "A-OBS" not in by_service
    by_kind = client.get(CHECKS, {"kind": "internal_audit"}).content.decode()
    assert "A-AUDIT" in by_kind and "A-OBS" not in by_kind and "B-RATING" not in by_kind
    open_ = client.get(CHECKS, {"action_status": "open"}).content.decode()
    assert "A-AUDIT" in open_ and "A-OBS" not in open_
    assert "A-OBS" in client.get(CHECKS, {"action_status": "none_needed"}).content.decode()
    year = client.get(CHECKS, {"fiscal_year": 2568}).content.decode()
    assert "B-RATING" in year and "A-OBS" not in year
    office = client.get(CHECKS, {"office": people["bob"].office.pk}).content.decode()
    assert "A-OBS" in office and "B-RATING" not in office
    assert client.get(CHECKS, {"kind": "walkthrough"}).status_code == 400
    assert client.get(CHECKS, {"fiscal_year": "99999"}).status_code == 400
    assert client.get(CHECKS, {"office": people["carol"].office.pk}).status_code == 400
    client.force_login(people["bob"])
    page = client.get(CHECKS).content.decode()
    assert "A-OBS" in page and "B-RATING" not in page


def test_the_export_holds_the_filtered_rows_of_the_users_offices_only(client, people, checks):
    client.force_login(people["alice"])
    response = client.get(reverse("service_standards:checks-export"), {"kind": "internal_audit"})
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("วันที่ตรวจ", "หน่วยงานที่ตรวจ", "งานบริการ", "วิธีการตรวจสอบ")
    assert [row[6] for row in rows[1:]] == ["A-AUDIT"]
    assert rows[1][3] == "การตรวจสอบภายใน (Internal audit)" and rows[1][8] == "อยู่ระหว่างแก้ไข"
    client.force_login(people["bob"])
    response = client.get(reverse("service_standards:checks-export"))
    findings = sorted(row[6] for row in load_workbook(BytesIO(b"".join(response.streaming_content))).active
                      .iter_rows(min_row=2, values_only=True))
    assert findings == ["A-AUDIT", "A-OBS"]
    assert client.get(reverse("service_standards:checks-export"), {"fiscal_year": "x"}).status_code == 400


def test_the_list_costs_the_same_queries_for_2_or_many_checks(client, people, offices, service):
    _check(service, offices["dist_a"])
    _check(service, offices["dist_b"], kind="supervisor_rating", rating=5)
    client.force_login(people["alice"])
    with CaptureQueriesContext(connection) as few:
        client.get(CHECKS)
    for i in range(30):
        _check(service, offices["dist_a" if i % 2 else "dist_b"], kind="internal_audit", finding=f"ข้อค้นพบ {i}",
               corrective_action="แก้ไข", action_status="planned")
    with CaptureQueriesContext(connection) as many:
        page = client.get(CHECKS)
    assert page.content.decode().count("ข้อค้นพบ ") == 30
    assert len(many) == len(few)


def test_the_form_adds_and_edits_and_keeps_what_was_typed_when_refused(client, people, offices, service):
    client.force_login(people["alice"])
    refused = client.post(NEW, _body(service, offices["dist_a"], kind="supervisor_rating",
                                     finding="ข้อความที่พิมพ์ไว้", checker_position="หัวหน้ากลุ่ม"))
    page = refused.content.decode()
    assert refused.status_code == 400 and "ต้องระบุระดับคะแนน 1–5" in page
    assert "ข้อความที่พิมพ์ไว้" in page and 'value="หัวหน้ากลุ่ม"' in page and 'value="10/11/2568"' in page
    refused = client.post(NEW, _body(service, offices["dist_a"], action_status="done", corrective_action="อบรม"))
    assert refused.status_code == 400 and "ต้องระบุวันที่แก้ไขเสร็จ" in refused.content.decode()
    assert not UsageCheck.objects.exists()
    done = client.post(NEW, _body(service, offices["dist_a"], kind="supervisor_rating", rating="4"))
    check = UsageCheck.objects.get()
    assert done.status_code == 302 and (check.rating, check.office, check.recorded_by) == (4, offices["dist_a"],
                                                                                           people["alice"])
    url = reverse("service_standards:check", args=[check.pk])
    form = client.get(url).content.decode()
    assert 'value="นางสาวสมศรี ตรวจดี"' in form and 'value="4" selected' in form
    changed = client.post(url, _body(service, offices["dist_a"], kind="supervisor_rating", rating="2",
                                     corrective_action="อบรมการใช้คู่มือ", action_status="planned"))
    check.refresh_from_db()
    assert changed.status_code == 302 and (check.rating, check.action_status) == (2, "planned")
    assert UsageCheck.objects.count() == 1


def test_a_district_keys_its_own_checks_only_and_readers_cannot_key(client, people, offices, service):
    client.force_login(people["bob"])
    assert client.post(NEW, _body(service, offices["dist_a"])).status_code == 302
    mine = UsageCheck.objects.get()
    sibling = client.post(NEW, _body(service, offices["dist_b"]))
    assert sibling.status_code == 400 and "กรุณาเลือกหน่วยงานในสังกัดของท่าน" in sibling.content.decode()
    assert client.get(NEW, {"office": offices["prov"].code}).status_code == 404
    theirs = _check(service, offices["dist_b"])
    assert client.get(reverse("service_standards:check", args=[theirs.pk])).status_code == 404
    for name in ("erin", "axel"):
        client.force_login(people[name])
        assert client.get(NEW).status_code == 403
        page = client.get(reverse("service_standards:check", args=[mine.pk]))
        assert page.status_code == 200 and 'id="check-form"' not in page.content.decode()
        assert client.post(reverse("service_standards:check", args=[mine.pk]),
                           _body(service, offices["dist_a"], finding="ATTACK")).status_code == 403
    client.force_login(people["carol"])
    assert client.get(reverse("service_standards:check", args=[mine.pk])).status_code == 404
    assert client.post(reverse("service_standards:check", args=[mine.pk]),
                       _body(service, offices["dist_a"], finding="ATTACK")).status_code == 404
    assert client.post(NEW, _body(service, offices["dist_a"], finding="ATTACK")).status_code == 400
    assert not UsageCheck.objects.filter(finding="ATTACK").exists() and UsageCheck.objects.count() == 2


def test_the_service_page_shows_this_years_checks_by_kind_and_the_open_actions(client, people, offices, checks):
    client.force_login(people["alice"])
    url = reverse("service_standards:service", args=[checks["service"].pk])
    page = client.get(url, {"fiscal_year": 2569}).content.decode()
    block = page[page.index('id="service-use-counts"'):]
    assert '<div class="use-count" data-kind="observation"><span class="fw-bold fs-5">1</span>' in block
    assert '<div class="use-count" data-kind="internal_audit"><span class="fw-bold fs-5">1</span>' in block
    assert '<div class="use-count" data-kind="supervisor_rating"><span class="fw-bold fs-5">0</span>' in block
    assert 'data-kind="open"><span class="fw-bold fs-5 text-warning-emphasis">1</span>' in block
    assert "เลยกำหนด 1" in block
    assert f"{NEW}?service={checks['service'].pk}" in page
    client.force_login(people["carol"])
    other = client.get(reverse("service_standards:service", args=[checks["dept"].pk]), {"fiscal_year": 2569})
    assert 'data-kind="observation"><span class="fw-bold fs-5">1</span>' in other.content.decode()  # OTHER's own


def test_checks_visible_is_the_users_subtree(people, checks):
    assert {c.finding for c in checks_visible(user=people["bob"])} == {"A-OBS", "A-AUDIT"}
    assert {c.finding for c in checks_visible(user=people["carol"])} == {"X-OTHER"}
    assert checks_visible(user=people["root"]).count() == 4


@pytest.mark.parametrize(("role", "reads", "keys"), [
    (Role.COMMITTEE, True, True),
    (Role.OFFICE_STAFF, True, True),
    (Role.EXECUTIVE, True, False),
    (Role.ASSESSOR, True, False),
    (Role.ADMINISTRATOR, True, True),
])
def test_who_reads_and_keys_checks(role, reads, keys):
    perms = ROLE_PERMISSIONS[role]
    assert ("service_standards.view_usagecheck" in perms) is reads
    assert ("service_standards.add_usagecheck" in perms and "service_standards.change_usagecheck" in perms) is keys
