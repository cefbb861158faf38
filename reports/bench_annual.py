"""The annual report's bench (`manage.py bench --only annual`, or part of the whole run): the report of the bench
province (`reports.bench_province`: the office and 12 districts with a busy year of every process), its whole
subtree, must render in under 15 s (issue 14). The data is made once (idempotent): a second run only measures. The
row prints the pages and how many of seed 002's sections have data (all 13, or the figure is not honest)."""
import io
import time
from datetime import date

from core.fiscal import fiscal_year_of
from reports.bench_province import DISTRICTS, ensure_bench_province, sections_with_data

BAR_SECONDS = 15


def bench_annual(*, today: date | None = None) -> tuple[str, str, str, str]:
    """(what, measured, bar, verdict) in the bench table's format."""
    from pypdf import PdfReader

    from reports.annual import annual_report_pdf

    fiscal_year = fiscal_year_of(today or date.today())
    province = ensure_bench_province(fiscal_year=fiscal_year)
    with_data, total = sections_with_data(office=province, fiscal_year=fiscal_year)["annual"]
    started = time.perf_counter()
    pdf = annual_report_pdf(office=province, fiscal_year=fiscal_year)
    seconds = time.perf_counter() - started
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    what = f"รายงานประจำปีหมวด ๓ ของจังหวัด ({DISTRICTS} อำเภอ: PDF)"
    value = f"{seconds:,.1f} s · {pages} หน้า · {len(pdf) / 1024:,.0f} KB · ส่วนที่มีข้อมูล {with_data}/{total}"
    ok = seconds < BAR_SECONDS and with_data == total
    return what, value, f"< {BAR_SECONDS} s", "ผ่าน" if ok else "ไม่ผ่าน"
