"""The CS3 dashboard: the KPI and the other complaint figures for an office, a fiscal year and a quarter.

The figures come from `complaints.kpi` (every one counted by the database, a fixed number of queries);
this view only reads the filters, scopes the tickets to the reader and renders.
"""
import logging

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import render
from django.utils import timezone

from core.fiscal import fiscal_year_of
from core.offices.models import Office
from core.offices.scoping import visible_offices

from . import kpi
from .tasks import recount_dashboard

logger = logging.getLogger(__name__)
YEARS_SHOWN = 6  # the current fiscal year and the five before it (the span the scale target names)


class _OfficeField(forms.ModelChoiceField):
    """Offices as an indented tree, the reader's own office at the left margin."""

    top_depth = 1

    def label_from_instance(self, obj: Office) -> str:
        return f"{'— ' * (obj.depth - self.top_depth)}{obj.name}"


class DashboardFilterForm(forms.Form):
    """Fiscal year (BE, default the current one), an optional quarter, and an office within the reader's scope."""

    fiscal_year = forms.TypedChoiceField(label="ปีงบประมาณ", coerce=int, required=False)
    quarter = forms.TypedChoiceField(label="ไตรมาส", coerce=int, required=False, empty_value=None,
                                     choices=[("", "ทั้งปี")] + [(n, f"ไตรมาส {n}") for n in (1, 2, 3, 4)])
    office = _OfficeField(label="หน่วยงาน", queryset=Office.objects.none(), to_field_name="code", required=False)

    def __init__(self, *args, user, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.current_year = fiscal_year_of(today)
        years = range(self.current_year, self.current_year - YEARS_SHOWN, -1)
        self.fields["fiscal_year"].choices = [(y, f"ปีงบประมาณ {y}") for y in years]
        self.fields["office"].queryset = visible_offices(user).order_by("path")
        self.fields["office"].top_depth = user.office.depth if user.office_id else 1
        # A superuser has no office: the empty choice means every office.
        self.fields["office"].empty_label = "ทุกหน่วยงาน" if user.office_id is None else None
        self.default_office = user.office
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-select form-select-sm"

    def choice(self) -> tuple[int, int | None, Office | None]:
        """The valid choices, each falling back to its default (an office outside the scope is not a choice)."""
        self.is_valid()  # an unbound form has no cleaned_data; an invalid one keeps its valid fields
        data = getattr(self, "cleaned_data", {})
        return (data.get("fiscal_year") or self.current_year, data.get("quarter"),
                data.get("office") or self.default_office)


@login_required
@permission_required("complaints.view_ticket", raise_exception=True)
def dashboard(request):
    if request.user.office_id is None and not request.user.is_superuser:
        raise PermissionDenied  # no office, no scope: there is nothing to show
    today = timezone.localdate()
    form = DashboardFilterForm(request.GET or None, user=request.user, today=today)
    fiscal_year, quarter, office = form.choice()
    # The reader chose an office within their scope (the form allows no other): its figures are shared.
    shown = kpi.dashboard_view(office=office, fiscal_year=fiscal_year, quarter=quarter, today=today,
                               recount_later=_recount_later)
    figures = shown.figures
    return render(request, "complaints/dashboard.html", {
        "form": form, "d": figures, "charts": figures.chart_data(), "tab": "dashboard",
        "counted_at": shown.counted_at, "stale": shown.stale,
    })


def _recount_later(office_id, fiscal_year, quarter, day) -> None:
    transaction.on_commit(lambda: _queue_recount(office_id, fiscal_year, quarter, day))


def _queue_recount(office_id, fiscal_year, quarter, day) -> None:
    """A broker that is down must not break the page: the reader still gets the last figures, and the
    next view tries again."""
    try:
        recount_dashboard.delay(office_id, fiscal_year, quarter, day)
    except Exception:  # noqa: BLE001 - any broker failure; logged, and retried by the next view
        logger.warning("could not queue the dashboard recount", exc_info=True)
        office = Office.objects.filter(pk=office_id).first() if office_id else None
        cache.delete(f"{kpi.dashboard_key(office, fiscal_year, quarter)}:recounting")
