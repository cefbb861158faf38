from celery import shared_task
from django.utils import timezone

from .services import seed_holidays


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def seed_holidays_task() -> int:
    """Keep this year's and next year's holidays in the table (idempotent)."""
    year = timezone.localdate().year
    return seed_holidays(years=[year, year + 1])
