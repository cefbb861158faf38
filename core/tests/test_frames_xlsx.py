"""core.exports.frames_xlsx: pandas DataFrames as one workbook, a sheet each, every cell through safe_row."""
import io

import openpyxl
import pandas as pd

from core import exports


def test_frames_become_sheets_with_safe_names_and_cells():
    frames = [("สถิติ: ปี 2569/2570", pd.DataFrame([["โทรศัพท์", 150, None]], columns=["ช่องทาง", "จำนวน", "หมายเหตุ"])),
              ("สถิติ: ปี 2569/2570", pd.DataFrame([["=1+1"]], columns=["ข้อความ"])),
              ("x" * 40, pd.DataFrame([[float("nan")]], columns=["ค่า"]))]
    book = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(exports.frames_xlsx(frames))))
    assert book.sheetnames == ["สถิติ  ปี 2569 2570", "สถิติ  ปี 2569 2570 (2)", "x" * 31]
    first = list(book.worksheets[0].iter_rows(values_only=True))
    assert first == [("ช่องทาง", "จำนวน", "หมายเหตุ"), ("โทรศัพท์", 150, None)]
    formula = book.worksheets[1].cell(row=2, column=1)
    assert formula.value == "=1+1" and formula.data_type == "s"
    assert book.worksheets[2].cell(row=2, column=1).value is None
