"""Spreadsheet import of channel usage counts (CSV or XLSX): template, upload, check, write.

One row per office, channel and fiscal year: รหัสหน่วยงาน, รหัสช่องทาง, ปีงบประมาณ, จำนวนผู้ใช้ช่องทาง. Every rule is
`services.usage_verdicts`'s, the same the form and the API run: the preview shows its verdict on every row (a new
count, a count that changes and from what, one that stays as it is, or what is wrong), and the confirm judges again
and writes through `services.usage_write`, all rows or none. Importing the same file again changes nothing; a file
with new numbers replaces the counts of the same office, channel and year.

Reading and keeping the upload are the shared import core's (`core.imports`, `core.sheets`); the pages are
`core.import_views`'.
"""
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from openpyxl.styles import Font

from core import exports
from core.imports import ERROR, EXISTS, ImportCheck, ImportRejected, Upload, UploadFolder, cell_text, sheet_rows
from core.sheets import SheetLimits

from . import services
from .selectors import channel_list

__all__ = ["ImportRejected"]

OFFICE, CHANNEL, YEAR, COUNT = "รหัสหน่วยงาน", "รหัสช่องทาง", "ปีงบประมาณ", "จำนวนผู้ใช้ช่องทาง"
HEADERS = [OFFICE, CHANNEL, YEAR, COUNT]
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# 1,000 offices × 20 channels × 5 years; a file of one year for a department is 20,000 rows (make bench).
USAGE_LIMITS = SheetLimits(rows=100_000, total_chars=5_000_000)
UPLOADS = UploadFolder("channel-usage-imports", max_bytes=MAX_UPLOAD_BYTES)
CHANGED = services.CHANGED
STATUS_LABELS = {services.NEW: "ใหม่", CHANGED: "เปลี่ยนจำนวน", EXISTS: "ไม่เปลี่ยน (ข้าม)", ERROR: "ผิดพลาด"}


# --- The template ---------------------------------------------------------------------------------------------


def template_xlsx() -> bytes:
    book = exports.new_workbook(write_only=False)  # bold headers and frozen panes
    counts = exports.add_sheet(book, "จำนวนผู้ใช้ช่องทาง")
    counts.append(HEADERS)
    for cell in counts.worksheet[1]:
        cell.font = Font(bold=True)
    counts.worksheet.freeze_panes = "A2"
    notes = exports.add_sheet(book, "วิธีกรอก")
    for line in (
        ["หนึ่งแถวต่อหน่วยงาน ช่องทาง และปีงบประมาณ ห้ามแก้แถวหัวตาราง"],
        ["รหัสหน่วยงาน: รหัสของหน่วยงานของท่านหรือหน่วยงานในสังกัด"],
        ["ปีงบประมาณ: ปี พ.ศ. เช่น 2569"],
        ["จำนวนผู้ใช้ช่องทาง: จำนวนเต็มตั้งแต่ 0 เฉพาะผู้ใช้ของหน่วยงานนั้นเอง (ระบบรวมยอดหน่วยงานในสังกัดให้)"],
        ["นำเข้าซ้ำได้: หน่วยงาน ช่องทาง และปีเดียวกันจะแทนที่จำนวนเดิม"],
        [],
        ["รหัสช่องทาง", "ชื่อช่องทาง"],
    ):
        notes.append(line)
    for channel in channel_list():
        notes.append([channel.code, channel.name])
    return exports.xlsx_bytes(book)


def template_csv() -> bytes:
    return exports.csv_bytes([HEADERS])


# --- Reading --------------------------------------------------------------------------------------------------


def _columns(header: tuple) -> dict[str, int]:
    columns, unknown = {}, []
    for index, title in enumerate(header):
        title = cell_text(title)
        if title in HEADERS:
            columns.setdefault(title, index)
        elif title:
            unknown.append(title)
    messages = []
    if missing := [h for h in HEADERS if h not in columns]:
        messages.append("แถวแรกของไฟล์ต้องเป็นหัวตารางตามแบบฟอร์ม ไม่พบคอลัมน์: " + ", ".join(missing))
    if unknown:
        messages.append("คอลัมน์ที่ไม่อยู่ในแบบฟอร์ม: " + ", ".join(unknown[:10]))
    if messages:
        raise ImportRejected([*messages, "(ดาวน์โหลดแบบฟอร์มจากหน้านี้)"])
    return columns


def _read(path: Path) -> tuple[dict, Iterator[list]]:
    """[row number, office, channel, year, count] of every row with data, straight from the file."""
    cells_by_row = sheet_rows(path, USAGE_LIMITS)
    try:
        columns = _columns(next(cells_by_row, (1, ()))[1])
    except BaseException:
        cells_by_row.close()
        raise
    indexes = [columns[h] for h in HEADERS]

    def rows():
        with closing(cells_by_row):
            for number, cells in cells_by_row:
                width = len(cells)
                values = [cells[i] if i < width else None for i in indexes]
                texts = [cell_text(v) for v in values[:2]]
                if any(texts) or any(v not in (None, "") for v in values[2:]):  # empty rows do not count
                    yield [number, *texts, *(_number_cell(v) for v in values[2:])]

    return {}, rows()


def _number_cell(value):
    """A number cell as it is (the service reads it); text cleaned like every cell."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else cell_text(value)


# --- Checking and writing -------------------------------------------------------------------------------------


@dataclass
class Row:
    """One spreadsheet row as the preview lists it (the header is row 1)."""

    number: int
    office: str
    channel: str
    fiscal_year: object
    count: object
    status: str = services.NEW
    previous: int | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class UsageCheck(ImportCheck):
    """The verdict on a sheet: rows that add a count (new), change one, stay as they are (`exists`), or are wrong."""

    verdicts: list = field(default_factory=list)

    @property
    def changed_count(self) -> int:
        return self._count(CHANGED)

    @property
    def written_count(self) -> int:
        return self.new_count + self.changed_count


def _check(*, user, rows: list[list]) -> UsageCheck:
    entries = [services.UsageEntry(office, channel, year, count) for _n, office, channel, year, count in rows]
    verdicts = services.usage_verdicts(user=user, entries=entries)
    check = UsageCheck(rows=[], verdicts=verdicts)
    for (number, office, channel, year, count), verdict in zip(rows, verdicts):
        status = EXISTS if verdict.status == services.SAME else verdict.status
        errors = [f"แถว {number}: {message}" for message in verdict.errors.values()]
        check.rows.append(Row(number, office, channel, year, count, status, verdict.previous, errors))
    return check


def usage_import_check(*, user, rows: list[list]) -> UsageCheck:
    """The preview: every row judged, nothing written."""
    return _check(user=user, rows=rows)


@transaction.atomic
def usage_import(*, user, rows: list[list]) -> UsageCheck:
    """The confirm: judged again (counts may have changed since the preview) and written, all rows or none."""
    check = _check(user=user, rows=rows)
    if not check.ok:
        raise ImportRejected([f"พบข้อผิดพลาด {check.error_count} แถว"], check)
    services.usage_write(verdicts=check.verdicts, by=user)
    return check


# --- The upload, and the steps its pages take -------------------------------------------------------------------


def upload_save(*, file, user) -> Upload:
    """Read an uploaded sheet and keep its rows for its owner. Refuses a file that is too big, not CSV/XLSX,
    without the template's columns, or without data."""
    return UPLOADS.keep(file=file, user=user, read=_read)


def upload_get(*, token: str, user) -> Upload | None:
    return UPLOADS.find(token=token, user=user)


def upload_check(*, upload: Upload, user) -> UsageCheck:
    return usage_import_check(user=user, rows=list(upload.store()))


def upload_write(*, upload: Upload, user) -> tuple[UsageCheck, int]:
    check = usage_import(user=user, rows=list(upload.store()))
    return check, check.written_count
