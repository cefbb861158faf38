"""From results to improvement (seed 002): the topics a round suggests, and the improvements planned from them.

Suggestions come from `selectors.round_results` (the tallies): first the dissatisfaction section's yes/no items,
most often answered "yes" first, then the satisfaction rating items from the lowest mean up.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from core.files import download_name, file_verify

from .choices import YES, ItemKind, Section
from .metrics import rating_stats
from .models import Improvement, Item, SurveyRound, Tally
from .selectors import round_results, year_rounds

DISSATISFACTION, LOW_SCORE = "dissatisfaction", "low_score"


@dataclass(frozen=True)
class Topic:
    """One suggested topic: an item, why it is suggested, and its figure (a "yes" share % or a mean)."""

    kind: str
    code: str
    text: str
    n: int
    yes_percent: Decimal | None = None
    mean: Decimal | None = None

    @property
    def topic(self) -> str:
        return f"{self.code} {self.text}"[:255]


def improvement_topics(survey: SurveyRound) -> list[Topic]:
    results = round_results(survey)
    dissatisfaction, low = [], []
    for item in results.items:
        if item.section == Section.DISSATISFACTION and item.kind == ItemKind.YES_NO:
            dissatisfaction.append(Topic(DISSATISFACTION, item.code, item.text, item.n,
                                         yes_percent=yes_share(item.distribution)))
        elif item.section == Section.SATISFACTION and item.kind == ItemKind.RATING and item.mean is not None:
            low.append(Topic(LOW_SCORE, item.code, item.text, item.n, mean=item.mean))
    dissatisfaction.sort(key=lambda t: (t.yes_percent is None, -(t.yes_percent or 0), t.code))
    low.sort(key=lambda t: (t.mean, t.code))
    return dissatisfaction + low


def yes_share(counts: dict[int, int]) -> Decimal | None:
    """How often a dissatisfaction yes/no item was answered "yes", in % of its answers: the worse, the higher."""
    n = sum(counts.values())
    return (Decimal(100 * counts.get(YES, 0)) / n).quantize(Decimal("0.01")) if n else None


def year_improvements(*, office, fiscal_year: int) -> tuple[list[Improvement], list[Improvement]]:
    """The improvements made from the rounds of an office's subtree in a fiscal year, as seed 002 reports them:
    (from the dissatisfaction results, from the satisfaction results), each the worst-scoring item first – the item
    most often reported as a dissatisfaction, the satisfaction item with the lowest mean – as `improvement_topics`
    suggests them. An improvement of no item counts under satisfaction (the form has no third heading). Two
    queries, whatever the number of answers."""
    rows = list(Improvement.objects.filter(round__in=year_rounds(office=office, fiscal_year=fiscal_year).values("pk"))
                .select_related("item", "round__office").order_by("due_on", "pk"))
    histograms: dict[tuple[int, int], dict[int, int]] = {}
    tallies = Tally.objects.filter(round__in={r.round_id for r in rows}, item__in={r.item_id for r in rows if r.item_id})
    for round_id, item_id, value, count in tallies.values_list("round_id", "item_id", "value", "count"):
        histograms.setdefault((round_id, item_id), {})[value] = count
    dissatisfaction, satisfaction = [], []
    for row in rows:
        counts = histograms.get((row.round_id, row.item_id), {})
        if row.item and row.item.section == Section.DISSATISFACTION:
            share = yes_share(counts) if row.item.kind == ItemKind.YES_NO else None
            dissatisfaction.append(((share is None, -(share or 0)), row))
        else:
            mean = rating_stats(counts).mean if row.item and row.item.kind == ItemKind.RATING else None
            satisfaction.append(((mean is None, mean or 0), row))
    return _worst_first(dissatisfaction), _worst_first(satisfaction)


def _worst_first(keyed: list[tuple[tuple, Improvement]]) -> list[Improvement]:
    # sorted() is stable: rows of the same score keep their due dates' order.
    return [row for _key, row in sorted(keyed, key=lambda pair: pair[0])]


def round_improvements(survey: SurveyRound):
    return survey.improvements.select_related("item", "remeasure_round").order_by("status", "due_on", "pk")


def _evidence_fields(evidence: File | None) -> dict:
    """The evidence columns for a checked file (the same check as plan evidence), or ValidationError on "evidence"."""
    if not evidence:
        return {}
    try:
        content_type = file_verify(file=evidence)
    except ValidationError as exc:
        raise ValidationError({"evidence": exc.error_list}) from exc
    return {"evidence": evidence, "evidence_name": download_name(evidence.name)[:255],
            "evidence_content_type": content_type}


@transaction.atomic
def improvement_create(*, survey: SurveyRound, topic: str, fix: str, owner: str, due_on: date,
                       item: Item | None = None, evidence: File | None = None,
                       remeasure_round: SurveyRound | None = None, by=None) -> Improvement:
    errors = {}
    try:
        evidence_fields = _evidence_fields(evidence)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if item is not None and item.questionnaire_id != survey.questionnaire_id:
        errors["item"] = "ข้อคำถามนี้ไม่อยู่ในแบบสอบถามของรอบนี้"
    if remeasure_round is not None and remeasure_round.pk == survey.pk:
        errors["remeasure_round"] = "รอบที่สำรวจซ้ำต้องเป็นรอบอื่น"
    for name, value, label in (("topic", topic, "ประเด็น"), ("fix", fix, "แนวทางการปรับปรุง"),
                               ("owner", owner, "ผู้รับผิดชอบ")):
        if not str(value).strip():
            errors[name] = f"กรุณาระบุ{label}"
    if errors:
        raise ValidationError(errors)
    return Improvement.objects.create(round=survey, item=item, topic=topic.strip(), fix=fix.strip(),
                                      owner=owner.strip(), due_on=due_on, remeasure_round=remeasure_round,
                                      created_by=by, **evidence_fields)


_NEXT = {Improvement.Status.PLANNED: {Improvement.Status.IN_PROGRESS, Improvement.Status.DONE},
         Improvement.Status.IN_PROGRESS: {Improvement.Status.DONE, Improvement.Status.PLANNED},
         Improvement.Status.DONE: {Improvement.Status.IN_PROGRESS}}


@transaction.atomic
def improvement_status_set(*, improvement: Improvement, status: str, evidence: File | None = None) -> Improvement:
    """Move along planned → in progress → done (or one step back); "done" needs evidence."""
    if status not in _NEXT.get(improvement.status, set()):
        raise ValidationError({"status": "เปลี่ยนสถานะนี้ไม่ได้"})
    evidence_fields = _evidence_fields(evidence)  # refused before anything is assigned, so nothing is written
    for name, value in evidence_fields.items():
        setattr(improvement, name, value)
    if status == Improvement.Status.DONE and not improvement.evidence:
        raise ValidationError({"evidence": "ต้องแนบหลักฐานก่อนบันทึกว่าเสร็จแล้ว"})
    improvement.status = status
    improvement.save(update_fields=["status", "evidence", "evidence_name", "evidence_content_type"])
    return improvement
