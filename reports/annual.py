"""The annual Category 3 report (seed 002, แบบรายงานผลการดำเนินงานหมวด ๓): every section the processes print, in the
form's order, as one A4 Thai PDF, and their tables as one XLSX workbook (a sheet per table, shaped with pandas).

The report reads `reports.sections.annual_sections` and nothing else: a process's section is the fragment its own
PDF prints (see core.reporting). It covers an office's subtree for a fiscal year and carries no personal data; the
caller has checked that the reader may see the office.
"""
import pandas as pd
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from core import exports
from core.offices.models import Office
from core.offices.scoping import paths_above
from core.reporting import ReportSection
from core.thai_dates import thai_digits

from .sections import annual_sections

PROVINCE_DEPTH = 2  # department → province office → district offices
CONTENTS_SHEET = _("สารบัญ")
HAS_DATA, NO_DATA = _("มีข้อมูล"), _("ไม่มีข้อมูล")


def province_name(office: Office) -> str:
    """The province the form's header names: the office's own, or that of its ancestor at province level, read
    from the office's name ("สำนักงานเกษตรจังหวัดชุมพร" → "จังหวัดชุมพร"). Empty above province level."""
    if office.depth < PROVINCE_DEPTH:
        return ""
    province = office if office.depth == PROVINCE_DEPTH else Office.objects.get(
        path=paths_above(office.path)[PROVINCE_DEPTH - 1])
    name = province.name
    return name[name.index("จังหวัด"):] if "จังหวัด" in name else f"จังหวัด{name}"


def annual_context(*, office: Office, fiscal_year: int) -> dict:
    """The header's words and every section with its fragment rendered (a fragment has its own context)."""
    sections = annual_sections(office=office, fiscal_year=fiscal_year)
    return {"office": office, "fiscal_year": fiscal_year, "fiscal_year_thai": thai_digits(fiscal_year),
            "province": province_name(office), "sections": [(s, render_body(s)) for s in sections]}


def render_body(section: ReportSection) -> str:
    """A section's fragment as HTML, or "" when it has no data (the report prints its note instead)."""
    return render_to_string(section.template, section.context) if section.has_data else ""


def filename(office: Office, fiscal_year: int) -> str:
    return f"cs-annual-report-{office.code}-{fiscal_year}"


def annual_report_pdf(*, office: Office, fiscal_year: int) -> bytes:
    from core.pdf.render import render_pdf  # WeasyPrint is heavy: load it only when a PDF is asked for

    return render_pdf("reports/pdf/annual.html", annual_context(office=office, fiscal_year=fiscal_year))


def annual_report_frames(sections: list[ReportSection]) -> list[tuple[str, pd.DataFrame]]:
    """The contents sheet (each section and whether it has data), then every section's tables as DataFrames."""
    contents = pd.DataFrame(
        [[n, s.cs, str(s.title), str(HAS_DATA if s.has_data else NO_DATA), ", ".join(t.title for t in s.tables)]
         for n, s in enumerate(sections, start=1)],
        columns=["ลำดับ", "หมวด CS", "หัวข้อ", "ข้อมูล", "แผ่นงาน"])
    frames = [(str(CONTENTS_SHEET), contents)]
    for section in sections:
        for table in section.tables:
            frames.append((table.title, pd.DataFrame(table.rows, columns=table.columns)))
    return frames


def annual_report_xlsx(*, office: Office, fiscal_year: int):
    """The workbook (openpyxl, write-only) of the report's tables."""
    return exports.frames_xlsx(annual_report_frames(annual_sections(office=office, fiscal_year=fiscal_year)))


def xlsx_bytes(*, office: Office, fiscal_year: int) -> bytes:
    return exports.xlsx_bytes(annual_report_xlsx(office=office, fiscal_year=fiscal_year))
