"""Changing the self-assessment: the answers with their evidence links, the copy from the previous year, and the
committee's placing of indicators in the 7.2 tables. Keyword-only; a refusal is a ValidationError keyed by field, in
Thai, and changes nothing."""
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from core.offices.models import Office
from core.plans.models import Indicator

from .choices import NO_TABLE, LinkKind, Register, Status
from .items import ITEM_CODES, TABLE_NUMBERS
from .models import Answer, Assessment, EvidenceLink, TableChoice

DETAILS_MAX = 10_000


@dataclass
class AnswerInput:
    """One item as the form or the API gives it. `plans` and `files` are ids, each checked against what the office
    may cite; `registers` are `Register` values."""

    item: str
    status: str
    details: str = ""
    plans: list[int] = field(default_factory=list)
    files: list[int] = field(default_factory=list)
    registers: list[str] = field(default_factory=list)


def _assessment(office: Office, fiscal_year: int) -> Assessment:
    assessment, _created = Assessment.objects.get_or_create(office=office, fiscal_year=fiscal_year)
    return assessment


def _check(answers: list[AnswerInput], *, plan_ids: set[int], file_ids: set[int]) -> None:
    errors: dict[str, list[str]] = {}
    seen = set()
    for answer in answers:
        where = answer.item
        if answer.item not in ITEM_CODES:
            errors.setdefault("item", []).append(f"ไม่มีหัวข้อ {answer.item} ในแบบประเมิน (3.1.1–3.4.5)")
            continue
        if answer.item in seen:
            errors.setdefault(where, []).append(f"หัวข้อ {answer.item} ซ้ำ")
        seen.add(answer.item)
        if answer.status not in Status.values:
            errors.setdefault(where, []).append("กรุณาเลือกสถานะ: ยังไม่ได้ดำเนินการ อยู่ระหว่างเริ่มดำเนินการ "
                                                "หรือ มีการดำเนินการ")
        if len(answer.details) > DETAILS_MAX:
            errors.setdefault(where, []).append(f"รายละเอียดยาวเกิน {DETAILS_MAX:,} ตัวอักษร")
        if set(answer.plans) - plan_ids:
            errors.setdefault(where, []).append("แผนที่อ้างถึงต้องเป็นแผนของหน่วยงาน (หรือหน่วยงานในสังกัด) "
                                                "ในปีนี้หรือปีก่อน")
        if set(answer.files) - file_ids:
            errors.setdefault(where, []).append("ไฟล์หลักฐานต้องเป็นไฟล์ของแผนที่อ้างถึงได้")
        if set(answer.registers) - set(Register.values):
            errors.setdefault(where, []).append("ไม่มีทะเบียนนี้ในระบบ")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def assessment_save(*, office: Office, fiscal_year: int, answers: list[AnswerInput], plan_ids: set[int],
                    file_ids: set[int]) -> Assessment:
    """Record the answers given (other items stay as they are); each answer's links become exactly those given.
    `plan_ids` and `file_ids` are what the office may cite (`selectors.plans_to_cite`, `evidence_to_cite`)."""
    _check(answers, plan_ids=plan_ids, file_ids=file_ids)
    assessment = _assessment(office, fiscal_year)
    for given in answers:
        answer, _created = Answer.objects.update_or_create(
            assessment=assessment, item=given.item, defaults={"status": given.status, "details": given.details.strip()})
        _links_set(answer, plans=given.plans, files=given.files, registers=given.registers)
    assessment.save(update_fields=["updated_at"])
    return assessment


def _links_set(answer: Answer, *, plans, files, registers) -> None:
    wanted = ({(LinkKind.PLAN, pk) for pk in plans} | {(LinkKind.FILE, pk) for pk in files}
              | {(LinkKind.REGISTER, code) for code in registers})
    have = {}
    for link in answer.links.all():
        target = {LinkKind.PLAN: link.plan_id, LinkKind.FILE: link.evidence_id}.get(link.kind, link.register)
        have[(link.kind, target)] = link
    for key, link in have.items():
        if key not in wanted:
            link.delete()
    for kind, target in sorted(wanted - set(have), key=str):
        EvidenceLink.objects.create(answer=answer, kind=kind, plan_id=target if kind == LinkKind.PLAN else None,
                                    evidence_id=target if kind == LinkKind.FILE else None,
                                    register=target if kind == LinkKind.REGISTER else "")


@transaction.atomic
def assessment_copy_previous(*, office: Office, fiscal_year: int) -> int:
    """Copy the statuses, details and evidence links of the previous fiscal year's items into the items this year
    has not answered yet (nothing typed this year is overwritten). Returns how many items were copied."""
    previous = Assessment.objects.filter(office=office, fiscal_year=fiscal_year - 1).first()
    if previous is None or not previous.answers.exists():
        raise ValidationError(f"ปีงบประมาณ {fiscal_year - 1} ยังไม่มีการประเมินตนเองให้คัดลอก")
    assessment = _assessment(office, fiscal_year)
    answered = set(assessment.answers.values_list("item", flat=True))
    copied = 0
    for old in previous.answers.exclude(item__in=answered).prefetch_related("links"):
        answer = Answer.objects.create(assessment=assessment, item=old.item, status=old.status, details=old.details)
        EvidenceLink.objects.bulk_create(
            EvidenceLink(answer=answer, kind=link.kind, plan_id=link.plan_id, evidence_id=link.evidence_id,
                         register=link.register) for link in old.links.all())
        copied += 1
    if not copied:
        raise ValidationError(f"ทุกหัวข้อของปีงบประมาณ {fiscal_year} บันทึกไว้แล้ว ไม่มีหัวข้อที่ต้องคัดลอก")
    assessment.save(update_fields=["updated_at"])
    return copied


@transaction.atomic
def tables_choose(*, office: Office, fiscal_year: int, choices: dict[int, int]) -> Assessment:
    """The committee places indicators of the office's plans of the year in the 7.2 tables ({indicator id: table
    1–5, or 0 for none}). An indicator of another office or year is refused."""
    allowed = set(Indicator.objects.filter(plan__office=office, plan__fiscal_year=fiscal_year)
                  .values_list("pk", flat=True))
    errors = []
    if set(choices) - allowed:
        errors.append("ตัวชี้วัดต้องเป็นตัวชี้วัดในแผนของหน่วยงานในปีนี้")
    if any(table not in [NO_TABLE, *TABLE_NUMBERS] for table in choices.values()):
        errors.append("ตารางต้องเป็น 1–5 หรือไม่แสดง")
    if errors:
        raise ValidationError({"table": errors})
    assessment = _assessment(office, fiscal_year)
    for indicator_id, table in choices.items():
        TableChoice.objects.update_or_create(assessment=assessment, indicator_id=indicator_id,
                                             defaults={"table": table})
    return assessment
