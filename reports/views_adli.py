"""The ADLI checklist page (/reports/adli/): for one office's subtree and fiscal year, every point seed 001's assessors
check in CS1–CS7, whether the system holds evidence for it and the page that shows it — the committee's to-do list
before an assessment — and the same checklist as an A4 PDF.

Read by the committee, office staff, executives and assessors (and superusers); another office's code is a 404, a
malformed year a Thai 400 (`core.offices.pickers.office_and_year`)."""
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from core.offices.pickers import office_and_year, register_page
from core.pdf.responses import pdf_response

from . import adli
from .readers import may_read_reports


def _checklists(request):
    if not may_read_reports(request.user):
        raise PermissionDenied
    office, fiscal_year = office_and_year(request)
    if office is None:
        raise Http404
    checklists = adli.checklists(office=office, fiscal_year=fiscal_year)
    points = [p for cs_points in checklists.values() for p in cs_points]
    return office, fiscal_year, {
        "checklists": list(checklists.items()),
        "evidenced": sum(p.evidenced for p in points), "total": len(points),
        "by_cs": [(cs, adli.cs_title(cs), sum(p.evidenced for p in pts), len(pts)) for cs, pts in checklists.items()],
        "decree": adli.DECREE, "printed_on": timezone.localdate(),
    }


@login_required
def checklist_page(request):
    office, fiscal_year, context = _checklists(request)
    return register_page(request, "reports/adli.html", "adli", office, fiscal_year, **context)


@login_required
def checklist_pdf(request):
    office, fiscal_year, context = _checklists(request)
    return pdf_response("reports/pdf/adli.html", {"office": office, "fiscal_year": fiscal_year, **context},
                        f"adli-{office.code}-{fiscal_year}.pdf")
