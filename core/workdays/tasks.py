from celery import shared_task
from django.utils import timezone

from core.schedule import day_period, period_claim

from .services import seed_holidays


# The name it had before the core moved out of pmqa/: beat's schedule in existing databases and messages already
# queued under it still reach it.
@shared_task(name="pmqa.workdays.tasks.seed_holidays_task", bind=True, autoretry_for=(ConnectionError,),
             retry_backoff=True, max_retries=5)
def seed_holidays_task(self) -> int:
    """Keep this year's and next year's holidays in the table (idempotent), once a day."""
    if not period_claim(job=self.name, period=day_period(), task_id=self.request.id):
        return 0
    year = timezone.localdate().year
    return seed_holidays(years=[year, year + 1])
