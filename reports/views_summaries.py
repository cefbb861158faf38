"""The quarterly executive summaries: the list (each version with its PDF), the committee's "make it now" and the
status page that follows it. Thin: scope and fetch, call one service, render or redirect."""
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.files import file_response
from core.fiscal import fiscal_quarter
from core.offices.pickers import back_to, may_edit, office_and_year
from core.offices.scoping import get_scoped_or_404, scope, visible_offices

from . import summaries
from .models import QuarterlySummary, SummaryStatus
from .tasks import queue_summary

VIEW = "reports.view_quarterlysummary"
MAKE = "reports.add_quarterlysummary"


def _ended_quarters(fiscal_year: int, today) -> list:
    return [q for q in (fiscal_quarter(fiscal_year, n) for n in (1, 2, 3, 4)) if q.end < today]


@login_required
@permission_required(VIEW, raise_exception=True)
def summary_list(request):
    office, fiscal_year = office_and_year(request)
    rows = scope(QuarterlySummary.objects.select_related("office", "created_by"), request.user).filter(
        office=office, fiscal_year=fiscal_year).order_by("-quarter", "-version")
    today = timezone.localdate()
    return render(request, "reports/summaries/list.html", {
        "office": office, "fiscal_year": fiscal_year, "offices": visible_offices(request.user).order_by("path"),
        "summaries": rows, "quarters": _ended_quarters(fiscal_year, today),
        "can_make": may_edit(request.user, MAKE, office)})


@login_required
@require_POST
@permission_required(MAKE, raise_exception=True)
def summary_regenerate(request):
    """The committee's "make it now": a new version of the office's summary of an ended quarter, made in the
    background; the status page follows it."""
    office = get_scoped_or_404(visible_offices(request.user), request.user, office_field="pk",
                               code=(request.POST.get("office") or "").strip()[:64])
    if not may_edit(request.user, MAKE, office):
        raise PermissionDenied
    try:
        quarter = summaries.quarter_parse(request.POST.get("quarter"), today=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return back_to("summaries:index", office)
    with transaction.atomic():
        summary = summaries.summary_regenerate(office=office, quarter=quarter, by=request.user)
        transaction.on_commit(partial(queue_summary, summary.pk))
    return redirect("summaries:detail", pk=summary.pk)


@login_required
@permission_required(VIEW, raise_exception=True)
def summary_detail(request, pk: int):
    """One version: its status and progress while it is being made (the page refreshes itself), then its PDF."""
    summary = get_scoped_or_404(QuarterlySummary.objects.select_related("office", "created_by"), request.user,
                                pk=pk)
    working = summary.status in (SummaryStatus.PENDING, SummaryStatus.RENDERING)
    return render(request, "reports/summaries/detail.html", {"summary": summary, "working": working})


@login_required
@permission_required(VIEW, raise_exception=True)
def summary_pdf(request, pk: int):
    summary = get_scoped_or_404(QuarterlySummary.objects.select_related("office"), request.user, pk=pk,
                                status=SummaryStatus.READY)
    if not summary.pdf:
        raise Http404
    return file_response(file=summary.pdf,
                         filename=f"summary-{summary.office.code}-{summary.period_code}-v{summary.version}.pdf")
