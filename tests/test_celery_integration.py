"""Celery against a real Redis broker and result backend, with a worker thread on the test database.

Runs only when CELERY_BROKER_URL is a redis:// URL (scripts/test.sh's integration stage starts a
throwaway Redis and PostgreSQL for it). The worker is Celery's embedded test worker with the solo
pool: one thread that takes messages from the queue in order and runs them one at a time, so a task
queued after another finishes after it.
"""
import os

import pytest
from django.db import transaction
from django.utils import timezone

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
        reason="needs a real Redis broker: set CELERY_BROKER_URL=redis://... (see scripts/test.sh integration)",
    ),
    # The worker thread has its own database connection: it sees only committed rows, so the tests
    # commit for real (and on_commit callbacks fire) instead of running inside one rolled-back transaction.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TIMEOUT = 30


def wait_for_queue_to_drain() -> None:
    """Everything queued before this call has run: a ping queued now is answered after it."""
    from celery.contrib.testing.tasks import ping

    assert ping.delay().get(timeout=TIMEOUT) == "pong"


def seeded_years() -> list[int]:
    """The years seed_holidays_task fills: this one and the next."""
    year = timezone.localdate().year
    return [year, year + 1]


def test_seed_holidays_task_runs_on_the_worker_and_is_idempotent(redis_worker):
    """The worker adds next year's holidays to the database the web process reads; a second run adds none."""
    from core.workdays.models import Holiday
    from core.workdays.services import government_holidays
    from core.workdays.tasks import seed_holidays_task

    this_year, next_year = seeded_years()
    Holiday.objects.filter(date__year__in=[this_year, next_year]).delete()
    expected_next_year = set(government_holidays([next_year]))
    assert expected_next_year, "the holidays package knows nothing of next year"

    result = seed_holidays_task.delay()
    added = result.get(timeout=TIMEOUT)

    assert result.successful()
    assert added == len(government_holidays([this_year, next_year])) > 0
    assert set(Holiday.objects.filter(date__year=next_year).values_list("date", flat=True)) == expected_next_year
    assert seed_holidays_task.delay().get(timeout=TIMEOUT) == 0
    assert Holiday.objects.filter(date__year__in=[this_year, next_year]).count() == added


def test_a_task_queued_on_commit_is_sent_only_if_the_transaction_commits(redis_worker):
    """Queued with transaction.on_commit: dropped on rollback, sent and run on commit."""
    from core.workdays.models import Holiday
    from core.workdays.tasks import seed_holidays_task

    years = seeded_years()
    Holiday.objects.filter(date__year__in=years).delete()
    sent = []

    with pytest.raises(RuntimeError):
        with transaction.atomic():
            transaction.on_commit(lambda: sent.append(seed_holidays_task.delay()))
            raise RuntimeError("the request failed after queueing the task")

    wait_for_queue_to_drain()
    assert sent == []
    assert not Holiday.objects.filter(date__year__in=years).exists()

    # The same code with a commit: the task goes out after the commit and the worker runs it.
    with transaction.atomic():
        transaction.on_commit(lambda: sent.append(seed_holidays_task.delay()))
        assert sent == [], "sent before the commit"
    assert len(sent) == 1
    assert sent[0].get(timeout=TIMEOUT) > 0
    assert Holiday.objects.filter(date__year__in=years).exists()
