"""The one export helper: what it writes for text a spreadsheet would run or could not hold, and that nothing
else in the project writes a spreadsheet behind its back."""
import ast
import csv
import io
from pathlib import Path

import openpyxl
import pytest

from core import exports

ROOT = Path(__file__).resolve().parents[2]


def _saved_cells(book) -> list:
    loaded = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(book)))
    return [cell for sheet in loaded.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("write_only", [True, False])
def test_text_that_would_run_as_a_formula_stays_text_exactly_as_typed(write_only):
    book = exports.new_workbook(write_only=write_only)
    sheet = exports.add_sheet(book, "ทดสอบ")
    risky = ['=HYPERLINK("http://evil.example","x")', "+66 81 234 5678", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]
    sheet.append([*risky, -5, 3.5, "ปกติ"])
    cells = _saved_cells(book)
    # (XML reads a carriage return back as a line feed: any reader of any XLSX does.)
    assert [cell.value for cell in cells] == [*risky[:5], "\n=1", -5, 3.5, "ปกติ"]
    assert [cell.data_type for cell in cells] == ["s"] * 6 + ["n", "n", "s"]
    assert all(cell.quotePrefix for cell in cells[:6]) and not cells[8].quotePrefix


def test_characters_a_spreadsheet_cannot_hold_are_removed_not_fatal():
    book = exports.new_workbook()
    exports.add_sheet(book, "ทดสอบ").append(["ถนน\x0bพัง", "ก\x00ข\x1fค", "บรรทัด\nใหม่\tแท็บ"])
    assert [cell.value for cell in _saved_cells(book)] == ["ถนนพัง", "กขค", "บรรทัด\nใหม่\tแท็บ"]


def test_csv_cells_that_would_run_get_an_apostrophe_and_excel_reads_thai():
    data = exports.csv_bytes([["เรื่อง", "=1+1", "-2", 5]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert next(csv.reader(io.StringIO(data.decode("utf-8-sig")))) == ["เรื่อง", "'=1+1", "'-2", "5"]


def _offenders(predicate) -> list[str]:
    """project modules (not tests, not the helper) with a call that `predicate` matches."""
    found = []
    for path in ROOT.glob("*/**/*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if {".venv", "var", "tests", "migrations"} & set(path.relative_to(ROOT).parts) \
                or relative in {"core/exports.py", "reports/management/commands/bench.py",
                                # the spreadsheet the load test's district staff import: an input, not an export
                                "loadtest/locustfile.py"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{relative}:{node.lineno}" for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and predicate(node.func)]
    return found


def test_no_code_outside_the_helper_builds_a_workbook_or_writes_csv():
    def name(func) -> str:
        return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")

    assert _offenders(lambda func: name(func) in {"Workbook", "TableExport", "writer"}) == []
