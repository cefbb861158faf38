"""The CS3 dashboard: the KPI and the other complaint figures for an office, a fiscal year and a quarter.

The figures are counted by `complaints.kpi` and kept by `complaints.dashboard_cache`; this view only reads the
filters (the form offers only offices within the reader's scope) and renders.
"""
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from . import dashboard_cache
from .forms import DashboardFilterForm


@login_required
@permission_required("complaints.view_ticket", raise_exception=True)
def dashboard(request):
    if request.user.office_id is None and not request.user.is_superuser:
        raise PermissionDenied  # no office, no scope: there is nothing to show
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET or None, user=request.user, today=today)
    fiscal_year, quarter, office = form.choice()
    shown = dashboard_cache.dashboard_figures(office=office, fiscal_year=fiscal_year, quarter=quarter, today=today)
    return render(request, "complaints/dashboard.html", {
        "form": form, "d": shown.figures, "charts": shown.figures.chart_data(), "tab": "dashboard",
        "counted_at": shown.counted_at, "stale": shown.stale,
    })
