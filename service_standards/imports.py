"""Spreadsheet import of service records (CSV or XLSX) for one office: template, upload, check, write.

One row per record: the service (its name, or its number from the template's list; one file may hold several
services), the office's own reference, the received date, the completed date (blank: still open), and for a minute
standard the received and completed times; optionally the step it is at (its order number). Dates as the other
imports take them (21/11/2569, 21 พ.ย. 69, ISO 2026-11-21, or a date cell).

Every rule of a record is `services.record_errors`'s, the one the form and the API run: the preview shows its verdict
on every row (a new record, one that updates the record of the same reference, or what is wrong, "แถวที่ 5
วันที่แล้วเสร็จ: …"), and the confirm judges again and writes through `services.records_save`, every service's rows
in one transaction: all rows or none. Importing the same file again changes nothing new; a file with later
completion dates updates the records of the same reference.

Speed (make bench: 100,000 rows under 60 s): the services, their steps and the references already saved are read in
a few queries up front (the references a few hundred per query), every row is checked in memory, and
`records_save` computes every due date from one calendar and writes in batches. Reading and keeping the upload are
the shared import core's (`core.imports`, `core.sheets`); the pages are `core.import_views`'.
"""
import re
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl.styles import Font
from openpyxl.utils.datetime import from_excel

from core import exports
from core.db import in_chunks
from core.imports import ERROR, NEW, ImportCheck, ImportRejected, Upload, UploadFolder, cell_text, sheet_rows
from core.offices.models import Office
from core.offices.pickers import may_edit
from core.sheets import SheetLimits
from core.thai_dates import BE_OFFSET, format_short, parse_date

from . import services
from .choices import StandardUnit
from .models import Service, ServiceRecord, ServiceStep
from .selectors import services_for_office

__all__ = ["ImportRejected"]

PERMISSION = "service_standards.add_servicerecord"
# The columns, by the names the service takes, and their Thai headers (the template's first row).
COLUMNS = {
    "service": "งานบริการ",
    "reference": "เลขที่อ้างอิง",
    "received_on": "วันที่รับคำขอ",
    "received_time": "เวลารับคำขอ",
    "completed_on": "วันที่แล้วเสร็จ",
    "completed_time": "เวลาแล้วเสร็จ",
    "step": "ขั้นตอนปัจจุบัน (ลำดับ)",
}
REQUIRED = ("service", "reference", "received_on", "completed_on")
HEADERS = list(COLUMNS.values())
# Labels of the service's error keys, as the messages name the column.
LABELS = {**COLUMNS, "received_at": COLUMNS["received_time"], "completed_at": COLUMNS["completed_time"],
          "step": "ขั้นตอนปัจจุบัน"}
EXAMPLE_REFERENCE = "ตัวอย่าง-ลบแถวนี้"
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A district's year of records at most; 100,000 rows is the bar make bench measures.
LIMITS = SheetLimits(rows=100_000, total_chars=20_000_000)
UPLOADS = UploadFolder("service-record-imports", max_bytes=MAX_UPLOAD_BYTES)
UPDATED = "updated"
STATUS_LABELS = {NEW: "ใหม่", UPDATED: "ปรับปรุงรายการเดิม", ERROR: "ผิดพลาด"}


# --- The template ---------------------------------------------------------------------------------------------------

def _example(office: Office) -> list:
    service = services_for_office(office=office).first()
    name = service.name if service else "ชื่องานบริการตามแผ่นงาน “งานบริการ”"
    minutes = service is not None and service.standard_unit == StandardUnit.MINUTES
    today = timezone.localdate()
    return [name, EXAMPLE_REFERENCE, f"{today:%d/%m}/{today.year + BE_OFFSET}", "09:00" if minutes else "",
            f"{today:%d/%m}/{today.year + BE_OFFSET}", "10:30" if minutes else "", ""]


def template_xlsx(*, office: Office) -> bytes:
    """The form to fill in: the headers and one example row, how to fill it in, and the services the office uses
    (number, name, standard, steps)."""
    book = exports.new_workbook(write_only=False)  # bold headers and frozen panes
    records = exports.add_sheet(book, "บันทึกการให้บริการ")
    records.append(HEADERS)
    for cell in records.worksheet[1]:
        cell.font = Font(bold=True)
    records.append(_example(office))
    for cell in records.worksheet[2]:
        cell.font = Font(italic=True, color="808080")
    records.worksheet.freeze_panes = "A2"
    for letter, width in zip("ABCDEFG", (40, 20, 16, 12, 16, 12, 20), strict=True):
        records.worksheet.column_dimensions[letter].width = width
    notes = exports.add_sheet(book, "วิธีกรอก")
    for line in (
        [f"หนึ่งแถวต่อหนึ่งเรื่องที่ให้บริการของ {office.name} ห้ามแก้แถวหัวตาราง และลบแถวตัวอย่างก่อนนำเข้า"],
        ["งานบริการ: ชื่อหรือเลขที่ของงานบริการตามแผ่นงาน “งานบริการ” ไฟล์เดียวมีหลายงานบริการได้"],
        ["เลขที่อ้างอิง: เลขที่ของหน่วยงานเอง ไม่ซ้ำกันในงานบริการเดียวกัน นำเข้าเลขเดิมซ้ำจะปรับปรุงรายการเดิม"],
        ["วันที่: วัน/เดือน/ปี พ.ศ. เช่น 21/11/2569 หรือ 21 พ.ย. 69 หรือ 2026-11-21"],
        ["วันที่แล้วเสร็จ: ว่างไว้ = ยังไม่แล้วเสร็จ"],
        ["เวลา: ชั่วโมง:นาที เช่น 09:15 เฉพาะงานบริการที่มาตรฐานเป็นนาที"],
        ["ขั้นตอนปัจจุบัน: ลำดับของขั้นตอนตามแผ่นงาน “งานบริการ” (ไม่บังคับ)"],
        ["ไม่นับวันรับคำขอ มาตรฐานเป็นวันทำการไม่นับวันหยุดราชการและวันเสาร์อาทิตย์ มาตรฐานเป็นนาทีนับเฉพาะเวลาราชการ"],
    ):
        notes.append(line)
    listing = exports.add_sheet(book, "งานบริการ")
    listing.append(["เลขที่", "ชื่องานบริการ", "มาตรฐาน", "ขั้นตอน (ลำดับ. ชื่อ)"])
    for service in services_for_office(office=office).prefetch_related("steps"):
        steps = "; ".join(f"{step.order}. {step.name}" for step in service.steps.all())
        listing.append([service.pk, service.name, service.standard_label, steps])
    return exports.xlsx_bytes(book)


def template_csv(*, office: Office) -> bytes:
    return exports.csv_bytes([HEADERS, _example(office)])


# --- Reading --------------------------------------------------------------------------------------------------------

def _columns(header: tuple) -> dict[str, int]:
    """{column name: index} from the header row; the required columns must be there, nothing else may."""
    by_title = {title: name for name, title in COLUMNS.items()}
    columns, unknown = {}, []
    for index, title in enumerate(header):
        title = cell_text(title)
        if title in by_title:
            columns.setdefault(by_title[title], index)
        elif title:
            unknown.append(title)
    messages = []
    if missing := [COLUMNS[name] for name in REQUIRED if name not in columns]:
        messages.append("แถวแรกของไฟล์ต้องเป็นหัวตารางตามแบบฟอร์ม ไม่พบคอลัมน์: " + ", ".join(missing))
    if unknown:
        messages.append("คอลัมน์ที่ไม่อยู่ในแบบฟอร์ม: " + ", ".join(unknown[:10]))
    if messages:
        raise ImportRejected([*messages, "(ดาวน์โหลดแบบฟอร์มจากหน้านี้)"])
    return columns


def _reader(office: Office):
    def read(path: Path) -> tuple[dict, Iterator[list]]:
        """The office, then [row number, cell values in COLUMNS order] of every row with data, from the file."""
        cells_by_row = sheet_rows(path, LIMITS)
        try:
            columns = _columns(next(cells_by_row, (1, ()))[1])
        except BaseException:
            cells_by_row.close()
            raise
        indexes = [columns.get(name) for name in COLUMNS]

        def rows():
            with closing(cells_by_row):
                for number, cells in cells_by_row:
                    width = len(cells)
                    values = [cells[i] if i is not None and i < width else None for i in indexes]
                    if any(value not in (None, "") for value in values):  # empty rows do not count
                        yield [number, values]

        return {"office": office.pk}, rows()
    return read


# --- Cells ----------------------------------------------------------------------------------------------------------

_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:\s*น\.?)?")
_ARABIC = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def _date_cell(value) -> date:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        value = from_excel(value)  # a date cell that lost its date format: an Excel serial number
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        if value.year > 2400:  # 21/11/2569 typed into a date cell under a Gregorian locale: a BE year
            try:
                return value.replace(year=value.year - BE_OFFSET)
            except ValueError as exc:
                raise ValueError(f"ไม่มีวันที่นี้ในปฏิทิน: “{value:%d/%m/%Y}”") from exc
        return value
    return parse_date(cell_text(value))


def _time_cell(value) -> time:
    if isinstance(value, datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:  # a time cell that lost its format: a fraction of a day
        return (datetime.min + timedelta(seconds=round(value * 86400))).time()
    text = cell_text(value).translate(_ARABIC)
    match = _TIME.fullmatch(text)
    if match and int(match[1]) < 24 and int(match[2]) < 60:
        return time(int(match[1]), int(match[2]))
    raise ValueError(f"อ่านเวลาไม่ได้: “{cell_text(value)[:20]}” (ชั่วโมง:นาที เช่น 09:15)")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


# --- Checking -------------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Row:
    """One spreadsheet row as the preview lists it (the header is row 1) and, when good, what `records_save` takes."""

    number: int
    service: str
    reference: str
    received: str
    completed: str
    status: str = NEW
    errors: list[str] = field(default_factory=list)
    service_id: int | None = None
    record: dict | None = None

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class RecordCheck(ImportCheck):
    """The verdict on a sheet: rows that add a record (new), update one of the same reference, or are wrong."""

    office: Office | None = None

    @property
    def updated_count(self) -> int:
        return self._count(UPDATED)

    @property
    def written_count(self) -> int:
        return self.new_count + self.updated_count


@dataclass
class _Lookups:
    """The office's services by number and by name, their steps by order: read once per file."""

    by_id: dict[int, Service]
    by_name: dict[str, list[Service]]
    steps: dict[tuple[int, int], ServiceStep]

    @classmethod
    def load(cls, office: Office) -> "_Lookups":
        services = list(services_for_office(office=office))
        by_name: dict[str, list[Service]] = {}
        for service in services:
            by_name.setdefault(_key(service.name), []).append(service)
        steps = {(step.service_id, step.order): step
                 for step in ServiceStep.objects.filter(service__in=[s.pk for s in services])}
        return cls({s.pk: s for s in services}, by_name, steps)

    def service(self, value) -> tuple[Service | None, str | None]:
        text = cell_text(value)
        if not text:
            return None, "กรุณาระบุงานบริการ"
        if text.isdecimal() and int(text) in self.by_id:
            return self.by_id[int(text)], None
        found = self.by_name.get(_key(text), [])
        if len(found) > 1:
            return None, f"มีงานบริการชื่อ “{text[:100]}” มากกว่าหนึ่งรายการ กรุณาใช้เลขที่ตามแผ่นงาน “งานบริการ”"
        if not found:
            return None, (f"ไม่พบงานบริการ “{text[:100]}” ในงานบริการที่หน่วยงานนี้ใช้ "
                          "(ใช้ชื่อหรือเลขที่ตามแผ่นงาน “งานบริการ” ของแบบฟอร์ม)")
        return found[0], None


def _check_row(number: int, cells: list, lookups: _Lookups) -> Row:
    raw = dict(zip(COLUMNS, cells, strict=True))
    text = {name: cell_text(value) for name, value in raw.items()}
    row = Row(number, text["service"], text["reference"], text["received_on"], text["completed_on"])
    errors: dict[str, str] = {}
    service, problem = lookups.service(raw["service"])
    if problem:
        errors["service"] = problem
    if text["reference"] == EXAMPLE_REFERENCE:
        errors["reference"] = "แถวตัวอย่างของแบบฟอร์ม กรุณาลบแถวนี้ก่อนนำเข้า"
    days: dict[str, date | None] = {}
    for name, required in (("received_on", True), ("completed_on", False)):
        if not text[name]:
            days[name] = None
            if required:
                errors[name] = "กรุณาระบุวันที่รับคำขอ"
            continue
        try:
            days[name] = _date_cell(raw[name])
        except ValueError as exc:
            errors[name] = str(exc)
    row.received = format_short(days["received_on"]) if days.get("received_on") else text["received_on"]
    row.completed = format_short(days["completed_on"]) if days.get("completed_on") else text["completed_on"]
    record: dict = {"reference": text["reference"]}
    if service is not None and service.standard_unit == StandardUnit.MINUTES:
        for day_name, time_name, at in (("received_on", "received_time", "received_at"),
                                        ("completed_on", "completed_time", "completed_at")):
            day = days.get(day_name)
            if text[time_name]:
                try:
                    moment = _time_cell(raw[time_name])
                except ValueError as exc:
                    errors[time_name] = str(exc)
                    continue
                if day is None and day_name not in errors:
                    errors[day_name] = "กรุณาระบุวันที่คู่กับเวลา"
            elif isinstance(raw[day_name], datetime) and day is not None:
                moment = raw[day_name].time()  # a date-and-time cell in the date column
            else:
                moment = None
            # A date without its time is passed as a date: the service answers that the time is needed.
            record[at] = (timezone.make_aware(datetime.combine(day, moment)) if day and moment else day)
        if isinstance(record.get("received_at"), datetime):
            row.received += f" {record['received_at']:%H:%M}"
        if isinstance(record.get("completed_at"), datetime):
            row.completed += f" {record['completed_at']:%H:%M}"
    else:
        record["received_on"], record["completed_on"] = days.get("received_on"), days.get("completed_on")
    if text["step"] and service is not None:
        step = lookups.steps.get((service.pk, int(text["step"]))) if text["step"].isdecimal() else None
        if step is None:
            errors["step"] = f"ไม่พบขั้นตอนลำดับที่ “{text['step'][:20]}” ของงานบริการนี้"
        record["step"] = step
    if service is not None:
        for name, message in services.record_errors(service=service, row=record).items():
            name = {"received_at": "received_time", "completed_at": "completed_time"}.get(name, name)
            if name in ("received_time", "completed_time"):
                day_name = name.replace("_time", "_on")
                if day_name in errors:  # the date was already wrong: the time's message would repeat it
                    continue
            errors.setdefault(name, message)
    if errors:
        row.status = ERROR
        row.errors = [f"แถวที่ {number} {LABELS[name]}: {errors[name]}" for name in COLUMNS if name in errors]
        return row
    row.service_id, row.record = service.pk, record
    return row


def records_import_check(*, office: Office, rows: Iterable[tuple[int, list]]) -> RecordCheck:
    """Judge every row read from a sheet for `office`: a new record, an update of the same reference, or wrong and
    why. Writes nothing. A fixed number of queries, plus one per few hundred references."""
    lookups = _Lookups.load(office)
    checked = [_check_row(number, cells, lookups) for number, cells in rows]
    seen: dict[tuple[int, str], int] = {}
    for row in checked:
        if row.status == ERROR:
            continue
        first = seen.setdefault((row.service_id, row.reference), row.number)
        if first != row.number:
            row.status = ERROR
            row.errors = [f"แถวที่ {row.number} {COLUMNS['reference']}: เลขที่อ้างอิง “{row.reference[:64]}” "
                          f"ของงานบริการนี้ซ้ำกับแถวที่ {first} ในไฟล์นี้"]
    references: dict[int, list[str]] = {}
    for service_id, reference in seen:
        references.setdefault(service_id, []).append(reference)
    existing: set[tuple[int, str]] = set()
    for service_id, refs in references.items():
        for chunk in in_chunks(refs):
            existing.update(ServiceRecord.objects.filter(office=office, service_id=service_id, reference__in=chunk)
                            .order_by().values_list("service_id", "reference"))
    for row in checked:
        if row.status != ERROR and (row.service_id, row.reference) in existing:
            row.status = UPDATED
    return RecordCheck(rows=checked, office=office)


def records_import(*, office: Office, rows: Iterable[tuple[int, list]]) -> RecordCheck:
    """Check the file again and save every row, each service's through `records_save`, in one transaction: all of
    them or none (ImportRejected)."""
    try:
        with transaction.atomic():
            # Checked again inside the transaction: the records may have changed since the preview.
            check = records_import_check(office=office, rows=rows)
            if not check.ok:
                raise ImportRejected([f"พบข้อผิดพลาด {check.error_count:,} แถว"], check)
            by_service: dict[int, list[dict]] = {}
            for row in check.rows:
                by_service.setdefault(row.service_id, []).append(row.record)
            found = Service.objects.in_bulk(list(by_service))
            for service_id, records in by_service.items():
                services.records_save(office=office, service=found[service_id], rows=records, read_back=False)
    except ValidationError as exc:
        raise ImportRejected(exc.messages) from exc
    except IntegrityError as exc:
        raise ImportRejected(["มีการบันทึกเลขที่อ้างอิงเดียวกันพร้อมกันจากที่อื่น กรุณาตรวจสอบไฟล์อีกครั้ง"]) from exc
    return check


# --- The upload, and the steps its pages take -----------------------------------------------------------------------

def upload_save(*, file, user, office: Office) -> Upload:
    """Read an uploaded sheet of `office`'s records and keep its rows for its owner. Refuses a file that is too big,
    not CSV/XLSX, without the template's columns, or without data."""
    if not may_edit(user, PERMISSION, office):
        raise PermissionDenied
    return UPLOADS.keep(file=file, user=user, read=_reader(office))


def upload_get(*, token: str, user) -> Upload | None:
    """The user's own upload, or None: unknown, expired, or someone else's (which must look the same)."""
    return UPLOADS.find(token=token, user=user)


def _office_of(upload: Upload, user) -> Office:
    """The office the upload was made for, if the user may still key its records."""
    office = Office.objects.filter(pk=upload.store().meta()["office"]).first()
    if not may_edit(user, PERMISSION, office):
        raise PermissionDenied
    return office


def upload_check(*, upload: Upload, user) -> RecordCheck:
    """The preview: every kept row judged, nothing written."""
    return records_import_check(office=_office_of(upload, user), rows=upload.store())


def upload_write(*, upload: Upload, user) -> tuple[RecordCheck, int]:
    """The confirm: every row saved, or none (ImportRejected); returns the check and how many records."""
    check = records_import(office=_office_of(upload, user), rows=upload.store())
    return check, check.written_count
