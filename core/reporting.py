"""What a process hands the reports: its printed sections and its evidence files.

The annual Category 3 report (seed 002) and the assessor's evidence pack are put together in `reports/`, which reads
every process; each process says what it prints through one module, `<app>/sections.py`, with two functions:

- `sections(*, office, fiscal_year) -> list[ReportSection]`: every table the process prints for an office's subtree
  and a fiscal year. `annual=True` marks the ones seed 002's annual report carries; the evidence pack carries them
  all under their CS. A section is the page template the process's own PDF already prints (a body-only fragment that
  the process's PDF includes too), never a copy.
- `evidence_files(*, office, fiscal_year) -> list[EvidenceFile]`: the files the process keeps that prove its work
  (photos, letters, manuals, evidence of improvements), for the pack and its ZIP.

Both carry no personal data: assessors read them.
"""
from dataclasses import dataclass, field

from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _

NO_DATA = _("ไม่มีข้อมูลในปีงบประมาณนี้")


@dataclass(frozen=True)
class Table:
    """One table of a section as the XLSX workbook takes it: a sheet (name at most 31 characters)."""

    title: str
    columns: list[str]
    rows: list[list]


@dataclass(frozen=True)
class ReportSection:
    key: str  # stable, e.g. "cs2-statistics": the annual report's order and the tests use it
    cs: int  # 1–7
    title: str  # the heading as the form words it: the PDF outline and the table of contents show it
    template: str  # body-only fragment (no <html>), rendered with `context`
    context: dict = field(default_factory=dict)
    has_data: bool = True  # False: the report prints `empty_note` under the title instead of the fragment
    empty_note: str = NO_DATA
    annual: bool = False  # seed 002's annual report carries it
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class EvidenceFile:
    cs: int
    title: str  # shown in the pack's list, as the caption of an image, and in the ZIP's index sheet
    file: FieldFile
    content_type: str  # as stored after core.files.file_verify (image/…, application/pdf, Office types)
    source: str  # where it was kept, in Thai: "ภาพกิจกรรมเครือข่าย", "หลักฐานแผนปฏิบัติการ", …
    on: object = None  # the date it belongs to (datetime.date), if any
