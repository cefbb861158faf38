"""Changes to action plans, their indicators, steps and evidence."""
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.files import file_verify
from core.offices.models import Office

from .models import ActionPlan, Evidence, Indicator, Step


@transaction.atomic
def plan_create(*, office: Office, fiscal_year: int, cs: int, title: str, objective: str, definitions: str = "",
                indicators: list[dict] = (), steps: list[dict] = ()) -> ActionPlan:
    if ActionPlan.objects.filter(office=office, fiscal_year=fiscal_year, cs=cs).exists():
        raise ValidationError(f"{office.name} มีแผน CS{cs} ปีงบประมาณ {fiscal_year} อยู่แล้ว")
    plan = ActionPlan.objects.create(office=office, fiscal_year=fiscal_year, cs=cs, title=title,
                                     objective=objective, definitions=definitions)
    Indicator.objects.bulk_create(Indicator(plan=plan, order=i, **fields) for i, fields in enumerate(indicators, 1))
    Step.objects.bulk_create(Step(plan=plan, **fields) for fields in steps)
    return plan


def _years_on(d: date | None, years: int) -> date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February into a year that has none
        return d.replace(year=d.year + years, day=28)


def plan_copy_to_next_year(*, plan: ActionPlan) -> ActionPlan:
    """The same plan for the next fiscal year: months moved one year on, progress and actual dates cleared."""
    return plan_copy(plan=plan, fiscal_year=plan.fiscal_year + 1)


def plan_copy(*, plan: ActionPlan, fiscal_year: int) -> ActionPlan:
    """The same plan for another fiscal year: months moved as many years, progress and actual dates cleared."""
    years = fiscal_year - plan.fiscal_year
    indicator_fields = ["code", "name", "unit", "target", "direction", "level_1", "level_2", "level_3", "level_4",
                        "level_5", "source", "metric"]
    step_fields = ["order", "activity", "duration", "output", "owner", "related_parties", "budget"]
    return plan_create(
        office=plan.office, fiscal_year=fiscal_year, cs=plan.cs, title=plan.title,
        objective=plan.objective, definitions=plan.definitions,
        indicators=[{f: getattr(i, f) for f in indicator_fields} for i in plan.indicators.all()],
        steps=[
            {**{f: getattr(s, f) for f in step_fields},
             "planned_start": _years_on(s.planned_start, years), "planned_end": _years_on(s.planned_end, years)}
            for s in plan.steps.all()
        ],
    )


@transaction.atomic
def step_update_progress(*, step: Step, status: str, progress: int, actual_start: date | None = None,
                         actual_end: date | None = None, note: str | None = None) -> Step:
    step.status, step.progress = status, progress
    step.actual_start, step.actual_end = actual_start, actual_end
    if note is not None:
        step.note = note
    step.full_clean()
    step.save()
    return step


def indicator_record_computed(*, indicator: Indicator, value, at=None) -> None:
    """Store a computed indicator's latest value (written by the reports layer, read by plan pages)."""
    Indicator.objects.filter(pk=indicator.pk).update(computed_result=value, computed_at=at or timezone.now())


@transaction.atomic
def evidence_add(*, plan: ActionPlan, file: UploadedFile, title: str, step: Step | None = None, by=None) -> Evidence:
    """Keep a file as evidence of a plan or one of its steps; its type is the one its bytes prove (core.files)."""
    content_type = file_verify(file=file)
    if step is not None and step.plan_id != plan.pk:
        raise ValidationError("กิจกรรมที่เลือกไม่ได้อยู่ในแผนนี้")
    return Evidence.objects.create(plan=plan, step=step, title=title or file.name, file=file, size=file.size,
                                   content_type=content_type, uploaded_by=by)
