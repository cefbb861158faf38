"""The monthly Gantt of a plan over its fiscal year (October–September), as seed 004 draws it: a mark for each
planned period of a step (a quarterly review is four marks), the actual bar under it, and the late steps flagged."""
from dataclasses import dataclass
from datetime import date

from core.fiscal import fiscal_months

from .models import ActionPlan, Step
from .selectors import steps_late


@dataclass(frozen=True)
class GanttRow:
    step: Step
    planned: list[bool]  # one flag per fiscal month
    actual: list[bool]
    marks: list[str]  # per month: "" (none), "single" (a one-month period), "start", "middle" or "end" of a period
    late: bool = False

    @property
    def cells(self) -> list[tuple[bool, bool]]:
        """(planned, actual) for each month, for templates."""
        return list(zip(self.planned, self.actual))

    @property
    def month_cells(self) -> list[tuple[str, bool]]:
        """(mark, actual) for each month, for templates."""
        return list(zip(self.marks, self.actual))


def _covers(month: date, start: date | None, end: date | None) -> bool:
    if start is None:
        return False
    first = start.replace(day=1)
    last = (end or start).replace(day=1)
    return first <= month <= last


def _periods(step: Step) -> list[tuple[date, date]]:
    """The step's planned periods; a step saved without any runs once, from its planned start to its end."""
    periods = [(p.start, p.end) for p in step.periods.all()]
    return periods or [(step.planned_start, step.planned_end)]


def _mark(month: date, periods: list[tuple[date, date]]) -> str:
    for start, end in periods:
        first, last = start.replace(day=1), end.replace(day=1)
        if first <= month <= last:
            if first == last:
                return "single"
            return "start" if month == first else "end" if month == last else "middle"
    return ""


def gantt(plan: ActionPlan, *, today: date | None = None) -> tuple[list[date], list[GanttRow]]:
    """The twelve months and a row per step with its planned marks and actual bar.

    An actual bar with a start but no end runs up to today while the fiscal year is under way; for a
    year that is over (or not begun) it runs to the planned end, as the step was expected to. A step is flagged
    late by core.plans.selectors.steps_late (one query for the plan).
    """
    months = fiscal_months(plan.fiscal_year)
    late = set(steps_late(plan.steps.all(), today=today).values_list("pk", flat=True)) if today else set()
    rows = []
    for step in plan.steps.all():
        actual_end = step.actual_end
        if step.actual_start and not actual_end:
            under_way = today is not None and months[0] <= today.replace(day=1) <= months[-1]
            actual_end = today if under_way else max(step.planned_end, step.actual_start)
        marks = [_mark(m, _periods(step)) for m in months]
        rows.append(GanttRow(
            step=step,
            planned=[bool(mark) for mark in marks],
            actual=[_covers(m, step.actual_start, actual_end) for m in months],
            marks=marks,
            late=step.pk in late,
        ))
    return months, rows
