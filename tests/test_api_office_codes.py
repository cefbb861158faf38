"""Every API that takes an office takes its code through one field (core.offices.api.serializers.ScopedOfficeField):
an office outside the caller's scope is refused exactly as a code that does not exist, in the same Thai words.

Personas (conftest): alice committee@PROV, bob office staff@DIST-A, admin administrator@DEPT (the root).
"""
import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def post_as(user, url, body):
    client = APIClient()
    client.force_authenticate(user)
    return client.post(url, body, format="json")


def test_tickets_surveys_and_offices_refuse_an_office_outside_the_scope_alike(people):
    ticket = post_as(people["bob"], "/api/v1/complaints/", {
        "kind": "complaint", "channel": "phone", "office": "OTHER", "received_on": "2026-11-02", "subject": "ก",
        "detail": "ข"})
    survey = post_as(people["alice"], "/api/v1/surveys/", {
        "title": "ก", "office": "OTHER", "scale_max": 5, "items": [{"code": "q1", "text": "ข"}]})
    assert ticket.status_code == survey.status_code == 400
    assert ticket.json()["office"] == survey.json()["office"] == ["ไม่พบหน่วยงานรหัส “OTHER”"]


def test_a_new_offices_parent_must_be_one_the_administrator_sees(people, offices):
    from core.testing.factories import UserFactory

    pat = UserFactory(username="pat", office=offices["prov"], role="administrator")
    outside = post_as(pat, "/api/v1/offices/", {"code": "X1", "name": "ใหม่", "parent": "OTHER"})
    unknown = post_as(pat, "/api/v1/offices/", {"code": "X1", "name": "ใหม่", "parent": "NOPE"})
    assert outside.json() == {"parent": ["ไม่พบหน่วยงานแม่รหัส “OTHER”"]}
    assert unknown.json() == {"parent": ["ไม่พบหน่วยงานแม่รหัส “NOPE”"]}
    assert post_as(pat, "/api/v1/offices/", {"code": "X1", "name": "ใหม่", "parent": "DIST-A"}).status_code == 201


def test_cs7_services_and_records_refuse_an_office_outside_the_scope_alike(people, offices):
    from service_standards.services import service_save

    service = service_save(office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร", standard_amount=3,
                           standard_unit="working_days")
    created = post_as(people["alice"], "/api/v1/services/", {
        "office": "OTHER", "name": "ก", "standard_amount": 3, "standard_unit": "working_days"})
    records = post_as(people["alice"], f"/api/v1/services/{service.pk}/records/?office=OTHER",
                      [{"reference": "R-1", "received_on": "2026-04-10"}])
    assert created.status_code == records.status_code == 400
    assert created.json()["office"] == records.json()["office"] == ["ไม่พบหน่วยงานรหัส “OTHER”"]


def test_plans_by_api_refuse_an_office_outside_the_scope_alike(people):
    plan = {"fiscal_year": 2569, "cs": "CS3", "title": "ก", "objective": "ข"}
    outside = post_as(people["alice"], "/api/v1/action-plans/", {**plan, "office": "OTHER"})
    unknown = post_as(people["alice"], "/api/v1/action-plans/", {**plan, "office": "NOPE"})
    assert outside.status_code == unknown.status_code == 400
    assert outside.json()["office"] == ["ไม่พบหน่วยงานรหัส “OTHER”"]
    assert unknown.json()["office"] == ["ไม่พบหน่วยงานรหัส “NOPE”"]
    assert post_as(people["alice"], "/api/v1/action-plans/", {**plan, "office": "DIST-A"}).status_code == 201
