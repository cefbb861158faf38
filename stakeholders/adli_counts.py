"""What CS1 keeps that answers the assessor's checklist (reports.adli): counts only, for an office's subtree and a
fiscal year, in a fixed number of queries whatever the data size. No names: assessors read them."""
from django.db.models import Count, Q

from core.fiscal import fiscal_year_bounds
from core.offices.models import Office
from core.offices.scoping import offices_under

from .choices import GroupKind
from .models import DutyRow, Mission, Review
from .selectors import groups_for_office, with_coverage


def adli_counts(*, office: Office, fiscal_year: int) -> dict[str, int]:
    """The office's groups (its own and those above it, active: its customer profile) by kind and with their needs
    written; the subtree's missions of the year with groups and covered (a customer and a stakeholder group, as the
    CS1 indicator counts them), rows of the analysis table, and reviews dated in the year. Four queries."""
    subtree = offices_under(office).values("pk")
    counts = groups_for_office(office=office).order_by().aggregate(
        groups=Count("pk"), customer_groups=Count("pk", filter=Q(kind=GroupKind.CUSTOMER)),
        stakeholder_groups=Count("pk", filter=Q(kind=GroupKind.STAKEHOLDER)),
        groups_with_needs=Count("pk", filter=~Q(needs="")))
    missions = with_coverage(Mission.objects.filter(office__in=subtree, fiscal_year=fiscal_year))
    counts |= missions.order_by().aggregate(
        missions=Count("pk"), missions_with_groups=Count("pk", filter=Q(has_customer=True) | Q(has_stakeholder=True)),
        missions_covered=Count("pk", filter=Q(has_customer=True, has_stakeholder=True)))
    counts["duty_rows"] = DutyRow.objects.filter(office__in=subtree, fiscal_year=fiscal_year).count()
    counts["reviews"] = Review.objects.filter(office__in=subtree,
                                              reviewed_on__range=fiscal_year_bounds(fiscal_year)).count()
    return counts
