"""Ticket pages for staff: lists, my queue, intake, the ticket page with its actions, export. Thin views."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig
from django_tables2.paginators import LazyPaginator

from core import exports
from core.files import file_response
from core.fiscal import fiscal_year_of, fiscal_year_param
from core.forms import add_service_errors
from core.offices.scoping import get_scoped_or_404, visible_offices

from . import selectors, services
from .choices import OPEN_STATUSES, REOPENABLE_STATUSES, REPLYABLE_STATUSES, TRANSFERABLE_STATUSES, TRANSITIONS
from .filters import TicketFilter
from .forms import (
    AssignForm,
    DuplicateForm,
    FollowUpPlanForm,
    ImprovementAnalysisForm,
    PriorityForm,
    ReopenForm,
    ReplyForm,
    StatusForm,
    TicketForm,
    TransferForm,
)
from .models import Attachment, FollowUpPlan, ImprovementAnalysis
from .tables import TicketExportTable, TicketTable


def _filtered(request, rows=selectors.ticket_queryset):
    return TicketFilter(request.GET or None, queryset=rows(user=request.user), user=request.user)


@login_required
@permission_required("complaints.view_ticket", raise_exception=True)
def ticket_list(request):
    filterset = _filtered(request, selectors.ticket_register)
    table = TicketTable(filterset.qs)
    # No COUNT(*) over the whole register for the pager: "next page" is enough to browse a million rows.
    RequestConfig(request, paginate={"per_page": 50, "paginator_class": LazyPaginator}).configure(table)
    return render(request, "complaints/ticket_list.html", {"filter": filterset, "table": table, "tab": "list"})


@login_required
@permission_required("complaints.view_ticket", raise_exception=True)
def ticket_queue(request):
    table = TicketTable(selectors.ticket_queue(user=request.user), order_by="due_on")
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    return render(request, "complaints/ticket_queue.html", {"table": table, "tab": "queue"})


@login_required
@permission_required("complaints.view_ticket", raise_exception=True)
def ticket_export(request):
    """The filtered list as XLSX; complainants appear only where the user may see them. A filter the user got
    wrong is a 400 that says so, not an export of everything."""
    filterset = _filtered(request)
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest(" ".join(message for messages in filterset.errors.values() for message in messages))
    table = TicketExportTable(filterset.qs)
    return exports.xlsx_response(exports.table_xlsx(table, title="ทะเบียนเรื่องร้องเรียน"),
                                 f"complaints-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@permission_required("complaints.add_ticket", raise_exception=True)
def ticket_new(request):
    form = TicketForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = services.ticket_create(
                kind=data["kind"], channel=data["channel"], office=data["office"],
                received_on=data["received_on"], subject=data["subject"], detail=data["detail"],
                category=data["category"], complainant_name=data["complainant_name"],
                complainant_contact=data["complainant_contact"], anonymous=data["anonymous"],
                confidential=data["confidential"], by=request.user, attachment=data["attachment"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"รับเรื่องแล้ว เลขที่ {ticket.reference} รหัสติดตามเรื่อง {ticket.tracking_code}")
            return redirect(ticket)
    return render(request, "complaints/ticket_new.html", {"form": form, "tab": "new"})


def _action_forms(request, ticket, bound: dict | None = None) -> dict:
    """The forms the user may use on this ticket now; `bound` replaces one with the submitted form."""
    user, forms = request.user, {}
    can_change = user.has_perm("complaints.change_ticket")
    if can_change and ticket.status in OPEN_STATUSES:
        forms["assign"] = AssignForm(user=user, initial={"office": ticket.office_id})
    if can_change and ticket.status in TRANSFERABLE_STATUSES and user.office_id:
        forms["transfer"] = TransferForm(user=user)
    if can_change and ticket.status in REPLYABLE_STATUSES:
        forms["reply"] = ReplyForm()
    if can_change and TRANSITIONS.get(ticket.status):
        forms["status"] = StatusForm(ticket=ticket)
    if can_change and ticket.status in REOPENABLE_STATUSES:
        forms["reopen"] = ReopenForm()
    if can_change and not ticket.duplicate_of_id:
        forms["duplicate"] = DuplicateForm()
    if user.has_perm("complaints.add_ticketpriority"):
        forms["priority"] = PriorityForm()
    forms.update(bound or {})
    return forms


def _detail(request, ticket, bound: dict | None = None, status: int = 200):
    deadline = services.ticket_deadline(ticket)
    context = {
        "ticket": ticket,
        "deadline": deadline,
        "rounds": ticket.rounds.all(),
        "stints": ticket.stints.select_related("office"),
        "replies": ticket.replies.select_related("by"),
        "attachments": ticket.attachments.all(),
        "timeline": selectors.ticket_timeline(ticket=ticket),
        "priorities": ticket.priorities.order_by("-fiscal_year", "-quarter"),
        "forms": _action_forms(request, ticket, bound),
        "fiscal_year": fiscal_year_of(ticket.received_on),
        "overdue": selectors.ticket_is_overdue(ticket=ticket, today=timezone.localdate()),
    }
    return render(request, "complaints/ticket_detail.html", context, status=status)


@login_required
@permission_required("complaints.view_ticket", raise_exception=True)
def ticket_detail(request, reference: str):
    return _detail(request, selectors.ticket_get(user=request.user, reference=reference))


ACTIONS = {
    # action: (form class, needs the user, needs the ticket, permission)
    "assign": (AssignForm, True, False, "complaints.change_ticket"),
    "transfer": (TransferForm, True, False, "complaints.change_ticket"),
    "reply": (ReplyForm, False, False, "complaints.change_ticket"),
    "status": (StatusForm, False, True, "complaints.change_ticket"),
    "reopen": (ReopenForm, False, False, "complaints.change_ticket"),
    "duplicate": (DuplicateForm, False, False, "complaints.change_ticket"),
    "priority": (PriorityForm, False, False, "complaints.add_ticketpriority"),
}


def _run(action: str, ticket, data: dict, request):
    user = request.user
    if action == "assign":
        return services.ticket_assign(ticket=ticket, office=data["office"], handler=data["handler"], by=user,
                                      note=data["note"])
    if action == "transfer":
        return services.ticket_transfer(ticket=ticket, to_office=data["office"], by=user, note=data["note"])
    if action == "reply":
        return services.ticket_reply(ticket=ticket, kind=data["kind"], replied_on=data["replied_on"],
                                     method=data["method"], text=data["text"], by=user)
    if action == "status":
        return services.ticket_change_status(ticket=ticket, to_status=data["status"], by=user, note=data["note"])
    if action == "reopen":
        return services.ticket_reopen(ticket=ticket, reason=data["reason"], by=user)
    if action == "duplicate":
        original = selectors.ticket_get(user=user, reference=data["original"].strip())
        return services.ticket_mark_duplicate(ticket=ticket, original=original, by=user)
    if action == "priority":
        return services.ticket_set_priority(ticket=ticket, priority=data["priority"], by=user)
    raise Http404


@login_required
@require_POST
def ticket_action(request, reference: str, action: str):
    """One action on a ticket; on bad input the ticket page comes back with the form as typed."""
    if action not in ACTIONS:
        raise Http404
    form_class, needs_user, needs_ticket, permission = ACTIONS[action]
    if not request.user.has_perm(permission):
        raise PermissionDenied
    ticket = selectors.ticket_get(user=request.user, reference=reference)
    kwargs = {"user": request.user} if needs_user else {"ticket": ticket} if needs_ticket else {}
    form = form_class(request.POST, **kwargs)
    if form.is_valid():
        try:
            _run(action, ticket, form.cleaned_data, request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except Http404:
            form.add_error(None, "ไม่พบเรื่องที่ระบุ")
        else:
            messages.success(request, "บันทึกแล้ว")
            return redirect(ticket)
    messages.error(request, "ยังไม่ได้บันทึก: โปรดตรวจสอบข้อความสีแดง")
    return _detail(request, selectors.ticket_get(user=request.user, reference=reference), {action: form},
                   status=400)


@login_required
@permission_required("complaints.view_ticket", raise_exception=True)
def attachment_download(request, reference: str, pk: int):
    ticket = selectors.ticket_get(user=request.user, reference=reference)
    attachment = get_scoped_or_404(Attachment.objects.filter(ticket=ticket), request.user,
                                   office_field="ticket__office", pk=pk)
    return file_response(file=attachment.file, filename=attachment.name)


@login_required
@permission_required("complaints.view_followupplan", raise_exception=True)
def follow_up(request):
    """The follow-up quality plan (slide 13) and the improvement analysis (slide 14) of an office and year."""
    offices = visible_offices(request.user).order_by("path")
    if request.GET.get("office"):
        # An office outside the user's scope does not exist for them: never a silent switch to their own office.
        office = get_object_or_404(offices, code=request.GET["office"])
    else:
        office = request.user.office if request.user.office_id else offices.first()
    year = fiscal_year_param(request.GET.get("fiscal_year")) or fiscal_year_of(timezone.localdate())
    can_edit = request.user.has_perm("complaints.add_followupplan")
    plan_form = FollowUpPlanForm(request.POST if "add_plan" in request.POST else None, prefix="plan")
    analysis_form = ImprovementAnalysisForm(request.POST if "add_analysis" in request.POST else None,
                                            prefix="analysis")
    if request.method == "POST":
        if not can_edit or office is None:
            raise PermissionDenied
        form = plan_form if "add_plan" in request.POST else analysis_form
        if form.is_valid():
            services.follow_up_row_add(form=form, office=office, fiscal_year=year)
            messages.success(request, "บันทึกแล้ว")
            return redirect(f"{request.path}?office={office.code}&fiscal_year={year}")
        messages.error(request, "ยังไม่ได้บันทึก: โปรดตรวจสอบข้อความสีแดง")
    return render(request, "complaints/follow_up.html", {
        "offices": offices, "office": office, "fiscal_year": year, "can_edit": can_edit, "tab": "follow-up",
        "plans": FollowUpPlan.objects.filter(office=office, fiscal_year=year),
        "analyses": ImprovementAnalysis.objects.filter(office=office, fiscal_year=year),
        "plan_form": plan_form, "analysis_form": analysis_form,
    })
