"""The complaints API as a district office's system and a civic tool use it: intake, scope, workflow, Open311.

Personas (conftest): alice committee@PROV, bob office staff@DIST-A, carol office staff@OTHER,
erin executive@PROV, axel assessor@PROV.
"""
import json
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from complaints.choices import Kind, Status
from complaints.models import Category, Ticket
from complaints.services import ticket_assign, ticket_change_status
from complaints.tests.factories import make_ticket
from core.offices.services import user_token
from core.workdays.choices import DeadlineBasis
from core.workdays.models import DeadlineRule

pytestmark = pytest.mark.django_db

THAI = re.compile(r"[\u0e00-\u0e7f]")
NEW = {"kind": "complaint", "channel": "phone", "office": "DIST-A", "received_on": "2026-04-10",
       "subject": "ถนนหน้าตลาดชำรุด", "detail": "ขอให้ซ่อมถนนหน้าตลาดสดเทศบาล",
       "complainant_name": "สมชาย ใจดี", "complainant_contact": "081-234-5678"}


def api_as(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=user)}")
    return client


def post(user, url, data):
    return api_as(user).post(url, data, format="json")


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def references(user, **params) -> set[str]:
    return {t["reference"] for t in results(api_as(user).get("/api/v1/complaints/", params))}


def all_messages(errors: dict) -> list[str]:
    return [message for messages in errors.values() for message in messages]


# --- channels -------------------------------------------------------------------------------------------------


def test_channels_are_listed_by_code_and_name_without_pagination(people):
    response = api_as(people["bob"]).get("/api/v1/channels/")
    assert response.status_code == 200
    channels = response.json()
    assert {"code": "phone", "name": "โทรศัพท์/โทรสาร/สายด่วน"} in channels
    assert {"line", "facebook", "email"} <= {c["code"] for c in channels}
    assert all(set(c) == {"code", "name"} for c in channels)


def test_no_token_no_data(people):
    assert APIClient().get("/api/v1/complaints/").status_code == 401
    assert APIClient().get("/api/v1/channels/").status_code == 401
    assert APIClient().get("/api/v1/open311/requests.json").status_code == 401


# --- intake ---------------------------------------------------------------------------------------------------


def test_a_district_creates_a_complaint_and_gets_its_reference_tracking_code_and_deadline(people):
    response = post(people["bob"], "/api/v1/complaints/", NEW)
    assert response.status_code == 201, response.json()
    ticket = response.json()
    # 15 working days after Fri 10 Apr 2026, the day itself not counted: Songkran 13–15 Apr and Coronation
    # Day 4 May are skipped, Labour Day 1 May is a working day for government offices → Thu 7 May.
    assert ticket["due_on"] == ticket["due_date"] == "2026-05-07"
    assert ticket["reference"] == "DIST-A-2569-00001"
    assert re.fullmatch(r"[A-Z2-9]{10}", ticket["tracking_code"])
    assert (ticket["kind"], ticket["channel"], ticket["office"], ticket["status"]) == (
        "complaint", "phone", "DIST-A", "received")
    assert (ticket["received_on"], ticket["answered_on"], ticket["answered_on_time"]) == ("2026-04-10", None, None)
    assert (ticket["complainant_name"], ticket["complainant_contact"]) == ("สมชาย ใจดี", "081-234-5678")
    assert response["Location"] == "/api/v1/complaints/DIST-A-2569-00001/"
    stored = Ticket.objects.get()
    assert (stored.created_by, stored.receiving_office.code) == (people["bob"], "DIST-A")


def test_a_compliment_has_no_deadline_and_a_category_is_named(people):
    Category.objects.create(name="ถนนและทางเท้า")
    response = post(people["bob"], "/api/v1/complaints/", {**NEW, "kind": "compliment", "category": "ถนนและทางเท้า"})
    assert response.status_code == 201, response.json()
    assert response.json()["due_on"] is None and response.json()["category"] == "ถนนและทางเท้า"


def test_bad_input_is_refused_field_by_field_in_thai_and_nothing_is_written(people):
    bad = {"kind": "complain", "channel": "fax", "office": "DIST-A", "received_on": "10/04/2569", "subject": " ",
           "category": "ไม่มีหมวดนี้", "anonymous": "maybe"}
    response = post(people["bob"], "/api/v1/complaints/", bad)
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"kind", "channel", "received_on", "subject", "detail", "category", "anonymous"}
    assert all(THAI.search(message) for message in all_messages(errors)), errors
    assert errors["channel"] == ["ไม่พบช่องทางรหัส “fax”"]
    assert errors["detail"] == ["กรุณาระบุรายละเอียด"]
    assert Ticket.objects.count() == 0


def test_the_services_rules_come_back_as_thai_field_errors(people):
    response = post(people["bob"], "/api/v1/complaints/", {**NEW, "received_on": "2999-01-01"})
    assert response.status_code == 400
    assert response.json() == {"received_on": ["วันที่รับเรื่องต้องไม่เป็นวันในอนาคต"]}
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize("office", ["PROV", "OTHER", "NOPE"])
def test_an_office_outside_the_users_reach_reads_as_unknown_and_nothing_is_written(people, office):
    """PROV exists above bob, OTHER beside him, NOPE nowhere: the answer is the same, so it reveals nothing."""
    response = post(people["bob"], "/api/v1/complaints/", {**NEW, "office": office})
    assert response.status_code == 400
    assert response.json() == {"office": [f"ไม่พบหน่วยงานรหัส “{office}”"]}
    assert Ticket.objects.count() == 0


def test_resending_the_same_source_ref_returns_the_existing_ticket_instead_of_a_duplicate(people):
    first = post(people["bob"], "/api/v1/complaints/", {**NEW, "source_ref": "AMP-2569/0042"})
    again = post(people["bob"], "/api/v1/complaints/", {**NEW, "source_ref": "AMP-2569/0042", "subject": "แก้แล้ว"})
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["reference"] == first.json()["reference"]
    assert again.json()["subject"] == "ถนนหน้าตลาดชำรุด"  # the existing ticket, unchanged
    assert Ticket.objects.count() == 1
    # Source references are per office: another district's system may use the same number.
    other = post(people["alice"], "/api/v1/complaints/", {**NEW, "office": "DIST-B", "source_ref": "AMP-2569/0042"})
    assert other.status_code == 201 and other.json()["reference"] == "DIST-B-2569-00001"


def test_an_executive_and_an_assessor_cannot_file_or_handle_tickets(people, offices):
    ticket = make_ticket(office=offices["dist_a"])
    for persona in ("erin", "axel"):
        assert post(people[persona], "/api/v1/complaints/", NEW).status_code == 403
        url = f"/api/v1/complaints/{ticket.reference}/status/"
        assert post(people[persona], url, {"status": "screened"}).status_code == 403
    assert Ticket.objects.count() == 1


# --- scope and personal data ------------------------------------------------------------------------------------


def test_an_office_sees_only_its_own_tickets_by_list_by_url_and_by_action(people, offices):
    own = make_ticket(office=offices["dist_a"])
    province = make_ticket(office=offices["prov"])
    elsewhere = make_ticket(office=offices["other"])
    bob = api_as(people["bob"])
    assert references(people["bob"]) == {own.reference}
    assert bob.get(f"/api/v1/complaints/{own.reference}/").status_code == 200
    for hidden in (province, elsewhere):
        assert bob.get(f"/api/v1/complaints/{hidden.reference}/").status_code == 404
        assert post(people["bob"], f"/api/v1/complaints/{hidden.reference}/status/",
                    {"status": "screened"}).status_code == 404
        assert bob.get(f"/api/v1/open311/requests/{hidden.reference}.json").status_code == 404
    assert bob.get("/api/v1/complaints/DIST-A-2569-99999/").status_code == 404  # looks the same as not existing
    assert references(people["alice"]) == {own.reference, province.reference}
    assert references(people["carol"]) == {elsewhere.reference}


def test_executives_and_assessors_see_tickets_but_never_who_complained(people, offices):
    ticket = make_ticket(office=offices["dist_a"], complainant_name="สมชาย ใจดี", complainant_contact="0812345678")
    for persona in ("erin", "axel"):
        listed = results(api_as(people[persona]).get("/api/v1/complaints/"))
        read = api_as(people[persona]).get(f"/api/v1/complaints/{ticket.reference}/").json()
        for row in (listed[0], read):
            assert row["reference"] == ticket.reference
            assert row["complainant_name"] is None and row["complainant_contact"] is None
    assert api_as(people["alice"]).get(f"/api/v1/complaints/{ticket.reference}/").json()["complainant_name"] == \
        "สมชาย ใจดี"


def test_a_confidential_complainant_is_shown_to_the_committee_and_the_handler_only(people, offices):
    ticket = make_ticket(office=offices["dist_a"], complainant_name="สมหญิง ลับ", complainant_contact="a@b.th",
                         confidential=True)
    url = f"/api/v1/complaints/{ticket.reference}/"
    assert api_as(people["bob"]).get(url).json()["complainant_name"] is None
    assert api_as(people["alice"]).get(url).json()["complainant_name"] == "สมหญิง ลับ"
    assigned = post(people["alice"], f"{url}assign/", {"office": "DIST-A", "handler": "bob"})
    assert assigned.status_code == 200, assigned.json()
    assert assigned.json()["handler"] == "bob"
    assert api_as(people["bob"]).get(url).json()["complainant_contact"] == "a@b.th"


# --- workflow -------------------------------------------------------------------------------------------------


def test_a_final_reply_stops_the_clock_and_freezes_the_verdict(people, offices):
    on_time = make_ticket(office=offices["dist_a"])  # received 10 Apr 2026, due 7 May
    late = make_ticket(office=offices["dist_a"])
    interim = post(people["bob"], f"/api/v1/complaints/{on_time.reference}/replies/",
                   {"kind": "interim", "replied_on": "2026-04-20", "method": "phone", "text": "กำลังดำเนินการ"})
    assert interim.status_code == 201, interim.json()
    assert interim.json()["ticket"]["answered_on"] is None  # progress news does not stop the clock
    final = {"kind": "final", "method": "letter", "text": "ซ่อมถนนเรียบร้อยแล้ว"}
    response = post(people["bob"], f"/api/v1/complaints/{on_time.reference}/replies/",
                    {**final, "replied_on": "2026-05-07"})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["kind"], body["replied_on"], body["method"], body["round"]) == ("final", "2026-05-07", "letter", 1)
    assert body["ticket"]["status"] == "answered"
    assert (body["ticket"]["answered_on"], body["ticket"]["answered_on_time"]) == ("2026-05-07", True)
    response = post(people["bob"], f"/api/v1/complaints/{late.reference}/replies/",
                    {**final, "replied_on": "2026-05-08"})
    assert response.json()["ticket"]["answered_on_time"] is False


def test_reply_errors_are_thai_field_errors(people, offices):
    ticket = make_ticket(office=offices["dist_a"])
    response = post(people["bob"], f"/api/v1/complaints/{ticket.reference}/replies/",
                    {"kind": "final", "replied_on": "2026-04-01", "method": "pigeon", "text": ""})
    assert response.status_code == 400 and set(response.json()) == {"method", "text"}
    response = post(people["bob"], f"/api/v1/complaints/{ticket.reference}/replies/",
                    {"kind": "final", "replied_on": "2026-04-01", "method": "phone", "text": "แจ้งแล้ว"})
    assert response.status_code == 400
    assert response.json() == {"replied_on": ["วันที่แจ้งต้องไม่ก่อนวันที่รับเรื่อง"]}
    assert not ticket.replies.exists()


def test_status_changes_follow_the_workflow_and_refuse_the_rest_in_thai(people, offices):
    ticket = make_ticket(office=offices["dist_a"])
    url = f"/api/v1/complaints/{ticket.reference}/status/"
    refused = post(people["bob"], url, {"status": "closed"})
    assert refused.status_code == 400
    assert refused.json() == {"non_field_errors": ["เปลี่ยนสถานะจาก “รับเรื่อง” เป็น “ปิดเรื่อง” ไม่ได้"]}
    no_reason = post(people["bob"], url, {"status": "rejected"})
    assert no_reason.status_code == 400 and no_reason.json() == {"note": ["กรุณาระบุเหตุผลที่ไม่รับพิจารณา"]}
    unknown = post(people["bob"], url, {"status": "done"})
    assert unknown.status_code == 400 and THAI.search(unknown.json()["status"][0])
    screened = post(people["bob"], url, {"status": "screened", "note": "ข้อมูลครบ"})
    assert screened.status_code == 200 and screened.json()["status"] == "screened"
    ticket.refresh_from_db()
    event = ticket.events.latest("id")
    assert (ticket.status, event.by, event.from_status, event.to_status) == ("screened", people["bob"], "received",
                                                                            "screened")


def test_assign_transfer_and_reopen_each_have_an_endpoint(people, offices):
    ticket = make_ticket(office=offices["prov"])
    url = f"/api/v1/complaints/{ticket.reference}/"
    assigned = post(people["alice"], f"{url}assign/", {"office": "DIST-A"})
    assert assigned.status_code == 200, assigned.json()
    assert (assigned.json()["office"], assigned.json()["status"], assigned.json()["handler"]) == (
        "DIST-A", "assigned", None)
    assert post(people["alice"], f"{url}assign/", {"office": "DIST-A", "handler": "carol"}).json() == {
        "handler": ["ไม่พบผู้ใช้ “carol” ที่รับผิดชอบเรื่องร้องเรียนได้"]}
    outside = post(people["alice"], f"{url}transfer/", {"office": "OTHER", "note": "ผิดพื้นที่"})
    assert outside.status_code == 400 and outside.json() == {"office": ["ไม่พบหน่วยงานรหัส “OTHER”"]}
    moved = post(people["alice"], f"{url}transfer/", {"office": "DIST-B", "note": "อยู่ในพื้นที่อำเภอ ข"})
    assert moved.status_code == 200 and moved.json()["office"] == "DIST-B"
    assert moved.json()["due_on"] == "2026-05-07"  # the citizen's clock does not restart
    assert api_as(people["bob"]).get(url).status_code == 404  # it left bob's office
    refused = post(people["alice"], f"{url}reopen/", {"reason": "ผู้ร้องแจ้งว่ายังไม่ได้รับการแก้ไข"})
    assert refused.status_code == 400 and THAI.search(refused.json()["non_field_errors"][0])
    post(people["alice"], f"{url}replies/", {"kind": "final", "replied_on": "2026-05-20", "method": "letter",
                                             "text": "ดำเนินการแล้ว"})
    reopened = post(people["alice"], f"{url}reopen/", {"reason": "ผู้ร้องแจ้งว่ายังไม่ได้รับการแก้ไข"})
    assert reopened.status_code == 200, reopened.json()
    assert (reopened.json()["status"], reopened.json()["round"], reopened.json()["answered_on_time"]) == (
        "in_progress", 2, False)  # the first round's late verdict stays


# --- list filters ---------------------------------------------------------------------------------------------


def test_list_filters(people, offices):
    roads = Category.objects.create(name="ถนน")
    april = make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10), category=roads)
    march = make_ticket(office=offices["dist_b"], received_on=date(2026, 3, 20), channel="line", kind=Kind.SUGGESTION)
    october = make_ticket(office=offices["prov"], received_on=date(2025, 10, 2), kind=Kind.COMPLIMENT)
    ticket_change_status(ticket=march, to_status=Status.SCREENED)
    alice = people["alice"]
    assert references(alice, status="screened") == {march.reference}
    assert references(alice, status=["received", "screened"]) == {april.reference, march.reference, october.reference}
    assert references(alice, kind="compliment") == {october.reference}
    assert references(alice, office="PROV") == {april.reference, march.reference, october.reference}  # sub-offices
    assert references(alice, office="DIST-B") == {march.reference}
    assert references(alice, channel="line") == {march.reference}
    assert references(alice, category="ถนน") == {april.reference}
    assert references(alice, received_from="2026-03-20", received_to="2026-04-09") == {march.reference}
    assert references(alice, fiscal_year=2569, quarter=3) == {april.reference}  # Apr–Jun 2026
    assert references(alice, fiscal_year=2569, quarter=1) == {october.reference}  # Oct–Dec 2025
    assert references(alice, fiscal_year=2570) == set()


def test_bad_filters_are_refused_in_thai_without_revealing_offices(people, offices):
    bob = api_as(people["bob"])
    for params in ({"office": "PROV"}, {"office": "NOPE"}, {"quarter": 2}, {"status": "done"}, {"overdue": "maybe"}):
        response = bob.get("/api/v1/complaints/", params)
        assert response.status_code == 400, params
        [field] = params
        assert THAI.search(response.json()[field][0]), response.json()
    assert bob.get("/api/v1/complaints/", {"office": "PROV"}).json() == \
        bob.get("/api/v1/complaints/", {"office": "NOPE"}).json()


def test_overdue_and_due_soon(people, offices):
    today = timezone.localdate()
    next_day = DeadlineRule.objects.create(code="1-working-day", name="1 วันทำการ", basis=DeadlineBasis.WORKING_DAYS,
                                           days=1)
    urgent = Category.objects.create(name="เร่งด่วน", deadline_rule=next_day)
    overdue = make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10))  # due 7 May 2026
    soon = make_ticket(office=offices["dist_a"], received_on=today, today=today, category=urgent)
    later = make_ticket(office=offices["dist_a"], received_on=today, today=today)
    bob = people["bob"]
    assert references(bob, overdue="true") == {overdue.reference}
    assert references(bob, overdue="false") == {soon.reference, later.reference}
    assert references(bob, due_soon="true") == {soon.reference}
    ticket_assign(ticket=soon, office=offices["dist_a"])
    post(bob, f"/api/v1/complaints/{soon.reference}/replies/",
         {"kind": "final", "replied_on": today.isoformat(), "method": "phone", "text": "แจ้งผลแล้ว"})
    assert references(bob, due_soon="true") == set()  # answered: no longer waiting


def test_the_list_costs_the_same_queries_for_3_tickets_as_for_30(people, offices):
    roads = Category.objects.create(name="ถนน")

    def add(n):
        for i in range(n):
            ticket = make_ticket(office=offices["dist_a" if i % 2 else "dist_b"], category=roads if i % 3 else None)
            if i % 4 == 0:
                ticket_assign(ticket=ticket, office=ticket.office, handler=people["bob"] if i % 2 else None)

    def count(url):
        client = api_as(people["alice"])
        client.get(url)  # the token row and the permission cache are not what we measure
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries), len(response.json()["results"] if "results" in response.json() else response.json())

    add(3)
    few = count("/api/v1/complaints/"), count("/api/v1/open311/requests.json")
    add(27)
    many = count("/api/v1/complaints/"), count("/api/v1/open311/requests.json")
    assert [rows for _, rows in few] == [3, 3] and [rows for _, rows in many] == [30, 30]
    assert [queries for queries, _ in few] == [queries for queries, _ in many]


# --- Open311 --------------------------------------------------------------------------------------------------


def test_the_open311_feed_speaks_georeport_v2_in_bangkok_time_and_nothing_personal(people, offices):
    roads = Category.objects.create(name="ถนน")
    ticket = make_ticket(office=offices["dist_a"], category=roads, complainant_name="สมชาย ใจดี",
                         complainant_contact="0812345678", detail="บ้านเลขที่ 12 หน้าบ้านนายสมชาย")
    compliment = make_ticket(office=offices["dist_a"], kind=Kind.COMPLIMENT, received_on=date(2026, 4, 9),
                             complainant_name="สมหญิง ชมเชย")
    response = api_as(people["alice"]).get("/api/v1/open311/requests.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    feed = response.json()
    assert [r["service_request_id"] for r in feed] == [ticket.reference, compliment.reference]
    request = feed[0]
    assert set(request) == {"service_request_id", "status", "status_notes", "service_name", "service_code",
                            "description", "agency_responsible", "requested_datetime", "updated_datetime",
                            "expected_datetime"}
    assert request["status"] == "open" and request["status_notes"] == "รับเรื่อง"
    assert (request["service_name"], request["service_code"]) == ("ถนน", str(roads.pk))
    assert (request["description"], request["agency_responsible"]) == (ticket.subject, "สำนักงานอำเภอ ก")
    assert request["requested_datetime"] == "2026-04-10T00:00:00+07:00"
    assert request["expected_datetime"] == "2026-05-07T23:59:59+07:00"
    assert request["updated_datetime"].endswith("+07:00")
    assert (feed[1]["service_name"], feed[1]["service_code"], feed[1]["expected_datetime"]) == (
        "คำชมเชย", "compliment", None)
    text = json.dumps(feed, ensure_ascii=False)
    for personal in ("สมชาย", "สมหญิง", "0812345678", "บ้านเลขที่", ticket.tracking_code):
        assert personal not in text

    single = api_as(people["bob"]).get(f"/api/v1/open311/requests/{ticket.reference}.json")
    assert single.status_code == 200 and single.json() == [request]


def test_open311_query_parameters(people, offices):
    april = make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10))
    march = make_ticket(office=offices["dist_a"], received_on=date(2026, 3, 20), kind=Kind.SUGGESTION)
    post(people["bob"], f"/api/v1/complaints/{march.reference}/replies/",
         {"kind": "final", "replied_on": "2026-03-25", "method": "phone", "text": "แจ้งผลแล้ว"})
    bob = api_as(people["bob"])

    def ids(**params):
        response = bob.get("/api/v1/open311/requests.json", params)
        assert response.status_code == 200, response.json()
        return [r["service_request_id"] for r in response.json()]

    assert ids(status="closed") == [march.reference]
    assert ids(status="open") == [april.reference]
    assert ids(service_code="suggestion,opinion") == [march.reference]
    assert ids(service_request_id=f"{april.reference}, {march.reference}") == [april.reference, march.reference]
    assert ids(start_date="2026-04-10T00:00:00+07:00") == [april.reference]
    assert ids(start_date="2026-04-10T00:00:01+07:00") == []
    assert ids(end_date="2026-04-09T23:59:59+07:00") == [march.reference]
    assert ids(start_date="2026-03-19T17:00:00Z", end_date="2026-03-20T00:00:00+07:00") == [march.reference]
    assert bob.get("/api/v1/open311/requests.json", {"status": "pending"}).status_code == 400


# --- docs -----------------------------------------------------------------------------------------------------


def test_the_openapi_schema_describes_the_complaints_api(people, client):
    client.force_login(people["alice"])
    schema = client.get("/api/v1/schema/").content.decode()
    for path in ("/api/v1/channels/", "/api/v1/complaints/", "/api/v1/complaints/{reference}/",
                 "/api/v1/complaints/{reference}/replies/", "/api/v1/complaints/{reference}/status/",
                 "/api/v1/complaints/{reference}/assign/", "/api/v1/complaints/{reference}/transfer/",
                 "/api/v1/complaints/{reference}/reopen/", "/api/v1/open311/requests/",
                 "/api/v1/open311/requests/{service_request_id}/"):
        assert f"{path}:" in schema, path
    assert "idempotent" in schema and "23:59:59" in schema
