"""Reading the holiday calendar and the deadline rules, and the one rule of who may change them."""
from django.db.models import Count, QuerySet

from core.offices.roles import Role, role_of
from core.offices.scoping import sees_every_office

from .calendar import DEFAULT_RULE_CODE
from .models import DeadlineRule, Holiday


def may_change_calendar(user) -> bool:
    """The calendar is national — one table for every office — so only those who answer for every office change
    it: a superuser, or an administrator whose office is the top of the tree. Everyone else reads it.

    The same people keep the other national lists the deadlines are counted by: the deadline rules, and the
    complaint categories that carry them."""
    return sees_every_office(user) and role_of(user) == Role.ADMINISTRATOR


def holiday_years() -> list[int]:
    """The years (CE) the calendar has holidays in, newest first."""
    return [d.year for d in Holiday.objects.dates("date", "year", order="DESC")]


def holiday_list(*, year: int) -> QuerySet[Holiday]:
    return Holiday.objects.filter(date__year=year).order_by("date")


def deadline_rule_list() -> list[DeadlineRule]:
    """Every rule, each with `uses`: what counts by it, in Thai (empty when nothing does). Two queries."""
    rules = list(DeadlineRule.objects.order_by("days", "code"))
    counts = {relation: dict(relation.related_model._default_manager.order_by().values_list(relation.field.name)
                             .annotate(n=Count("pk")).filter(**{f"{relation.field.name}__isnull": False}))
              for relation in _pointing_relations()}
    for rule in rules:
        rule.uses = _uses(rule, {relation: found.get(rule.pk, 0) for relation, found in counts.items()})
    return rules


def deadline_rule_uses(*, rule: DeadlineRule) -> list[str]:
    """What counts by `rule`, in Thai ("หมวดหมู่เรื่อง 2 รายการ"); empty when nothing does (it may then be deleted)."""
    return _uses(rule, {relation: relation.related_model._default_manager.filter(**{relation.field.name: rule}).count()
                        for relation in _pointing_relations()})


def _pointing_relations() -> list:
    # The rows that count by a rule are the processes' (a complaint category carries one); the core may not import
    # them, so it asks the model which foreign keys point at it: the same ones that PROTECT a rule from deletion.
    return [relation for relation in DeadlineRule._meta.related_objects if relation.one_to_many or relation.one_to_one]


def _uses(rule: DeadlineRule, counts: dict) -> list[str]:
    uses = [f"{relation.related_model._meta.verbose_name_plural} {n:,} รายการ" for relation, n in counts.items() if n]
    if rule.code == DEFAULT_RULE_CODE:
        uses.append("เรื่องที่ไม่ได้ระบุหมวดหมู่ (เกณฑ์ตั้งต้น)")
    return uses
