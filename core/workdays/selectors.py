"""Reading the holiday calendar, and the one rule of who may change it."""
from django.db.models import QuerySet

from core.offices.roles import Role, role_of
from core.offices.scoping import sees_every_office

from .models import Holiday


def may_change_calendar(user) -> bool:
    """The calendar is national — one table for every office — so only those who answer for every office change
    it: a superuser, or an administrator whose office is the top of the tree. Everyone else reads it."""
    return sees_every_office(user) and role_of(user) == Role.ADMINISTRATOR


def holiday_years() -> list[int]:
    """The years (CE) the calendar has holidays in, newest first."""
    return [d.year for d in Holiday.objects.dates("date", "year", order="DESC")]


def holiday_list(*, year: int) -> QuerySet[Holiday]:
    return Holiday.objects.filter(date__year=year).order_by("date")
