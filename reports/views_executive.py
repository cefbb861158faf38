"""The executive dashboard (ภาพรวมผู้บริหาร): one office subtree and fiscal quarter, every process at a glance, each
block with its chart and the link to the records behind it.

The figures are `reports.executive`'s, kept in the cache; this view picks the office (within the reader's scope:
another office's code is a 404), the year and the quarter (a malformed one is a Thai 400), and prepares what the
template and the charts show: colours by score, the drill-down addresses, plain numbers for Chart.js.
"""
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import reverse
from django.utils import timezone

from complaints.choices import Priority
from core.fiscal import fiscal_quarter_of
from core.offices.pickers import office_and_year, register_page
from core.offices.roles import Role, role_of
from core.plans.choices import Metric
from core.plans.scoring import score

from . import executive

CHART_INDICATORS = 20  # the indicators drawn; the table lists every one
LATE_STEPS_ON_PAGE = 10  # the steps late longest; the figures keep more (the quarterly summary prints them)
QUARTERS = [(q, f"ไตรมาส {q}") for q in (1, 2, 3, 4)]


def may_see_executive(user, role: str | None = None) -> bool:
    """Executives and the committee (and superusers): the nav entry and the page. `role`: the user's, when the caller
    has read it already (the navigation, on every page: no second query)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or (role or role_of(user)) in (Role.EXECUTIVE, Role.COMMITTEE)


def quarter_param(raw: str | None, fiscal_year: int, today) -> int:
    """`?quarter=1..4`; by default this quarter for this year, the last for an earlier year, the first for a later one.
    Anything else is a Thai 400."""
    text = (raw or "").strip()
    if text:
        if text not in {"1", "2", "3", "4"}:
            raise BadRequest(f"ไตรมาส “{text[:20]}” ไม่ถูกต้อง: ใช้ 1–4 (ไตรมาส 1 คือ ต.ค.–ธ.ค.)")
        return int(text)
    current = fiscal_quarter_of(today)
    if fiscal_year == current.fiscal_year:
        return current.quarter
    return 4 if fiscal_year < current.fiscal_year else 1


def tone(score_text: str | None) -> str:
    """The colour of a score: 4–5 green, 3–4 amber, under 3 red, no score grey."""
    if score_text is None:
        return "none"
    value = Decimal(score_text)
    return "good" if value >= 4 else "fair" if value >= 3 else "poor"


def _num(text) -> float | None:
    return None if text is None else float(text)


def _own_indicators(figures: dict, office_code: str) -> dict[str, dict]:
    """The office's own plan indicators by metric: their ladders colour the dashboard's figures."""
    return {row["metric"]: row for row in figures["indicators"] if row["office_code"] == office_code and row["metric"]}


def _scored(value: str | None, indicator: dict | None) -> dict:
    """A figure with the target, score and colour of the office's plan indicator that measures it, if any."""
    if indicator is None or value is None:
        return {"value": value, "target": indicator and indicator["target"], "score": None, "tone": "none"}
    result = score(Decimal(value), [None if level is None else Decimal(level) for level in indicator["ladder"]])
    text = None if result is None else str(result)
    return {"value": value, "target": indicator["target"], "score": text, "tone": tone(text)}


def _links(office, fiscal_year: int, quarter: int) -> dict:
    """The drill-downs: each register filtered to the office's subtree, year (and quarter where it has one)."""
    code = office.code
    return {
        "complaints": f"{reverse('complaints:index')}?office={office.pk}&fiscal_year={fiscal_year}&quarter={quarter}"
                      "&kind=complaint",
        "complaints_dashboard": f"{reverse('complaints:dashboard')}?office={office.pk}&fiscal_year={fiscal_year}"
                                f"&quarter={quarter}",
        "plans": f"{reverse('plans:list')}?fiscal_year={fiscal_year}",
        "scoreboard": f"{reverse('plans:scoreboard')}?office={code}&fiscal_year={fiscal_year}",
        "surveys": reverse("satisfaction:index"),
        "projects": f"{reverse('participation:index')}?office={office.pk}&fiscal_year={fiscal_year}",
        "activities": f"{reverse('networks:activities')}?office={code}&fiscal_year={fiscal_year}",
        "records": f"{reverse('service_standards:records')}?office={code}&fiscal_year={fiscal_year}",
        "cs7_dashboard": f"{reverse('service_standards:dashboard')}?office={code}&fiscal_year={fiscal_year}",
    }


def _page(figures: dict, office) -> dict:
    """What the template shows beyond the figures: colours and scores, and the charts' data."""
    own = _own_indicators(figures, office.code)
    indicators = [{**row, "tone": tone(row["score"])} for row in figures["indicators"]]
    c, s, cs7 = figures["complaints"], figures["satisfaction"], figures["service_standards"]
    kpi = _scored(c["quarter"]["on_time_percent"], own.get(Metric.CS3_ANSWERED_ON_TIME))
    satisfaction = {key: _scored(s[key]["value"], own.get(key)) for key in
                    ("rm31_mean", "rm31_top2", "rm32_bottom2", "rm32_reported")}
    rm35 = _scored(cs7["year"]["value"], own.get(Metric.RM35))
    rm34 = _scored(figures["participation"]["rm34"]["value"], own.get(Metric.RM34))
    rm33 = {key: _scored(figures["networks"][key]["value"], own.get(key)) for key in ("rm33_mean", "rm33_top2")}
    periods = [c["quarter"], c["previous_quarter"], c["same_quarter_last_year"]]
    priorities = figures["priorities"]
    charts = {
        "indicators": [{"label": (row["code"] or row["name"])[:40], "name": row["name"][:80],
                        "percent": _num(row["success_percent"]), "score": _num(row["score"]), "tone": row["tone"]}
                       for row in indicators[:CHART_INDICATORS]],
        "complaints": [{"label": p["label"], "received": p["received"], "percent": _num(p["on_time_percent"]),
                        "on_time": p["on_time"], "counted": p["counted"]} for p in periods],
        "complaints_target": _num(kpi["target"]),
        "priorities": [{"key": key, "label": str(label), "count": priorities["by_priority"].get(key, 0)}
                       for key, label in Priority.choices],
        "satisfaction": [{"label": label, "percent": _num(s[key]["value"]), "tone": satisfaction[key]["tone"]}
                         for key, label in (("rm31_mean", "RM 3.1 ค่าเฉลี่ย"), ("rm31_top2", "RM 3.1 สองระดับบน"),
                                            ("rm32_bottom2", "RM 3.2 สองระดับล่าง"),
                                            ("rm32_reported", "RM 3.2 แจ้งไม่พึงพอใจ"))],
        "responses": s["responses_by_quarter"],
        "levels": [{"label": f"{level['level']}", "name": level["label"], "count": level["count"]}
                   for level in figures["participation"]["levels"]],
        "activities": figures["networks"]["quarters"],
        "rm35": [{"label": f"ไตรมาส {n}", "percent": _num(q["value"]), "met": q["numerator"],
                  "total": q["denominator"]} for n, q in enumerate(cs7["quarters"], 1)],
        "rm35_target": _num(rm35["target"]),
        "late_steps": [{"label": f"CS{row['cs']}", "count": row["count"]} for row in figures["late_steps"]["by_cs"]],
        "quarter": figures["period"]["quarter"],
    }
    return {"indicators": indicators, "late_shown": figures["late_steps"]["steps"][:LATE_STEPS_ON_PAGE], "kpi": kpi,
            "satisfaction": satisfaction, "rm35": rm35, "rm34": rm34, "rm33": rm33, "charts": charts}


@login_required
def dashboard(request):
    if not may_see_executive(request.user):
        raise PermissionDenied
    office, fiscal_year = office_and_year(request)
    if office is None:
        raise PermissionDenied  # no office, no scope: nothing to show
    today = timezone.localdate()
    quarter = quarter_param(request.GET.get("quarter"), fiscal_year, today)
    kept = executive.kept_quarter_figures(office=office, fiscal_year=fiscal_year, quarter=quarter, today=today)
    page = _page(kept.value, office)
    return register_page(request, "reports/executive.html", "executive", office, fiscal_year, f=kept.value,
                         kept=kept, quarter=quarter, quarters=QUARTERS, links=_links(office, fiscal_year, quarter),
                         today=today, charts=page.pop("charts"), **page)
