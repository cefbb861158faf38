"""Background work of the channels process. Tasks take plain values and call a module function."""
from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

from . import usage

TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerOperationalError, ConnectionError)


@shared_task(name="channels.tasks.recount_counted", autoretry_for=TRANSIENT_ERRORS, retry_backoff=True,
             max_retries=3)
def recount_counted(office_id: int, fiscal_years: list[int]) -> None:
    """Recount the complaints and responses per channel of one statistics table (queued by `usage`)."""
    usage.counted_recount(office_id=office_id, fiscal_years=fiscal_years)
