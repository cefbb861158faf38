"""Computed plan indicators: each plan indicator with a metric gets the value its process computes
(`reports.wiring.METRICS`) for the plan's office and everything below it, for the plan's year.
"""
from datetime import date

from django.utils import timezone

from core.plans.models import Indicator
from core.plans.services import indicator_record_computed

from .wiring import METRICS

__all__ = ["METRICS", "indicators_refresh"]


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
        figure = METRICS[indicator.metric](office=indicator.plan.office, fiscal_year=indicator.plan.fiscal_year,
                                           today=today)
        indicator_record_computed(indicator=indicator, value=figure.value)
        refreshed += 1
    return refreshed
