"""PMQA 4.0 pages: the self-assessment form (items 3.1.1–3.4.5 with the data beside them), the copy from the previous
year, the 7.2 result tables with the committee's placing of indicators, and the A4 PDF of both. Thin: pick the office
and year, validate, call one service, redirect or render."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.offices.pickers import back_to, may_edit, office_and_year, register_page
from core.pdf.responses import pdf_response

from . import selectors, services
from .facts import item_facts
from .forms import AnswerForm, TableChoiceForm
from .items import ITEMS, SECTIONS
from .pdf import pdf_context

EDIT = "assessment.change_assessment"


def _office_year(request):
    office, year = office_and_year(request)
    if office is None:
        raise Http404
    return office, year


def _citable(request, office, year) -> tuple[list, list]:
    plans = [(p.pk, f"{p.fiscal_year} {p.cs_code} {p.office.short_name or p.office.name}: {p.title}")
             for p in selectors.plans_to_cite(user=request.user, office=office, fiscal_year=year)]
    files = [(e.pk, f"{e.plan.fiscal_year} CS{e.plan.cs}: {e.title}")
             for e in selectors.evidence_to_cite(user=request.user, office=office, fiscal_year=year)]
    return plans, files


def _initial(row) -> dict:
    return {"status": row.status, "details": row.details,
            "plans": [link.plan_id for link in row.links if link.plan_id],
            "files": [link.evidence_id for link in row.links if link.evidence_id],
            "registers": [link.register for link in row.links if link.register]}


@login_required
@permission_required("assessment.view_assessment", raise_exception=True)
def index(request):
    """The self-assessment of an office and fiscal year: the form for the committee, read-only for everyone else."""
    office, year = _office_year(request)
    can_edit = may_edit(request.user, EDIT, office)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    assessment = selectors.assessment_get(office=office, fiscal_year=year)
    facts = item_facts(user=request.user, office=office, fiscal_year=year, today=timezone.localdate())
    rows = selectors.item_rows(office=office, fiscal_year=year, assessment=assessment, facts=facts)
    forms = {}
    if can_edit:
        plans, files = _citable(request, office, year)
        data = request.POST if request.method == "POST" else None
        forms = {row.item.code: AnswerForm(data, item=row.item.code, plan_choices=plans, file_choices=files,
                                           initial=_initial(row)) for row in rows}
        if data is not None and all(form.is_valid() for form in forms.values()):
            try:
                services.assessment_save(office=office, fiscal_year=year,
                                         answers=[form.answer() for form in forms.values()],
                                         plan_ids={pk for pk, _label in plans}, file_ids={pk for pk, _label in files})
            except ValidationError as exc:
                for item, errors in exc.message_dict.items():
                    forms.get(item, next(iter(forms.values()))).add_error(None, errors)
            else:
                messages.success(request, "บันทึกการประเมินตนเองแล้ว")
                return back_to("assessment:index", office, year)
        if data is not None:
            messages.error(request, "ยังบันทึกไม่ได้ กรุณาแก้ไขหัวข้อที่มีข้อความแจ้ง")
    sections = [(section, [(row, forms.get(row.item.code)) for row in rows if row.section_code == section.code])
                for section in SECTIONS]
    return register_page(request, "assessment/index.html", "form", office, year, sections=sections,
                         can_edit=can_edit, assessment=assessment, item_count=len(ITEMS),
                         done=sum(1 for row in rows if row.status == "implemented"),
                         status=400 if request.method == "POST" else 200)


@login_required
@permission_required("assessment.view_assessment", raise_exception=True)
@require_POST
def copy_previous(request):
    """Copy last year's statuses, details and links into the items this year has not answered yet."""
    office, year = _office_year(request)
    if not may_edit(request.user, EDIT, office):
        raise PermissionDenied
    try:
        copied = services.assessment_copy_previous(office=office, fiscal_year=year)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"คัดลอกจากปีงบประมาณ {year - 1} แล้ว {copied} หัวข้อ")
    return back_to("assessment:index", office, year)


@login_required
@permission_required("assessment.view_assessment", raise_exception=True)
def results(request):
    """The five 7.2 tables of the office and year; the committee places the year's indicators in them."""
    office, year = _office_year(request)
    can_edit = may_edit(request.user, EDIT, office)
    if request.method == "POST" and not can_edit:
        raise PermissionDenied
    rows = selectors.result_rows(office=office, fiscal_year=year)
    form = TableChoiceForm(request.POST if request.method == "POST" else None, rows=rows) if can_edit else None
    status = 200
    if form is not None and form.is_bound:
        if form.is_valid():
            try:
                services.tables_choose(office=office, fiscal_year=year, choices=form.choices())
            except ValidationError as exc:
                form.add_error(None, exc.messages)
            else:
                messages.success(request, "บันทึกการจัดตัวชี้วัดลงตาราง 7.2 แล้ว")
                return back_to("assessment:results", office, year)
        status = 400
    return register_page(request, "assessment/results.html", "results", office, year,
                         tables=selectors.result_tables(office=office, fiscal_year=year, rows=rows),
                         years=selectors.result_years(year), form=form, rows=rows, status=status)


@login_required
@permission_required("assessment.view_assessment", raise_exception=True)
def pdf(request):
    """The form and the 7.2 tables as seed 003 lays them out, on A4."""
    office, year = _office_year(request)
    context = pdf_context(user=request.user, office=office, fiscal_year=year, today=timezone.localdate())
    return pdf_response("assessment/pdf/assessment.html", context, f"pmqa40-{office.code}-{year}.pdf")
