"""Background work of the reports layer (scheduled by CELERY_BEAT_SCHEDULE in settings)."""
from celery import shared_task

from .indicators import indicators_refresh


@shared_task(name="reports.tasks.refresh_indicators")
def refresh_indicators(fiscal_year: int | None = None) -> int:
    """Recompute the computed plan indicators (every 15 minutes): the CS3 KPI follows the tickets."""
    return indicators_refresh(fiscal_year=fiscal_year)
