"""Background work of the reports layer (scheduled by CELERY_BEAT_SCHEDULE in settings)."""
from datetime import date

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from .indicators import indicators_refresh

TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError, ConnectionError)


@shared_task(name="reports.tasks.refresh_indicators")
def refresh_indicators(fiscal_year: int | None = None) -> int:
    """Recompute the computed plan indicators (every 15 minutes): the CS3 KPI follows the tickets."""
    return indicators_refresh(fiscal_year=fiscal_year)


@shared_task(name="reports.tasks.recount_executive", autoretry_for=TRANSIENT_ERRORS, retry_backoff=True,
             max_retries=3)
def recount_executive(office_id: int, fiscal_year: int, quarter: int, day: str) -> None:
    """Recount one executive dashboard's figures in the background (queued by `reports.executive`; `day` ISO)."""
    from .executive import executive_recount

    executive_recount(office_id=office_id, fiscal_year=fiscal_year, quarter=quarter, today=date.fromisoformat(day))
