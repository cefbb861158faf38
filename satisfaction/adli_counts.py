"""What CS6 keeps that answers the assessor's checklist (reports.adli): counts only (no respondent), for an office's
subtree and a fiscal year, in a fixed number of queries whatever the number of responses."""
from django.db.models import Count, Q, Sum

from core.offices.models import Office
from stakeholders.selectors import groups_for_office

from .models import Improvement
from .selectors import _rounds_of


def adli_counts(*, office: Office, fiscal_year: int) -> dict[str, int]:
    """The subtree's survey rounds of the year (the RM 3.1 / 3.2 rounds: not those about a CS4 activity), those with
    answers, their respondents and questionnaires; the office's groups (its customer profile) and those a round's
    questionnaire is for; the improvements the rounds led to, done, and re-measured by a later round."""
    rounds = _rounds_of(office=office, fiscal_year=fiscal_year)
    counts = rounds.order_by().aggregate(
        rounds=Count("pk"), rounds_answered=Count("pk", filter=Q(respondents__gt=0)), respondents=Sum("respondents"),
        questionnaires=Count("questionnaire", distinct=True))
    counts["respondents"] = counts["respondents"] or 0
    groups = groups_for_office(office=office)
    counts |= groups.order_by().aggregate(
        groups=Count("pk"), groups_surveyed=Count("pk", filter=Q(pk__in=rounds.values("questionnaire__group"))))
    counts |= Improvement.objects.filter(round__in=rounds.values("pk")).order_by().aggregate(
        survey_improvements=Count("pk"),
        survey_improvements_done=Count("pk", filter=Q(status=Improvement.Status.DONE)),
        survey_improvements_remeasured=Count("pk", filter=Q(remeasure_round__isnull=False)))
    return counts
