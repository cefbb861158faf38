"""Computed plan indicators: the one mapping from an indicator's metric to the function that computes it.

Each function answers one question — the value for an office's subtree over a fiscal year — so a plan
indicator gets the figure of the plan's office and everything below it, for the plan's year. Add a metric
to `pmqa.plans.choices.Metric` and a line here; nothing else registers anything.
"""
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.utils import timezone

from complaints import kpi
from pmqa.plans.choices import Metric
from pmqa.plans.models import Indicator
from pmqa.plans.services import indicator_record_computed
from satisfaction import selectors as surveys


METRICS: dict[str, Callable[..., Decimal | None]] = {
    # % of complaints answered within the deadline (docs/indicators.md, "CS3 complaints").
    Metric.CS3_ANSWERED_ON_TIME: kpi.answered_on_time_percent,
    # RM 3.1 and RM 3.2 of the CS6 surveys, each plan choosing its method (docs/indicators.md, "CS6").
    Metric.RM31_MEAN: surveys.rm31_mean_percent,
    Metric.RM31_TOP2: surveys.rm31_top2_percent,
    Metric.RM32_BOTTOM2: surveys.rm32_bottom2_percent,
    Metric.RM32_REPORTED: surveys.rm32_reported_percent,
}


def indicators_refresh(*, fiscal_year: int | None = None, today: date | None = None) -> int:
    """Compute and store every metric indicator's value (of one fiscal year, or all); returns how many.

    A few queries per indicator; there are a handful of computed indicators per plan.
    """
    today = today or timezone.localdate()
    indicators = Indicator.objects.exclude(metric="").select_related("plan__office").order_by("pk")
    if fiscal_year is not None:
        indicators = indicators.filter(plan__fiscal_year=fiscal_year)
    refreshed = 0
    for indicator in indicators:
        compute = METRICS[indicator.metric]
        value = compute(office=indicator.plan.office, fiscal_year=indicator.plan.fiscal_year, today=today)
        indicator_record_computed(indicator=indicator, value=value)
        refreshed += 1
    return refreshed
