"""The bench's synthetic data: every office has people the daily check can tell, in a new bench database and in one
made before there were any (topped up)."""
from datetime import date, timedelta

import pytest
from django.core import mail
from django.db.models import F

from complaints.checks import daily_sla_check
from complaints.models import Ticket
from core.offices.models import Office
from reports.benchdata import BENCH_ROOT, ensure_office_people, ensure_offices, ensure_ticket_handlers, ensure_tickets

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 26)  # a Thursday


def _tickets(office_ids: list[int]) -> int:
    return ensure_tickets(count=3000, office_ids=office_ids, first_day=TODAY - timedelta(days=365), days=365,
                          today=TODAY)


def _check(callbacks) -> dict:
    """The check as the task runs it: the e-mails go out when its transaction commits."""
    mail.outbox = []
    with callbacks(execute=True):
        return daily_sla_check(today=TODAY)


def _assert_everyone_told(summary: dict) -> None:
    """Due-soon tickets reach their handlers, overdue ones their office's head and the committee, all by e-mail."""
    assert summary["due_soon_digests"] and summary["overdue_digests"] > 1
    assert summary["unrouted_tickets"] == summary["no_contact"] == summary["failed"] == 0
    assert summary["sent"] == summary["due_soon_digests"] + summary["overdue_digests"] == len(mail.outbox)
    assert all(message.to[0].endswith("@bench.example.go.th") for message in mail.outbox)


def test_every_office_has_a_handler_and_a_head_with_an_email_and_every_ticket_a_handler(
        settings, django_capture_on_commit_callbacks):
    """A new bench database: 2 provinces of 20 districts under the root, each office with its two people."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    office_ids = ensure_offices(count=40)
    assert ensure_office_people() == 2 * 43 and ensure_office_people() == 0  # a second run adds nobody
    assert _tickets(office_ids) == 3000 and ensure_ticket_handlers() == 0  # inserted with their handlers
    offices = Office.objects.filter(code__startswith=BENCH_ROOT)
    assert not offices.filter(head__isnull=True).exists()
    assert not offices.exclude(head__email__endswith="@bench.example.go.th").exists()
    assert not Ticket.objects.filter(handler__isnull=True).exists()
    assert not Ticket.objects.exclude(handler__office_id=F("office_id")).exists()  # each its own office's
    _assert_everyone_told(_check(django_capture_on_commit_callbacks))


def test_an_older_bench_database_is_topped_up(settings, django_capture_on_commit_callbacks):
    """Offices and tickets from before there were handlers and heads: the next bench run adds them."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    office_ids = ensure_offices(count=40)
    _tickets(office_ids)
    assert Ticket.objects.filter(handler__isnull=True).count() == 3000
    assert _check(django_capture_on_commit_callbacks)["sent"] == 0  # nobody to send to: what the bench used to measure

    assert ensure_office_people() == 2 * 43
    assert ensure_ticket_handlers() == 3000
    _assert_everyone_told(_check(django_capture_on_commit_callbacks))
