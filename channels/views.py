"""CS2 pages: the channel register, table CS2-1, the types of information received (CS2-A), channel reviews, the
improvements made from what was heard, and the CS2 plans. The three-year statistics and their import are in
`views_statistics`. Thin: pick the office and year, validate a form, call one service, redirect or render."""
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
from core.forms import add_service_errors, bootstrap_widgets, save_posted
from core.offices.models import Office
from core.offices.pickers import back_to, filter_or_400, may_edit, office_and_year, register_page
from core.offices.scoping import visible_offices
from core.pdf.responses import pdf_response
from core.plans.choices import CS
from core.plans.selectors import plan_list
from core.workdays.selectors import may_change_calendar

from . import selectors, services
from .filters import ChannelFilter, GroupChannelFilter
from .forms import ChannelForm, GroupChannelForm, ImprovementForm, InformationTypesForm, ReviewForm
from .models import Channel, GroupChannel
from .tables import ChannelTable, GroupChannelTable

# --- The channel register -------------------------------------------------------------------------------------------


def _channels(request) -> ChannelFilter:
    return ChannelFilter(request.GET or None, queryset=selectors.channel_register(user=request.user),
                         user=request.user)


@login_required
@permission_required("channels.view_channel", raise_exception=True)
def channel_list(request):
    filterset = _channels(request)
    table = ChannelTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    can_add = may_change_calendar(request.user) or (request.user.has_perm("channels.add_channel")
                                                    and request.user.office_id is not None)
    return register_page(request, "channels/channel_list.html", "channels", request.user.office, filter=filterset,
                         table=table, can_add=can_add)


@login_required
@permission_required("channels.view_channel", raise_exception=True)
def channel_export(request):
    filterset = _channels(request)
    filter_or_400(filterset)
    book = exports.table_xlsx(ChannelTable(filterset.qs), title="ช่องทางการรับฟัง")
    return exports.xlsx_response(book, f"channels-{timezone.localdate():%Y%m%d}.xlsx")


def _owner_choices(request) -> list[tuple[str, str]]:
    """Whom a new channel may belong to: the offices the user sees (with the right to add), and the whole country
    for those who keep the national lists."""
    choices = [("", "ระดับประเทศ (ทุกหน่วยงานใช้)")] if may_change_calendar(request.user) else []
    if request.user.has_perm("channels.add_channel"):
        choices += [(o.code, o.name) for o in visible_offices(request.user).order_by("path")]
    return choices


@login_required
def channel_new(request):
    choices = _owner_choices(request)
    if not choices:
        raise PermissionDenied
    default = request.user.office.code if request.user.office_id else ""
    form = ChannelForm(request.POST or None, owner_choices=choices,
                       initial={"owner_office": default if any(code == default for code, _n in choices) else ""})
    bootstrap_widgets(form)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        code = data.pop("owner_office")
        office = visible_offices(request.user).filter(code=code).first() if code else None
        try:
            channel = services.channel_save(office=office, by=request.user, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"เพิ่มช่องทาง {channel.name} แล้ว")
            return redirect("channels:index")
    return render(request, "channels/channel_form.html", {"form": form, "tab": "channels"},
                  status=400 if form.errors else 200)


@login_required
@permission_required("channels.view_channel", raise_exception=True)
def channel_edit(request, pk: int):
    channel = selectors.channel_get(user=request.user, pk=pk)
    can_change = selectors.channel_may_change(user=request.user, channel=channel)
    if request.method == "POST" and not can_change:
        raise PermissionDenied
    form = ChannelForm(request.POST or None, channel=channel)
    bootstrap_widgets(form)
    if not can_change:
        for field in form.fields.values():
            field.disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            services.channel_save(channel=channel, office=channel.office, code=channel.code, by=request.user,
                                  **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"บันทึกช่องทาง {channel.name} แล้ว")
            return redirect("channels:index")
    return render(request, "channels/channel_form.html", {"form": form, "channel": channel, "tab": "channels",
                                                          "can_change": can_change},
                  status=400 if form.errors else 200)


# --- Table CS2-1 -----------------------------------------------------------------------------------------------------


def _cs21(request) -> tuple[Office | None, int, GroupChannelFilter]:
    office, fiscal_year = office_and_year(request)
    rows = selectors.group_channel_rows(user=request.user, office=office) if office else GroupChannel.objects.none()
    channels = selectors.channels_for_office(office=office, active_only=False) if office else Channel.objects.none()
    query = request.GET.copy()
    for name in ("office", "fiscal_year"):
        query.pop(name, None)
    return office, fiscal_year, GroupChannelFilter(query or None, queryset=rows, channels=channels)


@login_required
@permission_required("channels.view_groupchannel", raise_exception=True)
def cs21(request):
    office, fiscal_year, filterset = _cs21(request)
    table = GroupChannelTable(filterset.qs, exclude=("office",) + (
        () if may_edit(request.user, "channels.change_groupchannel", office) else ("edit",)))
    RequestConfig(request, paginate={"per_page": 100}).configure(table)
    return register_page(request, "channels/cs21.html", "cs21", office, fiscal_year, filter=filterset, table=table,
                         can_add=may_edit(request.user, "channels.add_groupchannel", office),
                channels_figure=selectors.channels_figure(office=office, fiscal_year=fiscal_year) if office else None,
                coverage=selectors.group_coverage_figure(office=office, fiscal_year=fiscal_year) if office else None,
                gaps=selectors.groups_without_channel(office=office, fiscal_year=fiscal_year) if office else [])


@login_required
@permission_required("channels.view_groupchannel", raise_exception=True)
def cs21_export(request):
    office, _year, filterset = _cs21(request)
    filter_or_400(filterset)
    book = exports.table_xlsx(GroupChannelTable(filterset.qs), title="ตาราง CS2-1")
    return exports.xlsx_response(book, f"cs2-1-{office.code if office else ''}-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@permission_required("channels.view_groupchannel", raise_exception=True)
def cs21_pdf(request):
    """Table CS2-1 of one office as an A4 page, from the template the annual report will include."""
    office, _year = office_and_year(request)
    if office is None:
        raise Http404
    return pdf_response("channels/pdf/cs21.html", selectors.cs21_context(user=request.user, office=office),
                        f"cs2-1-{office.code}.pdf")


def _cs21_form(request, office: Office, row):
    form = GroupChannelForm(request.POST or None, instance=row, office=office)
    bootstrap_widgets(form)
    if request.method == "POST" and form.is_valid():
        try:
            services.group_channel_save(row=row, office=office, **{name: form.cleaned_data[name] for name in
                                                                   GroupChannelForm.Meta.fields})
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "บันทึกแถวตาราง CS2-1 แล้ว")
            return back_to("channels:cs21", office)
    return render(request, "channels/cs21_form.html", {"form": form, "row": row, "office": office, "tab": "cs21"},
                  status=400 if form.errors else 200)


@login_required
@permission_required("channels.add_groupchannel", raise_exception=True)
def cs21_new(request):
    office, _year = office_and_year(request)
    if office is None:
        raise PermissionDenied
    return _cs21_form(request, office, None)


@login_required
@permission_required("channels.change_groupchannel", raise_exception=True)
def cs21_edit(request, pk: int):
    row = selectors.group_channel_get(user=request.user, pk=pk)
    return _cs21_form(request, row.office, row)


@login_required
@permission_required("channels.delete_groupchannel", raise_exception=True)
@require_POST
def cs21_delete(request, pk: int):
    row = selectors.group_channel_get(user=request.user, pk=pk)
    office = row.office
    services.group_channel_delete(row=row)
    messages.success(request, "ลบแถวแล้ว")
    return back_to("channels:cs21", office)


# --- CS2-A: the types of information received ------------------------------------------------------------------------


@login_required
@permission_required("channels.view_informationtype", raise_exception=True)
def information(request):
    office, fiscal_year = office_and_year(request)
    can_edit = may_edit(request.user, "channels.add_informationtype", office)
    rows = selectors.information_types(user=request.user, office=office, fiscal_year=fiscal_year) if office else []
    form = InformationTypesForm(request.POST or None, initial={"lines": "\n".join(r.text for r in rows)})
    bootstrap_widgets(form)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.information_types_save(office=office, fiscal_year=fiscal_year,
                                                lines=form.cleaned_data["lines"].splitlines())
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, "บันทึกแล้ว")
                return back_to("channels:information", office, fiscal_year)
    return register_page(request, "channels/information.html", "information", office, fiscal_year, rows=rows, form=form,
                         can_edit=can_edit, status=400 if form.errors else 200)


# --- Channel reviews -------------------------------------------------------------------------------------------------


@login_required
@permission_required("channels.view_channelreview", raise_exception=True)
def reviews(request):
    office, _year = office_and_year(request)
    can_edit = may_edit(request.user, "channels.add_channelreview", office)
    form = ReviewForm(request.POST or None, office=office) if can_edit else None
    if form is not None:
        bootstrap_widgets(form)
    if done := save_posted(request, form, partial(services.review_save, office=office), "บันทึกการทบทวนแล้ว",
                           partial(back_to, "channels:reviews", office)):
        return done
    rows = selectors.review_list(user=request.user, office=office) if office else []
    return register_page(request, "channels/reviews.html", "reviews", office, None, rows=rows, form=form,
                         status=400 if form is not None and form.errors else 200)


# --- Improvements made from what was heard ---------------------------------------------------------------------------


@login_required
@permission_required("channels.view_heardimprovement", raise_exception=True)
def improvements(request):
    office, fiscal_year = office_and_year(request)
    can_edit = may_edit(request.user, "channels.add_heardimprovement", office)
    form = ImprovementForm(request.POST or None, request.FILES or None, office=office) if can_edit else None
    if form is not None:
        bootstrap_widgets(form)
    save = partial(services.improvement_create, office=office, fiscal_year=fiscal_year, by=request.user)
    if done := save_posted(request, form, save, "บันทึกการปรับปรุงแล้ว",
                           partial(back_to, "channels:improvements", office, fiscal_year)):
        return done
    rows = selectors.improvement_list(user=request.user, office=office, fiscal_year=fiscal_year) if office else []
    return register_page(request, "channels/improvements.html", "improvements", office, fiscal_year, rows=rows,
                         form=form, can_delete=request.user.has_perm("channels.delete_heardimprovement"),
                         status=400 if form is not None and form.errors else 200)


@login_required
@permission_required("channels.view_heardimprovement", raise_exception=True)
@require_GET
def improvement_photo(request, pk: int, which: str):
    """A before or after photo, served only through the improvement's scope (media files are not served by URL)."""
    improvement = selectors.improvement_get(user=request.user, pk=pk)
    if which not in ("before", "after"):
        raise Http404
    photo = getattr(improvement, f"{which}_photo")
    if not photo:
        raise Http404
    return file_response(file=photo, filename=getattr(improvement, f"{which}_photo_name") or photo.name)


@login_required
@permission_required("channels.delete_heardimprovement", raise_exception=True)
@require_POST
def improvement_delete(request, pk: int):
    improvement = selectors.improvement_get(user=request.user, pk=pk)
    office, fiscal_year = improvement.office, improvement.fiscal_year
    services.improvement_delete(improvement=improvement)
    messages.success(request, "ลบแล้ว")
    return back_to("channels:improvements", office, fiscal_year)


# --- The CS2 plans ---------------------------------------------------------------------------------------------------


@login_required
def plans(request):
    """The CS2 action plans the user sees (what /cs2/ showed before the registers): a tab among the others."""
    rows = plan_list(user=request.user, cs=CS.CS2).order_by("-fiscal_year", "office__code")
    return render(request, "channels/plans.html", {"tab": "plans", "plans": rows, "cs": CS(CS.CS2)})

