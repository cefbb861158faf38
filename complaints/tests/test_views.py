"""The ticket pages as staff and citizens use them, including every path they must not take."""
import io
from datetime import date

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse

from complaints.choices import Status
from complaints.models import Ticket
from complaints.tests.factories import make_ticket

pytestmark = pytest.mark.django_db


@pytest.fixture
def tickets(offices):
    return {
        "prov": make_ticket(office=offices["prov"], complainant_name="นายสมชาย ใจดี",
                            complainant_contact="081-234-5678"),
        "dist_a": make_ticket(office=offices["dist_a"], complainant_name="นางสาวสมศรี มีสุข",
                              complainant_contact="somsri@example.com", subject="ไฟฟ้าดับบ่อย"),
        "secret": make_ticket(office=offices["dist_a"], complainant_name="นายลับ ปกปิด", confidential=True,
                              subject="ร้องเรียนเจ้าหน้าที่"),
        "other": make_ticket(office=offices["other"], complainant_name="นายอื่น ไกลบ้าน", subject="ถนนพัง"),
    }


def test_the_list_shows_only_the_users_offices(client, people, tickets):
    client.force_login(people["bob"])
    body = client.get(reverse("complaints:index")).content.decode()
    assert tickets["dist_a"].reference in body and tickets["secret"].reference in body
    assert tickets["prov"].reference not in body and tickets["other"].reference not in body


@pytest.mark.parametrize("persona, key", [("bob", "prov"), ("bob", "other"), ("carol", "dist_a"), ("alice", "other")])
def test_another_offices_ticket_does_not_exist_by_url(client, people, tickets, persona, key):
    client.force_login(people[persona])
    assert client.get(tickets[key].get_absolute_url()).status_code == 404
    url = reverse("complaints:action", args=[tickets[key].reference, "reply"])
    assert client.post(url, {"kind": "final"}).status_code == 404


def test_complainant_identity_is_shown_only_to_those_who_need_it(client, people, tickets):
    page = lambda persona, key: (client.force_login(people[persona]),  # noqa: E731
                                 client.get(tickets[key].get_absolute_url()).content.decode())[1]
    assert "นางสาวสมศรี มีสุข" in page("bob", "dist_a")  # the handling office's staff
    assert "นางสาวสมศรี มีสุข" in page("alice", "dist_a")  # the committee
    assert "นางสาวสมศรี มีสุข" not in page("erin", "dist_a")  # an executive
    assert "นางสาวสมศรี มีสุข" not in page("axel", "dist_a")  # an assessor
    assert "นายลับ ปกปิด" not in page("bob", "secret")  # confidential: not even the office
    assert "นายลับ ปกปิด" in page("alice", "secret")
    assert "(ปกปิดข้อมูลผู้ร้อง)" in page("erin", "dist_a")


def _xlsx_text(response) -> str:
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return str(list(book.active.values))


def test_the_export_is_scoped_and_hides_complainants(client, people, tickets):
    client.force_login(people["erin"])
    response = client.get(reverse("complaints:export"))
    text = _xlsx_text(response)
    assert tickets["dist_a"].reference in text and tickets["other"].reference not in text
    assert "นางสาวสมศรี" not in text and "(ปกปิด)" in text
    client.force_login(people["bob"])
    text = _xlsx_text(client.get(reverse("complaints:export")))
    assert "นางสาวสมศรี มีสุข" in text and "นายลับ ปกปิด" not in text


def test_staff_receive_a_back_dated_ticket(client, people):
    client.force_login(people["bob"])
    response = client.post(reverse("complaints:new"), {
        "kind": "complaint", "channel": 5, "office": people["bob"].office_id, "received_on": "10/04/2569",
        "subject": "ขอให้ซ่อมไฟถนน", "detail": "ไฟถนนดับทั้งซอย"})
    ticket = Ticket.objects.get()
    assert response.url == ticket.get_absolute_url()
    assert (ticket.received_on, ticket.due_on) == (date(2026, 4, 10), date(2026, 5, 7))
    body = client.get(ticket.get_absolute_url()).content.decode()
    assert "7 พฤษภาคม 2569" in body and "ข้ามวันหยุด: 13 เม.ย. 69 วันสงกรานต์" in body


def test_a_bad_intake_keeps_what_was_typed(client, people):
    client.force_login(people["bob"])
    body = client.post(reverse("complaints:new"), {
        "kind": "complaint", "channel": 5, "office": people["bob"].office_id, "received_on": "31/02/2569",
        "subject": "ขอให้ซ่อมไฟถนน", "detail": "ไฟถนนดับทั้งซอย"}).content.decode()
    assert "อ่านวันที่ไม่ได้" in body and 'value="ขอให้ซ่อมไฟถนน"' in body
    assert not Ticket.objects.exists()


def test_assign_then_reply_through_the_ticket_page(client, people, offices, tickets):
    ticket = tickets["prov"]
    client.force_login(people["alice"])
    url = lambda action: reverse("complaints:action", args=[ticket.reference, action])  # noqa: E731
    assert client.post(url("assign"), {"office": offices["dist_a"].pk}).status_code == 302
    client.force_login(people["bob"])
    response = client.post(url("reply"), {"kind": "final", "replied_on": "20/04/2569", "method": "phone",
                                          "text": "ซ่อมแล้ว"})
    assert response.status_code == 302
    ticket.refresh_from_db()
    assert (ticket.office, ticket.status, ticket.on_time) == (offices["dist_a"], Status.ANSWERED, True)


def test_a_refused_action_shows_the_thai_reason_and_the_typed_text(client, people, tickets):
    client.force_login(people["bob"])
    url = reverse("complaints:action", args=[tickets["dist_a"].reference, "reply"])
    response = client.post(url, {"kind": "final", "replied_on": "01/01/2569", "method": "phone",
                                 "text": "ข้อความที่พิมพ์ไว้"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "วันที่แจ้งต้องไม่ก่อนวันที่รับเรื่อง" in body and "ข้อความที่พิมพ์ไว้" in body


def test_executives_rank_but_do_not_handle(client, people, tickets):
    client.force_login(people["erin"])
    ticket = tickets["dist_a"]
    assert client.post(reverse("complaints:action", args=[ticket.reference, "priority"]),
                       {"priority": "highest"}).status_code == 302
    assert ticket.priorities.get().get_priority_display() == "มากเป็นพิเศษ"
    assert client.post(reverse("complaints:action", args=[ticket.reference, "reply"]), {}).status_code == 403


def test_a_citizen_files_and_tracks_without_seeing_anything_personal(client, offices):
    cache.clear()
    response = client.post(reverse("public:submit"), {
        "kind": "complaint", "office": offices["dist_a"].pk, "subject": "ขยะไม่ได้เก็บ",
        "detail": "ขยะหน้าบ้านเลขที่ 99 ไม่ได้เก็บมาสองสัปดาห์", "complainant_name": "นายประชา ชาวบ้าน",
        "complainant_contact": "089-999-9999", "consent": "on"})
    ticket = Ticket.objects.get()
    assert ticket.channel.code == "website" and ticket.tracking_code in response.content.decode()
    body = client.get(reverse("public:track"), {"code": ticket.tracking_code.lower()}).content.decode()
    assert "รับเรื่อง" in body and "สำนักงานอำเภอ ก" in body
    for personal in ["นายประชา", "089-999-9999", "บ้านเลขที่ 99", "ขยะไม่ได้เก็บ", ticket.reference]:
        assert personal not in body


def test_the_public_form_needs_consent_and_is_rate_limited(client, offices, settings):
    cache.clear()
    settings.PUBLIC_SUBMIT_RATE = "2/h"
    data = {"kind": "suggestion", "office": offices["dist_a"].pk, "subject": "ข้อเสนอ", "detail": "ควรมีที่จอดรถ"}
    without_consent = client.post(reverse("public:submit"), data)
    assert without_consent.status_code == 200 and "ส่งเรื่อง" in without_consent.content.decode()
    assert not Ticket.objects.exists()
    client.post(reverse("public:submit"), {**data, "consent": "on"})
    assert client.post(reverse("public:submit"), {**data, "consent": "on"}).status_code == 429
    assert Ticket.objects.count() == 1


def test_the_list_needs_a_fixed_number_of_queries(client, people, offices, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["alice"])
    make_ticket(office=offices["dist_a"])
    client.get(reverse("complaints:index"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("complaints:index"))
    for _ in range(25):
        make_ticket(office=offices["dist_b"])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("complaints:index"))
    assert len(many) == len(few)


def test_the_registers_rows_join_only_what_its_table_shows(client, people, offices):
    """Each relation more is a join PostgreSQL weighs for every page: with all five, planning a page of 100,000
    tickets took 10–70 ms (make loadtest) for 0.5 ms of work."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(people["alice"])
    ticket = make_ticket(office=offices["dist_a"])
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("complaints:index"))
    assert ticket.reference in page.content.decode() and offices["dist_a"].name in page.content.decode()
    rows = [q["sql"] for q in queries if q["sql"].startswith('SELECT "complaints_ticket"."id"')]
    assert len(rows) == 1
    joined = {table for table in ("offices_office", "channels_channel", "complaints_category", "offices_user")
              if f'JOIN "{table}"' in rows[0]}
    assert joined == {"offices_office", "channels_channel"}


def test_a_district_may_transfer_to_a_sibling_but_the_committee_stays_in_scope(client, people, offices, tickets):
    from complaints.selectors import transfer_targets

    assert {o.code for o in transfer_targets(user=people["bob"])} == {"PROV", "DIST-A", "DIST-B"}
    assert {o.code for o in transfer_targets(user=people["alice"])} == {"PROV", "DIST-A", "DIST-B"}
    client.force_login(people["bob"])
    url = reverse("complaints:action", args=[tickets["dist_a"].reference, "transfer"])
    assert client.post(url, {"office": offices["dist_b"].pk, "note": "อยู่ในพื้นที่อำเภอ ข"}).status_code == 302
    tickets["dist_a"].refresh_from_db()
    assert tickets["dist_a"].office == offices["dist_b"]


def test_the_register_filters_overdue_and_status(client, people, offices):
    from complaints.services import ticket_reply

    late = make_ticket(office=offices["dist_a"], received_on=date(2026, 10, 1), subject="เรื่องเกินกำหนด")
    answered = make_ticket(office=offices["dist_a"], received_on=date(2026, 10, 1), subject="เรื่องแจ้งผลแล้ว")
    ticket_reply(ticket=answered, kind="final", replied_on=date(2026, 10, 5), method="phone", text="แจ้งแล้ว",
                 today=date(2026, 11, 21))
    fresh = make_ticket(office=offices["dist_a"], received_on=date.today(), subject="เรื่องใหม่วันนี้")
    client.force_login(people["bob"])
    overdue = client.get(reverse("complaints:index"), {"overdue": "true"}).content.decode()
    assert late.reference in overdue and answered.reference not in overdue and fresh.reference not in overdue
    by_status = client.get(reverse("complaints:index"), {"status": "answered"}).content.decode()
    assert answered.reference in by_status and late.reference not in by_status
    assert "ทุกสถานะ" in by_status and "ไม่รู้" not in by_status


def test_a_citizen_may_attach_a_photo_but_not_a_program(client, offices, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    cache.clear()
    settings.MEDIA_ROOT = tmp_path
    data = {"kind": "complaint", "office": offices["dist_a"].pk, "subject": "ถนนชำรุด", "detail": "หลุมใหญ่หน้าตลาด",
            "consent": "on"}
    refused = client.post(reverse("public:submit"), {**data, "attachment": SimpleUploadedFile("x.exe", b"MZ")})
    assert "ไม่รับไฟล์ชนิด .exe" in refused.content.decode() and not Ticket.objects.exists()
    client.post(reverse("public:submit"), {**data, "attachment": SimpleUploadedFile(
        "ถนน.jpg", b"\xff\xd8\xff jpeg", content_type="image/jpeg")})
    assert Ticket.objects.get().attachments.get().name == "ถนน.jpg"
