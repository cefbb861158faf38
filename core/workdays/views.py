"""The holiday calendar by year and the deadline rules: everyone reads them; those who may change the national
calendar add, edit and delete holidays and rules here, through the services (open deadlines move with a holiday;
a rule something counts by is only renamed)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.forms import add_service_errors
from core.thai_dates import be_year, ce_year

from . import selectors, services
from .forms import DeadlineRuleForm, HolidayForm
from .models import DeadlineRule, Holiday


def _require_editor(request) -> None:
    if not selectors.may_change_calendar(request.user):
        raise PermissionDenied


def _list_url(day) -> str:
    """The calendar page of the year of `day`."""
    return f"{reverse('manage:holidays')}?year={be_year(day.year)}"


@login_required
@permission_required("workdays.view_holiday", raise_exception=True)
def holiday_list(request):
    """`?year=` in Buddhist Era, as the page shows it; this year unless asked."""
    raw = request.GET.get("year", "")
    # isdecimal, not isdigit: "²" is a digit that int() refuses. Anything else shows this year.
    year = ce_year(int(raw)) if raw.isdecimal() and 2400 < int(raw) < 2700 else timezone.localdate().year
    years = sorted(set(selectors.holiday_years()) | {year}, reverse=True)
    return render(request, "workdays/holiday_list.html", {
        "holidays": selectors.holiday_list(year=year), "year": year, "be": be_year(year),
        "years": [(y, be_year(y)) for y in years], "can_edit": selectors.may_change_calendar(request.user),
        "tab": "holidays",
    })


@login_required
def holiday_add(request):
    _require_editor(request)
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        holiday = services.holiday_save(day=data["date"], name=data["name"], kind=data["kind"],
                                        source=data["source"], by=request.user)
        messages.success(request, f"เพิ่มวันหยุด {holiday.name} แล้ว กำหนดส่งงานที่ยังเปิดอยู่ถูกคำนวณใหม่")
        return redirect(_list_url(holiday.date))
    return render(request, "workdays/holiday_form.html", {"form": form, "tab": "holidays"},
                  status=400 if form.errors else 200)


@login_required
def holiday_edit(request, pk: int):
    _require_editor(request)
    holiday = get_object_or_404(Holiday, pk=pk)  # the calendar is national: no office to scope by
    form = HolidayForm(request.POST or None, holiday=holiday,
                       initial={"date": holiday.date, "name": holiday.name, "kind": holiday.kind,
                                "source": holiday.source})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.holiday_save(day=holiday.date, name=data["name"], kind=data["kind"], source=data["source"],
                              by=request.user)
        messages.success(request, f"บันทึกวันหยุด {data['name']} แล้ว")
        return redirect(_list_url(holiday.date))
    return render(request, "workdays/holiday_form.html", {"form": form, "holiday": holiday, "tab": "holidays"},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def holiday_delete(request, pk: int):
    _require_editor(request)
    holiday = get_object_or_404(Holiday, pk=pk)
    day, name = holiday.date, holiday.name
    services.holiday_delete(holiday=holiday, by=request.user)
    messages.success(request, f"ลบวันหยุด {name} แล้ว กำหนดส่งงานที่ยังเปิดอยู่ถูกคำนวณใหม่")
    return redirect(_list_url(day))


@login_required
@permission_required("workdays.view_deadlinerule", raise_exception=True)
def deadline_rule_list(request):
    return render(request, "workdays/deadline_rule_list.html", {
        "rules": selectors.deadline_rule_list(), "can_edit": selectors.may_change_calendar(request.user),
        "tab": "deadline-rules",
    })


@login_required
def deadline_rule_add(request):
    _require_editor(request)
    form = DeadlineRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rule = services.deadline_rule_save(**form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"เพิ่มเกณฑ์ {rule.name} แล้ว")
            return redirect("manage:deadline-rules")
    return render(request, "workdays/deadline_rule_form.html", {"form": form, "tab": "deadline-rules"},
                  status=400 if form.errors else 200)


@login_required
def deadline_rule_edit(request, pk: int):
    _require_editor(request)
    rule = get_object_or_404(DeadlineRule, pk=pk)  # the rules are national: no office to scope by
    uses = selectors.deadline_rule_uses(rule=rule)
    form = DeadlineRuleForm(request.POST or None, rule=rule, in_use=bool(uses))
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_rule_save(rule=rule, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"บันทึกเกณฑ์ {rule.name} แล้ว")
            return redirect("manage:deadline-rules")
    return render(request, "workdays/deadline_rule_form.html",
                  {"form": form, "rule": rule, "uses": uses, "tab": "deadline-rules"},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def deadline_rule_delete(request, pk: int):
    _require_editor(request)
    rule = get_object_or_404(DeadlineRule, pk=pk)
    name = rule.name
    try:
        services.deadline_rule_delete(rule=rule, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"ลบเกณฑ์ {name} แล้ว")
    return redirect("manage:deadline-rules")
