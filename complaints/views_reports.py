"""The CS3 printed reports for staff: the register as a PDF (the register's filters and scope), and the ITA
complaint-handling report of an office (its two periods, their PDF, publish and unpublish). Thin views: the figures
are `complaints.reports`' and `complaints.kpi`'s, the change is `services.ita_publish`."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.forms import ModelChoiceField
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from core.offices.pickers import back_to, filter_or_400, may_edit, office_and_year, register_page
from core.pdf.responses import pdf_response

from . import reports, selectors, services
from .choices import ItaPeriod
from .views import _filtered

YES_NO = {True: "ใช่", False: "ไม่ใช่"}


def _filters_described(filterset) -> list[tuple[str, str]]:
    """The filters the reader chose, in words, for the PDF's heading: (label, value)."""
    if not filterset.is_bound:
        return []
    described = []
    for name, value in filterset.form.cleaned_data.items():
        if value in (None, "", [], ()):
            continue
        field = filterset.form.fields[name]
        if isinstance(value, bool):
            text = YES_NO[value]
        elif getattr(field, "choices", None) is not None and not isinstance(field, ModelChoiceField):
            text = str({str(key): label for key, label in field.choices}.get(str(value), value))
        else:
            text = str(value)
        described.append((str(field.label), text))
    return described


@login_required
@permission_required("complaints.view_ticket", raise_exception=True)
def register_pdf(request):
    """The register the reader filtered, as landscape A4 pages with each ticket's SLA status. Complainants only where
    the reader may see them (an executive's or an assessor's copy has no such column); past `REGISTER_CAP` tickets the
    reader is sent back to the register to narrow the filters. Three queries whatever the number of tickets."""
    filterset = _filtered(request)
    filter_or_400(filterset)
    total = filterset.qs.count()
    if total > reports.REGISTER_CAP:
        messages.error(request, f"ทะเบียนตามเงื่อนไขที่เลือกมี {total:,} เรื่อง เกินกว่าที่พิมพ์เป็น PDF ได้ในครั้งเดียว "
                                f"({reports.REGISTER_CAP:,} เรื่อง) โปรดเลือกเงื่อนไขให้แคบลง เช่น ปีงบประมาณ ไตรมาส "
                                f"หรือหน่วยงาน หรือส่งออกเป็น XLSX")
        query = request.GET.urlencode()
        return redirect(reverse("complaints:index") + (f"?{query}" if query else ""))
    today = timezone.localdate()
    context = {"rows": reports.register_rows(filterset.qs, today=today), "total": total, "capped": False,
               "show_complainant": selectors.may_see_complainants(user=request.user),
               "filters": _filters_described(filterset), "printed_on": today}
    return pdf_response("complaints/pdf/register.html", context, f"complaints-register-{today:%Y%m%d}.pdf")


def _office(request):
    office, fiscal_year = office_and_year(request)
    if office is None:
        raise Http404
    return office, fiscal_year


def _period_param(raw: str | None) -> str:
    if raw not in ItaPeriod.values:
        raise BadRequest("รอบรายงานต้องเป็น half (ตุลาคม–มีนาคม) หรือ year (ทั้งปีงบประมาณ)")
    return raw


@login_required
@permission_required("complaints.view_itareport", raise_exception=True)
def ita(request):
    """The ITA complaint-handling report of an office and year: both periods with their figures, the PDF, and (for
    the committee of the office) publish or take down each period's public page."""
    office, fiscal_year = _office(request)
    can_publish = may_edit(request.user, "complaints.change_itareport", office)
    status = 200
    if request.method == "POST":
        if not can_publish:
            raise PermissionDenied
        try:
            report = services.ita_publish(office=office, fiscal_year=fiscal_year,
                                          period=request.POST.get("period", ""),
                                          published=request.POST.get("publish") == "1", by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            status = 400
        else:
            messages.success(request, f"เผยแพร่{report.get_period_display()}แล้ว" if report.is_published
                             else f"ยกเลิกการเผยแพร่{report.get_period_display()}แล้ว")
            return back_to("complaints:ita", office, fiscal_year)
    published = selectors.ita_reports(office=office, fiscal_year=fiscal_year)
    today = timezone.localdate()
    periods = [{"key": key, "label": label, "report": published.get(key),
                "started": reports.ita_period(fiscal_year=fiscal_year, period=key).start <= today,
                **reports.ita_context(office=office, fiscal_year=fiscal_year, period=key, today=today)}
               for key, label in ItaPeriod.choices]
    return register_page(request, "complaints/ita.html", "ita", office, fiscal_year, status=status,
                         periods=periods, can_publish=can_publish)


@login_required
@permission_required("complaints.view_itareport", raise_exception=True)
def ita_pdf(request):
    """A period's ITA report as A4 pages (the same whether or not it is published)."""
    office, fiscal_year = _office(request)
    period = _period_param(request.GET.get("period"))
    context = reports.ita_context(office=office, fiscal_year=fiscal_year, period=period)
    return pdf_response("complaints/pdf/ita_report.html", context,
                        f"ita-complaints-{office.code}-{fiscal_year}-{period}.pdf")
