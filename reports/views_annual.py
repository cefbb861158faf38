"""The annual Category 3 report's page (/reports/annual/): the office and year picker, the report's sections with
whether each has data and where it is kept, and the PDF and XLSX. Thin: pick, check, call reports.annual."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch

from core import exports
from core.offices.pickers import office_and_year, register_page

from . import annual
from .links import page_url
from .readers import may_read_reports
from .sections import PROVIDERS, annual_sections

# Where a section's records are kept (a register page taking ?office=&fiscal_year=); others: their CS's first page.
WHERE_KEPT = {
    "cs2-statistics": "channels:statistics",
    "cs2-information-types": "channels:information",
    "cs2-improvements": "channels:improvements",
    "cs4-network-table": "networks:index",
    "cs4-activity-report": "networks:report",
    "cs5-mechanisms": "participation:index",
    "cs5-information-channels": "participation:index",
    "cs5-governor-report": "participation:reports",
    "cs5-level-matrix": "participation:matrix",
    "cs5-next-steps": "participation:next-steps",
    "cs6-improvements": "satisfaction:index",  # the rounds; each round keeps its improvements
    "cs7-charts-manuals": "service_standards:index",  # the services, each with its chart and manuals
    "cs3-complaint-results": "complaints:dashboard",
}


def _office_and_year(request):
    if not may_read_reports(request.user):
        raise PermissionDenied
    office, fiscal_year = office_and_year(request)  # another office: 404; a malformed year: a Thai 400
    if office is None:
        raise Http404
    return office, fiscal_year


def where_kept(key: str, cs: int, office, fiscal_year: int) -> str:
    name = WHERE_KEPT.get(key) or f"{PROVIDERS[cs].__name__.split('.')[0]}:index"  # the process app's namespace
    try:
        return page_url(name, office=office, fiscal_year=fiscal_year)
    except NoReverseMatch:
        return ""


@login_required
def annual_page(request):
    office, fiscal_year = _office_and_year(request)
    query = f"office={office.code}&fiscal_year={fiscal_year}"
    rows = [(s, where_kept(s.key, s.cs, office, fiscal_year))
            for s in annual_sections(office=office, fiscal_year=fiscal_year)]
    return register_page(request, "reports/annual.html", "annual", office, fiscal_year, rows=rows, query=query)


@login_required
def annual_pdf(request):
    office, fiscal_year = _office_and_year(request)
    response = HttpResponse(annual.annual_report_pdf(office=office, fiscal_year=fiscal_year),
                            content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{annual.filename(office, fiscal_year)}.pdf"'
    return response


@login_required
def annual_xlsx(request):
    office, fiscal_year = _office_and_year(request)
    return exports.xlsx_response(annual.annual_report_xlsx(office=office, fiscal_year=fiscal_year),
                                 f"{annual.filename(office, fiscal_year)}.xlsx")
