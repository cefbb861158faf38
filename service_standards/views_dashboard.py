"""The CS7 dashboard (ภาพรวม CS7): RM 3.5 of an office's subtree and fiscal year against the plan's target, by
quarter, service and child office, the steps where late and open records sit, and the late records.

Counted by `service_standards.dashboard` and kept in the cache; this view only picks the office (within the reader's
scope: another office's code is a 404) and the year, and renders.
"""
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from core.offices.pickers import office_and_year, register_page

from . import dashboard as figures


@login_required
@permission_required("service_standards.view_servicerecord", raise_exception=True)
def dashboard(request):
    office, year = office_and_year(request)
    if office is None:
        raise PermissionDenied  # no office, no scope: there is nothing to show
    d = figures.dashboard(office=office, fiscal_year=year, today=timezone.localdate())
    return register_page(request, "service_standards/dashboard.html", "dashboard", office, year, d=d,
                         charts=d.chart_data())
