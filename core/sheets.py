"""Reading the first sheet of an uploaded spreadsheet (XLSX or CSV), streamed a row at a time and stopped, with a
Thai message, at the first limit it passes.

Written by hand because neither library that reads XLSX here can be bounded. calamine (fast) loads the whole sheet
before giving the first row: a 2 MB file of 200,000 rows that all point at one 2,000-character shared string
became 1.9 GB in memory. openpyxl's read-only mode streams, but took 22 s for 100,000 rows. This reader streams
the sheet's XML out of the zip with the standard library's expat parser (about 5 s for 100,000 rows of 24 cells),
keeps only the current row, and checks as it goes:
- the unzipped size of the sheet and of its shared strings (a zip bomb stops before it is parsed),
- the number of rows with data, the length of each cell (Excel's own 32,767) and of all text together,
- the number of columns and of shared strings.
A shared string used by many cells stays one Python object, so a sheet cannot grow in memory by repeating one.
"""
import codecs
import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import ParseError, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.cell import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900, from_excel

# Tags are matched by local name (`_tag`), so both the usual and the "Strict Open XML" namespaces are read.
RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
MAX_COLUMNS = 1_000


@dataclass(frozen=True)
class SheetLimits:
    """What one upload may hold. `rows` counts rows with data under the header."""

    rows: int
    total_chars: int = 30_000_000
    cell_chars: int = 32_767  # what one Excel cell can hold
    unzipped_bytes: int = 256 * 1024 * 1024  # the sheet's XML, and its shared strings', each
    shared_strings: int = 1_000_000


class SheetError(Exception):
    """The file cannot be read, or passes a limit; the message says which, in Thai."""


def read_rows(path: Path, limits: SheetLimits):
    """(row number as the spreadsheet shows it, cell values) of every row with a value, the header row first.

    Cells are None (empty), str, int, float, bool or datetime/date. Raises SheetError at the first problem, after
    yielding the rows before it; callers write nothing until the last row has been read.
    """
    rows = _xlsx_rows(path, limits) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    data_rows = total = 0
    header = True
    for number, cells in rows:
        if not any(cell is not None and cell != "" for cell in cells):
            continue  # empty rows between and below the data do not count
        for index, cell in enumerate(cells):
            if isinstance(cell, str):
                if len(cell) > limits.cell_chars:
                    raise SheetError(f"แถว {number} คอลัมน์ {get_column_letter(index + 1)}: ข้อความยาว {len(cell):,} "
                                     f"ตัวอักษร เกินที่รับได้ ({limits.cell_chars:,} ตัวอักษรต่อช่อง)")
                total += len(cell)
        if total > limits.total_chars:
            raise SheetError(f"ข้อความในไฟล์รวมกันเกิน {limits.total_chars:,} ตัวอักษร (ถึงแถว {number}) "
                             "กรุณาแบ่งเป็นหลายไฟล์")
        if not header:
            data_rows += 1
            if data_rows > limits.rows:
                raise SheetError(f"ไฟล์มีข้อมูลเกิน {limits.rows:,} แถว กรุณาแบ่งเป็นหลายไฟล์ "
                                 f"ไฟล์ละไม่เกิน {limits.rows:,} แถว")
        header = False
        yield number, cells


# --- XLSX ---------------------------------------------------------------------------------------------------------

def _tag(element) -> str:
    """The local name of an element, whichever of the two spreadsheet namespaces it is in."""
    return element.tag.rpartition("}")[2]


def _xlsx_rows(path: Path, limits: SheetLimits):
    try:
        book = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise SheetError("เปิดไฟล์ XLSX ไม่ได้ กรุณาบันทึกเป็น Excel Workbook (.xlsx) แล้วอัปโหลดใหม่") from exc
    with book:
        try:
            sheet_name, strings_name, date1904 = _workbook_parts(book)
            shared = _shared_strings(book, strings_name, limits)
            dates = _date_styles(book)
            yield from _sheet_rows(book, sheet_name, shared, dates, date1904, limits)
        except (ParseError, KeyError, ValueError, IndexError, OverflowError, zipfile.BadZipFile, EOFError) as exc:
            raise SheetError("อ่านไฟล์ XLSX ไม่ได้ ไฟล์อาจเสียหาย กรุณาบันทึกใหม่จาก Excel แล้วอัปโหลดอีกครั้ง") from exc


def _open(book: zipfile.ZipFile, name: str, limits: SheetLimits):
    info = book.getinfo(name)
    if info.file_size > limits.unzipped_bytes:
        raise SheetError(f"ไฟล์ XLSX นี้เมื่อขยายแล้วใหญ่เกิน {limits.unzipped_bytes // (1024 * 1024):,} MB "
                         "กรุณาแบ่งเป็นหลายไฟล์")
    return book.open(info)  # zipfile stops at the declared size, so a header cannot understate it


def _workbook_parts(book: zipfile.ZipFile) -> tuple[str, str | None, bool]:
    """(the first sheet's part, the shared strings' part or None, whether dates count from 1904)."""
    names = set(book.namelist())
    first_id, date1904 = None, False
    if "xl/workbook.xml" in names:
        for _event, element in iterparse(book.open("xl/workbook.xml")):
            if _tag(element) == "workbookPr":
                date1904 = element.get("date1904", "").lower() in ("1", "true")
            elif _tag(element) == "sheet" and first_id is None:
                first_id = element.get(f"{RELATIONSHIPS}id") or element.get(
                    "{http://purl.oclc.org/ooxml/officeDocument/relationships}id")
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for _event, element in iterparse(book.open("xl/_rels/workbook.xml.rels")):
            if _tag(element) == "Relationship":
                target = element.get("Target", "")
                part = target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
                targets[element.get("Id")] = (element.get("Type", ""), part)
    sheet = targets.get(first_id, ("", "xl/worksheets/sheet1.xml"))[1]
    strings = next((part for kind, part in targets.values() if kind.endswith("/sharedStrings")), None)
    if strings is None and "xl/sharedStrings.xml" in names:
        strings = "xl/sharedStrings.xml"
    return sheet, strings, date1904


def _shared_strings(book: zipfile.ZipFile, name: str | None, limits: SheetLimits) -> list[str]:
    if name is None:
        return []
    strings, total = [], 0
    for _event, element in iterparse(_open(book, name, limits)):
        if _tag(element) != "si":
            continue
        text = _string_item_text(element)
        element.clear()
        strings.append(text)
        total += len(text)
        if len(strings) > limits.shared_strings or total > limits.total_chars:
            raise SheetError(f"ไฟล์มีข้อความต่างกันเกิน {limits.shared_strings:,} รายการ หรือรวมกันเกิน "
                             f"{limits.total_chars:,} ตัวอักษร กรุณาแบ่งเป็นหลายไฟล์")
    return strings


def _string_item_text(item) -> str:
    """The text of a shared string: one <t>, or rich-text runs <r><t>; phonetic guides (<rPh>) are not the value."""
    parts = []
    for child in item:
        if _tag(child) == "t":
            parts.append(child.text or "")
        elif _tag(child) == "r":
            parts.extend(t.text or "" for t in child if _tag(t) == "t")
    return "".join(parts)


def _date_styles(book: zipfile.ZipFile) -> set[str]:
    """The cell style indexes (as the `s` attribute writes them) whose number format shows a date."""
    if "xl/styles.xml" not in book.namelist():
        return set()
    formats, styles, in_cell_xfs = {}, [], False
    for event, element in iterparse(book.open("xl/styles.xml"), events=("start", "end")):
        name = _tag(element)
        if name == "cellXfs":
            in_cell_xfs = event == "start"
        elif event == "end" and name == "numFmt":
            formats[int(element.get("numFmtId", 0))] = element.get("formatCode", "")
        elif event == "end" and name == "xf" and in_cell_xfs:
            styles.append(int(element.get("numFmtId", 0)))
    return {str(index) for index, format_id in enumerate(styles)
            if is_date_format(formats.get(format_id) or BUILTIN_FORMATS.get(format_id) or "")}


def _sheet_rows(book, name, shared: list[str], dates: set[str], date1904: bool, limits: SheetLimits):
    calendar = CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900
    columns: dict[str, int] = {}  # "AB" → 27: a sheet has few distinct column letters
    digits = "0123456789"
    previous_row = 0
    tags = None
    # The hot loop of an import (two million cells for 100,000 forms): tags compared whole, no helper calls.
    for _event, element in iterparse(_open(book, name, limits)):
        if tags is None or element.tag != tags.row:
            if tags is None and _tag(element) in ("v", "t", "c", "row", "is"):
                tags = _Tags(element.tag.rpartition("}")[0] + "}" if "}" in element.tag else "")
            if tags is None or element.tag != tags.row:
                continue
        number = int(element.get("r") or previous_row + 1)
        previous_row = number
        cells: dict[int, object] = {}
        column = -1
        for cell in element:
            reference = cell.get("r")
            if reference:
                letters = reference.rstrip(digits)
                column = columns.get(letters)
                if column is None:
                    column = columns[letters] = _column_index(letters)
            else:
                column += 1  # the reference is optional: then cells follow each other
            if column >= MAX_COLUMNS:
                raise SheetError(f"แถว {number}: ไฟล์มีคอลัมน์เกิน {MAX_COLUMNS:,} คอลัมน์")
            kind = cell.get("t")
            if kind == "inlineStr":
                text = "".join(t.text or "" for t in cell.iter(tags.t))
                if text:
                    cells[column] = text
                continue
            raw = cell.findtext(tags.v)
            if not raw:
                continue
            if kind == "s":
                cells[column] = shared[int(raw)]
            elif kind is None or kind == "n":
                number_value = float(raw)
                if dates and cell.get("s") in dates:
                    moment = from_excel(number_value, calendar)
                    cells[column] = (moment.date() if isinstance(moment, datetime)
                                     and moment.time() == datetime.min.time() else moment)
                elif number_value.is_integer() and abs(number_value) < 2 ** 53:
                    cells[column] = int(number_value)
                else:
                    cells[column] = number_value
            elif kind == "b":
                cells[column] = raw == "1"
            elif kind == "d":
                cells[column] = datetime.fromisoformat(raw)
            else:
                cells[column] = raw  # "str" (a formula's text result) and "e" (an error such as #N/A), as text
        element.clear()
        width = max(cells, default=-1) + 1
        yield number, tuple(cells.get(index) for index in range(width))


class _Tags:
    """The sheet's tags in its own namespace (the usual one or Strict Open XML), to compare whole."""

    def __init__(self, namespace: str):
        self.row, self.v, self.t = f"{namespace}row", f"{namespace}v", f"{namespace}t"


def _column_index(letters: str) -> int:
    index = 0
    for letter in letters.upper():
        if not "A" <= letter <= "Z":
            raise ValueError(f"not a column: {letters}")
        index = index * 26 + ord(letter) - 64
    return index - 1


# --- CSV ----------------------------------------------------------------------------------------------------------

def _csv_rows(path: Path):
    encoding = _csv_encoding(path)
    with path.open("rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, errors="replace", newline="")
        first_line = text.readline()
        delimiter = max(",;\t", key=first_line.count)
        lines = _chain_first(first_line, text)
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            for number, cells in enumerate(reader, start=1):
                yield number, tuple(cells)
        except csv.Error as exc:
            raise SheetError(f"อ่านไฟล์ CSV ไม่ได้ (ราวบรรทัด {reader.line_num:,}): มีช่องที่ยาวเกินไป "
                             "หรือเครื่องหมายคำพูด (\") ไม่ครบคู่") from exc


def _chain_first(first: str, rest):
    yield first
    yield from rest


def _csv_encoding(path: Path) -> str:
    """UTF-8 (with or without a byte-order mark) when every byte decodes as UTF-8; otherwise Thai Windows (cp874),
    which is what Thai Windows Excel saves as "CSV (Comma delimited)". Read in chunks, never the file at once."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as raw:
            while chunk := raw.read(1024 * 1024):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp874"
    return "utf-8-sig"
