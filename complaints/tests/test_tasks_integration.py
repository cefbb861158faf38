"""The daily deadline check as beat runs it: queued on a real Redis broker, run by a Celery worker thread.

Runs only when CELERY_BROKER_URL is a redis:// URL (scripts/test.sh's integration stage, on PostgreSQL).
The worker is Celery's embedded test worker (solo pool) in this process, so Django's locmem mail outbox
shows what it sent.
"""
import os
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from complaints.choices import Status
from complaints.models import NotificationLog, Ticket
from complaints.tests.factories import make_ticket
from core.offices.models import Office
from core.testing.factories import UserFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(
        not os.environ.get("CELERY_BROKER_URL", "").startswith("redis://"),
        reason="needs a real Redis broker: set CELERY_BROKER_URL=redis://... (see scripts/test.sh integration)",
    ),
    # The worker has its own database connection and sees only committed rows. The flush after each test
    # would also empty the tables migrations seed (channels, holidays): serialized_rollback restores them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TIMEOUT = 30
MONDAY = date(2026, 11, 23)


@pytest.fixture
def shared_database():
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("a worker thread cannot share SQLite's in-memory test database; run on PostgreSQL")


def _ticket(office, due_on, handler=None) -> Ticket:
    ticket = make_ticket(office=office, received_on=date(2026, 10, 1))
    Ticket.objects.filter(pk=ticket.pk).update(due_on=due_on, handler=handler, status=Status.IN_PROGRESS)
    return ticket


def test_the_daily_check_runs_on_the_worker_and_a_second_run_sends_nothing(redis_worker, shared_database,
                                                                            offices, people):
    """Bob is warned of his ticket due soon; DIST-A's head and alice (committee at PROV) hear of the overdue
    one. The task returns the summary through the Redis result backend; run again, it sends nothing."""
    from complaints.tasks import daily_sla_check

    head = UserFactory(username="hank", office=offices["dist_a"], role="executive")
    Office.objects.filter(pk=offices["dist_a"].pk).update(head=head)
    for user in (people["alice"], people["bob"], people["carol"], head):
        user.email = f"{user.username}@example.go.th"
        user.save(update_fields=["email"])
    _ticket(offices["dist_a"], date(2026, 11, 24), handler=people["bob"])
    _ticket(offices["dist_a"], date(2026, 11, 2))

    first = daily_sla_check.delay(MONDAY.isoformat()).get(timeout=TIMEOUT)
    assert first["working_day"] is True
    assert (first["due_soon_tickets"], first["overdue_tickets"]) == (1, 1)
    assert (first["sent"], first["failed"]) == (3, 0)
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "alice@example.go.th", "bob@example.go.th", "hank@example.go.th"]

    # A second run of the day (a second beat, a call by hand through the broker) finds the day claimed
    # (core.schedule) and does nothing; the check itself, called directly as the command does, finds every
    # digest delivered (the NotificationLog claims) and sends nothing either.
    second = daily_sla_check.delay(MONDAY.isoformat()).get(timeout=TIMEOUT)
    assert second == {"day": MONDAY.isoformat(), "skipped": "already run for this day"}
    from complaints import checks

    third = checks.daily_sla_check(today=MONDAY)
    assert (third["sent"], third["already_sent"]) == (0, 3)
    assert len(mail.outbox) == 3
    assert NotificationLog.objects.filter(day=MONDAY).count() == 3


def test_on_a_holiday_the_worker_does_nothing(redis_worker, shared_database, offices, people):
    from complaints.tasks import daily_sla_check

    _ticket(offices["dist_a"], date(2026, 11, 2), handler=people["bob"])
    summary = daily_sla_check.delay("2026-11-22").get(timeout=TIMEOUT)  # a Sunday
    assert summary["working_day"] is False and mail.outbox == []
