"""What CS2 keeps that answers the assessor's checklist (reports.adli): counts only, for an office's subtree and a
fiscal year, in a fixed number of queries whatever the data size."""
from django.db.models import Count, Q, Sum

from core.fiscal import fiscal_year_bounds
from core.offices.models import Office
from core.offices.scoping import offices_under

from .choices import ImprovementSource
from .models import ChannelReview, ChannelUsage, GroupChannel, HeardImprovement, InformationType
from .selectors import channels_used, group_coverage_figure


def improvement_counts(*, office: Office, fiscal_year: int) -> dict[str, int]:
    """Improvements made from what was heard (CS2) and from complaints (CS3) in the year, in one query."""
    return (HeardImprovement.objects.filter(office__in=offices_under(office).values("pk"), fiscal_year=fiscal_year)
            .order_by().aggregate(
                improvements=Count("pk", filter=Q(source=ImprovementSource.LISTENING)),
                improvements_from_complaints=Count("pk", filter=Q(source=ImprovementSource.COMPLAINTS)),
                improvements_with_photos=Count("pk", filter=~Q(before_photo="") & ~Q(after_photo=""))))


def adli_counts(*, office: Office, fiscal_year: int) -> dict[str, int]:
    """Channels used in the year (the CS2 indicator's), the office's groups and those table CS2-1 covers, the rows of
    table CS2-1 (and those with a finding), the information types of the year, the channels with a usage count,
    the reviews dated in the year and the improvements. Nine queries."""
    subtree = offices_under(office).values("pk")
    coverage = group_coverage_figure(office=office, fiscal_year=fiscal_year)
    counts = {"channels_used": channels_used(office=office, fiscal_year=fiscal_year).count(),
              "groups": coverage.denominator or 0, "groups_heard": coverage.numerator or 0}
    counts |= GroupChannel.objects.filter(office__in=subtree).order_by().aggregate(
        cs21_rows=Count("pk"), cs21_findings=Count("pk", filter=~Q(finding="")))
    counts["information_types"] = InformationType.objects.filter(office__in=subtree, fiscal_year=fiscal_year).count()
    usage = ChannelUsage.objects.filter(office__in=subtree, fiscal_year=fiscal_year, count__gt=0).order_by().aggregate(
        counted_channels=Count("channel", distinct=True), channel_users=Sum("count"))
    counts |= {"counted_channels": usage["counted_channels"], "channel_users": usage["channel_users"] or 0}
    counts["channel_reviews"] = ChannelReview.objects.filter(
        office__in=subtree, reviewed_on__range=fiscal_year_bounds(fiscal_year)).count()
    return counts | improvement_counts(office=office, fiscal_year=fiscal_year)
