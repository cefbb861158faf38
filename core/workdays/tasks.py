from celery import shared_task
from django.utils import timezone

from .services import seed_holidays


# The name it had before the core moved out of pmqa/: beat's schedule in existing databases and messages already
# queued under it still reach it.
@shared_task(name="pmqa.workdays.tasks.seed_holidays_task", autoretry_for=(ConnectionError,), retry_backoff=True,
             max_retries=5)
def seed_holidays_task() -> int:
    """Keep this year's and next year's holidays in the table (idempotent)."""
    year = timezone.localdate().year
    return seed_holidays(years=[year, year + 1])
