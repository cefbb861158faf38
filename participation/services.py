"""Every change to the CS5 registers: participation projects and their outcome measures, publishing, the reports to
the governor with their letters, and the next steps. Keyword-only; the pages, the API and the demo all come through
here, so each gives the same Thai reason for the same refusal, keyed by field, and writes nothing when it refuses.
"""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction

from channels.models import Channel
from channels.selectors import channels_for_office
from core.files import download_name, file_verify
from core.fiscal import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from core.offices.models import Office
from core.plans.choices import Direction
from core.text import LONG_TEXT_MAX, length_error
from stakeholders.models import Mission, StakeholderGroup
from stakeholders.selectors import groups_to_pick, missions_for_office

from .choices import Level, NextStepKind
from .models import GovernorReport, NextStep, OutcomeMeasure, ParticipationProject

SHORT_TEXT_MAX = 255
NUMBER_MAX = Decimal("9999999999.99")  # what a measure's 12-digit, 2-place column holds
LEVEL_ERROR = "ระดับการมีส่วนร่วมต้องเป็น 1–5 (1 ให้ข้อมูล 2 ปรึกษาหารือ 3 เข้ามาเกี่ยวข้อง 4 ร่วมมือ 5 เสริมอำนาจประชาชน)"
ENDED_BEFORE_STARTED = "วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น"
TARGET_REQUIRED = "กรุณาระบุค่าเป้าหมาย"


def _text_errors(values: dict[str, tuple[str, int]]) -> dict[str, str]:
    return {name: message for name, (value, limit) in values.items() if (message := length_error(value, limit))}


def _fiscal_year_error(fiscal_year) -> str | None:
    if not isinstance(fiscal_year, int) or not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        return f"ปีงบประมาณต้องอยู่ระหว่าง {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}"
    return None


def _level_error(level) -> str | None:
    return None if isinstance(level, int) and level in Level.values else LEVEL_ERROR


def _groups_error(office: Office, groups: list[StakeholderGroup], linked: Iterable[int] = ()) -> str | None:
    """The groups a record may link (`stakeholders.selectors.groups_to_pick`): the office's, and those it links
    already."""
    allowed = set(groups_to_pick(office=office, linked=linked).filter(pk__in=[g.pk for g in groups])
                  .values_list("pk", flat=True))
    if any(group.pk not in allowed for group in groups):
        return "เลือกได้เฉพาะกลุ่มที่ใช้งานของหน่วยงานนี้หรือของหน่วยงานต้นสังกัด"
    return None


def _channels_error(office: Office, channels: list[Channel]) -> str | None:
    allowed = set(channels_for_office(office=office, active_only=False).filter(pk__in=[c.pk for c in channels])
                  .values_list("pk", flat=True))
    if any(channel.pk not in allowed for channel in channels):
        return "เลือกได้เฉพาะช่องทางระดับประเทศ ของหน่วยงานนี้ หรือของหน่วยงานต้นสังกัด"
    return None


# --- Outcome measures -------------------------------------------------------------------------------------------------

@dataclass
class MeasureInput:
    """One outcome measure as given: its name, target, direction (higher/lower is better), result (None: not yet)."""

    name: str
    target: object
    direction: str = Direction.HIGHER
    result: object = None
    unit: str = ""


def _number(value) -> Decimal | None:
    """A measure's number as a Decimal of at most two places, None when empty; ValueError when not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation as exc:
        raise ValueError("ต้องเป็นตัวเลข") from exc
    if not number.is_finite() or abs(number) > NUMBER_MAX:
        raise ValueError("ต้องเป็นตัวเลขไม่เกิน 9,999,999,999.99")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError("ทศนิยมได้ไม่เกิน 2 ตำแหน่ง")
    return number


def _measure_errors(measures: list[MeasureInput]) -> tuple[list[MeasureInput], list[str]]:
    """The measures cleaned (names trimmed, numbers as Decimals), and what is wrong with them, each message naming
    the measure by its place ("ตัวชี้วัดผลลัพธ์ที่ 2: …")."""
    cleaned, errors, seen = [], [], set()
    for n, measure in enumerate(measures, start=1):
        problems = []
        name = (measure.name or "").strip()
        if not name:
            problems.append("กรุณาระบุชื่อตัวชี้วัดผลลัพธ์")
        elif message := length_error(name, SHORT_TEXT_MAX):
            problems.append(message)
        elif name in seen:
            problems.append(f"ชื่อ “{name}” ซ้ำกับตัวชี้วัดก่อนหน้า")
        seen.add(name)
        target = result = None
        try:
            target = _number(measure.target)
        except ValueError as exc:
            problems.append(f"ค่าเป้าหมาย{exc}")
        else:
            if target is None:
                problems.append(TARGET_REQUIRED)
        try:
            result = _number(measure.result)
        except ValueError as exc:
            problems.append(f"ผลการดำเนินงาน{exc}")
        if measure.direction not in Direction.values:
            problems.append("ทิศทางต้องเป็นยิ่งมากยิ่งดี (higher) หรือยิ่งน้อยยิ่งดี (lower)")
        if message := length_error(measure.unit or "", 64):
            problems.append(f"หน่วยนับ{message}")
        errors += [f"ตัวชี้วัดผลลัพธ์ที่ {n}: {problem}" for problem in problems]
        cleaned.append(MeasureInput(name, target, measure.direction, result, (measure.unit or "").strip()))
    return cleaned, errors


def _measures_write(project: ParticipationProject, measures: list[MeasureInput]) -> None:
    """Make the project's measures these, in this order: one of the same name is changed (its history goes on),
    the others are added, and those no longer named are removed."""
    existing = {m.name: m for m in project.measures.all()}
    names = {m.name for m in measures}
    OutcomeMeasure.objects.filter(project=project).exclude(name__in=names).delete()
    for order, given in enumerate(measures, start=1):
        measure = existing.get(given.name) or OutcomeMeasure(project=project, name=given.name)
        measure.order, measure.unit, measure.target = order, given.unit, given.target
        measure.direction, measure.result = given.direction, given.result
        measure.save()


# --- Projects ---------------------------------------------------------------------------------------------------------

@transaction.atomic
def project_save(*, office: Office, fiscal_year: int, title: str, level: int, started_on: date | None,
                 ended_on: date | None = None, mission: Mission | None = None, strategy: str = "",
                 mechanism: str = "", groups: Iterable[StakeholderGroup] = (), info_channels: Iterable[Channel] = (),
                 opinion_channels: Iterable[Channel] = (), outcome: str = "",
                 measures: Iterable[MeasureInput] | None = None, project: ParticipationProject | None = None,
                 by=None) -> ParticipationProject:
    """Add a project of `office` (`project` None) or change one (its office stays). `measures` None leaves the
    measures as they are; a list makes them that list (matched by name)."""
    office = project.office if project else office
    groups, info_channels, opinion_channels = list(groups), list(info_channels), list(opinion_channels)
    title, strategy, mechanism, outcome = title.strip(), strategy.strip(), mechanism.strip(), outcome.strip()
    errors = _text_errors({"title": (title, SHORT_TEXT_MAX), "strategy": (strategy, LONG_TEXT_MAX),
                           "mechanism": (mechanism, LONG_TEXT_MAX), "outcome": (outcome, LONG_TEXT_MAX)})
    if not title:
        errors["title"] = "กรุณาระบุชื่อโครงการ/กิจกรรม"
    if message := _fiscal_year_error(fiscal_year):
        errors["fiscal_year"] = message
    if message := _level_error(level):
        errors["level"] = message
    if started_on is None:
        errors["started_on"] = "กรุณาระบุวันเริ่มต้น"
    elif ended_on is not None and ended_on < started_on:
        errors["ended_on"] = ENDED_BEFORE_STARTED
    if mission is None and not strategy:
        errors["mission"] = "เลือกพันธกิจ หรือระบุยุทธศาสตร์/ภารกิจหลักที่โครงการเชื่อมโยง"
    elif mission is not None and "fiscal_year" not in errors and not missions_for_office(
            office=office, fiscal_year=fiscal_year).filter(pk=mission.pk).exists():
        errors["mission"] = "เลือกได้เฉพาะพันธกิจของหน่วยงานนี้หรือหน่วยงานต้นสังกัด ในปีงบประมาณเดียวกัน"
    if not groups:
        errors["groups"] = "กรุณาเลือกกลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่โครงการให้มีส่วนร่วมอย่างน้อย 1 กลุ่ม"
    elif message := _groups_error(office, groups, project.groups.values_list("pk", flat=True) if project else ()):
        errors["groups"] = message
    for name, channels in (("info_channels", info_channels), ("opinion_channels", opinion_channels)):
        if message := _channels_error(office, channels):
            errors[name] = message
    if measures is not None:
        measures, problems = _measure_errors(list(measures))
        if problems:
            errors["measures"] = problems
    if errors:
        raise ValidationError(errors)
    project = project or ParticipationProject(office=office, created_by=by)
    project.fiscal_year, project.title, project.level, project.mission = fiscal_year, title, level, mission
    project.strategy, project.mechanism, project.outcome = strategy, mechanism, outcome
    project.started_on, project.ended_on = started_on, ended_on
    project.save()
    project.groups.set(groups)
    project.info_channels.set(info_channels)
    project.opinion_channels.set(opinion_channels)
    if measures is not None:
        _measures_write(project, measures)
    return project


@transaction.atomic
def project_publish(*, project: ParticipationProject, published: bool) -> ParticipationProject:
    """Show the project on the office's public page, or take it off (its history keeps who did and when)."""
    project = ParticipationProject.objects.select_for_update().get(pk=project.pk)
    if project.is_published != published:
        project.is_published = published
        project.save(update_fields=["is_published"])
    return project


# --- Reports to the governor ------------------------------------------------------------------------------------------

def _letter_fields(letter: File | None) -> dict:
    """The columns of a checked letter file (the project's one file check), or ValidationError keyed `letter`."""
    if not letter:
        return {}
    try:
        content_type = file_verify(file=letter)
    except ValidationError as exc:
        raise ValidationError({"letter": exc.messages}) from exc
    return {"letter": letter, "letter_name": download_name(letter.name)[:255], "letter_type": content_type}


@transaction.atomic
def governor_report_save(*, office: Office, fiscal_year: int, title: str, letter_number: str, letter_date: date | None,
                         addressee: str = "ผู้ว่าราชการจังหวัด", meeting: str = "", meeting_date: date | None = None,
                         summary: str = "", letter: File | None = None, report: GovernorReport | None = None,
                         by=None) -> GovernorReport:
    """Record the year-end report to the governor (or the head of the unit), with its letter file; a new file
    replaces the old one, no file keeps it."""
    office = report.office if report else office
    title, letter_number, addressee = title.strip(), letter_number.strip(), addressee.strip()
    meeting, summary = meeting.strip(), summary.strip()
    errors = _text_errors({"title": (title, SHORT_TEXT_MAX), "letter_number": (letter_number, 64),
                           "addressee": (addressee, SHORT_TEXT_MAX), "meeting": (meeting, SHORT_TEXT_MAX),
                           "summary": (summary, LONG_TEXT_MAX)})
    if not title:
        errors["title"] = "กรุณาระบุชื่อรายงาน"
    if not letter_number:
        errors["letter_number"] = "กรุณาระบุเลขที่หนังสือ"
    if letter_date is None:
        errors["letter_date"] = "กรุณาระบุวันที่ของหนังสือ"
    if not addressee:
        errors["addressee"] = "กรุณาระบุผู้ที่รายงานเสนอ เช่น ผู้ว่าราชการจังหวัด"
    if meeting_date is not None and not meeting:
        errors["meeting"] = "กรุณาระบุชื่อการประชุมที่นำเสนอ"
    if message := _fiscal_year_error(fiscal_year):
        errors["fiscal_year"] = message
    try:
        files = _letter_fields(letter)
    except ValidationError as exc:
        errors.update({key: " ".join(messages) for key, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    report = report or GovernorReport(office=office, created_by=by)
    old = report.letter if files and report.letter else None
    report.fiscal_year, report.title, report.letter_number, report.letter_date = (fiscal_year, title, letter_number,
                                                                                  letter_date)
    report.addressee, report.meeting, report.meeting_date, report.summary = addressee, meeting, meeting_date, summary
    for name, value in files.items():
        setattr(report, name, value)
    report.save()
    if old:
        transaction.on_commit(lambda name=old.name, storage=old.storage: storage.delete(name))
    return report


# --- Next steps -------------------------------------------------------------------------------------------------------

@transaction.atomic
def next_step_save(*, office: Office, fiscal_year: int, action: str, kind: str = NextStepKind.RAISE, order: int = 1,
                   project: ParticipationProject | None = None, target_level: int | None = None,
                   groups: Iterable[StakeholderGroup] = (), step: NextStep | None = None) -> NextStep:
    """A step of the plan to take participation further: raise a project to a higher level, or widen it to more
    groups."""
    office = step.office if step else office
    groups, action = list(groups), action.strip()
    errors = _text_errors({"action": (action, LONG_TEXT_MAX)})
    if not action:
        errors["action"] = "กรุณาระบุขั้นตอน/แนวทางดำเนินการ"
    if message := _fiscal_year_error(fiscal_year):
        errors["fiscal_year"] = message
    if kind not in NextStepKind.values:
        errors["kind"] = "แนวทางต้องเป็นการยกระดับหรือการขยายผลในแนวราบ"
    if project is not None and project.office_id != office.pk:
        errors["project"] = "เลือกได้เฉพาะโครงการของหน่วยงานนี้"
    if target_level is not None and (message := _level_error(target_level)):
        errors["target_level"] = message
    elif kind == NextStepKind.RAISE:
        if target_level is None:
            errors["target_level"] = "กรุณาเลือกระดับการมีส่วนร่วมที่จะยกระดับไป"
        elif project is not None and "project" not in errors and target_level <= project.level:
            errors["target_level"] = (f"ระดับเป้าหมายต้องสูงกว่าระดับปัจจุบันของโครงการ "
                                      f"({project.level} {Level(project.level).label})")
    if kind == NextStepKind.WIDEN and not groups:
        errors["groups"] = "กรุณาเลือกกลุ่มเป้าหมายที่จะขยายผลอย่างน้อย 1 กลุ่ม"
    elif groups and (message := _groups_error(office, groups)):
        errors["groups"] = message
    if errors:
        raise ValidationError(errors)
    step = step or NextStep(office=office)
    step.fiscal_year, step.action, step.kind, step.order = fiscal_year, action, kind, order
    step.project, step.target_level = project, target_level
    step.save()
    step.groups.set(groups)
    return step


@transaction.atomic
def next_step_delete(*, step: NextStep) -> None:
    step.delete()
