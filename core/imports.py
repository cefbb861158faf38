"""The base of every spreadsheet import: all rows or none, and the upload kept between preview and confirm.

django-import-export skips a row that fails validation and keeps the others; our users expect a sheet
with one bad row to change nothing, with every bad row listed, so the whole import is rolled back.
The pages every import goes through (upload, template, preview, confirm) are `core.import_views`.
"""
import gzip
import json
import re
import secrets
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.db import transaction
from django.utils import timezone
from import_export import resources, widgets

from core import thai_dates
from core.sheets import SheetError, SheetLimits, read_rows
from core.text import clean_text


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


PREVIEW_ROWS_PER_PAGE = 500
PREVIEW_ERRORS_PER_PAGE = 100


def preview_pages(check: ImportCheck, query) -> dict:
    """The page of rows (`?page=`) and the page of error messages (`?errors=`) an import preview shows: a file with
    an error on every row still makes a page of a few hundred lines, not hundreds of megabytes."""
    return {
        "page": Paginator(check.rows, PREVIEW_ROWS_PER_PAGE).get_page(query.get("page")),
        "error_page": Paginator(check.errors, PREVIEW_ERRORS_PER_PAGE).get_page(query.get("errors")),
    }


def sheet_rows(path: Path, limits: SheetLimits):
    """(row number, cell values) of every row with data in the first sheet, the header first, streamed from the
    file (`core.sheets`); ImportRejected with the Thai reason at the first limit the file passes."""
    try:
        yield from read_rows(path, limits)
    except SheetError as exc:
        raise ImportRejected([str(exc)]) from exc


def cell_text(value) -> str:
    """A cell as text: None is empty, a whole number typed into a cell loses its .0, characters no database should
    hold are removed (`core.text`)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a reference typed as a number comes back as 123.0
    return clean_text(str(value)).strip()


IMPORT_FORMATS = ("xlsx", "csv")


# --- The rows read from an upload, kept between preview and confirm ------------------------------------------------
# One gzip-compressed line of JSON per row, written while the file is read and read back a line at a time: a sheet
# is parsed once, the server keeps a fraction of its size, and no step holds every row in memory to store or
# re-read them. The folder goes with the upload (confirm, cancel, or expiry).

class RowStore:
    """`meta` (a dict: the columns, the item codes …) then one JSON array per row, in `folder`."""

    FILE = "rows.jsonl.gz"

    def __init__(self, folder: Path):
        self.path = folder / self.FILE

    def write(self, meta: dict, rows) -> int:
        """Store `meta` and every row of the iterable `rows`; returns how many rows."""
        count = 0
        with gzip.open(self.path, "wt", encoding="utf-8", compresslevel=1) as out:
            out.write(json.dumps(meta, ensure_ascii=False) + "\n")
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False, default=_encode) + "\n")
                count += 1
        return count

    def meta(self) -> dict:
        with gzip.open(self.path, "rt", encoding="utf-8") as lines:
            return json.loads(lines.readline())

    def __iter__(self):
        """The rows, read again from the file each time (FileNotFoundError once the upload is gone)."""
        with gzip.open(self.path, "rt", encoding="utf-8") as lines:
            lines.readline()
            for line in lines:
                yield json.loads(line, object_hook=_decode)


def _encode(value):
    if isinstance(value, date):  # a date cell (datetime is a date too)
        return {"$date": value.isoformat()}
    return str(value)  # a time or a duration cell: kept as text, and reported as such if it matters


def _decode(obj: dict):
    if "$date" not in obj:
        return obj
    text = obj["$date"]
    return date.fromisoformat(text) if len(text) == 10 else datetime.fromisoformat(text)


# --- Keeping an upload between preview and confirm ---------------------------------------------------------
# The rows read from a file stay on the server under a random token, so that confirming writes what was previewed,
# never rows posted back by the browser, and a large file is parsed once, not at every step. Each process keeps its
# uploads in a folder of its own (`UploadFolder`); owner.json names the user an upload belongs to and what else it
# is bound to (a survey round). To anyone else, bound otherwise, or after UPLOAD_TTL, the token does not exist, and
# every one of those cases looks the same.

UPLOAD_TTL = timedelta(hours=24)
_UPLOAD_TOKEN = re.compile(r"[A-Za-z0-9_-]{32}")
_OWNER = "owner.json"


@dataclass(frozen=True)
class Upload:
    """An uploaded sheet, read once at upload and kept as its rows until it is confirmed, cancelled or expires."""

    token: str
    folder: Path
    name: str
    uploaded_at: datetime
    bound: dict = field(default_factory=dict)  # what it belongs to besides its owner: {"round": 7}

    @property
    def expires_at(self) -> datetime:
        return self.uploaded_at + UPLOAD_TTL

    def store(self) -> RowStore:
        """The kept rows (reading them raises FileNotFoundError once the upload is confirmed or cancelled)."""
        return RowStore(self.folder)

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


@dataclass(frozen=True)
class UploadFolder:
    """Where one process keeps its uploads (MEDIA_ROOT/`name`/<token>/) and the largest file it takes."""

    name: str
    max_bytes: int

    @property
    def root(self) -> Path:
        return Path(settings.MEDIA_ROOT) / self.name

    def keep(self, *, file, user, read: Callable[[Path], tuple[dict, Iterable]], **bound) -> Upload:
        """Keep what `read` makes of an uploaded file (RowStore's meta and rows) for `user`, bound to `bound`.

        The file itself is not kept. ImportRejected, with nothing left behind, for a file that is not CSV/XLSX, is
        too big, is refused by `read`, or has no data under its header.
        """
        self.prune()
        token, folder, path = self._receive(file)
        try:
            meta, rows = read(path)
            count = RowStore(folder).write(meta, rows)
            path.unlink()
            if not count:
                raise ImportRejected(["ไม่พบข้อมูลในไฟล์ (มีแต่แถวหัวตาราง)"])
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        now = timezone.now()
        (folder / _OWNER).write_text(json.dumps({"user": user.pk, "name": file.name, "at": now.isoformat(), **bound}))
        return Upload(token, folder, file.name, now, bound)

    def find(self, *, token: str, user, **bound) -> Upload | None:
        """The user's own live upload bound as given, else None."""
        if not _UPLOAD_TOKEN.fullmatch(token):
            return None
        folder = self.root / token
        try:
            owner = json.loads((folder / _OWNER).read_text())
            uploaded_at = datetime.fromisoformat(owner["at"])
        except (OSError, ValueError, KeyError):
            return None
        if (owner.get("user") != user.pk or any(owner.get(key) != value for key, value in bound.items())
                or timezone.now() - uploaded_at > UPLOAD_TTL):
            return None
        return Upload(token, folder, owner.get("name", ""), uploaded_at, bound)

    def prune(self) -> None:
        """Remove the uploads nobody confirmed within their time."""
        if not self.root.is_dir():
            return
        cutoff = (timezone.now() - UPLOAD_TTL).timestamp()
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)

    def _receive(self, file) -> tuple[str, Path, Path]:
        """Check an uploaded sheet's type and size and put it in a new folder: (token, folder, file path)."""
        extension = Path(file.name).suffix.lower().lstrip(".")
        if extension not in IMPORT_FORMATS:
            raise ImportRejected(["รับเฉพาะไฟล์ .xlsx หรือ .csv"])
        if file.size > self.max_bytes:
            raise ImportRejected([f"ไฟล์ใหญ่เกิน {self.max_bytes // (1024 * 1024)} MB"])
        token = secrets.token_urlsafe(24)
        folder = self.root / token
        folder.mkdir(parents=True)
        path = folder / f"upload.{extension}"
        with path.open("wb") as out:
            for chunk in file.chunks():
                out.write(chunk)
        return token, folder, path
