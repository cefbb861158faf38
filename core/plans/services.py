"""Changes to action plans, their indicators, steps and evidence."""
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.files import file_verify
from core.fiscal import fiscal_months
from core.offices.models import Office
from core.thai_dates import format_month as thai_month

from .models import ActionPlan, Evidence, Indicator, Step, StepPeriod

Period = tuple[date, date]  # (first month, last month), each the first day of its month


@transaction.atomic
def plan_create(*, office: Office, fiscal_year: int, cs: int, title: str, objective: str, definitions: str = "",
                indicators: list[dict] = (), steps: list[dict] = ()) -> ActionPlan:
    if ActionPlan.objects.filter(office=office, fiscal_year=fiscal_year, cs=cs).exists():
        raise ValidationError(f"{office.name} มีแผน CS{cs} ปีงบประมาณ {fiscal_year} อยู่แล้ว")
    plan = ActionPlan.objects.create(office=office, fiscal_year=fiscal_year, cs=cs, title=title,
                                     objective=objective, definitions=definitions)
    Indicator.objects.bulk_create(Indicator(plan=plan, order=i, **fields) for i, fields in enumerate(indicators, 1))
    # A step given without its periods runs once, from its planned start to its planned end.
    periods = [list(fields.get("periods") or [(fields["planned_start"], fields["planned_end"])]) for fields in steps]
    created = Step.objects.bulk_create(
        Step(plan=plan, **{k: v for k, v in fields.items() if k != "periods"}) for fields in steps)
    StepPeriod.objects.bulk_create(StepPeriod(step=step, start=start, end=end)
                                   for step, runs in zip(created, periods) for start, end in runs)
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
    step_fields = ["order", "activity", "duration", "output", "owner", "related_parties", "budget", "area"]
    return plan_create(
        office=plan.office, fiscal_year=fiscal_year, cs=plan.cs, title=plan.title,
        objective=plan.objective, definitions=plan.definitions,
        indicators=[{f: getattr(i, f) for f in indicator_fields} for i in plan.indicators.all()],
        steps=[
            {**{f: getattr(s, f) for f in step_fields},
             "planned_start": _years_on(s.planned_start, years), "planned_end": _years_on(s.planned_end, years),
             "periods": [(_years_on(p.start, years), _years_on(p.end, years)) for p in s.periods.all()]}
            for s in plan.steps.prefetch_related("periods")
        ],
    )


def periods_from_months(months) -> list[Period]:
    """Ticked months as runs: each run of consecutive months is one period (ม.ค.–ก.ย. is one, a quarterly
    review ticked in ต.ค., ม.ค., เม.ย. and ก.ค. is four)."""
    periods: list[list[date]] = []
    for month in sorted({m.replace(day=1) for m in months}):
        if periods and _next_month(periods[-1][1]) == month:
            periods[-1][1] = month
        else:
            periods.append([month, month])
    return [(start, end) for start, end in periods]


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def step_periods_check(*, fiscal_year: int, periods: list[Period]) -> list[Period]:
    """The periods as months, in order, or a ValidationError in Thai: none, a month outside the fiscal year, an end
    before its start, or two periods that share a month."""
    if not periods:
        raise ValidationError("เลือกเดือนที่ดำเนินการอย่างน้อย 1 เดือน")
    months = fiscal_months(fiscal_year)
    runs = sorted((start.replace(day=1), end.replace(day=1)) for start, end in periods)
    for start, end in runs:
        if end < start:
            raise ValidationError(f"เดือนสิ้นสุด {thai_month(end)} อยู่ก่อนเดือนเริ่มต้น {thai_month(start)}")
        for month in (start, end):
            if not months[0] <= month <= months[-1]:
                raise ValidationError(f"เดือน {thai_month(month)} ไม่อยู่ในปีงบประมาณ {fiscal_year} "
                                      f"({thai_month(months[0])} – {thai_month(months[-1])})")
    for (_, previous_end), (start, end) in zip(runs, runs[1:]):
        if start <= previous_end:
            raise ValidationError(f"ช่วงเวลาซ้อนกัน: {thai_month(start)} อยู่ในช่วงก่อนหน้าแล้ว")
    return runs


@transaction.atomic
def step_periods_set(*, step: Step, periods: list[Period]) -> list[StepPeriod]:
    """Replace the step's planned periods; its planned start and end become the first start and the last end."""
    runs = step_periods_check(fiscal_year=step.plan.fiscal_year, periods=periods)
    step.periods.all().delete()
    created = StepPeriod.objects.bulk_create(StepPeriod(step=step, start=start, end=end) for start, end in runs)
    step.planned_start, step.planned_end = runs[0][0], runs[-1][1]
    Step.objects.filter(pk=step.pk).update(planned_start=step.planned_start, planned_end=step.planned_end)
    return created


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
