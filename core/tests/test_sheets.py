"""Reading an uploaded sheet: the values as Excel shows them, streamed, and stopped in Thai at the first limit.

The attack these limits answer: a 2 MB XLSX of 200,000 rows whose cells all point at one 2,000-character shared
string took 1.9 GB of memory to upload, 4.7 GB and a 619 MB page to preview, and 7 GB to confirm.
"""
import tracemalloc
import zipfile
from datetime import date, datetime

import openpyxl
import pytest

from core.sheets import SheetError, SheetLimits, read_rows
from core.testing.sheets import write_xlsx

LIMITS = SheetLimits(rows=1_000)


def test_values_come_back_as_excel_shows_them(tmp_path):
    path = tmp_path / "values.xlsx"
    book = openpyxl.Workbook()  # openpyxl's normal mode writes shared strings, styles and real date cells
    book.active.append(["รหัส", "วันที่", "จำนวน", "ทศนิยม", "ใช่ไหม", "เวลา"])
    book.active.append(["R-001", date(2026, 4, 10), 12, 2.5, True, datetime(2026, 4, 10, 13, 30)])
    book.active.append([None, None, None, None, None, None])  # an empty row: not a row of data
    book.active.append(["ข้อความไทย", None, None, None, False, None])
    book.save(path)
    assert list(read_rows(path, LIMITS)) == [
        (1, ("รหัส", "วันที่", "จำนวน", "ทศนิยม", "ใช่ไหม", "เวลา")),
        (2, ("R-001", date(2026, 4, 10), 12, 2.5, True, datetime(2026, 4, 10, 13, 30))),
        (4, ("ข้อความไทย", None, None, None, False)),
    ]


def test_shared_inline_and_sparse_cells_keep_their_columns(tmp_path):
    path = write_xlsx(tmp_path / "sparse.xlsx", [["ก", ("s", 0)], [None, None, "ค"]], shared=["ข"])
    assert list(read_rows(path, LIMITS)) == [(1, ("ก", "ข")), (2, (None, None, "ค"))]


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_more_rows_than_the_limit_is_refused_naming_the_limit(tmp_path, suffix):
    rows = [["เลขที่"]] + [[f"F-{n}"] for n in range(11)]
    if suffix == "xlsx":
        path = write_xlsx(tmp_path / "many.xlsx", rows)
    else:
        path = tmp_path / "many.csv"
        path.write_text("\n".join(row[0] for row in rows), encoding="utf-8")
    with pytest.raises(SheetError, match="ไฟล์มีข้อมูลเกิน 10 แถว กรุณาแบ่งเป็นหลายไฟล์"):
        list(read_rows(path, SheetLimits(rows=10)))


def test_a_cell_longer_than_excel_allows_is_refused_with_its_row_and_column(tmp_path):
    path = write_xlsx(tmp_path / "long.xlsx", [["หัว", "รายละเอียด"], ["R-1", "ก" * 40]])
    with pytest.raises(SheetError, match="แถว 2 คอลัมน์ B: ข้อความยาว 40 ตัวอักษร"):
        list(read_rows(path, SheetLimits(rows=10, cell_chars=30)))


def test_one_shared_string_repeated_on_every_row_stops_early_in_little_memory(tmp_path):
    """The attacker's file, at its full size: 200,000 rows x 2 cells of one 2,000-character string."""
    big = "ก" * 2_000
    path = write_xlsx(tmp_path / "attack.xlsx", ([("s", 0), ("s", 0)] for _ in range(200_000)), shared=[big])
    assert path.stat().st_size < 5 * 1024 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(SheetError, match="ข้อความในไฟล์รวมกันเกิน 30,000,000 ตัวอักษร"):
            for _row in read_rows(path, SheetLimits(rows=50_000)):
                pass
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024  # never more than a few rows and the one string


def test_a_sheet_that_unzips_beyond_the_limit_is_refused_before_it_is_parsed(tmp_path):
    path = write_xlsx(tmp_path / "bomb.xlsx", ([" " * 1_000] for _ in range(2_000)))
    with zipfile.ZipFile(path) as book:
        assert book.getinfo("xl/worksheets/sheet1.xml").file_size > 2_000_000
    with pytest.raises(SheetError, match="เมื่อขยายแล้วใหญ่เกิน 1 MB"):
        list(read_rows(path, SheetLimits(rows=10, unzipped_bytes=1024 * 1024)))


@pytest.mark.parametrize("content, message", [
    (b"not a zip at all", "เปิดไฟล์ XLSX ไม่ได้"),
    (b"PK\x03\x04 broken", "เปิดไฟล์ XLSX ไม่ได้"),
])
def test_a_file_that_is_not_a_workbook_is_refused_in_thai(tmp_path, content, message):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(content)
    with pytest.raises(SheetError, match=message):
        list(read_rows(path, LIMITS))


def test_a_workbook_with_broken_xml_is_refused_in_thai(tmp_path):
    path = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet><sheetData><row><c>")
    with pytest.raises(SheetError, match="อ่านไฟล์ XLSX ไม่ได้ ไฟล์อาจเสียหาย"):
        list(read_rows(path, LIMITS))


def test_a_csv_in_thai_windows_encoding_is_read(tmp_path):
    path = tmp_path / "windows.csv"
    path.write_bytes("เลขที่,ชื่อ\r\n1,สมชาย\r\n".encode("cp874"))
    assert list(read_rows(path, LIMITS)) == [(1, ("เลขที่", "ชื่อ")), (2, ("1", "สมชาย"))]


def test_a_csv_with_an_unclosed_quote_is_refused_in_thai(tmp_path):
    path = tmp_path / "quote.csv"
    path.write_text('a,b\n1,"' + "x" * 200_000, encoding="utf-8")
    with pytest.raises(SheetError, match="อ่านไฟล์ CSV ไม่ได้"):
        list(read_rows(path, LIMITS))
