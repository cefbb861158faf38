"""The two helpers every API uses: the office-code field that only knows the requesting user's offices, and the
one translation of a service's Thai ValidationError into DRF's field errors.

Personas (conftest): bob office staff@DIST-A sees DIST-A only; alice committee@PROV sees PROV and its districts.
"""
import pytest
from django.core.exceptions import ValidationError
from rest_framework import serializers
from rest_framework.test import APIRequestFactory

from core.api_errors import as_field_errors
from core.offices.api.serializers import ScopedOfficeField

pytestmark = pytest.mark.django_db


class OfficeOnly(serializers.Serializer):
    office = ScopedOfficeField()


def office_errors(user, data) -> dict:
    request = APIRequestFactory().post("/")
    request.user = user
    serializer = OfficeOnly(data=data, context={"request": request})
    return {} if serializer.is_valid() else serializer.errors


def test_an_office_outside_the_users_scope_reads_as_unknown(people, offices):
    assert office_errors(people["alice"], {"office": "DIST-A"}) == {}
    assert office_errors(people["bob"], {"office": "DIST-A"}) == {}
    # PROV exists but is above bob's office; NOPE does not exist: the same answer.
    assert office_errors(people["bob"], {"office": "PROV"}) == {"office": ["ไม่พบหน่วยงานรหัส “PROV”"]}
    assert office_errors(people["bob"], {"office": "NOPE"}) == {"office": ["ไม่พบหน่วยงานรหัส “NOPE”"]}
    assert office_errors(people["bob"], {}) == {"office": ["กรุณาระบุรหัสหน่วยงาน"]}


def test_a_services_field_messages_stay_on_their_fields():
    errors = as_field_errors(ValidationError({"1.q1": "แบบที่ 1 ข้อ q1: คะแนนต้องเป็นเลข 1–5", "round": "ปิดแล้ว"}))
    assert errors.detail == {"1.q1": ["แบบที่ 1 ข้อ q1: คะแนนต้องเป็นเลข 1–5"], "round": ["ปิดแล้ว"]}


def test_a_message_without_a_field_is_non_field_errors():
    assert as_field_errors(ValidationError("ทำไม่ได้")).detail == {"non_field_errors": ["ทำไม่ได้"]}
    both = as_field_errors(ValidationError({"__all__": ["ทำไม่ได้"], "note": ["สั้นไป"]}))
    assert both.detail == {"non_field_errors": ["ทำไม่ได้"], "note": ["สั้นไป"]}


@pytest.mark.parametrize("method, url, body, status, says", [
    ("post", "/api/v1/complaints/", '{"subject": "ไฟดับ",', 400, "อ่านข้อมูล JSON ไม่ได้"),  # cut short
    ("get", "/api/v1/offices/NO-SUCH-OFFICE/", None, 404, "ไม่พบ"),
    ("get", "/api/v1/surveys/999999/", None, 404, "ไม่พบ"),
])
def test_malformed_json_and_unknown_objects_are_answered_in_thai(people, method, url, body, status, says):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(people["alice"])
    response = getattr(api, method)(url, body, content_type="application/json") if body else api.get(url)
    assert response.status_code == status
    assert says in response.json()["detail"] and "matches" not in response.json()["detail"]
