"""The CS7 API: services with their steps (create, update, read, scoped), and a service's records (posted all or
nothing with field errors per item, re-posted references updated, due dates and verdicts on hand-worked dates, a
filtered list in a fixed number of queries); RM 3.5 in the indicators API.

Personas (conftest): alice committee@PROV (PROV, DIST-A, DIST-B), bob office staff@DIST-A, carol office staff@OTHER,
erin executive@PROV.
Hand-worked dates (the day of receipt not counted):
- Mon 3 Nov 2025 + 3 working days = Thu 6 Nov: done Thu 6 Nov met, Fri 7 Nov late.
- Tue 30 Dec 2025 + 3 working days: 31 Dec and 1–2 Jan are holidays, 3–4 Jan a weekend: due Wed 7 Jan 2026.
- Fri 10 Apr 2026 16:00 under 60 minutes: 30 minutes that day, Songkran 13–15 Apr, 30 minutes on Thu 16 Apr: due
  09:00 (Bangkok); done 09:00 met, 09:30 late.
- Calendar days: Fri 6 Nov 2025 + 3 days = Mon 9 Nov.
"""
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from service_standards.models import Service, ServiceRecord
from service_standards.services import records_save
from stakeholders.services import group_save

pytestmark = pytest.mark.django_db

URL = "/api/v1/services/"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def days(make_service):
    return make_service(3, "working_days", name="ขึ้นทะเบียนเกษตรกร",
                        steps=[{"name": "รับคำขอ", "amount": 1}, {"name": "ตรวจสอบ", "amount": 2}])


@pytest.fixture
def minutes(make_service):
    return make_service(60, "minutes", name="ออกหนังสือรับรอง", steps=[])


# --- Services -------------------------------------------------------------------------------------------------------

def test_the_committee_creates_a_service_with_its_steps_and_changes_them(people, offices):
    farmers = group_save(office=offices["prov"], kind="customer", name="เกษตรกร")
    body = {"office": "PROV", "name": "ขึ้นทะเบียนเกษตรกร", "standard_amount": 3, "standard_unit": "working_days",
            "mission": "พ.ร.บ. ส่งเสริมเกษตรกร", "groups": [farmers.pk], "channels": ["phone"],
            "steps": [{"name": "รับคำขอ", "amount": 1, "responsible_unit": "ฝ่ายทะเบียน"},
                      {"name": "ตรวจสอบและอนุมัติ", "amount": 2}]}
    created = api(people["alice"]).post(URL, body, format="json")
    assert created.status_code == 201, created.json()
    data = created.json()
    assert (data["office"], data["standard_unit"], data["groups"], data["channels"]) == (
        "PROV", "working_days", [farmers.pk], ["phone"])
    assert data["steps"] == [{"order": 1, "name": "รับคำขอ", "amount": 1, "responsible_unit": "ฝ่ายทะเบียน"},
                             {"order": 2, "name": "ตรวจสอบและอนุมัติ", "amount": 2, "responsible_unit": ""}]
    changed = api(people["alice"]).patch(f"{URL}{data['id']}/", {"standard_amount": 5, "steps": [
        {"name": "รับคำขอ", "amount": 2}, {"name": "ตรวจสอบ", "amount": 2}, {"name": "แจ้งผล", "amount": 1}]},
        format="json")
    assert changed.status_code == 200, changed.json()
    service = Service.objects.get()
    assert (service.standard_amount, service.mission, [s.name for s in service.steps.all()]) == (
        5, "พ.ร.บ. ส่งเสริมเกษตรกร", ["รับคำขอ", "ตรวจสอบ", "แจ้งผล"])
    assert [g.pk for g in service.groups.all()] == [farmers.pk]  # kept: not named in the patch


def test_a_service_is_refused_with_thai_field_errors_and_nothing_is_saved(people):
    client = api(people["alice"])
    too_long = client.post(URL, {"office": "PROV", "name": "ก", "standard_amount": 2, "standard_unit": "working_days",
                                 "steps": [{"name": "รับ", "amount": 2}, {"name": "ตรวจ", "amount": 1}]}, format="json")
    assert too_long.status_code == 400
    assert too_long.json()["steps"] == ["ระยะเวลารวมของขั้นตอน (3) เกินระยะเวลาตามมาตรฐาน (2)"]
    bad = client.post(URL, {"office": "OTHER", "name": "", "standard_amount": 0, "standard_unit": "hours"},
                      format="json").json()
    assert bad["office"] == ["ไม่พบหน่วยงานรหัส “OTHER”"]
    assert bad["standard_unit"] == ["หน่วยของระยะเวลาต้องเป็น minutes, working_days หรือ calendar_days"]
    assert bad["standard_amount"] == ["ต้องมากกว่า 0"]
    other_group = group_save(office=people["carol"].office, kind="customer", name="กลุ่มจังหวัดอื่น")
    hidden = client.post(URL, {"office": "PROV", "name": "ก", "standard_amount": 2, "standard_unit": "working_days",
                               "groups": [other_group.pk]}, format="json").json()
    assert hidden["groups"] == [f"ไม่พบกลุ่มรหัส {other_group.pk}"]
    assert not Service.objects.exists()


def test_services_are_scoped_a_service_above_reads_and_is_not_changed(people, offices, make_service, days):
    theirs = make_service(3, "working_days", office=offices["other"], name="บริการจังหวัดอื่น")
    provincial = make_service(2, "calendar_days", office=offices["prov"], name="บริการจังหวัด")
    listed = api(people["bob"]).get(URL).json()
    assert {row["name"] for row in listed["results"]} == {"ขึ้นทะเบียนเกษตรกร", "บริการจังหวัด"}  # DEPT's and PROV's
    assert api(people["bob"]).get(f"{URL}{theirs.pk}/").status_code == 404
    assert api(people["alice"]).patch(f"{URL}{theirs.pk}/", {"name": "x"}, format="json").status_code == 404
    assert api(people["alice"]).patch(f"{URL}{days.pk}/", {"name": "x"}, format="json").status_code == 403  # DEPT's
    assert api(people["alice"]).patch(f"{URL}{provincial.pk}/", {"name": "ใหม่"}, format="json").status_code == 200
    assert api(people["bob"]).patch(f"{URL}{provincial.pk}/", {"name": "x"}, format="json").status_code == 403
    assert api(people["erin"]).post(URL, {"office": "PROV", "name": "x", "standard_amount": 1,
                                          "standard_unit": "minutes"}, format="json").status_code == 403


# --- Records --------------------------------------------------------------------------------------------------------

def test_posted_records_get_their_due_dates_and_verdicts_on_hand_worked_dates(people, days, minutes, make_service):
    client = api(people["bob"])
    answer = client.post(f"{URL}{days.pk}/records/", [
        {"reference": "R-1", "received_on": "2025-11-03", "completed_on": "2025-11-06"},
        {"reference": "R-2", "received_on": "2025-11-03", "completed_on": "2025-11-07", "step": 2},
        {"reference": "R-3", "received_on": "2025-12-30", "completed_on": None}], format="json")
    assert answer.status_code == 200, answer.json()
    body = answer.json()
    assert (body["created"], body["updated"]) == (3, 0)
    assert [(r["reference"], r["office"], r["due_on"], r["met"], r["step"]) for r in body["results"]] == [
        ("R-1", "DIST-A", "2025-11-06", True, None), ("R-2", "DIST-A", "2025-11-06", False, 2),
        ("R-3", "DIST-A", "2026-01-07", None, None)]
    timed = client.post(f"{URL}{minutes.pk}/records/", [
        {"reference": "M-1", "received_at": "2026-04-10T16:00:00+07:00", "completed_at": "2026-04-16T09:00:00+07:00"},
        {"reference": "M-2", "received_at": "2026-04-10T16:00", "completed_at": "2026-04-16T09:30"}], format="json")
    assert timed.status_code == 200, timed.json()
    rows = timed.json()["results"]
    assert [(r["reference"], r["due_on"], r["due_at"], r["met"]) for r in rows] == [
        ("M-1", "2026-04-16", "2026-04-16T09:00:00+07:00", True),
        ("M-2", "2026-04-16", "2026-04-16T09:00:00+07:00", False)]
    calendar = make_service(3, "calendar_days", name="ตามปฏิทิน", steps=[])
    posted = client.post(f"{URL}{calendar.pk}/records/", [
        {"reference": "C-1", "received_on": "2025-11-06", "completed_on": "2025-11-09"}], format="json").json()
    assert (posted["results"][0]["due_on"], posted["results"][0]["met"]) == ("2025-11-10", True)


def test_a_reference_posted_again_updates_its_record(people, days):
    client = api(people["bob"])
    client.post(f"{URL}{days.pk}/records/", [{"reference": "R-1", "received_on": "2025-11-03"}], format="json")
    again = client.post(f"{URL}{days.pk}/records/", [
        {"reference": "R-1", "received_on": "2025-11-03", "completed_on": "2025-11-07"},
        {"reference": "R-2", "received_on": "2025-11-04"}], format="json").json()
    assert (again["created"], again["updated"]) == (1, 1)
    assert ServiceRecord.objects.count() == 2 and ServiceRecord.objects.get(reference="R-1").met is False


def test_bad_records_are_refused_all_with_field_errors_per_item_and_nothing_is_saved(people, days, minutes):
    client = api(people["bob"])
    answer = client.post(f"{URL}{days.pk}/records/", [
        {"reference": "R-1", "received_on": "2025-11-03", "completed_on": "2025-11-06"},
        {"reference": "R-2", "received_on": "2025-11-06", "completed_on": "2025-11-03"},
        {"reference": "", "received_on": "3/11/2568"},
        "not a record",
        {"reference": "R-1", "received_on": "2025-11-03", "step": 9},
        {"reference": "R-1", "received_on": "2025-11-04"}], format="json")
    assert answer.status_code == 400
    errors = answer.json()
    assert errors["2.completed_on"] == ["วันที่แล้วเสร็จต้องไม่ก่อนวันที่รับคำขอ"]
    assert errors["3.reference"] == ["กรุณาระบุเลขที่อ้างอิง"] and "3.received_on" in errors
    assert errors["4"] == ["รายการที่ 4: ต้องเป็น {reference, received_on, completed_on} หรือ "
                           "{reference, received_at, completed_at}"]
    assert errors["5.step"] == ["ไม่พบขั้นตอนลำดับที่ 9 ของงานบริการนี้"]
    assert errors["6.reference"] == ["เลขที่อ้างอิงซ้ำกับรายการที่ 1"]
    timed = client.post(f"{URL}{minutes.pk}/records/", [{"reference": "M-1", "received_on": "2026-04-10"}],
                        format="json").json()
    assert timed["1.received_at"] == ["งานบริการนี้มีมาตรฐานเป็นนาที กรุณาระบุวันและเวลาที่รับคำขอ"]
    for body in ({"reference": "R-1"}, [], "text"):
        assert client.post(f"{URL}{days.pk}/records/", body, format="json").status_code == 400
    assert not ServiceRecord.objects.exists()


def test_a_list_longer_than_the_cap_is_refused_whole(people, days):
    from service_standards.api.views import MAX_RECORDS

    body = [{"reference": f"R-{n}", "received_on": "2025-11-03"} for n in range(MAX_RECORDS + 1)]
    answer = api(people["bob"]).post(f"{URL}{days.pk}/records/", body, format="json")
    assert answer.status_code == 400 and "ไม่เกิน 5,000 รายการ" in answer.json()["non_field_errors"][0]


def test_records_are_scoped_like_the_pages(people, offices, make_service, days):
    theirs = make_service(3, "working_days", office=offices["other"], name="บริการจังหวัดอื่น")
    records_save(office=offices["other"], service=theirs, rows=[{"reference": "O-1", "received_on": date(2025, 11, 3)}])
    records_save(office=offices["dist_b"], service=days, rows=[{"reference": "B-1", "received_on": date(2025, 11, 3)}])
    bob = api(people["bob"])
    assert bob.get(f"{URL}{theirs.pk}/records/").status_code == 404
    assert bob.post(f"{URL}{theirs.pk}/records/", [{"reference": "X", "received_on": "2025-11-03"}],
                    format="json").status_code == 404
    assert bob.get(f"{URL}{days.pk}/records/").json()["results"] == []  # DIST-B's record is not his
    assert bob.post(f"{URL}{days.pk}/records/?office=DIST-B", [{"reference": "X", "received_on": "2025-11-03"}],
                    format="json").json() == {"office": ["ไม่พบหน่วยงานรหัส “DIST-B”"]}
    assert api(people["erin"]).post(f"{URL}{days.pk}/records/", [{"reference": "X", "received_on": "2025-11-03"}],
                                    format="json").status_code == 403
    alice = api(people["alice"])
    assert [r["reference"] for r in alice.get(f"{URL}{days.pk}/records/").json()["results"]] == ["B-1"]
    posted = alice.post(f"{URL}{days.pk}/records/?office=DIST-A", [{"reference": "A-1", "received_on": "2025-11-03"}],
                        format="json")
    assert posted.status_code == 200 and posted.json()["results"][0]["office"] == "DIST-A"
    assert ServiceRecord.objects.filter(office=offices["other"]).count() == 1


def test_the_records_list_filters_and_reads_a_fixed_number_of_queries(people, offices, days):
    client = api(people["alice"])

    def post(n, start):
        rows = [{"reference": f"R-{start + k}", "received_on": date(2025, 11, 3),
                 "completed_on": date(2025, 11, 6 + k % 2) if k % 3 else None, "step": days.steps.first()}
                for k in range(n)]
        records_save(office=offices["dist_a"], service=days, rows=rows)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{URL}{days.pk}/records/").status_code == 200
        return len(queries)

    post(2, 0)
    count()  # the user's permissions are read once, on the first request
    few = count()
    post(40, 100)
    assert count() == few
    listed = client.get(f"{URL}{days.pk}/records/", {"verdict": "open", "office": "DIST-A",
                                                     "received_from": "2025-11-01", "received_to": "2025-11-30"})
    assert listed.json()["count"] == 1 + 14
    assert client.get(f"{URL}{days.pk}/records/", {"verdict": "late"}).json()["count"] == 1 + 13
    assert client.get(f"{URL}{days.pk}/records/", {"reference": "R-101"}).json()["results"][0]["met"] is False
    assert client.get(f"{URL}{days.pk}/records/", {"completed_from": "2025-11-07"}).json()["count"] == 14
    for bad in ({"verdict": "maybe"}, {"received_from": "3/11/2568"}, {"office": "OTHER"}):
        answer = client.get(f"{URL}{days.pk}/records/", bad)
        assert answer.status_code == 400, (bad, answer.status_code)


def test_rm35_is_in_the_indicators_api(people, offices, days):
    client = api(people["bob"])
    client.post(f"{URL}{days.pk}/records/", [
        {"reference": "R-1", "received_on": "2025-11-03", "completed_on": "2025-11-06"},
        {"reference": "R-2", "received_on": "2025-11-03", "completed_on": "2025-11-07"},
        {"reference": "R-3", "received_on": "2025-11-03", "completed_on": "2025-11-05"},
        {"reference": "R-4", "received_on": "2025-11-03"}], format="json")
    rows = {row["metric"]: row for row in api(people["alice"]).get(
        "/api/v1/indicators/", {"office": "PROV", "fiscal_year": 2569}).json()["results"]}
    assert rows["rm35"] == {"metric": "rm35", "name": "ร้อยละของความสำเร็จในการดำเนินการตามมาตรฐานคู่มือการให้บริการ",
                            "value": "66.67", "numerator": 2, "denominator": 3}


def test_the_services_api_is_in_the_openapi_schema(people):
    schema = api(people["alice"]).get("/api/v1/schema/", {"format": "json"}).json()
    assert {"/api/v1/services/", "/api/v1/services/{id}/", "/api/v1/services/{id}/records/"} <= set(schema["paths"])
    records = schema["paths"]["/api/v1/services/{id}/records/"]
    assert {"get", "post"} <= set(records)
    assert {p["name"] for p in records["get"]["parameters"]} >= {"verdict", "received_from", "reference", "limit"}
