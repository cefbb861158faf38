"""CS7 pages on how the standards are used: a service's staff work manuals (versions, upload, download) and the
checks that offices work by the manuals (observation, supervisor rating, internal audit) with their corrective
actions. Thin: scope and fetch, validate a form, call one service, redirect or render."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig

from core import exports
from core.files import file_response
from core.fiscal import fiscal_year_of
from core.forms import add_service_errors
from core.offices.pickers import filter_or_400, may_edit, office_and_year, register_page
from core.offices.scoping import visible_offices

from . import selectors, services
from .filters import CheckFilter
from .forms import CheckForm, StaffManualForm
from .models import Service, UsageCheck
from .tables import CheckTable

# --- Staff work manuals -----------------------------------------------------------------------------------------------


@login_required
@permission_required("service_standards.view_staffmanual", raise_exception=True)
def staff_manuals(request, pk: int):
    """A service's staff work manuals with every version; the committee of the service's office uploads the next
    version of one, or the first of a new title."""
    service = selectors.service_get(user=request.user, pk=pk)
    can_upload = may_edit(request.user, "service_standards.add_staffmanualversion", service.office)
    if request.method == "POST" and not can_upload:
        raise PermissionDenied
    form = StaffManualForm(request.POST or None, request.FILES or None, service=service) if can_upload else None
    if request.method == "POST" and form.is_valid():
        try:
            version = services.staff_manual_version_add(service=service, by=request.user, **form.upload())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"เพิ่มคู่มือ {version.manual.title} ฉบับที่ {version.version} แล้ว")
            return redirect("service_standards:staff-manuals", pk=service.pk)
    return register_page(request, "service_standards/staff_manuals.html", "services", service.office, None,
                         service=service, manuals=selectors.staff_manuals_of(service=service), form=form,
                         status=400 if request.method == "POST" else 200)


@login_required
@permission_required("service_standards.view_staffmanualversion", raise_exception=True)
@require_GET
def staff_manual_file(request, pk: int):
    """A staff manual file, served only through its service's scope (media files are not served by URL)."""
    version = selectors.staff_manual_version_get(user=request.user, pk=pk)
    return file_response(file=version.file, filename=version.file_name or version.file.name)


def service_use_context(request, service: Service, fiscal_year: int) -> dict:
    """What the service page shows of the manuals' use: its staff manuals and the checks of the user's offices this
    fiscal year by kind, with the corrective actions still open (one aggregate each)."""
    return {"staff_manual_count": selectors.staff_manuals_of(service=service).count(),
            "check_counts": selectors.check_counts(
                checks=selectors.checks_visible(user=request.user).filter(service=service), fiscal_year=fiscal_year),
            "can_add_check": may_edit(request.user, "service_standards.add_usagecheck", request.user.office)}


# --- Checks on use ----------------------------------------------------------------------------------------------------

def _checks(request) -> CheckFilter:
    filterset = CheckFilter(request.GET or None, queryset=selectors.checks_visible(user=request.user),
                            user=request.user)
    filter_or_400(filterset)
    return filterset


@login_required
@permission_required("service_standards.view_usagecheck", raise_exception=True)
def check_list(request):
    """The checks of the user's offices, filtered, with their counts by kind and the open corrective actions."""
    filterset = _checks(request)
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    office = data.get("office") or request.user.office or visible_offices(request.user).order_by("path").first()
    year = int(data.get("fiscal_year") or fiscal_year_of(timezone.localdate()))
    table = CheckTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return register_page(request, "service_standards/checks.html", "checks", office, year, filter=filterset,
                         table=table, counts=selectors.check_counts(checks=filterset.qs),
                         can_add=may_edit(request.user, "service_standards.add_usagecheck", request.user.office))


@login_required
@permission_required("service_standards.view_usagecheck", raise_exception=True)
def check_export(request):
    book = exports.table_xlsx(CheckTable(_checks(request).qs), title="การตรวจสอบการใช้คู่มือ")
    return exports.xlsx_response(book, f"service-usage-checks-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@permission_required("service_standards.add_usagecheck", raise_exception=True)
def check_new(request):
    """A new check, of the user's own office by default (`?service=` picks the service, as the service page links)."""
    office, year = office_and_year(request)
    if not may_edit(request.user, "service_standards.add_usagecheck", office):
        raise PermissionDenied
    initial = {"office": office.code, "checked_on": timezone.localdate()}
    if (service := request.GET.get("service", "")).isdecimal():
        initial["service"] = int(service)
    return _check_form(request, None, initial, year)


@login_required
@permission_required("service_standards.view_usagecheck", raise_exception=True)
def check_detail(request, pk: int):
    """A check: its form for those who may key the office's checks, read-only for everyone else."""
    check = selectors.check_get(user=request.user, pk=pk)
    return _check_form(request, check, None, fiscal_year_of(check.checked_on))


def _check_form(request, check: UsageCheck | None, initial: dict | None, year: int):
    permission = "service_standards.change_usagecheck" if check else "service_standards.add_usagecheck"
    can_edit = check is None or may_edit(request.user, permission, check.office)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    form = CheckForm(request.POST if request.method == "POST" else None, user=request.user, check=check,
                     initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not may_edit(request.user, permission, data["office"]):
            raise PermissionDenied  # a district keys its own office's checks only
        try:
            saved = services.check_save(check=check, by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"บันทึกการตรวจสอบ {saved.service.name} ({saved.office.name}) แล้ว")
            return redirect("service_standards:check", pk=saved.pk)
    return register_page(request, "service_standards/check.html", "checks", check.office if check else None, year,
                         form=form, check=check, can_edit=can_edit,
                         status=400 if request.method == "POST" else 200)
