"""The base of every spreadsheet import: all rows or none.

django-import-export skips a row that fails validation and keeps the others; our users expect a sheet
with one bad row to change nothing, with every bad row listed, so the whole import is rolled back.
"""
import csv
import io
import json
import re
import secrets
import shutil
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from import_export import resources, widgets
from python_calamine import CalamineError, CalamineWorkbook

from pmqa import thai_dates


class AllOrNothingResource(resources.ModelResource):
    def import_data(self, dataset, dry_run=False, raise_errors=False, use_transactions=None, collect_failed_rows=False,
                    rollback_on_validation_errors=False, **kwargs):
        with transaction.atomic():
            result = super().import_data(dataset, dry_run=dry_run, raise_errors=raise_errors,
                                         use_transactions=use_transactions, collect_failed_rows=collect_failed_rows,
                                         rollback_on_validation_errors=True, **kwargs)
            if result.has_errors() or result.has_validation_errors():
                transaction.set_rollback(True)
        return result


class ThaiDateWidget(widgets.DateWidget):
    """Reads 23/11/2569, 23 พ.ย. 69, ISO dates and real spreadsheet dates; complains in Thai."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return thai_dates.parse_date(str(value))



# --- What the spreadsheet imports of every process share ---------------------------------------------------------
# A row is new, already there (skipped on re-import), or wrong; the preview lists them, the confirm writes the
# new ones or nothing. Reading CSV (UTF-8 or Thai Windows-874) and streamed XLSX is the same for every sheet.

NEW, EXISTS, ERROR = "new", "exists", "error"
STATUS_LABELS = {NEW: "ใหม่", EXISTS: "มีอยู่แล้ว (ข้าม)", ERROR: "ผิดพลาด"}


class ImportRejected(Exception):
    """Nothing was written; `messages` say why, in Thai. `check` holds the rows when rows were the reason."""

    def __init__(self, messages: list[str], check: "ImportCheck | None" = None):
        super().__init__("; ".join(messages))
        self.messages = messages
        self.check = check


class RowVerdict:
    """Mixed into an import's row dataclass (which has `status`): the Thai label of its verdict."""

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class ImportCheck:
    """The verdict on a whole sheet: its rows, and problems that belong to no row (a closed round …)."""

    rows: list
    general_errors: list[str] = field(default_factory=list)

    def _count(self, status: str) -> int:
        return sum(1 for row in self.rows if row.status == status)

    @property
    def new_count(self) -> int:
        return self._count(NEW)

    @property
    def exists_count(self) -> int:
        return self._count(EXISTS)

    @property
    def error_count(self) -> int:
        return self._count(ERROR)

    @property
    def ok(self) -> bool:
        return not self.general_errors and self.error_count == 0

    @property
    def errors(self) -> list[str]:
        return self.general_errors + [message for row in self.rows for message in row.errors]


def sheet_rows(path: Path):
    """(row number, cell values) of the first sheet, the header row included, read once from top to bottom."""
    if path.suffix == ".xlsx":
        yield from _xlsx_rows(path)
    else:
        yield from _csv_rows(path)


def _xlsx_rows(path: Path):
    # calamine (Rust) reads a 100,000-row sheet in about 2 s where openpyxl's streaming reader took over 20;
    # openpyxl still writes the templates and exports. It gives an empty cell as "", openpyxl as None.
    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet = book.get_sheet_by_index(0)
    except (CalamineError, OSError, ValueError, IndexError) as exc:
        raise ImportRejected(["เปิดไฟล์ XLSX ไม่ได้ กรุณาบันทึกเป็น Excel Workbook (.xlsx) แล้วอัปโหลดใหม่"]) from exc
    try:
        for number, cells in enumerate(sheet.iter_rows(), start=1):
            yield number, tuple(None if cell == "" else cell for cell in cells)
    except CalamineError as exc:
        raise ImportRejected(["อ่านไฟล์ XLSX ไม่ได้ ไฟล์อาจเสียหาย"]) from exc
    finally:
        book.close()


def _csv_rows(path: Path):
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Thai Windows Excel saves "CSV (Comma delimited)" in Windows-874, not UTF-8.
        text = raw.decode("cp874", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    try:
        yield from enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1)
    except csv.Error as exc:
        raise ImportRejected([f"อ่านไฟล์ CSV ไม่ได้: {exc}"]) from exc


def cell_text(value) -> str:
    """A cell as text: None is empty, a whole number typed into a cell loses its .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a reference typed as a number comes back as 123.0
    return str(value).strip()


IMPORT_FORMATS = ("xlsx", "csv")


def upload_receive(file, *, root: Path, max_bytes: int) -> tuple[str, Path, Path]:
    """Check an uploaded sheet's type and size and keep it under `root/<random token>/`.

    Returns (token, folder, file path). The caller reads it, stores what it needs in the folder and deletes
    the folder if reading fails.
    """
    extension = Path(file.name).suffix.lower().lstrip(".")
    if extension not in IMPORT_FORMATS:
        raise ImportRejected(["รับเฉพาะไฟล์ .xlsx หรือ .csv"])
    if file.size > max_bytes:
        raise ImportRejected([f"ไฟล์ใหญ่เกิน {max_bytes // (1024 * 1024)} MB"])
    token = secrets.token_urlsafe(24)
    folder = root / token
    folder.mkdir(parents=True)
    path = folder / f"upload.{extension}"
    with path.open("wb") as out:
        for chunk in file.chunks():
            out.write(chunk)
    return token, folder, path


# --- Keeping an upload between preview and confirm ---------------------------------------------------------
# A process keeps the rows it read under `root/<token>/` (upload_receive); owner.json names the user it belongs
# to and what else it is bound to (a survey round). To anyone else, bound otherwise, or after UPLOAD_TTL, the
# token does not exist, and every one of those cases looks the same.

UPLOAD_TTL = timedelta(hours=24)
_UPLOAD_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")


def upload_claim(folder: Path, *, user, name: str, **bound) -> datetime:
    """Mark a received upload as the user's (and bound to what `bound` names); returns when it was uploaded."""
    now = timezone.now()
    (folder / "owner.json").write_text(json.dumps({"user": user.pk, "name": name, "at": now.isoformat(), **bound}))
    return now


def upload_owned(root: Path, token: str, *, user, **bound) -> tuple[Path, str, datetime] | None:
    """(folder, file name, uploaded at) of the user's own live upload bound as given, else None."""
    if not _UPLOAD_TOKEN.fullmatch(token):
        return None
    folder = root / token
    try:
        meta = json.loads((folder / "owner.json").read_text())
        uploaded_at = datetime.fromisoformat(meta["at"])
    except (OSError, ValueError, KeyError):
        return None
    if (meta.get("user") != user.pk or any(meta.get(key) != value for key, value in bound.items())
            or timezone.now() - uploaded_at > UPLOAD_TTL):
        return None
    return folder, meta.get("name", ""), uploaded_at


def upload_remove(root: Path, token: str) -> None:
    if _UPLOAD_TOKEN.fullmatch(token):
        shutil.rmtree(root / token, ignore_errors=True)


def uploads_prune(root: Path) -> None:
    """Remove the uploads under `root` nobody confirmed within their time."""
    if not root.is_dir():
        return
    cutoff = (timezone.now() - UPLOAD_TTL).timestamp()
    for folder in root.iterdir():
        if folder.is_dir() and folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
