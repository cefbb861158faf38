"""CS1 pages: the customer profile (groups), missions with the CS1 indicator, the duty analysis table, SIPOC, reviews,
and the CS1 plans. Thin: pick the office and year, validate a form, call one service, redirect or render."""
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django_tables2 import RequestConfig

from core import exports
from core.forms import add_service_errors, save_posted
from core.offices.models import Office
from core.offices.pickers import back_to, filter_or_400, may_edit, office_and_year, register_page
from core.pdf.responses import pdf_response
from core.plans.choices import CS
from core.plans.selectors import plan_list

from . import selectors, services
from .filters import GroupFilter
from .forms import DutyRowForm, GroupForm, MissionForm, ReviewForm, SipocForm
from .models import StakeholderGroup
from .tables import GroupTable

# --- Groups (the customer profile) --------------------------------------------------------------------------------

def _groups(request) -> GroupFilter:
    return GroupFilter(request.GET or None, queryset=selectors.group_list(user=request.user), user=request.user)


@login_required
@permission_required("stakeholders.view_stakeholdergroup", raise_exception=True)
def group_list(request):
    filterset = _groups(request)
    table = GroupTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    office = request.user.office
    return register_page(request, "stakeholders/group_list.html", "groups", office, filter=filterset, table=table,
                         top=selectors.top_groups(office=office) if office else None,
                         can_add=request.user.has_perm("stakeholders.add_stakeholdergroup") and office is not None)


@login_required
@permission_required("stakeholders.view_stakeholdergroup", raise_exception=True)
def group_export(request):
    filterset = _groups(request)
    filter_or_400(filterset)
    book = exports.table_xlsx(GroupTable(filterset.qs), title="กลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย")
    return exports.xlsx_response(book, f"stakeholder-groups-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@permission_required("stakeholders.view_stakeholdergroup", raise_exception=True)
def group_pdf(request):
    """The customer profile table of an office (its own groups and those it inherits) as an A4 page."""
    office, _year = office_and_year(request)
    if office is None:
        raise Http404
    return pdf_response("stakeholders/pdf/profile.html", selectors.profile_context(office=office),
                        f"customer-profile-{office.code}.pdf")


@login_required
@permission_required("stakeholders.add_stakeholdergroup", raise_exception=True)
def group_new(request):
    office = request.user.office
    if office is None:
        raise PermissionDenied
    return _group_form(request, office, None)


@login_required
@permission_required("stakeholders.view_stakeholdergroup", raise_exception=True)
def group_edit(request, pk: int):
    """A group's page: its form for those who may change it (its own office's subtree), read-only with its history
    for the districts that inherit it."""
    group = selectors.group_list(user=request.user).filter(pk=pk).first()
    if group is None:
        raise Http404
    return _group_form(request, group.office, group)


def _group_form(request, office: Office, group: StakeholderGroup | None):
    permission = "stakeholders.change_stakeholdergroup" if group else "stakeholders.add_stakeholdergroup"
    can_edit = may_edit(request.user, permission, office)
    form = GroupForm(request.POST if request.method == "POST" else None, instance=group)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.group_save(office=office, group=group, **form.cleaned_data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "บันทึกกลุ่มแล้ว")
                return redirect("stakeholders:index")
    history = selectors.group_history(group=group) if group else []
    return register_page(request, "stakeholders/group_form.html", "groups", office, form=form, group=group,
                         can_edit=can_edit, history=history)


# --- Missions and the CS1 indicator -------------------------------------------------------------------------------

@login_required
@permission_required("stakeholders.view_mission", raise_exception=True)
def missions(request):
    office, year = office_and_year(request)
    can_edit = may_edit(request.user, "stakeholders.add_mission", office)
    form = MissionForm(request.POST if request.method == "POST" else None, office=office) if can_edit else None
    done = save_posted(request, form, partial(services.mission_save, office=office, fiscal_year=year),
                    "บันทึกพันธกิจแล้ว", partial(back_to, "stakeholders:missions", office, year))
    if done:
        return done
    rows = selectors.mission_list(user=request.user, office=office, fiscal_year=year) if office else []
    figure = selectors.groups_defined_figure(office=office, fiscal_year=year) if office else None
    return register_page(request, "stakeholders/missions.html", "missions", office, year, missions=rows, form=form,
                         figure=figure, can_edit=can_edit)


@login_required
@permission_required("stakeholders.change_mission", raise_exception=True)
def mission_edit(request, pk: int):
    mission = selectors.mission_get(user=request.user, pk=pk)
    form = MissionForm(request.POST if request.method == "POST" else None, instance=mission, office=mission.office)
    if request.method == "POST" and form.is_valid():
        try:
            services.mission_save(office=mission.office, fiscal_year=mission.fiscal_year, mission=mission,
                                  **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "บันทึกพันธกิจแล้ว")
            return back_to("stakeholders:missions", mission.office, mission.fiscal_year)
    return register_page(request, "stakeholders/mission_form.html", "missions", mission.office, mission.fiscal_year,
                         form=form, mission=mission)


# --- The duty analysis table --------------------------------------------------------------------------------------

@login_required
@permission_required("stakeholders.view_dutyrow", raise_exception=True)
def duties(request):
    office, year = office_and_year(request)
    can_edit = may_edit(request.user, "stakeholders.add_dutyrow", office)
    form = (DutyRowForm(request.POST if request.method == "POST" else None, office=office, fiscal_year=year)
            if can_edit else None)
    done = save_posted(request, form, partial(services.duty_row_save, office=office, fiscal_year=year),
                    "บันทึกแถวแล้ว", partial(back_to, "stakeholders:duties", office, year))
    if done:
        return done
    rows = selectors.duty_rows(user=request.user, office=office, fiscal_year=year) if office else []
    return register_page(request, "stakeholders/duties.html", "duties", office, year, rows=rows, form=form)


# --- SIPOC --------------------------------------------------------------------------------------------------------

@login_required
@permission_required("stakeholders.view_sipoc", raise_exception=True)
def sipocs(request):
    office, _year = office_and_year(request)
    can_edit = may_edit(request.user, "stakeholders.add_sipoc", office)
    form = SipocForm(request.POST if request.method == "POST" else None, office=office) if can_edit else None
    done = save_posted(request, form, partial(services.sipoc_save, office=office), "บันทึก SIPOC แล้ว",
                    partial(back_to, "stakeholders:sipocs", office))
    if done:
        return done
    rows = selectors.sipoc_list(user=request.user, office=office) if office else []
    return register_page(request, "stakeholders/sipocs.html", "sipocs", office, sipocs=rows, form=form)


@login_required
@permission_required("stakeholders.view_sipoc", raise_exception=True)
def sipoc_pdf(request):
    office, _year = office_and_year(request)
    if office is None:
        raise Http404
    return pdf_response("stakeholders/pdf/sipoc.html",
                        {"office": office, "sipocs": selectors.sipoc_list(user=request.user, office=office)},
                        f"sipoc-{office.code}.pdf")


# --- Reviews ------------------------------------------------------------------------------------------------------

@login_required
@permission_required("stakeholders.view_review", raise_exception=True)
def reviews(request):
    office, _year = office_and_year(request)
    can_edit = may_edit(request.user, "stakeholders.add_review", office)
    form = ReviewForm(request.POST if request.method == "POST" else None) if can_edit else None
    done = save_posted(request, form, partial(services.review_add, office=office, by=request.user),
                    "บันทึกการทบทวนแล้ว", partial(back_to, "stakeholders:reviews", office))
    if done:
        return done
    rows = selectors.review_list(user=request.user, office=office) if office else []
    return register_page(request, "stakeholders/reviews.html", "reviews", office, reviews=rows, form=form)


# --- Plans --------------------------------------------------------------------------------------------------------

@login_required
@permission_required("plans.view_actionplan", raise_exception=True)
def plans(request):
    rows = plan_list(user=request.user, cs=CS.CS1).order_by("-fiscal_year", "office__code")
    return register_page(request, "stakeholders/plans.html", "plans", request.user.office, plans=rows, cs=CS.CS1)
