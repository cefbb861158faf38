"""What CS5 keeps that answers the assessor's checklist (reports.adli): counts only, for an office's subtree and a
fiscal year, in five queries whatever the data size."""
from django.db.models import Count, Q

from core.offices.models import Office
from core.offices.scoping import offices_under

from .models import GovernorReport, NextStep, OutcomeMeasure, ParticipationProject


def adli_counts(*, office: Office, fiscal_year: int) -> dict[str, int]:
    """The subtree's projects of the year: linked to a mission or a strategy, with a mechanism written, published;
    the distinct channels that inform the people and that hear them; the outcome measures with a result; the
    reports to the governor (or the head of the unit) and the next steps of the year."""
    subtree = offices_under(office).values("pk")
    projects = ParticipationProject.objects.filter(office__in=subtree, fiscal_year=fiscal_year)
    counts = projects.order_by().aggregate(
        projects=Count("pk"), projects_linked=Count("pk", filter=Q(mission__isnull=False) | ~Q(strategy="")),
        projects_with_mechanism=Count("pk", filter=~Q(mechanism="")),
        projects_published=Count("pk", filter=Q(is_published=True)))
    for field, key in (("info_channels", "info_channels"), ("opinion_channels", "opinion_channels")):
        through = getattr(ParticipationProject, field).through
        counts[key] = (through.objects.filter(participationproject__in=projects.values("pk")).order_by()
                       .aggregate(n=Count("channel", distinct=True))["n"])
    counts |= OutcomeMeasure.objects.filter(project__in=projects.values("pk")).order_by().aggregate(
        measures=Count("pk"), measures_with_result=Count("pk", filter=Q(result__isnull=False)))
    counts["governor_reports"] = GovernorReport.objects.filter(office__in=subtree, fiscal_year=fiscal_year).count()
    counts["next_steps"] = NextStep.objects.filter(office__in=subtree, fiscal_year=fiscal_year).count()
    return counts
