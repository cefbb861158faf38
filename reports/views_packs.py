"""The assessors' evidence packs: the page (versions of an office's packs, the start button, the progress bar), the
JSON status the bar polls, and the scoped downloads. Thin: scope and fetch, call one service, render or redirect."""
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from core.files import file_response
from core.offices.pickers import back_to, may_edit, office_and_year
from core.offices.scoping import get_scoped_or_404, scope, visible_offices
from core.plans.choices import CS

from . import packs
from .models import EvidencePack, PackStatus
from .tasks import queue_pack

VIEW = "reports.view_evidencepack"
MAKE = "reports.add_evidencepack"
READY_MESSAGE = gettext_lazy("ชุดหลักฐานพร้อมดาวน์โหลดแล้ว")


def pack_status_data(pack: EvidencePack, *, pdf_url: str, zip_url: str) -> dict:
    done = pack.status == PackStatus.DONE
    return {"id": pack.pk, "status": pack.status, "status_label": pack.get_status_display(),
            "progress": pack.progress, "stage": pack.stage, "error": pack.error, "page_count": pack.page_count,
            "message": READY_MESSAGE if done else "", "pdf": pdf_url if done else None,
            "zip": zip_url if done else None}


@login_required
@permission_required(VIEW, raise_exception=True)
def pack_list(request):
    office, fiscal_year = office_and_year(request)
    packs = scope(EvidencePack.objects.select_related("office", "requested_by"), request.user).filter(office=office)
    rows = packs.filter(fiscal_year=fiscal_year).order_by("cs", "-version")
    # The office's packs of other years, one link per year: an assessor arriving in October finds last year's.
    other_years = (packs.exclude(fiscal_year=fiscal_year).values("fiscal_year").annotate(count=Count("pk"))
                   .order_by("-fiscal_year"))
    return render(request, "reports/packs/list.html", {
        "other_years": other_years,
        "office": office, "fiscal_year": fiscal_year, "offices": visible_offices(request.user).order_by("path"),
        "packs": rows, "cs_choices": CS.choices, "can_make": may_edit(request.user, MAKE, office),
        "ready_message": READY_MESSAGE})


@login_required
@require_POST
@permission_required(MAKE, raise_exception=True)
def pack_start(request):
    """"สร้างชุดหลักฐาน": a new version of the office's pack, built in the background; the page follows it."""
    office = get_scoped_or_404(visible_offices(request.user), request.user, office_field="pk",
                               code=(request.POST.get("office") or "").strip()[:64])
    if not may_edit(request.user, MAKE, office):
        raise PermissionDenied
    fiscal_year = (request.POST.get("fiscal_year") or "").strip()[:8]
    try:
        with transaction.atomic():
            pack = packs.pack_request(office=office, fiscal_year=fiscal_year, cs=request.POST.get("cs") or None,
                                      by=request.user)
            transaction.on_commit(partial(queue_pack, pack.pk))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return back_to("packs:index", office, None if "fiscal_year" in exc.message_dict else fiscal_year)
    messages.info(request, _("เริ่มจัดทำชุดหลักฐาน %(scope)s ฉบับที่ %(version)s แล้ว ติดตามความคืบหน้าได้ในหน้านี้") % {
        "scope": pack.scope_label, "version": pack.version})
    return back_to("packs:index", office, pack.fiscal_year)


def _pack(request, pk: int) -> EvidencePack:
    return get_scoped_or_404(EvidencePack.objects.select_related("office"), request.user, pk=pk)


@login_required
@require_GET
@permission_required(VIEW, raise_exception=True)
def pack_status(request, pk: int):
    """What the progress bar polls (static/js/evidence_packs.js)."""
    pack = _pack(request, pk)
    return JsonResponse(pack_status_data(pack, pdf_url=reverse("packs:pdf", args=[pack.pk]),
                                         zip_url=reverse("packs:zip", args=[pack.pk])))


def _download(request, pk: int, which: str):
    pack = _pack(request, pk)
    file = getattr(pack, which)
    if pack.status != PackStatus.DONE or not file:
        raise Http404
    return file_response(file=file, filename=f"{pack.file_stem}.{which}")


@login_required
@permission_required(VIEW, raise_exception=True)
def pack_pdf(request, pk: int):
    return _download(request, pk, "pdf")


@login_required
@permission_required(VIEW, raise_exception=True)
def pack_zip(request, pk: int):
    return _download(request, pk, "zip")
