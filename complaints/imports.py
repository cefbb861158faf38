"""Spreadsheet import of tickets (CSV or XLSX): read a file's rows, check every row, then write all rows or none.

Written by hand rather than with django-import-export's `import_data`: that builds and diffs one instance per
row, and each row would go through `ticket_create` (about ten queries). 50,000 rows that way took over four
minutes on SQLite, and the issue asks for under 60 s. Here offices, channels, categories and the source
references already imported are read in a few queries up front, and every row is checked in memory.

A good row becomes the `TicketIntake` every way in gives `services`, and the file's tickets are written by
`services.tickets_create`, the step `ticket_create` takes for one ticket (a test compares the two): the intake
checks, the deadline rule and calendar, references, tracking codes, the complainant key and the timeline live there.
Re-importing a row whose receiving office already has its source reference skips it: no ticket, no timeline line,
no notification.

Keeping the upload between preview and confirm is the shared import core's (`core.imports`), and so are the pages
(`core.import_views`).
"""
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl.utils.datetime import from_excel

from channels.selectors import channel_list
from core.db import in_chunks
from core.imports import (
    ERROR,
    EXISTS,
    NEW,
    ImportCheck,
    ImportRejected,
    RowStore,
    RowVerdict,
    Upload,
    UploadFolder,
    cell_text,
    sheet_rows,
)
from core.offices.models import Office
from core.offices.scoping import visible_offices
from core.sheets import SheetLimits
from core.thai_dates import BE_OFFSET, parse_date

from .choices import Kind
from .models import Category, Ticket
from .resources import REQUIRED_COLUMNS, TicketResource, kind_labels
from .services import TicketIntake, intake_validate, tickets_create

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# What one file may hold: the 50,000 rows the speed bar names (make bench), about 600 characters a row on average.
LIMITS = SheetLimits(rows=50_000, total_chars=30_000_000)
# They hold complainants' details until confirmed, cancelled or expired (and pruned nightly: tasks.py).
UPLOADS = UploadFolder("imports", max_bytes=MAX_UPLOAD_BYTES)

_YES = {"ใช่", "y", "yes", "true", "1"}
_NO = {"", "ไม่ใช่", "ไม่", "n", "no", "false", "0", "-"}


@dataclass
class Row(RowVerdict):
    """One spreadsheet row: its number as the spreadsheet shows it (the header is row 1), its cells, its verdict."""

    number: int
    text: dict[str, str]
    received_on: date | None = None
    status: str = NEW
    errors: list[str] = field(default_factory=list)
    intake: TicketIntake | None = None  # the ticket a new row becomes


class StoredRows:
    """The kept rows as (row number, {field name: cell value}), read from disk each time they are walked."""

    def __init__(self, store: RowStore):
        self.store = store
        self.columns = store.meta()["columns"]  # FileNotFoundError once confirmed or cancelled

    def __iter__(self) -> Iterator[tuple[int, dict]]:
        for number, values in self.store:
            yield number, dict(zip(self.columns, values))


# --- Reading ------------------------------------------------------------------------------------------------

def read_sheet(path: Path) -> list[tuple[int, dict]]:
    """(row number, {field name: cell value}) for every non-empty row under the header of the first sheet."""
    rows = list(_records(path))
    if not rows:
        raise ImportRejected(["ไม่พบข้อมูลในไฟล์ (มีแต่แถวหัวตาราง)"])
    return rows


def _records(path: Path):
    """The rows of `read_sheet`, one at a time, straight from the file."""
    cells_by_row = sheet_rows(path, LIMITS)
    try:
        columns = _columns(next(cells_by_row, (1, ()))[1])
        for number, cells in cells_by_row:
            raw = {name: cells[index] if index < len(cells) else None for name, index in columns.items()}
            if any(cell_text(value) for value in raw.values()):  # empty rows between and below the data do not count
                yield number, raw
    finally:
        cells_by_row.close()


def _columns(header: tuple) -> dict[str, int]:
    """{field name: column index} from the header row; every required column must be there."""
    by_header = {title: name for name, title in TicketResource.headers().items()}
    columns = {}
    for index, title in enumerate(header):
        name = by_header.get(cell_text(title))
        if name and name not in columns:
            columns[name] = index
    missing = [TicketResource.headers()[name] for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise ImportRejected([
            "แถวแรกของไฟล์ต้องเป็นหัวตารางตามแบบฟอร์ม ไม่พบคอลัมน์: " + ", ".join(missing)
            + " (ดาวน์โหลดแบบฟอร์มจากหน้านี้)"
        ])
    return columns


def _key(text: str) -> str:
    """How a code or a name is matched: case and repeated spaces do not matter."""
    return " ".join(text.split()).casefold()


def _received_on(value) -> date:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        value = from_excel(value)  # a date cell that lost its date format: an Excel serial number
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        # 21/11/2569 typed into a date cell under a Gregorian locale is kept as the year 2569: a BE year.
        if value.year > 2400:
            try:
                return value.replace(year=value.year - BE_OFFSET)
            except ValueError as exc:  # 29 February of a BE year that is not a leap year in CE
                raise ValueError(f"ไม่มีวันที่นี้ในปฏิทิน: “{value:%d/%m/%Y}”") from exc
        return value
    return parse_date(str(value))


def _flag(value) -> bool:
    if isinstance(value, bool):
        return value
    text = _key(cell_text(value))
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"ต้องเป็น “ใช่” หรือ “ไม่ใช่” (ว่าง = ไม่ใช่) ไม่ใช่ “{cell_text(value)}”")


# --- Checking -----------------------------------------------------------------------------------------------

@dataclass
class _Lookups:
    """Everything a row is matched against, read once per file."""

    offices: dict[str, Office]
    channels: dict
    kinds: dict[str, str]
    categories: dict[str, Category]
    existing: set[tuple[int, str]] = field(default_factory=set)

    @classmethod
    def load(cls, *, user) -> "_Lookups":
        channels = {}
        for channel in channel_list():
            channels.setdefault(_key(channel.name), channel)
            channels[_key(channel.code)] = channel
        kinds = {_key(label): value for value, label in kind_labels().items()} | {value: value for value in Kind.values}
        return cls(
            # Only the offices the user may import for: any other code is unknown, whether it exists or not.
            offices={_key(office.code): office for office in visible_offices(user).only("id", "code")},
            channels=channels,
            kinds=kinds,
            categories={_key(category.name): category
                        for category in Category.objects.filter(is_active=True).select_related("deadline_rule")},
        )

    def load_existing(self, pairs: set[tuple[int, str]]) -> None:
        """Which (receiving office, source reference) pairs are already tickets, a few hundred per query."""
        by_ref: dict[str, set[int]] = {}
        for office_id, ref in pairs:
            by_ref.setdefault(ref, set()).add(office_id)
        refs = list(by_ref)
        office_ids = {office_id for office_id, _ref in pairs}
        for chunk in in_chunks(refs):
            self.existing.update(
                # exclude(source_ref="") repeats the unique index's condition, so the database can use that index.
                Ticket.objects.filter(source_ref__in=chunk, receiving_office_id__in=office_ids)
                .exclude(source_ref="").order_by().values_list("receiving_office_id", "source_ref")
            )


def tickets_import_check(*, rows: Iterable[tuple[int, dict]], user, today: date) -> ImportCheck:
    """Judge every row read from a sheet: new, already imported, or wrong and why. Writes nothing. `rows` is walked
    twice (a list, or the kept rows read from disk each time)."""
    lookups = _Lookups.load(user=user)
    pairs = set()
    for _number, raw in rows:
        office = lookups.offices.get(_key(cell_text(raw["office"])))
        if office and cell_text(raw["source_ref"]):
            pairs.add((office.pk, cell_text(raw["source_ref"])))
    lookups.load_existing(pairs)
    seen: dict[tuple[str, str], int] = {}
    return ImportCheck([_check_row(number, raw, lookups=lookups, seen=seen, today=today) for number, raw in rows])


def _check_row(number: int, raw: dict, *, lookups: _Lookups, seen: dict, today: date) -> Row:
    text = {name: cell_text(raw.get(name)) for name in TicketResource.headers()}
    row = Row(number, text)
    errors: dict[str, str] = {}

    office = lookups.offices.get(_key(text["office"]))
    if not text["office"]:
        errors["office"] = "กรุณาระบุรหัสหน่วยงาน"
    elif office is None:
        errors["office"] = f"ไม่พบหน่วยงานรหัส “{text['office']}” ในหน่วยงานที่ท่านนำเข้าได้"
    ref = text["source_ref"]
    if not ref:
        errors["source_ref"] = "กรุณาระบุเลขอ้างอิงต้นทาง (ใช้ป้องกันการนำเข้าซ้ำ)"
    elif office is not None and (office.pk, ref) in lookups.existing:
        row.status = EXISTS  # imported before: skipped whatever its other cells say now
        return row
    elif (first := seen.setdefault((_key(text["office"]), ref), number)) != number:
        errors["source_ref"] = f"เลขอ้างอิงต้นทาง “{ref}” ซ้ำกับแถว {first} ในไฟล์นี้"

    kind = lookups.kinds.get(_key(text["kind"]))
    if kind is None:
        errors["kind"] = (f"ไม่รู้จักประเภทเรื่อง “{text['kind']}” "
                          "(ใช้ ข้อร้องเรียน ข้อเสนอแนะ ข้อคิดเห็น หรือ คำชมเชย)" if text["kind"] else "กรุณาระบุประเภทเรื่อง")
    channel = lookups.channels.get(_key(text["channel"]))
    if channel is None:
        errors["channel"] = (f"ไม่พบช่องทาง “{text['channel']}” (ใช้รหัสหรือชื่อช่องทางตามแผ่นงาน “รายการที่ใช้ได้”)"
                             if text["channel"] else "กรุณาระบุช่องทาง")
    if not text["received_on"]:
        errors["received_on"] = "กรุณาระบุวันที่รับเรื่อง"
    else:
        try:
            row.received_on = _received_on(raw["received_on"])
        except ValueError as exc:
            errors["received_on"] = str(exc)
    category = lookups.categories.get(_key(text["category"])) if text["category"] else None
    if text["category"] and category is None:
        errors["category"] = f"ไม่พบหมวดหมู่ “{text['category']}”"
    flags = {}
    for name in ("anonymous", "confidential"):
        try:
            flags[name] = _flag(raw.get(name))
        except ValueError as exc:
            errors[name] = str(exc)
    try:
        # The intake rules (no future receipt, subject and detail required, every length) live in the service;
        # stand-ins replace the cells that already failed so that every other cell is still checked.
        intake_validate(kind=kind or Kind.COMPLAINT, received_on=row.received_on or today, today=today,
                        subject=text["subject"], detail=text["detail"], complainant_name=text["complainant_name"],
                        complainant_contact=text["complainant_contact"], source_ref=ref)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages[0])

    if errors:
        row.status = ERROR
        row.errors = [f"แถว {number} ช่อง {title}: {errors[name]}"
                      for name, title in TicketResource.headers().items() if name in errors]
        return row
    row.intake = TicketIntake(kind=kind, channel=channel, office=office, received_on=row.received_on,
                              subject=text["subject"], detail=text["detail"], category=category,
                              complainant_name=text["complainant_name"],
                              complainant_contact=text["complainant_contact"], source_ref=ref, **flags)
    return row


# --- Writing ------------------------------------------------------------------------------------------------

def tickets_import(*, rows: Iterable[tuple[int, dict]], user, today: date,
                   filename: str = "") -> tuple[ImportCheck, list[str]]:
    """Check the file again and create a ticket for every new row: all of them, or none and ImportRejected.
    Returns the check and the new tickets' references."""
    try:
        with transaction.atomic():
            # Checked again inside the transaction: another import may have written some of these rows since.
            check = tickets_import_check(rows=rows, user=user, today=today)
            if not check.ok:
                raise ImportRejected([f"พบข้อผิดพลาด {check.error_count} แถว"], check)
            references = tickets_create(intakes=[replace(row.intake, origin=_origin(filename, row.number))
                                                 for row in check.rows if row.status == NEW], by=user, today=today)
    except IntegrityError as exc:
        raise ImportRejected([("มีการบันทึกเรื่องเลขอ้างอิงต้นทางเดียวกันพร้อมกันจากที่อื่น "
                               "กรุณาตรวจสอบไฟล์อีกครั้ง")]) from exc
    return check, references


def _origin(filename: str, row: int) -> str:
    return f"นำเข้าจากไฟล์ “{filename}” แถว {row}" if filename else f"นำเข้าจากไฟล์ แถว {row}"


# --- The upload, and the steps its pages take ------------------------------------------------------------------

def upload_save(*, file, user) -> Upload:
    """Read an uploaded sheet and keep its rows for its owner. Refuses a file that is too big, not CSV/XLSX,
    without the template's header row, or without data."""
    return UPLOADS.keep(file=file, user=user, read=_kept_rows)


def upload_get(*, token: str, user) -> Upload | None:
    """The user's own upload, or None: unknown, expired, or someone else's (which must look the same)."""
    return UPLOADS.find(token=token, user=user)


def uploads_prune() -> None:
    UPLOADS.prune()


def upload_check(*, upload: Upload, user) -> ImportCheck:
    """The preview: every kept row judged, nothing written."""
    return tickets_import_check(rows=StoredRows(upload.store()), user=user, today=timezone.localdate())


def upload_write(*, upload: Upload, user) -> tuple[ImportCheck, int]:
    """The confirm: every new row written, or none (ImportRejected); returns the check and how many tickets."""
    check, references = tickets_import(rows=StoredRows(upload.store()), user=user, today=timezone.localdate(),
                                       filename=upload.name)
    return check, len(references)


def _kept_rows(path: Path) -> tuple[dict, Iterator[list]]:
    """What an upload keeps of its file: the field names, then [row number, cell values] per row."""
    columns = list(TicketResource.headers())
    return {"columns": columns}, ([number, [raw.get(name) for name in columns]] for number, raw in _records(path))
