"""The one export helper: every spreadsheet the app hands out (exports and import templates) is written here.

Two rules, for every cell of every sheet:
- Text is cleaned of characters a spreadsheet cannot hold (`core.text.clean_text`): one such character in one
  complaint used to make the register export fail for the whole office.
- Text that a spreadsheet program would run as a formula (it begins with =, +, -, @, a tab or a carriage return)
  stays text: in XLSX the cell is written as a string with Excel's "quote prefix" (shown exactly as typed, and not
  turned into a formula when someone edits it); in CSV it gets a leading apostrophe (OWASP's advice for CSV).
  A citizen's complaint subject must never become a live HYPERLINK that sends the register to a stranger.
Numbers, dates and booleans are written as they are.

Use `new_workbook()` and `add_sheet()` (whose `append` writes through `safe_row`), or `table_xlsx()` for a
django-tables2 table. A test fails when code elsewhere builds a workbook or writes a CSV itself.
"""
import csv
import io
import tempfile

from django.http import FileResponse
from django.utils.functional import Promise
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from core.text import clean_text

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def new_workbook(*, write_only: bool = True) -> Workbook:
    """A workbook with no sheets yet; write-only (streamed, any size) unless a sheet needs notes, colours or
    drop-downs."""
    book = Workbook(write_only=write_only)
    if not write_only:
        book.remove(book.active)  # openpyxl starts a normal book with an empty "Sheet"
    return book


def safe_value(value):
    """A cell value as it may be written: text cleaned; lazy translations made text; anything else unchanged."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str):
        return clean_text(value)
    return value


def safe_row(sheet, values) -> list:
    """`values` ready for `sheet.append`: text that would start a formula becomes a quote-prefixed text cell."""
    row = []
    for value in values:
        value = safe_value(value)
        if isinstance(value, str) and value.startswith(FORMULA_START):
            # openpyxl reads "=…" as a formula; say it is a string. (A placed cell; append moves it to its place.)
            cell = WriteOnlyCell(sheet, value=value)
            cell.data_type = "s"
            cell.quotePrefix = True
            value = cell
        row.append(value)
    return row


class Sheet:
    """A worksheet whose `append` writes every row through `safe_row`; `worksheet` for widths, notes, drop-downs."""

    def __init__(self, worksheet):
        self.worksheet = worksheet

    def append(self, values=()) -> None:
        self.worksheet.append(safe_row(self.worksheet, values))


def add_sheet(book: Workbook, title: str) -> Sheet:
    return Sheet(book.create_sheet(title[:31]))  # Excel's limit on sheet names


def xlsx_file(book: Workbook):
    """The workbook saved to an open temporary file (rewound): a big export never sits in memory."""
    file = tempfile.TemporaryFile()
    book.save(file)
    file.seek(0)
    return file


def xlsx_bytes(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_response(book: Workbook, filename: str) -> FileResponse:
    return FileResponse(xlsx_file(book), as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def table_xlsx(table, *, title: str) -> Workbook:
    """A django-tables2 table as one sheet: its headers, then each row's export values (`value_*` methods)."""
    book = new_workbook()
    sheet = add_sheet(book, title)
    for values in table.as_values():
        sheet.append(values)
    return book


def csv_bytes(rows) -> bytes:
    """Rows as CSV in UTF-8 with a byte-order mark (so Excel opens Thai correctly), formula-like text apostrophed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for values in rows:
        writer.writerow([_csv_cell(value) for value in values])
    return buffer.getvalue().encode("utf-8-sig")


def _csv_cell(value):
    value = safe_value(value)
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


SHEET_NAME_FORBIDDEN = str.maketrans({c: " " for c in "[]:*?/\\"})


def frames_xlsx(frames) -> Workbook:
    """(title, pandas DataFrame) pairs as one workbook, a sheet each: the frame's columns as the header row, then
    its rows, every cell through `safe_row` (a missing value is an empty cell). Sheet names are cut to Excel's 31
    characters, cleaned of the characters Excel refuses, and numbered when two would be the same."""
    book = new_workbook()
    used: set[str] = set()
    for title, frame in frames:
        name = str(title).translate(SHEET_NAME_FORBIDDEN).strip()[:31] or "Sheet"
        number = 2
        while name.lower() in used:
            suffix = f" ({number})"
            name = name[:31 - len(suffix)] + suffix
            number += 1
        used.add(name.lower())
        sheet = add_sheet(book, name)
        sheet.append(list(frame.columns))
        for values in frame.astype(object).where(frame.notna(), None).itertuples(index=False, name=None):
            sheet.append(values)
    return book
