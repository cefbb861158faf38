"""CS7 pages: the services with their standard and steps, the service records with RM 3.5 (filters and an XLSX
export), and the CS7 plans. Thin: pick the office and year, filter, call a selector, render."""
from django.contrib.auth.decorators import login_required, permission_required
from django.shortcuts import render
from django.utils import timezone
from django_tables2 import RequestConfig

from core import exports
from core.offices.pickers import filter_or_400, office_and_year, register_page
from core.plans.choices import CS
from core.plans.selectors import plan_list

from . import selectors
from .filters import RecordFilter
from .tables import RecordTable


@login_required
@permission_required("service_standards.view_service", raise_exception=True)
def service_list(request):
    """The services the office gives (its own and those adopted from above), each with its standard and steps."""
    office, year = office_and_year(request)
    services = (selectors.services_for_office(office=office).select_related("office").prefetch_related("steps")
                if office else [])
    return register_page(request, "service_standards/services.html", "services", office, year, services=services,
                         summary=selectors.chart_summary(office=office) if office else None)


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
        by_service=selectors.rm35_by_service(office=office, fiscal_year=year) if office else [])


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
