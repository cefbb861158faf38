"""The import of service records through its pages: the template, the preview with its Thai errors per row, all or
nothing, re-import safe on the reference, Buddhist Era and ISO dates, minute standards' times, several services in
one file, another office's service and another user's upload refused.

Personas (conftest): alice committee@PROV, bob office staff@DIST-A, erin executive@PROV, carol office staff@OTHER.
Hand-worked dates (the day of receipt not counted):
- Mon 3 Nov 2025 + 3 working days = Thu 6 Nov; done Thu 6 Nov: met; done Fri 7 Nov: late.
- Fri 10 Apr 2026 16:00, 60-minute standard: 30 minutes that day, Songkran 13–15 Apr, Thu 16 Apr 08:30–09:00 is
  30 more = 60: met at 09:00; at 09:30 it is 90: late.
"""
import io
from datetime import date, datetime

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from service_standards import imports
from service_standards.models import ServiceRecord
from service_standards.services import records_save
from tests.isolation_walk import csv_file

pytestmark = pytest.mark.django_db

URL = "/cs7/records/import/"
HEADERS = imports.HEADERS


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def days(make_service):
    return make_service(3, "working_days", name="ขึ้นทะเบียนเกษตรกร",
                        steps=[{"name": "รับคำขอ", "amount": 1}, {"name": "ตรวจสอบ", "amount": 2}])


@pytest.fixture
def minutes(make_service):
    return make_service(60, "minutes", name="ออกหนังสือรับรอง", steps=[])


def _upload(client, rows, *, office=None, name="records.csv", file=None):
    response = client.post(URL + (f"?office={office}" if office else ""),
                           {"file": file or csv_file(name, [HEADERS, *rows])})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def _row(service, reference, received, completed="", received_time="", completed_time="", step=""):
    return [service, reference, received, received_time, completed, completed_time, step]


def test_the_template_has_thai_headers_an_example_row_and_the_offices_services(client, people, days, minutes):
    client.force_login(people["bob"])
    csv = client.get(URL + "template.csv").content.decode("utf-8-sig").splitlines()
    assert csv[0] == ",".join(HEADERS) and imports.EXAMPLE_REFERENCE in csv[1]
    response = client.get(URL + "template.xlsx")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content if response.streaming else
                                                      [response.content])))
    sheet = book.worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS and sheet["B2"].value == imports.EXAMPLE_REFERENCE
    listed = {row[1]: row[0] for row in book["งานบริการ"].iter_rows(min_row=2, values_only=True)}
    assert listed == {"ขึ้นทะเบียนเกษตรกร": days.pk, "ออกหนังสือรับรอง": minutes.pk}


def test_only_those_who_key_the_offices_records_reach_the_import(client, people, days):
    client.force_login(people["erin"])  # an executive reads records, does not key them
    assert client.get(URL).status_code == 403
    assert client.get(URL + "template.xlsx").status_code == 403
    client.force_login(people["bob"])
    assert client.get(URL + "?office=OTHER").status_code == 404  # another province does not exist for him
    assert client.get(URL + "?office=PROV").status_code == 404  # his province is above him: not his to key
    assert client.get(URL + "template.xlsx?office=OTHER").status_code == 404
    assert client.get(URL).status_code == 200


def test_the_preview_names_every_bad_row_in_thai_and_nothing_is_written(client, people, days, minutes):
    client.force_login(people["bob"])
    confirm = _upload(client, [
        _row("ขึ้นทะเบียนเกษตรกร", "R-1", "3/11/2568", "6/11/2568"),
        _row("ขึ้นทะเบียนเกษตรกร", "R-2", "6/11/2568", "3/11/2568"),
        _row("ไม่มีงานนี้", "R-3", "3/11/2568"),
        _row("ขึ้นทะเบียนเกษตรกร", "R-1", "3/11/2568"),
        _row(str(minutes.pk), "M-1", "10/04/2569", "", "", ""),
        _row("ขึ้นทะเบียนเกษตรกร", "R-5", "31/02/2569", "", "", "", "9"),
        _row("ออกหนังสือรับรอง", "M-2", "10/04/2569", "", "25:00"),
    ])
    page = client.get(confirm)
    text = page.content.decode()
    assert page.status_code == 200
    for message in ("แถวที่ 3 วันที่แล้วเสร็จ: วันที่แล้วเสร็จต้องไม่ก่อนวันที่รับคำขอ",
                    "แถวที่ 4 งานบริการ: ไม่พบงานบริการ “ไม่มีงานนี้” ในงานบริการที่หน่วยงานนี้ใช้",
                    "แถวที่ 5 เลขที่อ้างอิง: เลขที่อ้างอิง “R-1” ของงานบริการนี้ซ้ำกับแถวที่ 2 ในไฟล์นี้",
                    "แถวที่ 6 เวลารับคำขอ: งานบริการนี้มีมาตรฐานเป็นนาที กรุณาระบุวันและเวลาที่รับคำขอ",
                    "แถวที่ 7 วันที่รับคำขอ: อ่านวันที่ไม่ได้: “31/02/2569”",
                    "แถวที่ 7 ขั้นตอนปัจจุบัน: ไม่พบขั้นตอนลำดับที่ “9” ของงานบริการนี้",
                    "แถวที่ 8 เวลารับคำขอ: อ่านเวลาไม่ได้: “25:00”"):
        assert message in text, message
    assert "ผิดพลาด 6" in text and "ยืนยันนำเข้า" not in text
    refused = client.post(confirm)
    assert refused.status_code == 422 and not ServiceRecord.objects.exists()


def test_one_bad_row_writes_nothing_of_the_good_rows_of_any_service(client, people, days, minutes):
    client.force_login(people["bob"])
    confirm = _upload(client, [_row("ขึ้นทะเบียนเกษตรกร", "R-1", "3/11/2568", "6/11/2568"),
                               _row("ออกหนังสือรับรอง", "M-1", "10/04/2569", "16/04/2569", "16:00", "09:00"),
                               _row("ขึ้นทะเบียนเกษตรกร", "", "3/11/2568")])
    assert client.post(confirm).status_code == 422
    assert not ServiceRecord.objects.exists()


def test_several_services_in_one_file_with_be_and_iso_dates_and_the_verdicts(client, people, offices, days, minutes):
    client.force_login(people["bob"])
    confirm = _upload(client, [
        _row("ขึ้นทะเบียนเกษตรกร", "R-1", "3/11/2568", "6/11/2568", step="2"),
        _row(str(days.pk), "R-2", "2025-11-03", "7 พ.ย. 68"),
        _row("  ขึ้นทะเบียนเกษตรกร ", "R-3", "๓/๑๑/๒๕๖๘"),
        _row("ออกหนังสือรับรอง", "M-1", "10/04/2569", "16/04/2569", "16:00", "09:00"),
        _row("ออกหนังสือรับรอง", "M-2", "2026-04-10", "16/04/2569", "16.00", "09.30"),
    ])
    text = client.get(confirm).content.decode()
    assert "ใหม่ 5" in text and "ยืนยันนำเข้า 5 รายการ" in text
    done = client.post(confirm)
    assert done.status_code == 302 and done["Location"].startswith("/cs7/records/")
    saved = {r.reference: r for r in ServiceRecord.objects.select_related("step")}
    assert {ref: (r.office.code, r.due_on, r.met) for ref, r in saved.items()} == {
        "R-1": ("DIST-A", date(2025, 11, 6), True), "R-2": ("DIST-A", date(2025, 11, 6), False),
        "R-3": ("DIST-A", date(2025, 11, 6), None), "M-1": ("DIST-A", date(2026, 4, 16), True),
        "M-2": ("DIST-A", date(2026, 4, 16), False)}
    assert saved["R-1"].step.name == "ตรวจสอบ"
    assert timezone.localtime(saved["M-1"].received_at).strftime("%d/%m %H:%M") == "10/04 16:00"


def test_a_reimport_updates_the_records_of_its_references_and_adds_none(client, people, days):
    client.force_login(people["bob"])
    rows = [_row("ขึ้นทะเบียนเกษตรกร", "R-1", "3/11/2568"), _row("ขึ้นทะเบียนเกษตรกร", "R-2", "3/11/2568")]
    assert client.post(_upload(client, rows)).status_code == 302
    assert set(ServiceRecord.objects.values_list("reference", "met")) == {("R-1", None), ("R-2", None)}
    again = _upload(client, [_row("ขึ้นทะเบียนเกษตรกร", "R-1", "3/11/2568", "6/11/2568"),
                             _row("ขึ้นทะเบียนเกษตรกร", "R-2", "3/11/2568", "10/11/2568"),
                             _row("ขึ้นทะเบียนเกษตรกร", "R-3", "4/11/2568")])
    text = client.get(again).content.decode()
    assert "ใหม่ 1" in text and "ปรับปรุงรายการเดิม 2" in text
    assert client.post(again).status_code == 302
    assert set(ServiceRecord.objects.values_list("reference", "met")) == {("R-1", True), ("R-2", False),
                                                                         ("R-3", None)}


def test_an_xlsx_with_date_and_time_cells_and_a_gregorian_cell_holding_a_be_year(client, people, days, minutes):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append(["ขึ้นทะเบียนเกษตรกร", "R-1", date(2568, 11, 3), None, date(2025, 11, 6), None, 1])
    sheet.append(["ออกหนังสือรับรอง", 1001, datetime(2026, 4, 10, 16, 0), None, date(2026, 4, 16), "09:00", None])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(people["bob"])
    confirm = _upload(client, [], file=SimpleUploadedFile("records.xlsx", buffer.getvalue()))
    assert client.post(confirm).status_code == 302, client.get(confirm).content.decode()[-3000:]
    saved = {r.reference: r for r in ServiceRecord.objects.all()}
    assert (saved["R-1"].received_on, saved["R-1"].met) == (date(2025, 11, 3), True)
    assert (saved["1001"].received_on, saved["1001"].met) == (date(2026, 4, 10), True)


def test_another_offices_service_is_unknown_and_the_example_row_is_refused(client, people, offices, make_service):
    theirs = make_service(3, "working_days", office=offices["other"], name="บริการจังหวัดอื่น")
    client.force_login(people["bob"])
    confirm = _upload(client, [_row("บริการจังหวัดอื่น", "R-1", "3/11/2568"), _row(str(theirs.pk), "R-2", "3/11/2568"),
                               _row("บริการจังหวัดอื่น", imports.EXAMPLE_REFERENCE, "3/11/2568")])
    text = client.get(confirm).content.decode()
    assert "แถวที่ 2 งานบริการ: ไม่พบงานบริการ “บริการจังหวัดอื่น”" in text
    assert f"แถวที่ 3 งานบริการ: ไม่พบงานบริการ “{theirs.pk}”" in text
    assert "แถวที่ 4 เลขที่อ้างอิง: แถวตัวอย่างของแบบฟอร์ม กรุณาลบแถวนี้ก่อนนำเข้า" in text
    assert client.post(confirm).status_code == 422 and not ServiceRecord.objects.exists()


def test_a_committee_imports_for_a_district_it_sees_and_the_upload_is_its_own(client, people, days):
    client.force_login(people["alice"])
    confirm = _upload(client, [_row("ขึ้นทะเบียนเกษตรกร", "R-1", "3/11/2568", "6/11/2568")], office="DIST-B")
    client.force_login(people["bob"])
    assert client.get(confirm).status_code == 404 and client.post(confirm).status_code == 404
    client.force_login(people["alice"])
    assert client.post(confirm).status_code == 302
    assert ServiceRecord.objects.get().office.code == "DIST-B"


def test_a_file_without_the_templates_columns_is_refused(client, people, days):
    client.force_login(people["bob"])
    response = client.post(URL, {"file": csv_file("x.csv", [["งานบริการ", "หมายเหตุ"], ["ก", "ข"]])})
    text = response.content.decode()
    assert response.status_code == 200
    assert "ไม่พบคอลัมน์: เลขที่อ้างอิง, วันที่รับคำขอ, วันที่แล้วเสร็จ" in text and "หมายเหตุ" in text


def test_checking_a_file_reads_the_same_few_queries_for_2_or_300_rows(offices, days):
    records_save(office=offices["dist_a"], service=days, rows=[
        {"reference": "R-0", "received_on": date(2025, 11, 3)}])

    def count(n):
        rows = [(k + 2, _row("ขึ้นทะเบียนเกษตรกร", f"R-{k}", "3/11/2568", "6/11/2568")) for k in range(n)]
        with CaptureQueriesContext(connection) as queries:
            check = imports.records_import_check(office=offices["dist_a"], rows=rows)
        assert check.ok and check.updated_count == 1 and check.new_count == n - 1
        return len(queries)

    assert count(2) == count(300)
