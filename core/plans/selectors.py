"""Reading plans, always through the user's office scope."""
from django.db.models import Avg, Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from core.offices.scoping import get_scoped_or_404, scope

from .choices import StepStatus
from .models import ActionPlan, Evidence, Indicator, Step


def plan_list(*, user, fiscal_year: int | None = None, cs: int | None = None, office_code: str | None = None
              ) -> QuerySet[ActionPlan]:
    """Plans the user may see, each annotated with step counts and mean progress (in the database)."""
    plans = scope(ActionPlan.objects.select_related("office"), user)
    if fiscal_year:
        plans = plans.filter(fiscal_year=fiscal_year)
    if cs:
        plans = plans.filter(cs=cs)
    if office_code:
        plans = plans.filter(office__code=office_code)
    return plans.annotate(
        step_count=Count("steps", distinct=True),
        steps_done=Count("steps", filter=Q(steps__status=StepStatus.DONE), distinct=True),
        mean_progress=Coalesce(Avg("steps__progress"), 0.0),
    )


def plan_fiscal_years(*, user) -> list[int]:
    return list(scope(ActionPlan.objects.all(), user).values_list("fiscal_year", flat=True)
                .distinct().order_by("-fiscal_year"))


def plan_get(*, user, pk: int) -> ActionPlan:
    """One plan with its indicators and steps, or 404 when outside the user's scope."""
    queryset = ActionPlan.objects.select_related("office").prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.order_by("order")),
        Prefetch("steps", queryset=Step.objects.order_by("order").prefetch_related("periods")),
    )
    return get_scoped_or_404(queryset, user, pk=pk)


def plan_evidence(*, plan: ActionPlan) -> QuerySet[Evidence]:
    return plan.evidence.select_related("step", "uploaded_by")


def evidence_get(*, user, pk: int) -> Evidence:
    return get_scoped_or_404(Evidence.objects.select_related("plan__office"), user, office_field="plan__office",
                             pk=pk)


def progress_by_cs(*, user, fiscal_year: int) -> list[dict]:
    """Per CS for one fiscal year: plans, steps, steps done and mean progress — one aggregate query."""
    rows = (scope(Step.objects.all(), user, office_field="plan__office")
            .filter(plan__fiscal_year=fiscal_year)
            .values("plan__cs")
            .annotate(plans=Count("plan", distinct=True), steps=Count("id"),
                      done=Count("id", filter=Q(status=StepStatus.DONE)), progress=Avg("progress"))
            .order_by("plan__cs"))
    return list(rows)


def steps_late(steps: QuerySet[Step], *, today) -> QuerySet[Step]:
    """The steps of `steps` that are late on `today` (docs/indicators.md, "Late steps"), in one query.

    A step that is not done or cancelled is late when all its planned periods have ended (their last month is before
    today's month), or when k of its n periods have ended and its progress is below k/n of 100 %: each period is an
    equal share of the work. A step that runs once (n = 1) is late once its month has passed, as before; a quarterly
    review (n = 4) with two reviews past is on time at 50 %. A step without periods (saved by a path that knows
    none) runs once, from its planned start to its planned end.
    """
    first_of_month = today.replace(day=1)
    return (steps.exclude(status__in=[StepStatus.DONE, StepStatus.CANCELLED])
            .annotate(periods_planned=Count("periods"),
                      periods_ended=Count("periods", filter=Q(periods__end__lt=first_of_month)))
            .annotate(shortfall=F("periods_ended") * 100 - F("progress") * F("periods_planned"))
            .filter(Q(periods_planned=0, planned_end__lt=first_of_month)
                    | Q(periods_planned__gt=0, periods_ended=F("periods_planned"))
                    | Q(periods_ended__gt=0, shortfall__gt=0)))


def steps_overdue(*, user, today) -> QuerySet[Step]:
    """The steps the user may see that are late on `today` (steps_late), the longest late first."""
    steps = scope(Step.objects.select_related("plan__office"), user, office_field="plan__office")
    return steps_late(steps, today=today).order_by("planned_end", "plan__cs", "order")
