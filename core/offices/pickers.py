"""The office and fiscal year a register page shows (`?office=CODE&fiscal_year=2569`), for every process's pages:
the form that reads them, the function a view calls, who may change the office's registers, and the page, the
redirect back and the filter check every register view shares. The picker itself is
`offices/_office_year.html` (needs `offices`, `office` and, for a page by year, `fiscal_year`)."""
from django import forms
from django.core.exceptions import BadRequest
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from core.fiscal import FIRST_FISCAL_YEAR, FISCAL_YEAR_ERRORS, LAST_FISCAL_YEAR, fiscal_year_of
from core.forms import bootstrap_widgets

from .models import Office
from .scoping import visible_offices


class OfficeYearForm(forms.Form):
    office = forms.ModelChoiceField(label="หน่วยงาน", queryset=Office.objects.none(), to_field_name="code",
                                    required=False, empty_label=None)
    fiscal_year = forms.IntegerField(label="ปีงบประมาณ (พ.ศ.)", min_value=FIRST_FISCAL_YEAR,
                                     max_value=LAST_FISCAL_YEAR, required=False, error_messages=FISCAL_YEAR_ERRORS)

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        bootstrap_widgets(self, small=True)


def office_and_year(request) -> tuple[Office | None, int]:
    """The office (`?office=CODE`, default the user's own) and fiscal year (`?fiscal_year=`, default this one) a page
    shows. An office outside the user's scope does not exist for them (404), a malformed year is a Thai 400."""
    offices = visible_offices(request.user).order_by("path")
    form = OfficeYearForm(request.GET or None, offices=offices)
    if form.is_bound and not form.is_valid():
        if "office" in form.errors:
            raise Http404
        raise BadRequest(" ".join(form.errors["fiscal_year"]))
    data = form.cleaned_data if form.is_bound else {}
    office = data.get("office") or (request.user.office if request.user.office_id else offices.first())
    return office, data.get("fiscal_year") or fiscal_year_of(timezone.localdate())


def may_edit(user, permission: str, office: Office | None) -> bool:
    """The user may change `office`'s registers: the permission, and the office within their own subtree (a district
    reads its province's registers but does not change them)."""
    return (office is not None and user.has_perm(permission)
            and visible_offices(user).filter(pk=office.pk).exists())


def register_page(request, template: str, tab: str, office: Office | None, fiscal_year: int | None = None, *,
                  status: int = 200, **context):
    """A register page of a process: its tab, the office and year it shows, and the offices the picker offers."""
    offices = visible_offices(request.user).order_by("path")
    return render(request, template, {"tab": tab, "office": office, "fiscal_year": fiscal_year, "offices": offices,
                                      **context}, status=status)


def back_to(name: str, office: Office, fiscal_year: int | None = None):
    """Back to a register page (URL name), on the same office and year."""
    query = f"?office={office.code}" + (f"&fiscal_year={fiscal_year}" if fiscal_year else "")
    return redirect(reverse(name) + query)


def filter_or_400(filterset) -> None:
    """A register's filter with a malformed value is a Thai 400 naming what is wrong, never a 500 or a silent
    unfiltered list."""
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest(" ".join(m for errors in filterset.errors.values() for m in errors))
