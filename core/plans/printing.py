"""What the plan's printed forms need beyond the model: the definitions laid out as seed 000 prints them, and each
indicator with its result, success and score (the plan PDF and the evidence pack print the same rows)."""
from dataclasses import dataclass

from .scoring import score, success_percent

MEANS = "หมายถึง"


@dataclass(frozen=True)
class Definition:
    term: str  # the defined word, printed bold; "" for a paragraph that defines nothing (a guideline, a list item)
    text: str


def definition_paragraphs(text: str) -> list[Definition]:
    """The plan's definitions (คำนิยาม / แนวทาง) one paragraph a line, as seed 000 sets them under each CS's
    indicators: "ผู้รับบริการ หมายถึง ผู้ที่มารับบริการ…" gives the term ผู้รับบริการ and the rest from หมายถึง on."""
    paragraphs = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        term, means, rest = line.partition(f" {MEANS} ")
        if means and len(term) <= 80:
            paragraphs.append(Definition(term, f"{MEANS} {rest}"))
        else:
            paragraphs.append(Definition("", line))
    return paragraphs


def indicator_rows(plan) -> list[dict]:
    """The plan's indicators (prefetched or not) with their result, per cent of success and score."""
    rows = []
    for indicator in plan.indicators.all():
        result = indicator.result
        rows.append({
            "indicator": indicator,
            "result": result,
            "success": success_percent(result, indicator.target, indicator.direction),
            "score": score(result, indicator.ladder),
        })
    return rows
