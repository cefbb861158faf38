"""The monthly Gantt of a plan over its fiscal year (October–September), as seed 004 draws it."""
from dataclasses import dataclass
from datetime import date

from core.fiscal import fiscal_months

from .models import ActionPlan, Step


@dataclass(frozen=True)
class GanttRow:
    step: Step
    planned: list[bool]  # one flag per fiscal month
    actual: list[bool]

    @property
    def cells(self) -> list[tuple[bool, bool]]:
        """(planned, actual) for each month, for templates."""
        return list(zip(self.planned, self.actual))


def _covers(month: date, start: date | None, end: date | None) -> bool:
    if start is None:
        return False
    first = start.replace(day=1)
    last = (end or start).replace(day=1)
    return first <= month <= last


def gantt(plan: ActionPlan, *, today: date | None = None) -> tuple[list[date], list[GanttRow]]:
    """The twelve months and a row per step with its planned and actual bars.

    An actual bar with a start but no end runs up to today while the fiscal year is under way; for a
    year that is over (or not begun) it runs to the planned end, as the step was expected to.
    """
    months = fiscal_months(plan.fiscal_year)
    rows = []
    for step in plan.steps.all():
        actual_end = step.actual_end
        if step.actual_start and not actual_end:
            under_way = today is not None and months[0] <= today.replace(day=1) <= months[-1]
            actual_end = today if under_way else max(step.planned_end, step.actual_start)
        rows.append(GanttRow(
            step=step,
            planned=[_covers(m, step.planned_start, step.planned_end) for m in months],
            actual=[_covers(m, step.actual_start, actual_end) for m in months],
        ))
    return months, rows
