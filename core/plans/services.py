"""Changes to action plans, their indicators, steps and evidence."""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from core.files import file_verify
from core.fiscal import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, fiscal_months
from core.offices.models import Office
from core.text import LONG_TEXT_MAX, length_error
from core.thai_dates import format_month as thai_month

from .choices import CS, Direction, IndicatorSource, Metric
from .computed import figure_of
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


# --- A whole plan at once (the plans API) -----------------------------------------------------------------------------

STEP_FIELDS = ("order", "activity", "duration", "planned_start", "planned_end", "output", "owner", "related_parties",
               "budget", "area", "status", "progress", "actual_start", "actual_end", "note")
STEP_TEXTS = ("activity", "output", "related_parties", "note")


@dataclass(frozen=True)
class IndicatorInput:
    """One indicator as a plan is given it: a computed one names its `metric`, one entered by hand its `result`."""

    name: str
    target: Decimal | None
    ladder: tuple  # five values, levels 1..5: rising when higher is better, falling when lower is better
    code: str = ""
    unit: str = "ร้อยละ"
    direction: str = Direction.HIGHER
    metric: str = ""
    result: Decimal | None = None


def _indicator_errors(i: int, item: IndicatorInput) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(f"indicators.{i}.{field}", []).append(message)

    if not item.name.strip():
        add("name", "กรุณาระบุชื่อตัวชี้วัด")
    for field, limit in (("name", 500), ("code", 32), ("unit", 64)):
        if message := length_error(getattr(item, field), limit):
            add(field, message)
    if item.direction not in Direction.values:
        add("direction", "ทิศทางต้องเป็น higher (ยิ่งมากยิ่งดี) หรือ lower (ยิ่งน้อยยิ่งดี)")
    ladder = list(item.ladder)
    if len(ladder) != 5 or any(level is None for level in ladder):
        add("ladder", "เกณฑ์คะแนนต้องมี 5 ระดับ (คะแนน 1 ถึง 5) ครบทุกระดับ")
    elif item.direction == Direction.HIGHER and ladder != sorted(ladder):
        add("ladder", "ตัวชี้วัดที่ยิ่งมากยิ่งดี เกณฑ์คะแนน 1 ถึง 5 ต้องไม่ลดลง")
    elif item.direction == Direction.LOWER and ladder != sorted(ladder, reverse=True):
        add("ladder", "ตัวชี้วัดที่ยิ่งน้อยยิ่งดี เกณฑ์คะแนน 1 ถึง 5 ต้องไม่เพิ่มขึ้น")
    if item.metric and item.metric not in Metric.values:
        add("metric", "ไม่มีตัวชี้วัดที่คำนวณจากระบบรหัสนี้")
    if item.metric and item.result is not None:
        add("result", "ตัวชี้วัดที่คำนวณจากระบบ (metric) ไม่รับผลที่พิมพ์เอง: ระบุอย่างใดอย่างหนึ่ง")
    return errors


def _step_periods(fields: dict) -> list[Period]:
    """A step's periods as given, or the one from its planned start to its planned end."""
    periods = fields.get("periods")
    if periods:
        return [(p.get("start"), p.get("end")) for p in periods]
    start, end = fields.get("planned_start"), fields.get("planned_end")
    return [(start, end)] if start and end else []


def _step_errors(i: int, fields: dict, fiscal_year: int) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(f"steps.{i}.{field}", []).append(message)

    if not str(fields.get("activity") or "").strip():
        add("activity", "กรุณาระบุกิจกรรม/ขั้นตอน")
    for field in STEP_TEXTS:
        if message := length_error(str(fields.get(field) or ""), LONG_TEXT_MAX):
            add(field, message)
    for field, limit in (("duration", 64), ("owner", 255), ("area", 255)):
        if message := length_error(str(fields.get(field) or ""), limit):
            add(field, message)
    start, end = fields.get("planned_start"), fields.get("planned_end")
    if not fields.get("periods"):
        if start is None:
            add("planned_start", "กรุณาระบุเดือนเริ่มต้น")
        if end is None:
            add("planned_end", "กรุณาระบุเดือนสิ้นสุด")
    if start and end and end < start:
        add("planned_end", "เดือนสิ้นสุดต้องไม่ก่อนเดือนเริ่มต้น")
    elif any(None in period for period in _step_periods(fields)):
        add("periods", "แต่ละช่วงเวลาต้องมีเดือนที่เริ่ม (start) และเดือนที่สิ้นสุด (end)")
    elif periods := _step_periods(fields):
        try:
            step_periods_check(fiscal_year=fiscal_year, periods=periods)
        except ValidationError as exc:
            add("periods", " ".join(exc.messages))
    a_start, a_end = fields.get("actual_start"), fields.get("actual_end")
    if a_start and a_end and a_end < a_start:
        add("actual_end", "วันเสร็จจริงต้องไม่ก่อนวันเริ่มจริง")
    if not 0 <= (fields.get("progress") or 0) <= 100:
        add("progress", "ความก้าวหน้าต้องอยู่ระหว่าง 0 ถึง 100%")
    return errors


@transaction.atomic
def plan_save(*, plan: ActionPlan | None = None, office: Office, fiscal_year: int, cs: int, title: str,
              objective: str, definitions: str = "", indicators: list[IndicatorInput] | None = None,
              steps: list[dict] | None = None, today: date | None = None) -> ActionPlan:
    """Create a plan (`plan` None) or change one, with its indicators and steps, all or nothing.

    A step runs in its `periods` (`step_periods_check`: months of the plan's fiscal year, not overlapping), or once
    from its planned start to its planned end. Indicators and steps are matched by their order: an indicator's order is its place in the list (1, 2, …), a
    step's is its `order`. An entry whose order a current one has changes it in place (its history, a step's
    evidence and progress kept); a new order adds one; a current one whose order the list no longer has is
    removed. `None` leaves them as they are. Computed indicators are computed afresh for the plan's office and
    year and stored. Thai messages keyed by field (`indicators.0.ladder`, `steps.2.planned_end`)."""
    errors: dict[str, list[str]] = {}
    if cs not in CS.values:
        errors["cs"] = ["กระบวนการต้องเป็น CS1 ถึง CS7"]
    if not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        errors["fiscal_year"] = [f"ปีงบประมาณต้องเป็นปี พ.ศ. {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}"]
    for field, value, limit in (("title", title, 500), ("objective", objective, LONG_TEXT_MAX),
                                ("definitions", definitions, LONG_TEXT_MAX)):
        if message := length_error(value, limit):
            errors[field] = [message]
    if not title.strip():
        errors["title"] = ["กรุณาระบุชื่อกระบวนการ"]
    if not objective.strip():
        errors["objective"] = ["กรุณาระบุวัตถุประสงค์"]
    for i, item in enumerate(indicators or []):
        errors.update(_indicator_errors(i, item))
    orders = [fields.get("order") for fields in steps or []]
    for i, fields in enumerate(steps or []):
        errors.update(_step_errors(i, fields, fiscal_year))
        if fields.get("order") is None or fields["order"] < 1:
            errors.setdefault(f"steps.{i}.order", []).append("ลำดับกิจกรรมต้องเป็นจำนวนเต็มตั้งแต่ 1")
        elif orders.count(fields["order"]) > 1:
            errors.setdefault(f"steps.{i}.order", []).append("ลำดับกิจกรรมซ้ำกัน: แต่ละกิจกรรมต้องมีลำดับไม่ซ้ำ")
    others = ActionPlan.objects.filter(office=office, fiscal_year=fiscal_year, cs=cs)
    if plan is not None:
        others = others.exclude(pk=plan.pk)
    if not errors and others.exists():
        errors["cs"] = [f"{office.name} มีแผน CS{cs} ปีงบประมาณ {fiscal_year} อยู่แล้ว"]
    if errors:
        raise ValidationError(errors)

    plan = plan or ActionPlan(office=office)
    plan.office, plan.fiscal_year, plan.cs = office, fiscal_year, cs
    plan.title, plan.objective, plan.definitions = title, objective, definitions
    plan.save()
    if indicators is not None:
        _indicators_replace(plan, indicators)
    if steps is not None:
        _steps_replace(plan, steps)
    plan_indicators_refresh(plan=plan, today=today or timezone.localdate())
    return plan


def _indicators_replace(plan: ActionPlan, items: list[IndicatorInput]) -> None:
    current = {i.order: i for i in plan.indicators.all()}
    for order, item in enumerate(items, 1):
        indicator = current.pop(order, None) or Indicator(plan=plan, order=order)
        indicator.code, indicator.name, indicator.unit = item.code.strip(), item.name.strip(), item.unit
        indicator.target, indicator.direction = item.target, item.direction
        (indicator.level_1, indicator.level_2, indicator.level_3, indicator.level_4,
         indicator.level_5) = item.ladder
        computed = bool(item.metric)
        if indicator.metric != item.metric:
            indicator.computed_result = indicator.computed_at = None
        indicator.source = IndicatorSource.COMPUTED if computed else IndicatorSource.MANUAL
        indicator.metric = item.metric
        indicator.manual_result = None if computed else item.result
        indicator.save()
    Indicator.objects.filter(pk__in=[i.pk for i in current.values()]).delete()


def _steps_replace(plan: ActionPlan, items: list[dict]) -> None:
    current = {s.order: s for s in plan.steps.all()}
    for fields in items:
        step = current.pop(fields["order"], None) or Step(plan=plan)
        periods = _step_periods(fields)
        for field in STEP_FIELDS:
            if field in fields:
                setattr(step, field, fields[field])
        step.planned_start, step.planned_end = min(p[0] for p in periods), max(p[1] for p in periods)
        step.save()
        step_periods_set(step=step, periods=periods)
    Step.objects.filter(pk__in=[s.pk for s in current.values()]).delete()


def plan_indicators_refresh(*, plan: ActionPlan, today: date) -> None:
    """Compute the plan's computed indicators now (through the figures the top layer handed in) and store them."""
    for indicator in plan.indicators.exclude(metric=""):
        figure = figure_of(indicator.metric, office=plan.office, fiscal_year=plan.fiscal_year, today=today)
        if figure is not None:
            indicator_record_computed(indicator=indicator, value=figure.value)
