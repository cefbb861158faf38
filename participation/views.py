"""CS5 pages: the participation projects with RM 3.4, a project's page (its measures and results, publishing), the
level matrix, the reports to the governor with their letters, the next steps, and the CS5 plans. Thin: pick the
office and year, validate a form, call one service, redirect or render."""
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import BadRequest, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from django_tables2 import RequestConfig

from core import exports
from core.files import file_response
from core.fiscal import fiscal_year_of
from core.forms import add_service_errors, save_posted
from core.offices.models import Office
from core.offices.pickers import back_to, may_edit, office_and_year, register_page
from core.offices.scoping import visible_offices
from core.pdf.responses import pdf_response
from core.plans.choices import CS
from core.plans.selectors import plan_list

from . import selectors, services
from .choices import LEVEL_HELP, Level
from .filters import ProjectFilter
from .forms import GovernorReportForm, NextStepForm, ProjectForm, formset_measures, measure_formset
from .models import ParticipationProject
from .tables import ProjectTable


def _without_office(context: dict) -> dict:
    """A printed section's context without the office and year the page itself passes."""
    return {key: value for key, value in context.items() if key not in ("office", "fiscal_year")}


def _level_help() -> list[tuple[int, str, str, str]]:
    return [(level.value, level.label, *LEVEL_HELP[level]) for level in Level]


# --- The project register and RM 3.4 ----------------------------------------------------------------------------------

def _projects(request) -> ProjectFilter:
    filterset = ProjectFilter(request.GET or None, queryset=selectors.project_list(user=request.user),
                              user=request.user)
    if filterset.is_bound and not filterset.is_valid():
        raise BadRequest(" ".join(m for errors in filterset.errors.values() for m in errors))
    return filterset


@login_required
@permission_required("participation.view_participationproject", raise_exception=True)
def project_list(request):
    filterset = _projects(request)
    data = filterset.form.cleaned_data if filterset.is_bound else {}
    office = data.get("office") or request.user.office or visible_offices(request.user).order_by("path").first()
    year = data.get("fiscal_year") or fiscal_year_of(timezone.localdate())
    table = ProjectTable(filterset.qs)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    counts = selectors.level_counts(filterset.qs)
    chart = {"labels": [f"{level.value} {level.label}" for level, _n in counts], "counts": [n for _l, n in counts]}
    return register_page(request, "participation/project_list.html", "projects", office, int(year), filter=filterset,
                         table=table, chart=chart, level_counts=counts,
                         figure=selectors.rm34_figure(office=office, fiscal_year=int(year)) if office else None,
                         can_add=may_edit(request.user, "participation.add_participationproject", request.user.office))


@login_required
@permission_required("participation.view_participationproject", raise_exception=True)
def project_export(request):
    book = exports.table_xlsx(ProjectTable(_projects(request).qs), title="โครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วม")
    return exports.xlsx_response(book, f"participation-projects-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@permission_required("participation.add_participationproject", raise_exception=True)
def project_new(request):
    office, year = office_and_year(request)
    if not may_edit(request.user, "participation.add_participationproject", office):
        raise PermissionDenied
    return _project_form(request, office, year, None)


@login_required
@permission_required("participation.view_participationproject", raise_exception=True)
def project_detail(request, pk: int):
    """A project's page: its form and measures for those who may change it, read-only for everyone else."""
    project = selectors.project_get(user=request.user, pk=pk)
    return _project_form(request, project.office, project.fiscal_year, project)


def _project_form(request, office: Office, year: int, project: ParticipationProject | None):
    permission = "participation.change_participationproject" if project else "participation.add_participationproject"
    can_edit = may_edit(request.user, permission, office)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ProjectForm(data, office=office, fiscal_year=year, project=project)
    measures = measure_formset(data, project=project)
    if request.method == "POST" and form.is_valid() and measures.is_valid():
        try:
            saved = services.project_save(office=office, project=project, by=request.user,
                                          measures=formset_measures(measures), **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"บันทึกโครงการ {saved.title} แล้ว")
            return redirect("participation:project", pk=saved.pk)
    can_publish = project is not None and may_edit(request.user, "participation.publish_participationproject",
                                                   office)
    return register_page(request, "participation/project.html", "projects", office, year, form=form, measures=measures,
                         project=project, can_edit=can_edit, can_publish=can_publish, level_help=_level_help(),
                         info_channels_min=selectors.INFO_CHANNELS_MIN,
                         status=400 if request.method == "POST" else 200)


@login_required
@permission_required("participation.publish_participationproject", raise_exception=True)
@require_POST
def project_publish(request, pk: int):
    project = selectors.project_get(user=request.user, pk=pk)
    if not may_edit(request.user, "participation.publish_participationproject", project.office):
        raise PermissionDenied
    published = request.POST.get("publish") == "1"
    services.project_publish(project=project, published=published)
    messages.success(request, "เผยแพร่โครงการในหน้าสาธารณะแล้ว" if published else "ยกเลิกการเผยแพร่แล้ว")
    return redirect("participation:project", pk=project.pk)


# --- The level matrix -------------------------------------------------------------------------------------------------

@login_required
@permission_required("participation.view_participationproject", raise_exception=True)
def matrix(request):
    office, year = office_and_year(request)
    context = selectors.matrix_context(user=request.user, office=office, fiscal_year=year) if office else {}
    return register_page(request, "participation/matrix.html", "matrix", office, year, **_without_office(context))


@login_required
@permission_required("participation.view_participationproject", raise_exception=True)
def matrix_pdf(request):
    """The level matrix of an office and year as an A4 page, from the template the annual report will include."""
    office, year = office_and_year(request)
    if office is None:
        raise Http404
    return pdf_response("participation/pdf/matrix.html",
                selectors.matrix_context(user=request.user, office=office, fiscal_year=year),
                f"cs5-level-matrix-{office.code}-{year}.pdf")


# --- Reports to the governor ------------------------------------------------------------------------------------------

@login_required
@permission_required("participation.view_governorreport", raise_exception=True)
def reports(request):
    office, year = office_and_year(request)
    can_edit = may_edit(request.user, "participation.add_governorreport", office)
    form = GovernorReportForm(request.POST or None, request.FILES or None) if can_edit else None
    save = partial(services.governor_report_save, office=office, fiscal_year=year, by=request.user)
    if done := save_posted(request, form, save, "บันทึกรายงานแล้ว",
                           partial(back_to, "participation:reports", office, year)):
        return done
    context = selectors.governor_summary_context(user=request.user, office=office, fiscal_year=year) if office else {}
    return register_page(request, "participation/reports.html", "reports", office, year, form=form,
                         status=400 if form is not None and form.errors else 200, **_without_office(context))


@login_required
@permission_required("participation.view_governorreport", raise_exception=True)
def reports_pdf(request):
    """Seed 002's section as an A4 page: channels, the reports to the governor, the level matrix and next steps."""
    office, year = office_and_year(request)
    if office is None:
        raise Http404
    return pdf_response("participation/pdf/governor_report.html",
                selectors.governor_summary_context(user=request.user, office=office, fiscal_year=year),
                f"cs5-governor-report-{office.code}-{year}.pdf")


@login_required
@permission_required("participation.view_governorreport", raise_exception=True)
@require_GET
def report_letter(request, pk: int):
    """The letter file, served only through the report's scope (media files are not served by URL)."""
    report = selectors.governor_report_get(user=request.user, pk=pk)
    if not report.letter:
        raise Http404
    return file_response(file=report.letter, filename=report.letter_name or report.letter.name)


# --- Next steps -------------------------------------------------------------------------------------------------------

@login_required
@permission_required("participation.view_nextstep", raise_exception=True)
def next_steps(request):
    office, year = office_and_year(request)
    can_edit = may_edit(request.user, "participation.add_nextstep", office)
    form = NextStepForm(request.POST or None, office=office, fiscal_year=year) if can_edit else None
    if done := save_posted(request, form, partial(services.next_step_save, office=office, fiscal_year=year),
                           "บันทึกแนวทางแล้ว", partial(back_to, "participation:next-steps", office, year)):
        return done
    rows = selectors.next_steps(user=request.user, office=office, fiscal_year=year) if office else []
    return register_page(request, "participation/next_steps.html", "next_steps", office, year, rows=rows, form=form,
                         can_delete=may_edit(request.user, "participation.delete_nextstep", office),
                         status=400 if form is not None and form.errors else 200)


@login_required
@permission_required("participation.delete_nextstep", raise_exception=True)
@require_POST
def next_step_delete(request, pk: int):
    step = selectors.next_step_get(user=request.user, pk=pk)
    office, year = step.office, step.fiscal_year
    services.next_step_delete(step=step)
    messages.success(request, "ลบแล้ว")
    return back_to("participation:next-steps", office, year)


# --- Plans ------------------------------------------------------------------------------------------------------------

@login_required
def plans(request):
    """The CS5 action plans the user sees (what /cs5/ showed before the registers): a tab among the others."""
    rows = plan_list(user=request.user, cs=CS.CS5).order_by("-fiscal_year", "office__code")
    return render(request, "participation/plans.html", {"tab": "plans", "plans": rows, "cs": CS(CS.CS5)})
