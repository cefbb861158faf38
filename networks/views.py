"""CS4 pages: the network register and table, each network with its contact channels and members, relationship plans,
activities with their photos and evaluation, the activity report and the CS4 plans. Thin: pick the office and year,
validate a form, call one service, redirect or render."""
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from core import exports
from core.files import file_response
from core.fiscal import fiscal_year_of
from core.forms import add_service_errors, bootstrap_widgets, save_posted
from core.offices.models import Office
from core.offices.pickers import back_to, filter_or_400, may_edit, office_and_year, register_page
from core.pdf.responses import pdf_response
from core.plans.choices import CS
from core.plans.selectors import plan_list as action_plan_list
from stakeholders.selectors import group_list

from . import selectors, services
from .filters import ActivityFilter, NetworkFilter
from .forms import ActivityForm, ContactFormSet, MemberForm, NetworkEditForm, PhotoForm, PlanForm, contact_rows
from .models import Network
from .tables import ActivityTable, MemberTable, NetworkTable

# --- The network register -----------------------------------------------------------------------------------------


def _networks(request) -> NetworkFilter:
    return NetworkFilter(request.GET or None, queryset=selectors.network_list(user=request.user), user=request.user,
                         groups=group_list(user=request.user).order_by("kind", "rank", "name"))


@login_required
@permission_required("networks.view_network", raise_exception=True)
def index(request):
    filterset = _networks(request)
    filter_or_400(filterset)
    table = NetworkTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    office = request.user.office
    return register_page(request, "networks/network_list.html", "networks", office, filter=filterset, table=table,
                         can_add=may_edit(request.user, "networks.add_network", office))


@login_required
@permission_required("networks.view_network", raise_exception=True)
def export(request):
    filterset = _networks(request)
    filter_or_400(filterset)
    book = exports.table_xlsx(NetworkTable(filterset.qs), title="เครือข่าย")
    return exports.xlsx_response(book, f"networks-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@permission_required("networks.view_network", raise_exception=True)
def members_export(request):
    """The members of the networks the register's filter selects; a person's details only for those who may see them."""
    filterset = _networks(request)
    filter_or_400(filterset)
    members = selectors.member_queryset(user=request.user).filter(network__in=filterset.qs.values("pk"))
    book = exports.table_xlsx(MemberTable(members.order_by("network__name", "kind", "name", "pk"), exclude=("delete",)),
                              title="สมาชิกเครือข่าย")
    return exports.xlsx_response(book, f"network-members-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@permission_required("networks.view_network", raise_exception=True)
def table_pdf(request):
    """The network table of one office as an A4 page, from the template the annual report will include."""
    office, _year = office_and_year(request)
    if office is None:
        raise Http404
    return pdf_response("networks/pdf/network_table.html", selectors.table_context(user=request.user, office=office),
                f"cs4-networks-{office.code}.pdf")


def _network_form(request, office: Office, network: Network | None):
    form = NetworkEditForm(request.POST or None, office=office, network=network)
    initial = [{"kind": c.kind, "value": c.value} for c in network.contact_channels.all()] if network else []
    contacts = ContactFormSet(request.POST or None, prefix="contacts", initial=initial)
    bootstrap_widgets(form)
    for contact in contacts.forms:
        bootstrap_widgets(contact, small=True)
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            network = services.network_save(network=network, office=office, contact_channels=contact_rows(contacts),
                                             **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"บันทึกเครือข่าย {network.name} แล้ว")
            return redirect("networks:detail", pk=network.pk)
    return render(request, "networks/network_form.html",
                  {"form": form, "contacts": contacts, "network": network, "office": office, "tab": "networks"},
                  status=400 if form.errors or contacts.total_error_count() else 200)


@login_required
@permission_required("networks.add_network", raise_exception=True)
def network_new(request):
    office, _year = office_and_year(request)
    if not may_edit(request.user, "networks.add_network", office):
        raise PermissionDenied
    return _network_form(request, office, None)


@login_required
@permission_required("networks.change_network", raise_exception=True)
def network_edit(request, pk: int):
    network = selectors.network_get(user=request.user, pk=pk)
    if not may_edit(request.user, "networks.change_network", network.office):
        raise PermissionDenied
    return _network_form(request, network.office, network)


@login_required
@permission_required("networks.view_network", raise_exception=True)
def network_detail(request, pk: int):
    network = selectors.network_get(user=request.user, pk=pk)
    can_change = may_edit(request.user, "networks.change_network", network.office)
    form = MemberForm(request.POST or None, network=network) if can_change else None
    if form is not None:
        bootstrap_widgets(form)
    if done := save_posted(request, form, partial(services.member_add, network=network), "เพิ่มสมาชิกแล้ว",
                           partial(redirect, "networks:detail", pk=network.pk)):
        return done
    members = selectors.member_queryset(user=request.user).filter(network=network)
    activities = selectors.activity_list(user=request.user).filter(network=network)
    return render(request, "networks/network_detail.html", {
        "network": network, "member_form": form,
        "members": MemberTable(members, exclude=("network",) + (() if can_change else ("delete",))),
        "can_change": can_change, "activities": activities,
        "plans": selectors.plan_list(user=request.user).filter(network=network),
        "can_add_activity": may_edit(request.user, "networks.add_activity", network.office), "tab": "networks",
    }, status=400 if form is not None and form.errors else 200)


@login_required
@permission_required("networks.change_network", raise_exception=True)
def member_edit(request, pk: int):
    """Correct a member's details (a new phone number, a new chair) without deleting and adding them again."""
    member = selectors.member_queryset(user=request.user).filter(pk=pk).first()
    if member is None:
        raise Http404
    if not (may_edit(request.user, "networks.change_network", member.network.office) and member.details_visible):
        raise PermissionDenied  # correcting a person's details needs the right to see them
    form = MemberForm(request.POST or None, network=member.network,
                      initial={"kind": member.kind, "name": member.name, "position": member.position,
                               "phone": member.phone, "email": member.email, "group": member.group_id})
    bootstrap_widgets(form)
    back = partial(redirect, "networks:detail", pk=member.network_id)
    if done := save_posted(request, form, partial(services.member_update, member=member), "แก้ไขข้อมูลสมาชิกแล้ว", back):
        return done
    return render(request, "networks/member_form.html", {"member": member, "network": member.network, "form": form,
                                                         "tab": "networks"}, status=400 if form.errors else 200)


@login_required
@permission_required("networks.change_network", raise_exception=True)
@require_POST
def member_delete(request, pk: int):
    member = selectors.member_queryset(user=request.user).filter(pk=pk).first()
    if member is None:
        raise Http404
    if not may_edit(request.user, "networks.change_network", member.network.office):
        raise PermissionDenied
    network_pk = member.network_id
    services.member_delete(member=member)
    messages.success(request, "ลบสมาชิกแล้ว")
    return redirect("networks:detail", pk=network_pk)


# --- Relationship plans -----------------------------------------------------------------------------------------------


def _plan_form(request, office: Office, fiscal_year: int, plan) -> tuple[PlanForm, bool]:
    """The plan form, and whether a valid post was saved."""
    networks = selectors.networks_of(user=request.user, office=office)
    initial = {"network": plan.network, "title": plan.title, "objective": plan.objective,
               "co_design": plan.co_design, "reflection": plan.reflection} if plan else {}
    form = PlanForm(request.POST or None, networks=networks, initial=initial)
    if plan is not None:
        form.fields["network"].disabled = True
    bootstrap_widgets(form)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.plan_save(plan=plan, fiscal_year=plan.fiscal_year if plan else fiscal_year, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "บันทึกแผนการสร้างความสัมพันธ์แล้ว")
            return form, True
    return form, False


@login_required
@permission_required("networks.view_relationshipplan", raise_exception=True)
def relationship_plans(request):
    office, fiscal_year = office_and_year(request)
    can_edit = may_edit(request.user, "networks.add_relationshipplan", office)
    form = None
    if can_edit:
        form, saved = _plan_form(request, office, fiscal_year, None)
        if saved:
            return back_to("networks:relationship-plans", office, fiscal_year)
    elif request.method == "POST":
        raise PermissionDenied
    rows = selectors.plan_list(user=request.user, office=office, fiscal_year=fiscal_year) if office else []
    return register_page(request, "networks/relationship_plans.html", "relationship-plans", office, fiscal_year,
                         rows=rows, form=form, can_edit=can_edit,
                         status=400 if form is not None and form.errors else 200)


@login_required
@permission_required("networks.change_relationshipplan", raise_exception=True)
def relationship_plan_edit(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    office = plan.network.office
    if not may_edit(request.user, "networks.change_relationshipplan", office):
        raise PermissionDenied
    form, saved = _plan_form(request, office, plan.fiscal_year, plan)
    if saved:
        return back_to("networks:relationship-plans", office, plan.fiscal_year)
    return render(request, "networks/relationship_plan_form.html",
                  {"form": form, "plan": plan, "tab": "relationship-plans"}, status=400 if form.errors else 200)


# --- Activities -------------------------------------------------------------------------------------------------------


def _activities(request) -> tuple[Office | None, int, ActivityFilter]:
    office, fiscal_year = office_and_year(request)
    if office is None:
        raise PermissionDenied  # no office, no scope: nothing to show
    rows = selectors.activities_of(user=request.user, office=office, fiscal_year=fiscal_year)
    networks = selectors.network_list(user=request.user).filter(pk__in=rows.values("network_id")).order_by("name")
    query = request.GET.copy()
    for name in ("office", "fiscal_year"):
        query.pop(name, None)
    filterset = ActivityFilter(query or None, queryset=rows, networks=networks)
    filter_or_400(filterset)
    return office, fiscal_year, filterset


@login_required
@permission_required("networks.view_activity", raise_exception=True)
def activities(request):
    office, fiscal_year, filterset = _activities(request)
    table = ActivityTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    results = selectors.evaluation_results(user=request.user, office=office, fiscal_year=fiscal_year)
    charts = {"quarters": selectors.activities_per_quarter(user=request.user, office=office, fiscal_year=fiscal_year),
              "evaluations": [{"title": r.title, "mean": float(r.mean) if r.mean is not None else None,
                               "top2": float(r.top2) if r.top2 is not None else None, "respondents": r.respondents}
                              for r in results]}
    return register_page(request, "networks/activities.html", "activities", office, fiscal_year, filter=filterset,
                         table=table, charts=charts, results=results,
                         rm33_mean=selectors.rm33_mean_figure(office=office, fiscal_year=fiscal_year),
                         rm33_top2=selectors.rm33_top2_figure(office=office, fiscal_year=fiscal_year))


@login_required
@permission_required("networks.view_activity", raise_exception=True)
def activities_export(request):
    office, fiscal_year, filterset = _activities(request)
    book = exports.table_xlsx(ActivityTable(filterset.qs), title="กิจกรรมสร้างความสัมพันธ์")
    return exports.xlsx_response(book, f"cs4-activities-{office.code}-{fiscal_year}.xlsx")


def _activity_form(request, network: Network, activity):
    members = selectors.member_queryset(user=request.user).filter(network=network)
    initial = {}
    if activity is not None:
        initial = {name: getattr(activity, name) for name in
                   ("title", "kind", "held_on", "starts_at", "ends_at", "place", "announced_on", "announcement",
                    "co_designed", "participants", "outcome")}
        initial["attendees"] = list(activity.attendees.all())
    form = ActivityForm(request.POST or None, members=members, initial=initial)
    bootstrap_widgets(form)
    if request.method == "POST" and form.is_valid():
        try:
            activity = services.activity_save(activity=activity, network=network, by=request.user,
                                              **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"บันทึกกิจกรรม {activity.title} แล้ว")
            return redirect("networks:activity", pk=activity.pk)
    return render(request, "networks/activity_form.html",
                  {"form": form, "network": network, "activity": activity, "tab": "activities"},
                  status=400 if form.errors else 200)


@login_required
@permission_required("networks.add_activity", raise_exception=True)
def activity_new(request, pk: int):
    network = selectors.network_get(user=request.user, pk=pk)
    if not may_edit(request.user, "networks.add_activity", network.office):
        raise PermissionDenied
    return _activity_form(request, network, None)


@login_required
@permission_required("networks.change_activity", raise_exception=True)
def activity_edit(request, pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    if not may_edit(request.user, "networks.change_activity", activity.network.office):
        raise PermissionDenied
    return _activity_form(request, activity.network, activity)


@login_required
@permission_required("networks.view_activity", raise_exception=True)
@require_GET
def activity_detail(request, pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    can_change = may_edit(request.user, "networks.change_activity", activity.network.office)
    survey = selectors.evaluation_round(activity=activity)
    results = None
    if survey is not None:
        results = next((r for r in selectors.evaluation_results(
            user=request.user, office=activity.network.office, fiscal_year=fiscal_year_of(activity.held_on))
            if r.activity_id == activity.pk), None)
    attendees = selectors.member_queryset(user=request.user).filter(activities=activity)
    photo_form = PhotoForm() if can_change else None
    if photo_form is not None:
        bootstrap_widgets(photo_form)
    return render(request, "networks/activity_detail.html", {
        "activity": activity, "survey": survey, "results": results, "can_change": can_change,
        "attendees": attendees, "photos": activity.photos.all(), "photo_form": photo_form, "tab": "activities",
        "can_delete_photo": request.user.has_perm("networks.delete_activityphoto") and can_change})


@login_required
@permission_required("networks.change_activity", raise_exception=True)
@require_POST
def activity_evaluation(request, pk: int):
    """Open the activity's evaluation from the standard questionnaire; its round page, poster and entry grid are
    CS6's."""
    activity = selectors.activity_get(user=request.user, pk=pk)
    if not may_edit(request.user, "networks.change_activity", activity.network.office):
        raise PermissionDenied
    try:
        services.evaluation_open(activity=activity, template="network-activity", by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "เปิดแบบประเมินกิจกรรมแล้ว พิมพ์โปสเตอร์ QR ให้สมาชิกเครือข่ายสแกนตอบได้")
    return redirect("networks:activity", pk=activity.pk)


@login_required
@permission_required("networks.change_activity", raise_exception=True)
@require_POST
def photo_add(request, pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    if not may_edit(request.user, "networks.change_activity", activity.network.office):
        raise PermissionDenied
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.photo_add(activity=activity, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
    if form.errors:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    else:
        messages.success(request, "เพิ่มภาพกิจกรรมแล้ว")
    return redirect("networks:activity", pk=activity.pk)


@login_required
@permission_required("networks.view_activity", raise_exception=True)
@require_GET
def photo(request, pk: int):
    """A photo, served only through its activity's scope (media files are not served by URL)."""
    item = selectors.photo_get(user=request.user, pk=pk)
    return file_response(file=item.photo, filename=item.photo_name or item.photo.name)


@login_required
@permission_required("networks.delete_activityphoto", raise_exception=True)
@require_POST
def photo_delete(request, pk: int):
    item = selectors.photo_get(user=request.user, pk=pk)
    activity = selectors.activity_get(user=request.user, pk=item.activity_id)
    if not may_edit(request.user, "networks.change_activity", activity.network.office):
        raise PermissionDenied
    services.photo_delete(photo=item)
    messages.success(request, "ลบภาพแล้ว")
    return redirect("networks:activity", pk=activity.pk)


# --- The activity report and the CS4 plans --------------------------------------------------------------------------


@login_required
@permission_required("networks.view_activity", raise_exception=True)
def report(request):
    office, fiscal_year = office_and_year(request)
    if office is None:
        raise PermissionDenied
    context = selectors.report_context(user=request.user, office=office, fiscal_year=fiscal_year)
    return register_page(request, "networks/report.html", "report", context.pop("office"), context.pop("fiscal_year"),
                         **context)


@login_required
@permission_required("networks.view_activity", raise_exception=True)
def report_pdf(request):
    """The relationship-activity report (seed 002) of an office's subtree and year as A4 pages."""
    office, fiscal_year = office_and_year(request)
    if office is None:
        raise Http404
    context = selectors.report_context(user=request.user, office=office, fiscal_year=fiscal_year)
    return pdf_response("networks/pdf/activity_report.html", context, f"cs4-activities-{office.code}-{fiscal_year}.pdf")


@login_required
def plans(request):
    """The CS4 action plans the user sees (what /cs4/ showed before the registers): a tab among the others."""
    rows = action_plan_list(user=request.user, cs=CS.CS4).order_by("-fiscal_year", "office__code")
    return render(request, "networks/plans.html", {"tab": "plans", "plans": rows, "cs": CS(CS.CS4)})
