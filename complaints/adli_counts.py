"""What CS3 keeps that answers the assessor's checklist (reports.adli): counts only (no complainant, no handler's
name), for an office's subtree and a fiscal year, in three queries whatever the number of tickets."""
from django.db.models import Count, Q

from core.fiscal import fiscal_year_bounds
from core.offices.models import Office
from core.offices.scoping import offices_under

from .models import FollowUpPlan, ImprovementAnalysis, Ticket


def adli_counts(*, office: Office, fiscal_year: int) -> dict[str, int]:
    """Tickets received in the year by the subtree's offices: with a handler named, answered, answered on time; rows
    of the follow-up plan and of the improvement analysis of the year."""
    subtree = offices_under(office).values("pk")
    counts = (Ticket.objects.filter(office__in=subtree, received_on__range=fiscal_year_bounds(fiscal_year))
              .order_by().aggregate(tickets=Count("pk"), tickets_with_handler=Count("pk", filter=Q(handler__isnull=False)),
                                    tickets_answered=Count("pk", filter=Q(answered_on__isnull=False)),
                                    tickets_on_time=Count("pk", filter=Q(on_time=True))))
    counts["follow_up_rows"] = FollowUpPlan.objects.filter(office__in=subtree, fiscal_year=fiscal_year).count()
    counts["analysis_rows"] = ImprovementAnalysis.objects.filter(office__in=subtree, fiscal_year=fiscal_year).count()
    return counts
