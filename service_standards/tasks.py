"""Background work of the CS7 process. Tasks take plain values and call a module function."""
from datetime import date

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from . import dashboard

TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError, ConnectionError)


@shared_task(name="service_standards.tasks.recount_dashboard", autoretry_for=TRANSIENT_ERRORS, retry_backoff=True,
             max_retries=3)
def recount_dashboard(office_id: int, fiscal_year: int, day: str) -> None:
    """Recount one CS7 dashboard's figures in the background (queued by `dashboard`; `day` an ISO date)."""
    dashboard.dashboard_recount(office_id=office_id, fiscal_year=fiscal_year, today=date.fromisoformat(day))
