"""The public ITA complaint-handling report (no login): the figures of a period the committee published, as a page
an office links to from its website and as A4 pages. An unknown office, year or period, or one not (or no longer)
published, is a 404. Figures and the improvements made only: no complainant, nothing a complainant wrote."""
from django.conf import settings
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.offices.models import Office
from core.pdf.responses import pdf_response
from core.ratelimit import allow

from . import reports, selectors


def _limited(request):
    return not allow(request, scope="public-ita", rate=settings.PUBLIC_RESULTS_RATE)


def _published(code: str, fiscal_year: int, period: str) -> dict:
    report = selectors.ita_published(office_code=code, fiscal_year=fiscal_year, period=period)
    if report is None:
        raise Http404
    return {**reports.ita_context(office=report.office, fiscal_year=fiscal_year, period=period), "report": report}


def office_reports(request, code: str):
    if _limited(request):
        return render(request, "complaints/public/limited.html", status=429)
    office = get_object_or_404(Office, code=code)
    return render(request, "complaints/public/ita_office.html",
                  {"office": office, "reports": selectors.ita_published_list(office=office)})


def report(request, code: str, fiscal_year: int, period: str):
    if _limited(request):
        return render(request, "complaints/public/limited.html", status=429)
    return render(request, "complaints/public/ita_report.html", _published(code, fiscal_year, period))


def report_pdf(request, code: str, fiscal_year: int, period: str):
    if _limited(request):
        return render(request, "complaints/public/limited.html", status=429)
    context = _published(code, fiscal_year, period)
    return pdf_response("complaints/pdf/ita_report.html", context, f"ita-complaints-{code}-{fiscal_year}-{period}.pdf")
