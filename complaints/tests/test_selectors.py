""""Due soon" and "overdue": one rule each, and every reader of it (the daily check, the dashboard, the register,
the API, the ticket page) agrees about the same tickets.

Personas (conftest): alice committee@PROV, bob office staff@DIST-A.
"""
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from complaints.checks import daily_sla_check
from complaints.choices import Kind, Status
from complaints.models import Ticket
from complaints.selectors import due_soon_window, overdue_q, ticket_is_overdue
from complaints.tests.factories import make_ticket
from core.offices.services import user_token
from core.workdays.services import holiday_save

pytestmark = pytest.mark.django_db

THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)  # made a special holiday below


def _due(office, day: date, *, status: str = Status.IN_PROGRESS) -> Ticket:
    ticket = make_ticket(office=office, received_on=date(2026, 10, 1))
    Ticket.objects.filter(pk=ticket.pk).update(due_on=day, status=status)
    return ticket


def test_the_window_is_three_working_days_counting_today():
    """Monday: Mon–Wed. Friday before Songkran (13–15 Apr 2026): Fri 10, Thu 16, Fri 17. Saturday: Mon–Wed after it."""
    assert due_soon_window(today=date(2026, 11, 23)).until == date(2026, 11, 25)
    assert due_soon_window(today=date(2026, 4, 10)).until == date(2026, 4, 17)
    assert due_soon_window(today=date(2026, 11, 21)).until == date(2026, 11, 25)


def test_a_holiday_in_the_window_moves_it_for_the_check_the_dashboard_the_register_and_the_api(
        client, people, offices, monkeypatch, django_capture_on_commit_callbacks):
    """Thursday 26 Nov 2026, Friday 27 a special holiday: the 3 working days are Thu 26, Mon 30 Nov and Tue 1 Dec.
    Tickets due 26, 27, 30 Nov and 1 Dec are due soon (4; three calendar days would have said 2) for every reader."""
    holiday_save(day=FRIDAY, name="วันหยุดราชการเพิ่มเป็นกรณีพิเศษ")
    dist_a = offices["dist_a"]
    for day in (date(2026, 11, 25), THURSDAY, FRIDAY, date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)):
        _due(dist_a, day)
    _due(dist_a, THURSDAY, status=Status.ANSWERED)  # answered: waiting for nothing
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: THURSDAY)

    with django_capture_on_commit_callbacks(execute=True):
        check = daily_sla_check(today=THURSDAY)
    assert (check["due_until"], check["due_soon_tickets"]) == ("2026-12-01", 4)

    cache.clear()
    client.force_login(people["bob"])
    dashboard = client.get(reverse("complaints:dashboard")).context["d"]
    assert {bucket.key: bucket.count for bucket in dashboard.ageing}["due_soon"] == 4

    register = client.get(reverse("complaints:index"), {"due_soon": "true"}).context["filter"].qs
    assert register.count() == 4

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {user_token(user=people['bob'])}")
    assert len(api.get("/api/v1/complaints/", {"due_soon": "true"}).json()["results"]) == 4


def test_the_ticket_page_and_the_lists_agree_on_overdue(offices):
    """`ticket_is_overdue` (one ticket in hand) says what `overdue_q` (lists, filters, the check) says, for every
    status and for deadlines yesterday, today and tomorrow; a compliment has no deadline and is never overdue."""
    today = date(2026, 11, 23)
    made = [_due(offices["dist_a"], today + timedelta(days=offset), status=status)
            for status in Status.values for offset in (-1, 0, 1)]
    made.append(make_ticket(office=offices["dist_a"], kind=Kind.COMPLIMENT))
    overdue = set(Ticket.objects.filter(overdue_q(today=today)).values_list("pk", flat=True))
    assert overdue  # the open ones due yesterday
    for ticket in Ticket.objects.filter(pk__in=[t.pk for t in made]):
        assert ticket_is_overdue(ticket=ticket, today=today) == (ticket.pk in overdue), (ticket.status, ticket.due_on)
