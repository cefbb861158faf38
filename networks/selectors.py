"""Reading the CS4 registers, always through the user's scope, who may see a member's personal details, and RM 3.3.

RM 3.3 (ร้อยละความพึงพอใจของเครือข่ายที่มีต่อกิจกรรมสร้างความสัมพันธ์) pools every satisfaction rating answer of the
evaluations of an office subtree's activities held in the fiscal year; the evaluations are CS6 survey rounds whose
subject is the activity, read through `satisfaction.selectors` (docs/indicators.md, "CS4").
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Case,
    Count,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.fiscal import fiscal_year_bounds
from core.offices.models import Office
from core.offices.roles import Role, role_of
from core.offices.scoping import offices_under, scope
from core.plans.figures import Figure
from satisfaction import selectors as surveys

from .models import Activity, ActivityPhoto, ContactChannel, Member, Network, RelationshipPlan

# --- Who sees a member's personal details ---------------------------------------------------------------------------


def _details_visible(user) -> Q | Value:
    """A person's name, phone and e-mail: the committee, and the staff (and administrators) of the network's own
    office; never executives or assessors, who read the networks but need nobody's details. One expression, so the
    page, the export and the API read the same flag without a query per row."""
    role = role_of(user)
    if user.is_superuser or role == Role.COMMITTEE:
        return Value(True, output_field=BooleanField())
    if role in (Role.OFFICE_STAFF, Role.ADMINISTRATOR) and user.office_id:
        return Q(network__office_id=user.office_id)
    return Value(False, output_field=BooleanField())


def member_queryset(*, user) -> QuerySet[Member]:
    """Every member of the networks the user sees, each with `details_visible`."""
    visible = _details_visible(user)
    if isinstance(visible, Q):
        visible = Case(When(visible, then=Value(True)), default=Value(False), output_field=BooleanField())
    return (scope(Member.objects.all(), user, office_field="network__office")
            .select_related("network__office", "group").annotate(details_visible=visible))


# --- Networks ---------------------------------------------------------------------------------------------------------


def network_list(*, user) -> QuerySet[Network]:
    """The networks of the user's subtree, with their groups and contact channels (a fixed number of queries) and
    how many members and activities each has."""
    return _with_details(scope(Network.objects.all(), user))


def _with_details(networks: QuerySet[Network]) -> QuerySet[Network]:
    return (networks.select_related("office")
            .prefetch_related("groups", Prefetch("contact_channels", ContactChannel.objects.order_by("order", "pk")))
            .annotate(member_count=Count("members", distinct=True)))


def network_get(*, user, pk: int) -> Network:
    return get_object_or_404(network_list(user=user), pk=pk)


def networks_of(*, user, office: Office) -> QuerySet[Network]:
    return network_list(user=user).filter(office=office)


def table_context(*, user, office: Office) -> dict:
    """The network table (ตารางแสดงรูปแบบของเครือข่าย และช่องทางการติดต่อสื่อสารกับเครือข่าย จำแนกตามกลุ่มผู้รับบริการ,
    seed 002): the office's active networks with their groups, form and contact channels. What the page's PDF, later
    the annual report and the evidence pack print."""
    networks = list(networks_of(user=user, office=office).filter(is_active=True).order_by("name"))
    return {"office": office, "networks": networks, "printed_on": timezone.localdate()}


def subtree_table_context(*, office: Office) -> dict:
    """The network table of an office's whole subtree, whoever asks (the caller has checked the office: the annual
    report and the evidence pack). No member is read."""
    networks = list(_with_details(Network.objects.filter(office__in=offices_under(office).values("pk"), is_active=True))
                    .order_by("office__path", "name"))
    return {"office": office, "networks": networks, "printed_on": timezone.localdate()}


# --- Relationship plans and activities ------------------------------------------------------------------------------


def plan_list(*, user, office: Office | None = None, fiscal_year: int | None = None) -> QuerySet[RelationshipPlan]:
    plans = scope(RelationshipPlan.objects.all(), user, office_field="network__office").select_related("network")
    if office is not None:
        plans = plans.filter(network__office=office)
    if fiscal_year is not None:
        plans = plans.filter(fiscal_year=fiscal_year)
    return plans


def plan_get(*, user, pk: int) -> RelationshipPlan:
    return get_object_or_404(plan_list(user=user), pk=pk)


def _evaluation_of() -> Subquery:
    """The id of the activity's evaluation round (a CS6 round whose subject is the activity), or null."""
    rounds = surveys.rounds_about_kind(Activity).filter(subject_id=OuterRef("pk")).order_by("pk")
    return Subquery(rounds.values("pk")[:1], output_field=IntegerField())


def activity_list(*, user) -> QuerySet[Activity]:
    """Every activity of the user's subtree's networks, with its evaluation round's id (`evaluation_id`), how many
    answered it and how many photos it has."""
    return _annotated(scope(Activity.objects.all(), user, office_field="network__office"))


def _annotated(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    rounds = surveys.rounds_about_kind(Activity).filter(subject_id=OuterRef("pk")).order_by("pk")
    return (activities.select_related("network__office", "plan")
            .annotate(evaluation_id=_evaluation_of(),
                      respondents=Subquery(rounds.values("respondents")[:1], output_field=IntegerField()),
                      photo_count=Count("photos", distinct=True)))


def activity_get(*, user, pk: int) -> Activity:
    return get_object_or_404(activity_list(user=user), pk=pk)


def activities_of(*, user, office: Office, fiscal_year: int) -> QuerySet[Activity]:
    """The activities of an office's subtree held in the fiscal year (an activity belongs to the year of its date)."""
    start, end = fiscal_year_bounds(fiscal_year)
    return activity_list(user=user).filter(network__office__in=offices_under(office).values("pk"),
                                           held_on__range=(start, end))


def photo_get(*, user, pk: int) -> ActivityPhoto:
    return get_object_or_404(scope(ActivityPhoto.objects.select_related("activity"), user,
                                   office_field="activity__network__office"), pk=pk)


def evaluation_round(*, activity: Activity):
    """The activity's evaluation round, or None."""
    return surveys.rounds_about(Activity.objects.filter(pk=activity.pk)).order_by("pk").first()


# --- RM 3.3 -----------------------------------------------------------------------------------------------------------


def activities_in_year(*, office: Office, fiscal_year: int) -> QuerySet[Activity]:
    """The activities of the office's subtree whose date falls in the fiscal year, whoever asks (the indicator)."""
    start, end = fiscal_year_bounds(fiscal_year)
    return Activity.objects.filter(network__office__in=offices_under(office).values("pk"),
                                   held_on__range=(start, end))


def _histograms(office: Office, fiscal_year: int) -> dict[int, dict[int, int]]:
    return surveys.rating_histograms(surveys.rounds_about(activities_in_year(office=office, fiscal_year=fiscal_year)))


def rm33_mean_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """RM 3.3, mean method: every satisfaction rating answer of the year's activity evaluations, each ÷ its scale
    maximum, averaged × 100 (as RM 3.1's mean method)."""
    return surveys.mean_figure(_histograms(office, fiscal_year))


def rm33_top2_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """RM 3.3, top-two method: those answers in the top two points of their scale ÷ all of them × 100."""
    return surveys.top2_figure(_histograms(office, fiscal_year))


# --- What the activity page and its chart show ----------------------------------------------------------------------


QUARTER_OF_MONTH = {10: 1, 11: 1, 12: 1, 1: 2, 2: 2, 3: 2, 4: 3, 5: 3, 6: 3, 7: 4, 8: 4, 9: 4}


def activities_per_quarter(*, user, office: Office, fiscal_year: int) -> list[dict]:
    """[{quarter, formal, informal}] for the fiscal year's four quarters: one GROUP BY month query."""
    rows = (activities_of(user=user, office=office, fiscal_year=fiscal_year).order_by()
            .annotate(month=ExtractMonth("held_on")).values("month", "kind").annotate(n=Count("pk", distinct=True)))
    quarters = [{"quarter": q, "formal": 0, "informal": 0} for q in (1, 2, 3, 4)]
    for row in rows:
        quarters[QUARTER_OF_MONTH[row["month"]] - 1][row["kind"]] += row["n"]
    return quarters


@dataclass(frozen=True)
class EvaluationResult:
    activity_id: int
    title: str
    held_on: date
    respondents: int
    mean: Decimal | None
    top2: Decimal | None


def evaluation_results(*, user, office: Office, fiscal_year: int) -> list[EvaluationResult]:
    """Each evaluated activity of the year with its satisfaction both ways: two queries whatever the number."""
    return _results_of(list(activities_of(user=user, office=office, fiscal_year=fiscal_year)
                            .filter(evaluation_id__isnull=False).order_by("held_on", "pk")))


def _results_of(activities: list[Activity]) -> list[EvaluationResult]:
    """The results of evaluated activities (annotated by `_annotated`): one query whatever the number."""
    by_round = surveys.rating_histograms_by_round(surveys.rounds_about(
        Activity.objects.filter(pk__in=[a.pk for a in activities])))
    results = []
    for activity in activities:
        histograms = by_round.get(activity.evaluation_id, {})
        results.append(EvaluationResult(activity.pk, activity.title, activity.held_on, activity.respondents or 0,
                                        surveys.mean_figure(histograms).value, surveys.top2_figure(histograms).value))
    return results


def report_context(*, user, office: Office, fiscal_year: int) -> dict:
    """The relationship-activity report (รายงานกิจกรรมสร้างความสัมพันธ์กับเครือข่ายกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย,
    seed 002): per network, its project (the year's relationship plan), its activities with their photos, and what
    they show about the relationship; then RM 3.3. What the report page and its PDF print. A fixed number of
    queries."""
    return _report_context(office, fiscal_year, activities_of(user=user, office=office, fiscal_year=fiscal_year),
                           plan_list(user=user, fiscal_year=fiscal_year))


def subtree_report_context(*, office: Office, fiscal_year: int) -> dict:
    """The same report whoever asks (the caller has checked the office: the annual report and the evidence pack)."""
    start, end = fiscal_year_bounds(fiscal_year)
    activities = _annotated(Activity.objects.filter(network__office__in=offices_under(office).values("pk"),
                                                    held_on__range=(start, end)))
    plans = RelationshipPlan.objects.filter(fiscal_year=fiscal_year).select_related("network")
    return _report_context(office, fiscal_year, activities, plans)


def _report_context(office: Office, fiscal_year: int, activities: QuerySet[Activity],
                    plans: QuerySet[RelationshipPlan]) -> dict:
    activities = list(activities.order_by("held_on", "pk").prefetch_related("photos"))
    plans = {(p.network_id): p for p in plans.filter(network__office__in=offices_under(office).values("pk"))}
    results = {r.activity_id: r for r in _results_of([a for a in activities if a.evaluation_id is not None])}
    sections: dict[int, dict] = {}
    for activity in activities:
        section = sections.setdefault(activity.network_id, {"network": activity.network,
                                                            "plan": plans.get(activity.network_id),
                                                            "activities": []})
        section["activities"].append((activity, results.get(activity.pk)))
    for network_id, plan in plans.items():  # a plan whose activities are still to come
        sections.setdefault(network_id, {"network": plan.network, "plan": plan, "activities": []})
    return {"office": office, "fiscal_year": fiscal_year, "sections": list(sections.values()),
            "rm33_mean": rm33_mean_figure(office=office, fiscal_year=fiscal_year),
            "rm33_top2": rm33_top2_figure(office=office, fiscal_year=fiscal_year),
            "printed_on": timezone.localdate()}


# --- What the executive dashboard reads (reports.executive) ---------------------------------------------------------

def activities_by_quarter(*, office: Office, fiscal_year: int) -> list[dict]:
    """[{quarter, activities, formal, informal, participants}] for the four quarters of the fiscal year, whoever
    asks (the executive dashboard and its quarterly summary): one GROUP BY month query."""
    rows = (activities_in_year(office=office, fiscal_year=fiscal_year).order_by()
            .annotate(month=ExtractMonth("held_on")).values("month", "kind")
            .annotate(n=Count("pk"), people=Sum("participants")))
    quarters = [{"quarter": q, "activities": 0, "formal": 0, "informal": 0, "participants": 0} for q in (1, 2, 3, 4)]
    for row in rows:
        quarter = quarters[QUARTER_OF_MONTH[row["month"]] - 1]
        quarter[row["kind"]] += row["n"]
        quarter["activities"] += row["n"]
        quarter["participants"] += row["people"] or 0
    return quarters


def activities_version() -> int:
    """Moves on whenever an activity is added, changed or removed (its history's newest id)."""
    return Activity.history.aggregate(last=Max("history_id"))["last"] or 0
