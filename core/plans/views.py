"""Plan pages: list, the seed table, the Gantt, editing steps, copying, evidence and the PDF. Thin views."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.files import file_response
from core.fiscal import fiscal_year_param
from core.forms import add_service_errors
from core.offices.scoping import visible_offices

from . import selectors, services
from .choices import CS
from .forms import EvidenceForm, IndicatorFormSet, PlanForm, ProgressFormSet, StepFormSet
from .gantt import gantt
from .printing import definition_paragraphs, indicator_rows


@login_required
def process_page(request, *, cs: int):
    """The landing page of one CS: what it is and the user's plans for it."""
    plans = selectors.plan_list(user=request.user, cs=cs).order_by("-fiscal_year", "office__code")
    return render(request, "plans/process.html", {"cs": CS(cs), "plans": plans})


@login_required
@permission_required("plans.view_actionplan", raise_exception=True)
def plan_list(request):
    year = fiscal_year_param(request.GET.get("fiscal_year"))
    plans = selectors.plan_list(
        user=request.user, fiscal_year=year,
        office_code=request.GET.get("office") or None,
    )
    return render(request, "plans/plan_list.html", {
        "plans": plans, "fiscal_years": selectors.plan_fiscal_years(user=request.user),
        "offices": visible_offices(request.user), "selected_year": year, "selected_office": request.GET.get("office"),
    })


@login_required
@permission_required("plans.view_actionplan", raise_exception=True)
def plan_detail(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    return render(request, "plans/plan_detail.html", {
        "plan": plan, "indicator_rows": indicator_rows(plan), "evidence": selectors.plan_evidence(plan=plan),
        "tab": "table",
    })


@login_required
@permission_required("plans.view_actionplan", raise_exception=True)
def plan_gantt(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    months, rows = gantt(plan, today=timezone.localdate())
    return render(request, "plans/plan_gantt.html", {"plan": plan, "months": months, "rows": rows, "tab": "gantt"})


@login_required
@permission_required("plans.change_step", raise_exception=True)
def plan_steps_edit(request, pk: int):
    """All steps of a plan in one form. Committee staff edit every column; others report progress."""
    plan = selectors.plan_get(user=request.user, pk=pk)
    full = request.user.has_perm("plans.change_actionplan")
    formset_class = StepFormSet if full else ProgressFormSet
    queryset = plan.steps.order_by("order").prefetch_related("periods")
    formset = formset_class(request.POST or None, queryset=queryset, prefix="steps", form_kwargs={"plan": plan})
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for form in formset.forms:
                form.instance.plan = plan
            formset.save()
            for form in formset.forms:  # the months ticked, as the step's periods (the form checked them)
                if form.periods and form.instance.pk and "months" in form.changed_data:
                    services.step_periods_set(step=form.instance, periods=form.periods)
        messages.success(request, "บันทึกกิจกรรม/ขั้นตอนแล้ว")
        return redirect("plans:gantt", pk=plan.pk)
    if request.method == "POST":
        messages.error(request, "ยังไม่ได้บันทึก: โปรดแก้ไขช่องที่มีข้อความสีแดง")
    return render(request, "plans/plan_steps_edit.html", {"plan": plan, "formset": formset, "full": full,
                                                          "tab": "edit"})


@login_required
@permission_required("plans.change_actionplan", raise_exception=True)
def plan_edit(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    form = PlanForm(request.POST or None, instance=plan)
    indicators = IndicatorFormSet(request.POST or None, instance=plan, prefix="indicators")
    if request.method == "POST" and form.is_valid() and indicators.is_valid():
        with transaction.atomic():
            form.save()
            indicators.save()
        messages.success(request, "บันทึกวัตถุประสงค์และตัวชี้วัดแล้ว")
        return redirect(plan)
    return render(request, "plans/plan_edit.html", {"plan": plan, "form": form, "indicators": indicators,
                                                    "tab": "edit"})


@login_required
@permission_required("plans.add_actionplan", raise_exception=True)
@require_POST
def plan_copy(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    try:
        new_plan = services.plan_copy_to_next_year(plan=plan)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(plan)
    messages.success(request, f"คัดลอกแผนไปปีงบประมาณ {new_plan.fiscal_year} แล้ว")
    return redirect(new_plan)


@login_required
@permission_required("plans.add_evidence", raise_exception=True)
def evidence_upload(request, pk: int):
    plan = selectors.plan_get(user=request.user, pk=pk)
    form = EvidenceForm(request.POST or None, request.FILES or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.evidence_add(plan=plan, file=form.cleaned_data["file"], title=form.cleaned_data["title"],
                                  step=form.cleaned_data["step"], by=request.user)
        except ValidationError as exc:  # the service's refusal, or a full disk (core.storage): on the form as typed
            add_service_errors(form, exc)
        else:
            messages.success(request, "อัปโหลดหลักฐานแล้ว")
            return redirect(plan)
    return render(request, "plans/evidence_upload.html", {"plan": plan, "form": form, "tab": "evidence"})


@login_required
@permission_required("plans.view_evidence", raise_exception=True)
def evidence_download(request, pk: int):
    """Evidence is served only through this view, to users whose scope includes the plan's office."""
    evidence = selectors.evidence_get(user=request.user, pk=pk)
    return file_response(file=evidence.file, filename=evidence.file.name)


@login_required
@permission_required("plans.view_actionplan", raise_exception=True)
def plan_pdf(request, pk: int):
    from core.pdf.render import render_pdf  # WeasyPrint is heavy: load it only when a PDF is asked for

    plan = selectors.plan_get(user=request.user, pk=pk)
    pdf = render_pdf("plans/plan_pdf.html", {"plan": plan, "indicator_rows": indicator_rows(plan),
                                              "definitions": definition_paragraphs(plan.definitions),
                                              "printed_on": timezone.localdate()})
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"plan-{plan.office.code}-{plan.fiscal_year}-cs{plan.cs}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@login_required
@permission_required("plans.view_actionplan", raise_exception=True)
def plan_gantt_pdf(request, pk: int):
    """The plan's Gantt on A4 landscape as seed 004 prints it: output, budget and area beside the monthly marks."""
    from core.pdf.render import render_pdf

    plan = selectors.plan_get(user=request.user, pk=pk)
    today = timezone.localdate()
    months, rows = gantt(plan, today=today)
    pdf = render_pdf("plans/plan_gantt_pdf.html", {"plan": plan, "months": months, "rows": rows,
                                                    "printed_on": today})
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = f"gantt-{plan.office.code}-{plan.fiscal_year}-cs{plan.cs}.pdf"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
