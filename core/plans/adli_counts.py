"""What the action plans keep that answers the assessor's checklist (reports.adli): per CS, for an office's subtree
and a fiscal year, the plans, their steps and progress, and their evidence files. Two queries for all seven CS."""
from django.db.models import Avg, Count, Q

from core.offices.models import Office
from core.offices.scoping import offices_under

from .choices import StepStatus
from .models import ActionPlan, Evidence


def plan_counts(*, office: Office, fiscal_year: int) -> dict[int, dict]:
    """{cs: {"plans", "steps", "steps_done", "progress" (mean %, a whole number), "evidence"}} for every CS 1–7
    (zeros where there is no plan)."""
    plans = ActionPlan.objects.filter(office__in=offices_under(office).values("pk"), fiscal_year=fiscal_year)
    counts = {cs: {"plans": 0, "steps": 0, "steps_done": 0, "progress": 0, "evidence": 0} for cs in range(1, 8)}
    rows = (plans.order_by().values("cs")
            .annotate(n_plans=Count("pk", distinct=True), n_steps=Count("steps"),
                      n_done=Count("steps", filter=Q(steps__status=StepStatus.DONE)),
                      mean_progress=Avg("steps__progress")))
    for row in rows:
        counts[row["cs"]] |= {"plans": row["n_plans"], "steps": row["n_steps"], "steps_done": row["n_done"],
                              "progress": round(row["mean_progress"] or 0)}
    for row in (Evidence.objects.filter(plan__in=plans.values("pk")).order_by().values("plan__cs")
                .annotate(n=Count("pk"))):
        counts[row["plan__cs"]]["evidence"] = row["n"]
    return counts
