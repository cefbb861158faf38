"""Spreadsheet import of paper questionnaires into a survey round (CSV or XLSX): template, upload, check, write.

Every rule about answers stays in `services`: the preview runs `responses_check` chunk by chunk (nothing is
written) and reports its Thai messages against the spreadsheet's row numbers. Writing runs `responses_record`
the same way in one outer transaction that commits only when every chunk went in, so a file is recorded whole
or not at all while memory stays bounded by the chunk. A row whose form number the round already
has is skipped ("มีอยู่แล้ว (ข้าม)"), so importing the same file twice records it once.

Reading CSV/XLSX (Thai Windows encodings; streamed and bounded: `core.sheets`) and keeping an upload for its owner
and round are the shared import core's (`core.imports`), and so are the pages (`core.import_views`).
"""
import re
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from openpyxl.styles import Font

from core import exports
from core.db import in_chunks
from core.imports import (
    ERROR,
    EXISTS,
    NEW,
    ImportRejected,
    RowVerdict,
    Upload,
    UploadFolder,
    cell_text,
    sheet_rows,
)
from core.imports import ImportCheck as SheetCheck
from core.sheets import SheetLimits

from .choices import ResponseSource
from .models import Item, Response, SurveyRound
from .services import responses_check, responses_record

__all__ = ["ImportRejected"]

FORM_NUMBER_HEADER = "เลขที่แบบสอบถาม"
HEADER_TEXT_LENGTH = 40
MAX_UPLOAD_BYTES = 30 * 1024 * 1024
# What one file may hold: the 100,000 forms the speed bar names (make bench).
SURVEY_LIMITS = SheetLimits(rows=100_000, total_chars=30_000_000)
UPLOADS = UploadFolder("satisfaction-imports", max_bytes=MAX_UPLOAD_BYTES)
# Forms per call to responses_record: its bulk inserts and tally UPDATE stay this size whatever the file.
CHUNK = 5000

_FORM_PREFIX = re.compile(r"^แบบที่ \d+")


# --- The template ---------------------------------------------------------------------------------------------

def template_items(survey: SurveyRound) -> list[Item]:
    return list(survey.questionnaire.items.all())


def template_headers(survey: SurveyRound) -> list[str]:
    """"เลขที่แบบสอบถาม", then "<code> <text>" per item; only the code before the first space is read back."""
    headers = [FORM_NUMBER_HEADER]
    for item in template_items(survey):
        text = " ".join(item.text.split())
        if len(text) > HEADER_TEXT_LENGTH:
            text = text[:HEADER_TEXT_LENGTH - 1] + "…"
        headers.append(f"{item.code} {text}")
    return headers


def template_xlsx(survey: SurveyRound) -> bytes:
    book = exports.new_workbook(write_only=False)  # bold headers and frozen panes
    answers = exports.add_sheet(book, "คำตอบ")
    answers.append(template_headers(survey))
    for cell in answers.worksheet[1]:
        cell.font = Font(bold=True)
    answers.worksheet.freeze_panes = "B2"
    notes = exports.add_sheet(book, "วิธีกรอก")
    scale = survey.questionnaire.scale_max
    for line in (
        ["หนึ่งแถวต่อแบบสอบถามหนึ่งฉบับ ห้ามแก้แถวหัวตาราง"],
        ["เลขที่แบบสอบถาม: จำเป็น ใช้ตรวจไม่ให้บันทึกซ้ำเมื่อนำเข้าไฟล์เดิมอีกครั้ง"],
        [f"ข้อมาตราส่วน: 1–{scale}; ไม่แสดงความคิดเห็น: n/a, 0 หรือ -; เว้นว่างได้"],
        ["ข้อ ใช่/ไม่ใช่: ใช่ หรือ ไม่ใช่"],
    ):
        notes.append(line)
    return exports.xlsx_bytes(book)


def template_csv(survey: SurveyRound) -> bytes:
    return exports.csv_bytes([template_headers(survey)])


# --- The rows an upload keeps ------------------------------------------------------------------------------

@dataclass
class StoredRows:
    """The item codes of the file's columns and, per row, (row number, form number, one value per code). `rows`
    may be walked more than once: a list, or the upload's RowStore read from disk each time."""

    codes: list[str]
    rows: Iterable


# --- Reading --------------------------------------------------------------------------------------------------

def _read(path: Path, *, survey: SurveyRound) -> tuple[list[str], Iterator[list]]:
    """The item codes of the file's columns (read from its header now), and its rows [row number, form number,
    values] one at a time, straight from the file."""
    cells_by_row = sheet_rows(path, SURVEY_LIMITS)
    try:
        columns = _columns(next(cells_by_row, (1, ()))[1], survey=survey)
    except BaseException:
        cells_by_row.close()
        raise
    codes = [code for code in columns if code != FORM_NUMBER_HEADER]

    def rows():
        form_index = columns[FORM_NUMBER_HEADER]
        indexes = [columns[code] for code in codes]
        with closing(cells_by_row):
            for number, cells in cells_by_row:
                width = len(cells)
                values = [_cell(cells[i]) if i < width else None for i in indexes]
                form = cell_text(cells[form_index]) if form_index < width else ""
                if form or any(value is not None for value in values):  # empty rows do not count
                    yield [number, form, values]

    return codes, rows()


def _cell(value) -> str | None:
    text = cell_text(value)
    return text or None


def _columns(header: tuple, *, survey: SurveyRound) -> dict[str, int]:
    """{"เลขที่แบบสอบถาม" or item code: column index}. A header is matched by the code before its first space."""
    codes = {item.code for item in template_items(survey)}
    columns, unknown = {}, []
    for index, title in enumerate(header):
        title = cell_text(title)
        if not title:
            continue
        key = FORM_NUMBER_HEADER if title == FORM_NUMBER_HEADER else title.split()[0]
        if key in codes or key == FORM_NUMBER_HEADER:
            columns.setdefault(key, index)
        else:
            unknown.append(title)
    messages = []
    if FORM_NUMBER_HEADER not in columns:
        messages.append(f"แถวแรกของไฟล์ต้องเป็นหัวตารางตามแบบฟอร์ม ไม่พบคอลัมน์: {FORM_NUMBER_HEADER}")
    if unknown:
        messages.append("คอลัมน์ที่ไม่ใช่ข้อคำถามของแบบสอบถามนี้: " + ", ".join(unknown))
    if messages:
        raise ImportRejected([*messages, "(ดาวน์โหลดแบบฟอร์มจากหน้านี้)"])
    return columns


# --- Checking and writing -------------------------------------------------------------------------------------

@dataclass
class Row(RowVerdict):
    """One spreadsheet row: its number as the spreadsheet shows it (the header is row 1) and its verdict."""

    number: int
    form_number: str
    status: str = NEW
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportCheck(SheetCheck):
    recorded: int = 0


def responses_import_check(*, survey: SurveyRound, stored: StoredRows) -> ImportCheck:
    """Judge every row (new, already recorded, or wrong and why) by recording it and rolling back."""
    return _run(survey=survey, stored=stored, commit=False)


def responses_import(*, survey: SurveyRound, stored: StoredRows) -> ImportCheck:
    """Record every new row, all or none: ImportRejected (with the check) when one row is wrong."""
    try:
        check = _run(survey=survey, stored=stored, commit=True)
    except IntegrityError as exc:  # another import recorded some of these form numbers meanwhile
        raise ImportRejected(["มีการบันทึกเลขที่แบบสอบถามเดียวกันพร้อมกันจากที่อื่น กรุณาตรวจสอบไฟล์อีกครั้ง"]) from exc
    if not check.ok:
        raise ImportRejected([f"พบข้อผิดพลาด {check.error_count + len(check.general_errors)} รายการ"], check)
    return check


def _run(*, survey: SurveyRound, stored: StoredRows, commit: bool) -> ImportCheck:
    """Walk the stored rows CHUNK at a time: only a chunk's answers are ever in memory, whatever the file holds."""
    with transaction.atomic():
        survey = SurveyRound.objects.select_for_update().select_related("questionnaire").get(pk=survey.pk)
        check = ImportCheck(rows=[])
        first_row_of: dict[str, int] = {}  # form number → the row that used it first, across every chunk
        for chunk in _chunks(stored.rows, CHUNK):
            rows = [Row(number, form) for number, form, _values in chunk]
            check.rows.extend(rows)
            # Read before this chunk is recorded; anything recorded by this import is in first_row_of already.
            taken = _recorded_form_numbers(survey, [row.form_number for row in rows if row.form_number])
            new = []
            for row, (_number, form, values) in zip(rows, chunk):
                if not form:
                    row.status, row.errors = ERROR, [f"แถว {row.number}: ต้องระบุ{FORM_NUMBER_HEADER}"]
                elif (first := first_row_of.setdefault(form, row.number)) != row.number:
                    row.status = ERROR
                    row.errors = [f"แถว {row.number}: {FORM_NUMBER_HEADER} {form} ซ้ำกับแถว {first} ในไฟล์นี้"]
                elif form in taken:
                    row.status = EXISTS
                else:
                    new.append((row, values))
            if new:
                _check_or_record(survey, check, new, stored.codes, commit=commit)
        if not (commit and check.ok):
            transaction.set_rollback(True)
            check.recorded = 0
    return check


def _check_or_record(survey: SurveyRound, check: ImportCheck, new: list, codes: list[str], *, commit: bool) -> None:
    forms = [dict(zip(codes, values)) for _row, values in new]
    numbers = [row.form_number for row, _values in new]
    try:
        if commit:
            responses_record(survey=survey, source=ResponseSource.IMPORT, forms=forms, form_numbers=numbers)
        else:  # the preview: the same rules, nothing written
            responses_check(survey=survey, forms=forms, form_numbers=numbers)
    except ValidationError as exc:
        _attach(check, [row for row, _values in new], exc)
    else:
        check.recorded += len(new)


def _chunks(rows: Iterable, size: int):
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _recorded_form_numbers(survey: SurveyRound, numbers: list[str]) -> set[str]:
    taken: set[str] = set()
    unique = list(dict.fromkeys(numbers))
    for chunk in in_chunks(unique):
        taken.update(Response.objects.filter(round=survey, form_number__in=chunk)
                     .exclude(form_number="")  # so the database uses the partial unique index
                     .values_list("form_number", flat=True))
    return taken


def _attach(check: ImportCheck, chunk: list[Row], exc: ValidationError) -> None:
    """responses_record's messages, keyed "N", "N.code" or "N.form" within the chunk, put on the file's rows."""
    for key, messages in exc.message_dict.items():
        position = key.split(".")[0]
        if not position.isdigit():
            for message in messages:
                if message not in check.general_errors:
                    check.general_errors.append(message)
            continue
        row = chunk[int(position) - 1]
        row.status = ERROR
        row.errors.extend(_FORM_PREFIX.sub(f"แถว {row.number}", message) for message in messages)


# --- The upload, and the steps its pages take -------------------------------------------------------------------
# An upload is bound to its round as well as its owner: under another round's address it does not exist.

def upload_save(*, file, user, survey: SurveyRound) -> Upload:
    """Read an uploaded sheet and keep its rows for its owner and round. Refuses a file that is too big, not
    CSV/XLSX, without the form number column, with a column that is not an item, or without data."""
    return UPLOADS.keep(file=file, user=user, read=partial(_kept_rows, survey=survey), round=survey.pk)


def upload_get(*, token: str, user, survey: SurveyRound) -> Upload | None:
    """The user's own upload for this round, or None: unknown, expired, someone else's, another round's."""
    return UPLOADS.find(token=token, user=user, round=survey.pk)


def upload_check(*, upload: Upload, user, survey: SurveyRound) -> ImportCheck:
    """The preview: every kept row judged by recording it and rolling back."""
    return responses_import_check(survey=survey, stored=_stored(upload))


def upload_write(*, upload: Upload, user, survey: SurveyRound) -> tuple[ImportCheck, int]:
    """The confirm: every new form recorded, or none (ImportRejected); returns the check and how many forms."""
    check = responses_import(survey=survey, stored=_stored(upload))
    return check, check.recorded


def _stored(upload: Upload) -> StoredRows:
    store = upload.store()
    return StoredRows(codes=store.meta()["codes"], rows=store)  # FileNotFoundError once confirmed or cancelled


def _kept_rows(path: Path, *, survey: SurveyRound) -> tuple[dict, Iterator[list]]:
    codes, rows = _read(path, survey=survey)
    return {"codes": codes}, rows
