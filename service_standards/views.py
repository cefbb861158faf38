"""CS7 pages: the services with their standard and steps, the service records with RM 3.5 (filters and an XLSX
export), and the CS7 plans. Thin: pick the office and year, filter, call a selector, render."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from core import exports
from core.forms import add_service_errors
from core.offices.models import Office
from core.offices.pickers import back_to, filter_or_400, may_edit, office_and_year, register_page
from core.pdf.responses import pdf_response
from core.plans.choices import CS
from core.plans.selectors import plan_list

from . import posters, selectors, services, views_use
from .choices import ManualStatus
from .filters import RecordFilter
from .forms import (
    ApproveForm,
    DiffForm,
    ManualForm,
    PublishForm,
    RecordForm,
    ServiceForm,
    formset_steps,
    step_formset,
)
from .models import Service
from .tables import RecordTable


@login_required
@permission_required("service_standards.view_service", raise_exception=True)
def service_list(request):
    """The services the office gives (its own and those adopted from above), each with its standard and steps."""
    office, year = office_and_year(request)
    services = (selectors.services_for_office(office=office).select_related("office").prefetch_related("steps")
                if office else [])
    return register_page(request, "service_standards/services.html", "services", office, year, services=services,
                         summary=selectors.chart_summary(office=office) if office else None,
                         can_add=may_edit(request.user, "service_standards.add_service", office))


def _records(request) -> RecordFilter:
    filterset = RecordFilter(request.GET or None, queryset=selectors.records_visible(user=request.user),
                             user=request.user)
    filter_or_400(filterset)
    return filterset


@login_required
@permission_required("service_standards.view_servicerecord", raise_exception=True)
def record_list(request):
    """The service records with RM 3.5 of the office picked (or the user's own) for the fiscal year picked."""
    filterset = _records(request)
    office, year = office_and_year(request)
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    office = data.get("office") or office
    year = int(data.get("fiscal_year") or year)
    table = RecordTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return register_page(
        request, "service_standards/records.html", "records", office, year, filter=filterset, table=table,
                         figure=selectors.rm35_figure(office=office, fiscal_year=year) if office else None,
                         by_quarter=selectors.rm35_by_quarter(office=office, fiscal_year=year) if office else [],
                         by_service=selectors.rm35_by_service(office=office, fiscal_year=year) if office else [],
                         can_add=may_edit(request.user, "service_standards.add_servicerecord", request.user.office))


@login_required
@permission_required("service_standards.view_servicerecord", raise_exception=True)
def record_export(request):
    book = exports.table_xlsx(RecordTable(_records(request).qs), title="บันทึกการให้บริการตามมาตรฐาน")
    return exports.xlsx_response(book, f"service-records-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
def plans(request):
    """The CS7 action plans the user sees (what /cs7/ showed before the registers): a tab among the others."""
    rows = plan_list(user=request.user, cs=CS.CS7).order_by("-fiscal_year", "office__code")
    return render(request, "service_standards/plans.html", {"tab": "plans", "plans": rows, "cs": CS(CS.CS7)})


# --- A service, its standard and steps; the service chart and the "N เรื่อง M เล่ม" summary --------------------------

@login_required
@permission_required("service_standards.add_service", raise_exception=True)
def service_new(request):
    office, year = office_and_year(request)
    if not may_edit(request.user, "service_standards.add_service", office):
        raise PermissionDenied
    return _service_form(request, office, year, None)


@login_required
@permission_required("service_standards.view_service", raise_exception=True)
def service_detail(request, pk: int):
    """A service's page: its form and steps for those who may change it (its own office's committee), read-only
    for everyone else (an office that adopted it from above reads it)."""
    service = selectors.service_get(user=request.user, pk=pk)
    _office, year = office_and_year(request)
    return _service_form(request, service.office, year, service)


def _service_form(request, office: Office, year: int, service: Service | None):
    permission = "service_standards.change_service" if service else "service_standards.add_service"
    can_edit = may_edit(request.user, permission, office)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ServiceForm(data, office=office, service=service)
    steps = step_formset(data, service=service)
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        try:
            saved = services.service_save(office=office, service=service, steps=formset_steps(steps),
                                          **form.cleaned_data)
        except ValidationError as exc:
            if "steps" in getattr(exc, "error_dict", {}):
                steps._non_form_errors = steps.error_class(exc.message_dict["steps"])
            add_service_errors(form, ValidationError({k: v for k, v in exc.message_dict.items() if k != "steps"})
                               if hasattr(exc, "error_dict") else exc)
        else:
            messages.success(request, f"บันทึกงานบริการ {saved.name} แล้ว")
            return redirect("service_standards:service", pk=saved.pk)
    return register_page(request, "service_standards/service.html", "services", office, year, form=form,
                         steps=steps, service=service, can_edit=can_edit,
                         **(views_use.service_use_context(request, service, year) if service else {}),
                         status=400 if request.method == "POST" else 200)


@login_required
@permission_required("service_standards.view_service", raise_exception=True)
def service_chart_pdf(request, pk: int):
    """The service chart (แผนผังขั้นตอนการให้บริการ) as an A4 page: its standard, steps, documents and fees."""
    service = selectors.service_get(user=request.user, pk=pk)
    return pdf_response("service_standards/pdf/service_chart.html",
                        {"service": service, "steps": service.steps.all(), "printed_on": timezone.localdate()},
                        f"cs7-service-chart-{service.pk}.pdf")


@login_required
@permission_required("service_standards.view_service", raise_exception=True)
def summary_pdf(request):
    """Seed 002's summary: the services with their published manuals and how they were published, "N เรื่อง M เล่ม"."""
    office, year = office_and_year(request)
    if office is None:
        raise Http404
    return pdf_response("service_standards/pdf/summary.html",
                        {"office": office, "fiscal_year": year, "summary": selectors.chart_summary(office=office),
                         "rows": selectors.summary_rows(office=office), "printed_on": timezone.localdate()},
                        f"cs7-summary-{office.code}.pdf")


# --- Public manuals: versions and their history, draft, approve, publish, compare -------------------------------------

@login_required
@permission_required("service_standards.view_publicmanual", raise_exception=True)
def manuals(request, pk: int):
    """A service's public manual versions with their history; the committee of the service's office drafts the next."""
    service = selectors.service_get(user=request.user, pk=pk)
    can_draft = may_edit(request.user, "service_standards.add_publicmanual", service.office)
    if request.method == "POST" and not can_draft:
        raise PermissionDenied
    latest = selectors.manuals_of(service=service).first()
    form = ManualForm(request.POST if request.method == "POST" else None,
                      initial={"title": latest.title, "body": latest.body} if latest else {"title": service.name})
    if request.method == "POST" and form.is_valid():
        try:
            manual = services.manual_draft(service=service, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"จัดทำร่างคู่มือฉบับที่ {manual.version} แล้ว")
            return redirect("service_standards:manual", pk=manual.pk)
    versions = selectors.manuals_of(service=service).select_related("drafted_by")
    return register_page(request, "service_standards/manuals.html", "services", service.office, None,
                         service=service, versions=versions, form=form if can_draft else None,
                         diff_form=DiffForm(), status=400 if request.method == "POST" else 200)


def _manual_page(request, manual, *, form=None, approve=None, publish=None, status=200):
    can_change = may_edit(request.user, "service_standards.change_publicmanual", manual.service.office)
    can_publish = may_edit(request.user, "service_standards.add_manualpublication", manual.service.office)
    draft = manual.status == ManualStatus.DRAFT
    if can_change and draft:
        form = form or ManualForm(initial={"title": manual.title, "body": manual.body})
        approve = approve or ApproveForm()
    if can_publish and manual.status in (ManualStatus.APPROVED, ManualStatus.PUBLISHED):
        publish = publish or PublishForm()
    return register_page(request, "service_standards/manual.html", "services", manual.service.office, None,
                         manual=manual, service=manual.service,
                         publications=selectors.publications_of(manual=manual),
                         form=form if can_change and draft else None, approve=approve if can_change and draft else None,
                         publish=publish if can_publish else None, status=status)


@login_required
@permission_required("service_standards.view_publicmanual", raise_exception=True)
def manual(request, pk: int):
    """One version: its text and history; a draft is changed here."""
    manual = selectors.manual_get(user=request.user, pk=pk)
    if request.method != "POST":
        return _manual_page(request, manual)
    if not may_edit(request.user, "service_standards.change_publicmanual", manual.service.office):
        raise PermissionDenied
    form = ManualForm(request.POST)
    if form.is_valid():
        try:
            services.manual_update(manual=manual, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "บันทึกร่างคู่มือแล้ว")
            return redirect("service_standards:manual", pk=manual.pk)
    return _manual_page(request, manual, form=form, status=400)


def _manual_step(request, pk: int, permission: str, form_class, save, done: str, page_kwarg: str):
    """One POST step on a manual version (approve, publish): the right on the manual's office, the form, the
    service; the manual page again with the form as typed (400) when refused."""
    manual = selectors.manual_get(user=request.user, pk=pk)
    if not may_edit(request.user, permission, manual.service.office):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        try:
            save(manual=manual, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("service_standards:manual", pk=manual.pk)
    return _manual_page(request, manual, status=400, **{page_kwarg: form})


@login_required
@permission_required("service_standards.change_publicmanual", raise_exception=True)
@require_POST
def manual_approve(request, pk: int):
    """Record that an executive (or the committee) approved a draft: who, in which position, on which day."""
    return _manual_step(request, pk, "service_standards.change_publicmanual", ApproveForm, services.manual_approve,
                        "บันทึกการเห็นชอบคู่มือแล้ว", "approve")


@login_required
@permission_required("service_standards.add_manualpublication", raise_exception=True)
@require_POST
def manual_publish(request, pk: int):
    """Record one occasion an approved manual was published, and how; the first makes it the published version."""
    return _manual_step(request, pk, "service_standards.add_manualpublication", PublishForm, services.manual_publish,
                        "บันทึกการเผยแพร่คู่มือแล้ว", "publish")


@login_required
@permission_required("service_standards.view_publicmanual", raise_exception=True)
def manual_diff(request, pk: int):
    """Two versions of a service's manual side by side (`?a=1&b=3`, version numbers)."""
    service = selectors.service_get(user=request.user, pk=pk)
    form = DiffForm(request.GET)
    if not form.is_valid():
        raise BadRequest(" ".join(m for errors in form.errors.values() for m in errors))
    found = {m.version: m for m in selectors.manuals_of(service=service).filter(
        version__in=[form.cleaned_data["a"], form.cleaned_data["b"]])}
    if len(found) < len({form.cleaned_data["a"], form.cleaned_data["b"]}):
        raise BadRequest("ไม่พบคู่มือฉบับที่เลือกของงานบริการนี้")
    older, newer = found[min(found)], found[max(found)]
    return register_page(request, "service_standards/manual_diff.html", "services", service.office, None,
                         service=service, older=older, newer=newer,
                         rows=selectors.manual_diff(older=older, newer=newer))


@login_required
@permission_required("service_standards.view_publicmanual", raise_exception=True)
def manual_pdf(request, pk: int):
    """A manual version as A4 pages: the service's standard and steps, documents, fees, where to apply and complain."""
    manual = selectors.manual_get(user=request.user, pk=pk)
    return pdf_response("service_standards/pdf/manual.html",
                        {"manual": manual, "service": manual.service, "steps": manual.service.steps.all(),
                         "printed_on": timezone.localdate()}, f"cs7-manual-{manual.service_id}-{manual.version}.pdf")


@login_required
@permission_required("service_standards.view_publicmanual", raise_exception=True)
def manual_poster(request, pk: int):
    """The QR poster of the published version: a citizen scans it and lands on the public page."""
    manual = selectors.manual_get(user=request.user, pk=pk)
    if manual.status != ManualStatus.PUBLISHED:
        raise Http404
    url = request.build_absolute_uri(reverse("manual_public:manual", args=[manual.token]))
    response = HttpResponse(posters.poster_pdf(manual=manual, url=url), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="cs7-manual-poster-{manual.pk}.pdf"'
    return response


# --- One service record -----------------------------------------------------------------------------------------------

_RECORD_FIELDS = {"received_at": "received_time", "completed_at": "completed_time"}


@login_required
@permission_required("service_standards.add_servicerecord", raise_exception=True)
def record_new(request):
    """One service record of the office picked (the user's own by default), through `services.record_save`: a
    reference keyed before is updated, as an import would."""
    office, year = office_and_year(request)
    if not may_edit(request.user, "service_standards.add_servicerecord", office):
        raise PermissionDenied
    form = RecordForm(request.POST if request.method == "POST" else None, office=office)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.record_save(office=office, service=form.cleaned_data["service"], **form.row())
        except ValidationError as exc:
            add_service_errors(form, ValidationError({_RECORD_FIELDS.get(k, k): v
                                                      for k, v in exc.message_dict.items()}))
        else:
            verdict = ("ยังไม่แล้วเสร็จ" if record.met is None else "ทันตามมาตรฐาน" if record.met else "เกินมาตรฐาน")
            messages.success(request, f"บันทึกเรื่อง {record.reference} แล้ว ({verdict})")
            return back_to("service_standards:records", office, year)
    return register_page(request, "service_standards/record_form.html", "records", office, year, form=form,
                         status=400 if request.method == "POST" else 200)
