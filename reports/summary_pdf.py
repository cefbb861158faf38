"""What the quarterly summary's PDF template reads: the frozen figures (`reports.executive.quarter_figures` as they
were), with the bars of its charts worked out here. WeasyPrint runs no JavaScript, so a chart is a table whose bars
are boxes sized in per cent of the largest value."""
from datetime import date
from decimal import Decimal, InvalidOperation

from complaints.choices import Priority
from core.thai_dates import format_full, format_short

from .models import QuarterlySummary

# Score colours as the plan pages use them: 1–2 short of the target, 3 on it, 4–5 past it.
SCORE_CLASSES = {1: "low", 2: "low", 3: "mid", 4: "high", 5: "high"}
QUARTER_MONTHS = {1: "ต.ค.–ธ.ค.", 2: "ม.ค.–มี.ค.", 3: "เม.ย.–มิ.ย.", 4: "ก.ค.–ก.ย."}


def _number(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def _bars(rows: list[dict], key: str) -> list[dict]:
    """Each row with `bar`: its `key` in per cent of the largest (0 when all are empty)."""
    values = [_number(row.get(key)) or Decimal(0) for row in rows]
    top = max(values, default=Decimal(0))
    return [{**row, "bar": float(value * 100 / top) if top else 0.0} for row, value in zip(rows, values)]


def _day(iso: str | None, *, full: bool = False) -> str:
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    return format_full(day) if full else format_short(day)


def _indicator(row: dict) -> dict:
    score = _number(row.get("score"))
    level = int(score) if score is not None else None
    return {**row, "score_class": SCORE_CLASSES.get(level, "none"),
            "success_bar": min(float(_number(row.get("success_percent")) or 0), 100.0)}


def _complaints(block: dict) -> dict:
    columns = [("ไตรมาสนี้", block.get("quarter") or {}), ("ไตรมาสก่อน", block.get("previous_quarter") or {}),
               ("ไตรมาสเดียวกันปีก่อน", block.get("same_quarter_last_year") or {})]
    return {"columns": [{"title": title, **counts} for title, counts in columns],
            "quarters": _bars(block.get("quarters") or [], "received"), "year": block.get("year") or {}}


def _late_steps(block: dict) -> dict:
    steps = [{**step, "planned_end_text": _day(step.get("planned_end"))} for step in block.get("steps") or []]
    return {"total": block.get("total", len(steps)), "steps": steps}


def _priorities(block: dict) -> dict:
    tickets = [{**row, "latest_action_text": " ".join(filter(None, [row.get("latest_action"),
                                                                     _day(row.get("latest_action_on"))]))}
               for row in block.get("tickets") or []]
    counts = block.get("by_priority") or {}
    levels = [{"label": str(label), "count": counts.get(key, 0)} for key, label in Priority.choices]
    return {"total": block.get("total", len(tickets)), "levels": _bars(levels, "count"), "tickets": tickets}


def pdf_context(*, summary: QuarterlySummary, figures: dict) -> dict:
    period = figures.get("period") or {}
    satisfaction = figures.get("satisfaction") or {}
    networks = figures.get("networks") or {}
    standards = figures.get("service_standards") or {}
    responses = [{"quarter": n, "responses": count}
                 for n, count in enumerate(satisfaction.get("responses_by_quarter") or [], start=1)]
    standards_quarters = [{"quarter": n, **share} for n, share in enumerate(standards.get("quarters") or [], start=1)]
    return {
        "summary": summary,
        "office_name": (figures.get("office") or {}).get("name") or summary.office.name,
        "quarter": summary.quarter,
        "fiscal_year": summary.fiscal_year,
        "months": QUARTER_MONTHS.get(summary.quarter, ""),
        "period_text": f"{_day(period.get('start'), full=True)} – {_day(period.get('end'), full=True)}",
        "as_of": _day(figures.get("today"), full=True),
        "indicators": [_indicator(row) for row in figures.get("indicators") or []],
        "complaints": _complaints(figures.get("complaints") or {}),
        "priorities": _priorities(figures.get("priorities") or {}),
        "satisfaction": satisfaction,
        "responses": _bars(responses, "responses"),
        "participation": figures.get("participation") or {},
        "networks": networks,
        "activities": _bars(networks.get("quarters") or [], "activities"),
        "standards": standards,
        "standards_quarters": _bars(standards_quarters, "value"),
        "late_steps": _late_steps(figures.get("late_steps") or {}),
    }
