"""Spreadsheet import, as a district office uses it: template, upload, preview, confirm — all rows or none.

Bob (office staff, DIST-A) imports for his own office; Alice (committee, PROV) for the districts below her;
Carol (OTHER) must not even see that Bob's upload exists.
"""
import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from complaints.choices import Kind, Status
from complaints.imports import (
    ImportRejected,
    StoredRows,
    read_sheet,
    tickets_import,
    tickets_import_check,
    upload_save,
)
from complaints.models import Category, Ticket, TicketEvent, TicketSequence
from complaints.tests.factories import make_ticket
from core.workdays.choices import DeadlineBasis
from core.workdays.models import DeadlineRule

pytestmark = pytest.mark.django_db

HEADERS = ["รหัสหน่วยงาน", "เลขอ้างอิงต้นทาง", "ประเภทเรื่อง", "ช่องทาง", "วันที่รับเรื่อง", "เรื่อง", "รายละเอียด",
           "หมวดหมู่", "ชื่อผู้ร้อง", "ช่องทางติดต่อผู้ร้อง", "ไม่ประสงค์ออกนาม", "ปกปิดข้อมูลผู้ร้อง"]
IMPORT_URL = reverse("complaints:import")


def row(office="DIST-A", ref="R-001", kind="ข้อร้องเรียน", channel="phone", received="10/04/2569",
        subject="ถนนหน้าสำนักงานชำรุด", detail="ขอให้ซ่อมแซมถนน", category="", name="นายสมชาย ใจดี",
        contact="081-234-5678", anonymous="ไม่ใช่", confidential=""):
    return [office, ref, kind, channel, received, subject, detail, category, name, contact, anonymous, confidential]


def write_xlsx(path, rows, headers=HEADERS):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for values in rows:
        sheet.append(values)
    book.save(path)
    return path


def write_csv(path, rows, headers=HEADERS, encoding="utf-8-sig"):
    with open(path, "w", newline="", encoding=encoding) as out:
        writer = csv.writer(out)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bob(people, django_user_model):
    """Bob as a request would see him. conftest's office objects keep the tree paths they were created with,
    which treebeard renumbers when OTHER is inserted before PROV; a service given them would scope wrongly."""
    return django_user_model.objects.select_related("office").get(pk=people["bob"].pk)


def login(client, person):
    client.force_login(person)
    return client


def upload(client, path):
    """Upload a file; returns the preview URL it redirects to."""
    with open(path, "rb") as f:
        response = client.post(IMPORT_URL, {"file": f})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response.url


def token_of(preview_url):
    return resolve(preview_url).kwargs["token"]


def preview_and_confirm(client, path):
    preview_url = upload(client, path)
    preview = client.get(preview_url)
    assert preview.status_code == 200
    return preview, client.post(preview_url, {"confirm": "1"})


# --- The template ----------------------------------------------------------------------------------------

def test_the_xlsx_template_has_the_thai_headers_and_a_sheet_of_the_users_own_values(client, people):
    response = login(client, people["bob"]).get(reverse("complaints:import-template", args=["xlsx"]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    first, lists = book.worksheets
    assert [cell.value for cell in first[1]] == HEADERS
    values = {cell.value for column in lists.iter_cols() for cell in column if cell.value}
    assert {"DIST-A", "phone", "โทรศัพท์/โทรสาร/สายด่วน", "ข้อร้องเรียน", "complaint", "คำชมเชย", "ใช่"} <= values
    assert not {"DIST-B", "OTHER", "PROV"} & values, "Bob's template must not name offices he cannot import for"


def test_the_csv_template_is_the_header_row_in_utf8_that_excel_opens(client, people):
    response = login(client, people["bob"]).get(reverse("complaints:import-template", args=["csv"]))
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert next(csv.reader(io.StringIO(response.content.decode("utf-8-sig")))) == HEADERS


def test_an_unknown_template_format_is_404(client, people):
    assert login(client, people["bob"]).get(reverse("complaints:import-template", args=["pdf"])).status_code == 404


def test_people_who_cannot_add_tickets_cannot_import(client, people):
    client = login(client, people["erin"])
    assert client.get(IMPORT_URL).status_code == 403
    assert client.get(reverse("complaints:import-template", args=["xlsx"])).status_code == 403


def test_the_import_page_links_both_templates(client, people):
    page = login(client, people["bob"]).get(IMPORT_URL).content.decode()
    assert reverse("complaints:import-template", args=["xlsx"]) in page
    assert reverse("complaints:import-template", args=["csv"]) in page


# --- A good file -----------------------------------------------------------------------------------------

def test_a_good_file_is_previewed_without_writing_then_imported_with_references_and_deadlines(client, people, tmp_path):
    path = write_xlsx(tmp_path / "good.xlsx", [
        row(ref="R-001", received="10/04/2569"),
        row(ref="R-002", kind="suggestion", channel="LINE", received="2026-04-10", anonymous="ใช่"),
        row(ref="R-003", kind="คำชมเชย", channel="โทรศัพท์/โทรสาร/สายด่วน", received="10 เม.ย. 69"),
    ])
    client = login(client, people["bob"])
    preview_url = upload(client, path)
    preview = client.get(preview_url)
    page = preview.content.decode()
    assert preview.context["check"].new_count == 3
    assert page.count("<td class=\"text-nowrap\">ใหม่</td>") == 3
    assert "ยืนยันนำเข้า 3 เรื่อง" in page
    assert Ticket.objects.count() == 0, "the preview writes nothing"

    response = client.post(preview_url, {"confirm": "1"})
    assert response.status_code == 302
    tickets = {t.source_ref: t for t in Ticket.objects.all()}
    assert sorted(t.reference for t in tickets.values()) == [
        "DIST-A-2569-00001", "DIST-A-2569-00002", "DIST-A-2569-00003"]
    assert tickets["R-001"].due_on == date(2026, 5, 7), "15 working days, Songkran skipped"
    assert tickets["R-001"].complainant_name == "นายสมชาย ใจดี"
    assert tickets["R-002"].kind == Kind.SUGGESTION and tickets["R-002"].channel.code == "line"
    assert tickets["R-002"].anonymous and tickets["R-002"].complainant_name == ""
    assert tickets["R-003"].kind == Kind.COMPLIMENT and tickets["R-003"].due_on is None
    assert all(t.created_by == people["bob"] and t.status == Status.RECEIVED for t in tickets.values())
    assert TicketSequence.objects.get(office=people["bob"].office, fiscal_year=2569).last == 3
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert messages == ["นำเข้าแล้ว 3 เรื่อง"]
    assert client.get(preview_url).status_code == 404, "a confirmed upload is gone"


# The spreadsheet cells and the intake service's arguments that mean the same ticket, and the due date it gets.
SAME_TICKET = {
    "named and confidential, under a category's own rule": (
        {"category": "ถนน", "contact": "Somchai@Example.COM", "confidential": "ใช่"},
        {"kind": Kind.COMPLAINT, "channel": "phone", "category": "ถนน", "complainant_name": "นายสมชาย ใจดี",
         "complainant_contact": "Somchai@Example.COM", "confidential": True},
        date(2026, 5, 11),  # 30 calendar days, rolled to Monday
    ),
    "an anonymous compliment": (
        {"kind": "คำชมเชย", "channel": "LINE", "name": "นางสาวมาลี มีสุข", "contact": " 02-123-4567 ",
         "anonymous": "ใช่"},
        {"kind": Kind.COMPLIMENT, "channel": "line", "category": None, "complainant_name": "นางสาวมาลี มีสุข",
         "complainant_contact": " 02-123-4567 ", "anonymous": True},
        None,
    ),
}
# The columns that tell two tickets apart; every other column must be the same, including any added later.
OWN_COLUMNS = {"id", "reference", "tracking_code", "source_ref", "created_at"}


@pytest.mark.parametrize("cells, arguments, due_on", SAME_TICKET.values(), ids=SAME_TICKET.keys())
def test_an_imported_ticket_is_the_ticket_the_intake_service_would_create(bob, people, offices, tmp_path, cells,
                                                                         arguments, due_on):
    """A row must mean what the same values typed into the intake form mean: every column, the first round, the
    stint and the timeline line (which adds the file and row)."""
    rule = DeadlineRule.objects.create(code="30-calendar", name="30 วัน", basis=DeadlineBasis.CALENDAR_DAYS, days=30)
    Category.objects.create(name="ถนน", deadline_rule=rule)
    arguments = {**arguments, "category": Category.objects.filter(name=arguments["category"]).first()}
    today = date(2026, 11, 21)
    by_service = make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10), source_ref="S-1", today=today,
                             by=people["bob"], **arguments)
    path = write_xlsx(tmp_path / "same.xlsx", [row(ref="S-2", **cells)])
    _check, (reference,) = tickets_import(rows=read_sheet(path), user=bob, today=today, filename="same.xlsx")
    imported = Ticket.objects.get(reference=reference)
    by_service.refresh_from_db()

    assert imported.reference == "DIST-A-2569-00002", "the import continues the office's running number"
    columns = [f.attname for f in Ticket._meta.concrete_fields if f.name not in OWN_COLUMNS]
    assert {c: getattr(imported, c) for c in columns} == {c: getattr(by_service, c) for c in columns}
    assert imported.due_on == due_on
    assert len(imported.tracking_code) == 10 and imported.tracking_code != by_service.tracking_code
    for ticket in (imported, by_service):
        (first_round,) = ticket.rounds.all()
        assert (first_round.number, first_round.received_on, first_round.due_on, first_round.answered_on) == (
            1, ticket.received_on, ticket.due_on, None)
        (stint,) = ticket.stints.all()
        assert (stint.office_id, stint.ended_at) == (offices["dist_a"].pk, None)
    (service_event,), (import_event,) = by_service.events.all(), imported.events.all()
    assert (import_event.action, import_event.from_status, import_event.to_status, import_event.by,
            import_event.office_id) == (service_event.action, service_event.from_status, service_event.to_status,
                                        service_event.by, service_event.office_id)
    assert service_event.note.startswith("บันทึกย้อนหลัง: รับเรื่องวันที่ 10 เม.ย. 69")
    assert import_event.note == f"{service_event.note}; นำเข้าจากไฟล์ “same.xlsx” แถว 2"


# --- Bad rows --------------------------------------------------------------------------------------------

def test_one_bad_row_among_good_ones_writes_nothing_and_is_listed_with_its_thai_message(client, people, tmp_path):
    path = write_xlsx(tmp_path / "one-bad.xlsx", [
        row(ref="R-001"), row(ref="R-002"), row(ref="R-003"), row(ref="R-004"), row(ref="R-005"),
        row(ref="R-006", received="เมื่อวาน"),
        row(ref="R-007"),
    ])
    client = login(client, people["bob"])
    preview_url = upload(client, path)
    page = client.get(preview_url).content.decode()
    assert "แถว 7 ช่อง วันที่รับเรื่อง: อ่านวันที่ไม่ได้: “เมื่อวาน”" in page
    assert "ยืนยันนำเข้า" not in page

    response = client.post(preview_url, {"confirm": "1"})
    assert response.status_code == 422
    assert "แถว 7 ช่อง วันที่รับเรื่อง: อ่านวันที่ไม่ได้" in response.content.decode()
    assert "ยังไม่ได้นำเข้า ไม่มีเรื่องใดถูกบันทึก" in response.content.decode()
    assert Ticket.objects.count() == 0
    assert TicketEvent.objects.count() == 0
    assert not TicketSequence.objects.exists()


def test_every_bad_row_is_listed_with_a_thai_message_naming_its_column(bob, people, tmp_path):
    Category.objects.create(name="ถนน")
    tomorrow = timezone.localdate() + timedelta(days=1)
    path = write_csv(tmp_path / "bad.csv", [
        row(ref="R-01", office="NOPE"),
        row(ref="R-02", subject=""),
        row(ref="R-03", received=f"{tomorrow:%Y-%m-%d}"),
        row(ref="R-04", channel="นกพิราบ"),
        row(ref="R-05", kind="คำบ่น"),
        row(ref="R-06", category="ประปา"),
        row(ref="R-07", anonymous="อาจจะ"),
        row(ref="R-08"),
        row(ref="R-08"),
        row(ref=""),
        row(ref="R-11", detail="", received=""),
        row(ref="R-12", subject="ก" * 256),
        row(ref="R-13", category="ถนน"),
    ])
    check = tickets_import_check(rows=read_sheet(path), user=bob, today=timezone.localdate())
    assert check.errors == [
        "แถว 2 ช่อง รหัสหน่วยงาน: ไม่พบหน่วยงานรหัส “NOPE” ในหน่วยงานที่ท่านนำเข้าได้",
        "แถว 3 ช่อง เรื่อง: กรุณาระบุเรื่อง",
        "แถว 4 ช่อง วันที่รับเรื่อง: วันที่รับเรื่องต้องไม่เป็นวันในอนาคต",
        "แถว 5 ช่อง ช่องทาง: ไม่พบช่องทาง “นกพิราบ” (ใช้รหัสหรือชื่อช่องทางตามแผ่นงาน “รายการที่ใช้ได้”)",
        "แถว 6 ช่อง ประเภทเรื่อง: ไม่รู้จักประเภทเรื่อง “คำบ่น” (ใช้ ข้อร้องเรียน ข้อเสนอแนะ ข้อคิดเห็น หรือ คำชมเชย)",
        "แถว 7 ช่อง หมวดหมู่: ไม่พบหมวดหมู่ “ประปา”",
        "แถว 8 ช่อง ไม่ประสงค์ออกนาม: ต้องเป็น “ใช่” หรือ “ไม่ใช่” (ว่าง = ไม่ใช่) ไม่ใช่ “อาจจะ”",
        "แถว 10 ช่อง เลขอ้างอิงต้นทาง: เลขอ้างอิงต้นทาง “R-08” ซ้ำกับแถว 9 ในไฟล์นี้",
        "แถว 11 ช่อง เลขอ้างอิงต้นทาง: กรุณาระบุเลขอ้างอิงต้นทาง (ใช้ป้องกันการนำเข้าซ้ำ)",
        "แถว 12 ช่อง วันที่รับเรื่อง: กรุณาระบุวันที่รับเรื่อง",
        "แถว 12 ช่อง รายละเอียด: กรุณาระบุรายละเอียด",
        "แถว 13 ช่อง เรื่อง: ยาวเกิน 255 ตัวอักษร (ที่ส่งมามี 256 ตัวอักษร)",
    ]
    assert [r.status for r in check.rows].count("new") == 2  # R-08 (first) and R-13
    with pytest.raises(ImportRejected):
        tickets_import(rows=read_sheet(path), user=bob, today=timezone.localdate())
    assert Ticket.objects.count() == 0


@pytest.mark.parametrize("office", ["DIST-B", "OTHER", "PROV", "NOPE"])
def test_an_office_outside_the_users_scope_is_unknown_like_one_that_does_not_exist(bob, people, tmp_path, office):
    path = write_xlsx(tmp_path / "scope.xlsx", [row(office=office)])
    check = tickets_import_check(rows=read_sheet(path), user=bob, today=timezone.localdate())
    assert check.errors == [f"แถว 2 ช่อง รหัสหน่วยงาน: ไม่พบหน่วยงานรหัส “{office}” ในหน่วยงานที่ท่านนำเข้าได้"]


def test_the_committee_imports_for_the_districts_below_it(client, people, offices, tmp_path):
    path = write_xlsx(tmp_path / "prov.xlsx", [row(office="DIST-B", ref="B-1"), row(office="dist-a", ref="A-1")])
    preview_and_confirm(login(client, people["alice"]), path)
    assert sorted(Ticket.objects.values_list("reference", flat=True)) == ["DIST-A-2569-00001", "DIST-B-2569-00001"]


def test_a_file_that_is_not_a_ticket_sheet_is_refused_at_upload(client, people, tmp_path):
    client = login(client, people["bob"])
    wrong_type = client.post(IMPORT_URL, {"file": SimpleUploadedFile("tickets.txt", b"x")})
    assert "รับเฉพาะไฟล์ .xlsx หรือ .csv" in wrong_type.content.decode()
    too_big = client.post(IMPORT_URL, {"file": SimpleUploadedFile("big.csv", b"x" * (10 * 1024 * 1024 + 1))})
    assert "ไฟล์ใหญ่เกิน 10 MB" in too_big.content.decode()
    fake = client.post(IMPORT_URL, {"file": SimpleUploadedFile("fake.xlsx", b"not a zip")})
    assert "เปิดไฟล์ XLSX ไม่ได้" in fake.content.decode()
    no_header = write_csv(tmp_path / "no-header.csv", [row()], headers=HEADERS[:5] + ["หัวข้อ"] + HEADERS[6:])
    with open(no_header, "rb") as f:
        response = client.post(IMPORT_URL, {"file": f})
    assert response.status_code == 200
    assert "ไม่พบคอลัมน์: เรื่อง" in response.content.decode()
    assert not list((tmp_path / "media" / "imports").iterdir()), "refused files are not kept"


def test_a_failure_while_writing_rolls_back_every_row_and_says_why(client, people, tmp_path, monkeypatch):
    import complaints.services

    insert = complaints.services._insert

    def insert_failing_at_the_timeline(model, objects):
        if model is TicketEvent:  # tickets, rounds and stints are written by now
            raise IntegrityError("simulated")
        insert(model, objects)

    monkeypatch.setattr(complaints.services, "_insert", insert_failing_at_the_timeline)
    client = login(client, people["bob"])
    preview_url = upload(client, write_xlsx(tmp_path / "fails.xlsx", [row(ref="R-001"), row(ref="R-002")]))
    response = client.post(preview_url, {"confirm": "1"}, follow=True)
    assert "ยังไม่ได้นำเข้า ไม่มีเรื่องใดถูกบันทึก" in response.content.decode()
    assert Ticket.objects.count() == 0
    assert not TicketSequence.objects.exists(), "the reserved references are rolled back too"


# --- Idempotent re-import --------------------------------------------------------------------------------

def test_reimporting_the_same_file_creates_nothing_and_says_so(client, people, tmp_path):
    path = write_xlsx(tmp_path / "again.xlsx", [row(ref="R-001"), row(ref="R-002")])
    client = login(client, people["bob"])
    preview_and_confirm(client, path)
    events = TicketEvent.objects.count()
    mail.outbox.clear()

    preview, response = preview_and_confirm(client, path)
    page = preview.content.decode()
    assert page.count("มีอยู่แล้ว (ข้าม)</td>") == 2
    assert "ทุกแถวมีอยู่แล้ว ไม่มีเรื่องใหม่ให้นำเข้า (นำเข้า 0 เรื่อง)" in page
    messages = [str(m) for m in client.get(response.url).context["messages"]]
    assert messages == ["นำเข้า 0 เรื่อง: ทุกแถว (2 แถว) มีอยู่แล้ว ไม่มีการบันทึกเพิ่ม"]
    assert Ticket.objects.count() == 2
    assert TicketEvent.objects.count() == events
    assert mail.outbox == []


def test_a_file_with_rows_added_imports_only_the_new_rows(client, people, tmp_path):
    client = login(client, people["bob"])
    preview_and_confirm(client, write_xlsx(tmp_path / "v1.xlsx", [row(ref="R-001")]))
    _preview, response = preview_and_confirm(client, write_xlsx(tmp_path / "v2.xlsx", [row(ref="R-001"),
                                                                                      row(ref="R-002")]))
    assert [str(m) for m in client.get(response.url).context["messages"]] == [
        "นำเข้าแล้ว 1 เรื่อง ข้าม 1 แถวที่มีอยู่แล้ว"]
    assert sorted(Ticket.objects.values_list("source_ref", "reference")) == [
        ("R-001", "DIST-A-2569-00001"), ("R-002", "DIST-A-2569-00002")]


def test_a_row_entered_elsewhere_between_preview_and_confirm_is_skipped_not_duplicated(client, people, offices,
                                                                                       tmp_path):
    client = login(client, people["bob"])
    preview_url = upload(client, write_xlsx(tmp_path / "race.xlsx", [row(ref="R-001"), row(ref="R-002")]))
    assert client.get(preview_url).context["check"].new_count == 2
    make_ticket(office=offices["dist_a"], source_ref="R-002")
    client.post(preview_url, {"confirm": "1"})
    assert Ticket.objects.filter(source_ref="R-002").count() == 1
    assert Ticket.objects.filter(source_ref="R-001").count() == 1


# --- Dates -----------------------------------------------------------------------------------------------

def test_buddhist_era_strings_and_excel_date_cells_all_read_as_the_same_day(client, people, tmp_path):
    path = write_xlsx(tmp_path / "dates.xlsx", [
        row(ref="D-1", received="21/03/2569"),
        row(ref="D-2", received="21 มี.ค. 69"),
        row(ref="D-3", received="2026-03-21"),
        row(ref="D-4", received=datetime(2026, 3, 21)),  # a real date cell
        row(ref="D-5", received=date(2569, 3, 21)),  # 21/03/2569 typed into a date cell by Gregorian Excel
        row(ref="D-6", received="๒๑/๐๓/๒๕๖๙"),  # Thai digits
    ])
    assert load_workbook(path).active["E5"].is_date
    preview_and_confirm(login(client, people["bob"]), path)
    assert list(Ticket.objects.values_list("received_on", flat=True)) == [date(2026, 3, 21)] * 6


def test_a_csv_saved_by_thai_windows_excel_in_windows_874_is_read(client, people, tmp_path):
    path = write_csv(tmp_path / "thai-excel.csv", [row(ref="W-1", received="21/03/2569")], encoding="cp874")
    preview_and_confirm(login(client, people["bob"]), path)
    ticket = Ticket.objects.get()
    assert (ticket.subject, ticket.received_on) == ("ถนนหน้าสำนักงานชำรุด", date(2026, 3, 21))


# --- The token -------------------------------------------------------------------------------------------

def test_bobs_confirm_token_does_not_exist_for_carol(client, people, tmp_path):
    preview_url = upload(login(client, people["bob"]), write_xlsx(tmp_path / "bob.xlsx", [row()]))
    carol = login(client, people["carol"])
    assert carol.get(preview_url).status_code == 404
    assert carol.post(preview_url, {"confirm": "1"}).status_code == 404
    assert carol.post(preview_url, {"cancel": "1"}).status_code == 404
    assert Ticket.objects.count() == 0
    bob = login(client, people["bob"])
    assert bob.post(preview_url, {"confirm": "1"}).status_code == 302
    assert Ticket.objects.count() == 1


def test_a_malformed_or_expired_token_is_404(client, people, tmp_path, monkeypatch):
    client = login(client, people["bob"])
    assert client.get(reverse("complaints:import-confirm", args=["..%2F..%2Fetc"])).status_code == 404
    preview_url = upload(client, write_xlsx(tmp_path / "old.xlsx", [row()]))
    later = timezone.now() + timedelta(hours=25)
    monkeypatch.setattr("core.imports.timezone.now", lambda: later)
    assert client.get(preview_url).status_code == 404


def test_cancelling_discards_the_upload(client, people, tmp_path):
    client = login(client, people["bob"])
    preview_url = upload(client, write_xlsx(tmp_path / "cancel.xlsx", [row()]))
    assert client.post(preview_url, {"cancel": "1"}).status_code == 302
    assert client.get(preview_url).status_code == 404
    assert Ticket.objects.count() == 0


# --- Cost ------------------------------------------------------------------------------------------------

def test_checking_a_file_reads_the_database_a_fixed_number_of_times(bob, people, tmp_path):
    def queries_for(n):
        path = write_xlsx(tmp_path / f"rows-{n}.xlsx", [row(ref=f"Q-{i}") for i in range(n)])
        with CaptureQueriesContext(connection) as ctx:
            tickets_import_check(rows=read_sheet(path), user=bob, today=timezone.localdate())
        return len(ctx)

    assert queries_for(5) == queries_for(400)


def test_an_upload_keeps_the_rows_read_from_the_file_for_its_owner(bob, people, tmp_path):
    path = write_xlsx(tmp_path / "keep.xlsx", [row(received=datetime(2026, 3, 21))])
    with open(path, "rb") as f:
        kept = upload_save(file=SimpleUploadedFile("keep.xlsx", f.read()), user=bob)
    assert len(kept.token) == 32
    assert list(StoredRows(kept.store())) == read_sheet(path), "date cells come back as dates"
    assert sorted(p.name for p in kept.folder.iterdir()) == ["owner.json", "rows.jsonl.gz"], "the rows, not the file"


# --- Files made to exhaust the machine --------------------------------------------------------------------

def test_the_attackers_file_is_refused_at_upload_in_thai_and_leaves_nothing_behind(client, people, tmp_path,
                                                                                   settings):
    """200,000 rows of one 2,000-character shared string: 1.9 GB to upload before; now a Thai message."""
    from core.testing.sheets import write_xlsx as write_raw_xlsx

    path = write_raw_xlsx(tmp_path / "attack.xlsx", [HEADERS] + [[("s", 0)] * 12] * 200_000,
                          shared=["ก" * 2_000])
    login(client, people["bob"])
    with open(path, "rb") as f:
        response = client.post(IMPORT_URL, {"file": f})
    assert response.status_code == 200
    assert "ข้อความในไฟล์รวมกันเกิน 30,000,000 ตัวอักษร" in response.content.decode()
    uploads = settings.MEDIA_ROOT / "imports"
    assert not any(uploads.iterdir()), "the upload and anything read from it are removed"
    assert not Ticket.objects.exists()


def test_a_file_over_the_row_limit_is_refused_at_upload(client, people, tmp_path, monkeypatch):
    from complaints import imports
    from core.sheets import SheetLimits

    monkeypatch.setattr(imports, "LIMITS", SheetLimits(rows=3))
    path = write_xlsx(tmp_path / "four.xlsx", [row(ref=f"R-{n}") for n in range(4)])
    login(client, people["bob"])
    with open(path, "rb") as f:
        body = client.post(IMPORT_URL, {"file": f}).content.decode()
    assert "ไฟล์มีข้อมูลเกิน 3 แถว กรุณาแบ่งเป็นหลายไฟล์" in body


def test_the_preview_lists_errors_a_page_at_a_time(client, people, tmp_path):
    path = write_xlsx(tmp_path / "bad.xlsx", [row(ref=f"R-{n}", kind="ไม่มีประเภทนี้") for n in range(250)])
    login(client, people["bob"])
    preview_url = upload(client, path)

    def error_list(page) -> str:
        body = page.content.decode()
        start = body.index('id="import-errors"')
        return body[start:body.index("</ul>", start)]

    first = client.get(preview_url)
    assert "พบข้อผิดพลาด 250 แถว" in first.content.decode()
    assert "ข้อผิดพลาดที่ 1–100 จากทั้งหมด 250 รายการ" in first.content.decode()
    assert "แถว 101 ช่อง ประเภทเรื่อง" in error_list(first) and "แถว 102 ช่อง" not in error_list(first)
    last = client.get(preview_url, {"errors": 3})
    assert "ข้อผิดพลาดที่ 201–250 จากทั้งหมด 250 รายการ" in last.content.decode()
    assert "แถว 251 ช่อง ประเภทเรื่อง" in error_list(last) and "แถว 2 ช่อง" not in error_list(last)


def test_confirming_removes_the_kept_rows(client, people, tmp_path, settings):
    path = write_xlsx(tmp_path / "one.xlsx", [row()])
    login(client, people["bob"])
    _preview, confirmed = preview_and_confirm(client, path)
    assert confirmed.status_code == 302 and Ticket.objects.count() == 1
    assert not any((settings.MEDIA_ROOT / "imports").iterdir())
