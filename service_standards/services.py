"""Changing the CS7 registers. Forms, imports, the API and the demo all come through here, so one set of checks holds.

A record's due date and verdict come from the one deadline function of the calendar (`core.workdays.calendar`): the
day of receipt is not counted; a working-day standard is met when the record is completed at most on the N-th
working day after receipt, a calendar-day standard on the N-th day after it (rolled forward to a working day), a
minute standard when the time it took inside office hours is at most N minutes. Refusals are Thai ValidationErrors
keyed by field; nothing is written.
"""
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import reduce

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Case, DateField, DateTimeField, Max, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from channels.models import Channel
from channels.selectors import channels_for_office
from core.db import in_chunks
from core.files import download_name, file_verify
from core.offices.models import Office
from core.text import LONG_TEXT_MAX, length_error
from core.workdays.calendar import (
    Rule,
    WorkingCalendar,
    office_deadline,
    office_hours_rule,
    office_minutes_between,
)
from stakeholders.models import StakeholderGroup
from stakeholders.selectors import groups_to_pick

from .choices import ActionStatus, CheckKind, ManualStatus, PublicationMethod, StandardUnit
from .dashboard import records_changed
from .models import (
    ManualPublication,
    PublicManual,
    Service,
    ServiceRecord,
    ServiceStep,
    StaffManual,
    StaffManualVersion,
    UsageCheck,
)
from .selectors import services_for_office

SERVICE_TEXT_FIELDS = ("mission", "where_to_apply", "documents", "fees", "complaint_channel")
REFERENCE_MAX = ServiceRecord._meta.get_field("reference").max_length


def _full_clean(instance, errors: dict, exclude: Sequence[str] = ()) -> None:
    try:
        instance.full_clean(exclude=list(exclude), validate_constraints=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, messages)


# --- Services and their standard ------------------------------------------------------------------------------------

def rule_of(service: Service) -> Rule:
    """The calendar rule a service's standard is counted by (minutes: how far the calendar must reach)."""
    if service.standard_unit == StandardUnit.MINUTES:
        return office_hours_rule(service.standard_amount)
    return Rule(service.standard_unit, service.standard_amount)


@transaction.atomic
def service_save(*, office: Office, service: Service | None = None, name: str, standard_amount, standard_unit: str,
                 steps: Iterable[dict] = (), groups: Iterable[StakeholderGroup] = (),
                 channels: Iterable[Channel] = (), is_active: bool = True, **texts) -> Service:
    """Create a service of `office`, or change `service` (whose office stays), with its standard and its steps
    (each `{name, amount, responsible_unit}` in the standard's unit, in order; they replace the old ones). The steps
    may not add up to more than the standard. A changed standard counts the records saved from then on."""
    unknown = set(texts) - set(SERVICE_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown service fields: {sorted(unknown)}")
    errors: dict = {}
    service = service or Service(office=office)
    service.name = (name or "").strip()
    service.standard_amount, service.standard_unit, service.is_active = standard_amount, standard_unit, is_active
    for field, value in texts.items():
        setattr(service, field, value)
    if not service.name:
        errors["name"] = ["กรุณาระบุชื่องานบริการ"]
    if isinstance(standard_amount, int) and standard_amount < 1:
        errors["standard_amount"] = ["ระยะเวลาตามมาตรฐานต้องมากกว่า 0"]
    _full_clean(service, errors)
    if service.name and Service.objects.filter(office=service.office, name=service.name).exclude(pk=service.pk).exists():
        errors["name"] = ["หน่วยงานนี้มีงานบริการชื่อนี้แล้ว"]
    groups = list(groups)
    kept = service.groups.values_list("pk", flat=True) if service.pk else ()
    allowed = set(groups_to_pick(office=service.office, linked=kept).values_list("pk", flat=True))
    if any(group.pk not in allowed for group in groups):
        errors["groups"] = ["เลือกได้เฉพาะกลุ่มที่ใช้งานของหน่วยงานนี้หรือของหน่วยงานต้นสังกัด"]
    channels = list(channels)
    linked = set(service.channels.values_list("pk", flat=True)) if service.pk else set()
    usable = set(channels_for_office(office=service.office).values_list("pk", flat=True)) | linked
    if any(channel.pk not in usable for channel in channels):  # the form offers only these; the API is told so
        errors["channels"] = ["เลือกได้เฉพาะช่องทางที่ใช้งานของหน่วยงานนี้ ของหน่วยงานต้นสังกัด หรือช่องทางระดับประเทศ"]
    new_steps, step_errors = [], []
    for order, step in enumerate(steps, start=1):
        row = ServiceStep(order=order, name=(step.get("name") or "").strip(), amount=step.get("amount"),
                          responsible_unit=(step.get("responsible_unit") or "").strip())
        row_errors: dict = {}
        if not row.name:
            row_errors["name"] = ["กรุณาระบุชื่อขั้นตอน"]
        _full_clean(row, row_errors, exclude=["service"])
        step_errors.extend(f"ขั้นตอนที่ {order} {ServiceStep._meta.get_field(f).verbose_name}: {' '.join(m)}"
                           if f in ("name", "amount", "responsible_unit") else f"ขั้นตอนที่ {order}: {' '.join(m)}"
                           for f, m in row_errors.items())
        new_steps.append(row)
    if not step_errors and not errors.get("standard_amount") and isinstance(service.standard_amount, int):
        total = sum(step.amount for step in new_steps)
        if total > service.standard_amount:
            step_errors.append(f"ระยะเวลารวมของขั้นตอน ({total:,}) เกินระยะเวลาตามมาตรฐาน ({service.standard_amount:,})")
    if step_errors:
        errors["steps"] = step_errors
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            service.save()
    except IntegrityError as exc:
        raise ValidationError({"name": "หน่วยงานนี้มีงานบริการชื่อนี้แล้ว"}) from exc
    service.groups.set(groups)
    service.channels.set(channels)
    old = {step.order: step for step in service.steps.all()}
    for step in new_steps:  # keep the rows (records point at their current step); drop the orders no longer there
        if step.order in old:
            kept_step = old.pop(step.order)
            kept_step.name, kept_step.amount, kept_step.responsible_unit = step.name, step.amount, step.responsible_unit
            kept_step.save()
        else:
            step.service = service
            step.save()
    ServiceStep.objects.filter(pk__in=[step.pk for step in old.values()]).delete()
    return service


# --- Service records ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Due:
    due_on: date
    due_at: datetime | None


def due_of(service: Service, received_on: date, received_at: datetime | None, calendar: WorkingCalendar) -> Due:
    """When a record received then is due under its service's standard (the one deadline function)."""
    if service.standard_unit == StandardUnit.MINUTES:
        due_at = office_deadline(received_at, service.standard_amount, calendar)
        return Due(timezone.localtime(due_at).date(), due_at)
    return Due(calendar.deadline(received_on, rule_of(service)).due_on, None)


def met_of(service: Service, record: ServiceRecord, calendar: WorkingCalendar) -> bool | None:
    """The verdict: None while open; a minute standard by the office minutes it took, a day standard by the date."""
    if record.completed_on is None:
        return None
    if service.standard_unit == StandardUnit.MINUTES:
        return office_minutes_between(record.received_at, record.completed_at, calendar) <= service.standard_amount
    return record.completed_on <= record.due_on


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _record_errors(service: Service, row: dict) -> dict:
    """The checks of one posted row, before anything is computed: what it must carry for its service's unit."""
    errors: dict = {}
    reference = (row.get("reference") or "").strip()
    if not reference:
        errors["reference"] = "กรุณาระบุเลขที่อ้างอิง"
    elif message := length_error(reference, REFERENCE_MAX):
        errors["reference"] = message
    if service.standard_unit == StandardUnit.MINUTES:
        received, completed = row.get("received_at"), row.get("completed_at")
        if not isinstance(received, datetime):
            errors["received_at"] = "งานบริการนี้มีมาตรฐานเป็นนาที กรุณาระบุวันและเวลาที่รับคำขอ"
        if completed is not None and not isinstance(completed, datetime):
            errors["completed_at"] = "งานบริการนี้มีมาตรฐานเป็นนาที กรุณาระบุวันและเวลาที่แล้วเสร็จ"
        elif isinstance(received, datetime) and completed is not None and _aware(completed) < _aware(received):
            errors["completed_at"] = "เวลาแล้วเสร็จต้องไม่ก่อนเวลารับคำขอ"
    else:
        received, completed = row.get("received_on"), row.get("completed_on")
        if isinstance(received, datetime) or not isinstance(received, date):
            errors["received_on"] = "กรุณาระบุวันที่รับคำขอ"
        if completed is not None and (isinstance(completed, datetime) or not isinstance(completed, date)):
            errors["completed_on"] = "วันที่แล้วเสร็จไม่ถูกต้อง"
        elif isinstance(received, date) and completed is not None and completed < received:
            errors["completed_on"] = "วันที่แล้วเสร็จต้องไม่ก่อนวันที่รับคำขอ"
    today = timezone.localdate()
    for field, value, what in (("received", received, "รับคำขอ"), ("completed", completed, "แล้วเสร็จ")):
        key = f"{field}_at" if service.standard_unit == StandardUnit.MINUTES else f"{field}_on"
        day = timezone.localdate(_aware(value)) if isinstance(value, datetime) else value
        if key not in errors and isinstance(day, date) and day > today:
            errors[key] = f"วันที่{what}ต้องไม่เป็นวันในอนาคต"  # a record tells what was done, not what is planned
    step = row.get("step")
    if step is not None and step.service_id != service.pk:
        errors["step"] = "ขั้นตอนนี้ไม่ใช่ของงานบริการนี้"
    return errors


def _build(office: Office, service: Service, row: dict) -> ServiceRecord:
    record = ServiceRecord(office=office, service=service, reference=row["reference"].strip(), step=row.get("step"))
    if service.standard_unit == StandardUnit.MINUTES:
        record.received_at = _aware(row["received_at"])
        record.completed_at = _aware(row.get("completed_at"))
        record.received_on = timezone.localtime(record.received_at).date()
        record.completed_on = timezone.localtime(record.completed_at).date() if record.completed_at else None
    else:
        record.received_on, record.completed_on = row["received_on"], row.get("completed_on")
    return record


def record_errors(*, service: Service, row: dict) -> dict:
    """What `records_save` finds wrong with one row, keyed by field ({} when nothing): an import's preview and the
    API name each problem by its row and column before anything is saved."""
    return _record_errors(service, row)


@transaction.atomic
def records_save(*, office: Office, service: Service, rows: Sequence[dict],
                 read_back: bool = True) -> list[ServiceRecord]:
    """Save service records of `office` for `service`: each row `{reference, received_on, completed_on, step}`, or
    `received_at`/`completed_at` (datetimes) for a minute standard. A reference saved before is updated (re-import
    and re-post safe). All or nothing: any bad row refuses the lot, each error named by its row ("รายการที่ 3 …").
    One calendar read and one insert-or-update in batches, whatever the number of rows; the saved records are read
    back (by reference, a few hundred a query) unless `read_back` is False (an import of 100,000 rows needs none)."""
    if not services_for_office(office=office).filter(pk=service.pk).exists():
        raise ValidationError({"service": "หน่วยงานนี้ใช้งานบริการนี้ไม่ได้ (ไม่ใช่ของหน่วยงานหรือต้นสังกัด หรือปิดใช้แล้ว)"})
    errors, seen = [], {}
    for index, row in enumerate(rows, start=1):
        row_errors = _record_errors(service, row)
        reference = (row.get("reference") or "").strip()
        if reference and "reference" not in row_errors:
            if reference in seen:
                row_errors["reference"] = f"เลขที่อ้างอิงซ้ำกับรายการที่ {seen[reference]}"
            seen.setdefault(reference, index)
        errors.extend(f"รายการที่ {index} {_label(field)}: {message}" for field, message in row_errors.items())
    if errors:
        raise ValidationError({"records": errors})
    if not rows:
        return []
    records = [_build(office, service, row) for row in rows]
    calendar = WorkingCalendar.for_deadlines(min(r.received_on for r in records), max(r.received_on for r in records),
                                             rules=[rule_of(service)])
    for record in records:
        due = due_of(service, record.received_on, record.received_at, calendar)
        record.due_on, record.due_at = due.due_on, due.due_at
        record.met = met_of(service, record, calendar)
    ServiceRecord.objects.bulk_create(
        records, batch_size=1000, update_conflicts=True, unique_fields=["office", "service", "reference"],
        update_fields=["received_on", "received_at", "completed_on", "completed_at", "step", "due_on", "due_at", "met",
                       "updated_at"])
    records_changed()  # the kept dashboard counts and RM 3.5 are out of date
    if not read_back:
        return []
    saved = [record for chunk in in_chunks(list(seen))
             for record in ServiceRecord.objects.filter(office=office, service=service, reference__in=chunk)
             .select_related("service", "step")]
    return sorted(saved, key=lambda record: record.reference)


def _label(field: str) -> str:
    try:
        return str(ServiceRecord._meta.get_field(field).verbose_name)
    except Exception:  # noqa: BLE001 - a name that is not a field ("service") is shown as it is
        return field


def record_save(*, office: Office, service: Service, **row) -> ServiceRecord:
    """One record from the form: `records_save` with one row, its errors keyed by field."""
    errors = _record_errors(service, row) if services_for_office(office=office).filter(pk=service.pk).exists() else {
        "service": "หน่วยงานนี้ใช้งานบริการนี้ไม่ได้"}
    if errors:
        raise ValidationError(errors)
    return records_save(office=office, service=service, rows=[row])[0]


def open_records_recompute(*, dates: list[date], reason: str) -> int:
    """Move the due dates of open records whose standard spans a changed calendar date (a holiday added, moved or
    cancelled). Called by the calendar service inside its transaction (`reports.wiring.CALENDAR_CHANGE_HANDLERS`).
    Completed records keep the verdict they were given.

    A due date depends only on the service and the receipt (its day, or its time for a minute standard), never on
    the record: the database lists the distinct receipts of the open records in the window, the calendar dates
    each once, and one UPDATE … CASE per `_KEYS_PER_UPDATE` changed receipts moves every record that has them. A
    fixed number of queries at any number of records (a department's thousands of open records share a few hundred
    receipt days); `bulk_update` would send one statement per thousand records."""
    if not dates:
        return 0
    first, last = min(dates), max(dates)
    window = ServiceRecord.objects.filter(completed_on__isnull=True, received_on__lte=last,
                                          due_on__gte=first - timedelta(days=1)).order_by()
    keys = list(window.values_list("service_id", "received_on", "received_at", "due_on", "due_at").distinct())
    if not keys:
        return 0
    services_by_id = Service.objects.in_bulk({key[0] for key in keys})
    calendar = WorkingCalendar.for_deadlines(min(key[1] for key in keys), max(key[1] for key in keys),
                                             rules={rule_of(service) for service in services_by_id.values()})
    changed: dict[tuple, Due] = {}
    for service_id, received_on, received_at, due_on, due_at in keys:
        due = due_of(services_by_id[service_id], received_on, received_at, calendar)
        if (due.due_on, due.due_at) != (due_on, due_at):
            changed[(service_id, received_on, received_at)] = due
    moved = 0
    pending = list(changed.items())
    for start in range(0, len(pending), _KEYS_PER_UPDATE):
        chunk = pending[start:start + _KEYS_PER_UPDATE]
        matches = [(Q(service_id=service_id, received_on=received_on)
                    & (Q(received_at=received_at) if received_at else Q(received_at__isnull=True)), due)
                   for (service_id, received_on, received_at), due in chunk]
        moved += window.filter(reduce(operator.or_, (match for match, _due in matches))).update(
            due_on=Case(*[When(match, then=Value(due.due_on)) for match, due in matches], output_field=DateField()),
            # Cast: a CASE of only NULLs (a day standard has no due time) is text to PostgreSQL.
            due_at=Cast(Case(*[When(match, then=Value(due.due_at)) for match, due in matches],
                             output_field=DateTimeField()), DateTimeField()))
    if moved:
        records_changed()  # overdue counts on the dashboard
    return moved


_KEYS_PER_UPDATE = 300  # receipts per UPDATE: three conditions each, twice, well inside SQLite's parameter limit


# --- Public manuals -------------------------------------------------------------------------------------------------

def _manual_text(title: str, errors: dict) -> str:
    title = (title or "").strip()
    if not title:
        errors["title"] = "กรุณาระบุชื่อคู่มือ"
    elif message := length_error(title, PublicManual._meta.get_field("title").max_length):
        errors["title"] = message
    return title


@transaction.atomic
def manual_draft(*, service: Service, title: str, body: str = "", by=None) -> PublicManual:
    """A new draft version of a service's public manual (the next number); the published one stays until this one
    is approved and published."""
    errors: dict = {}
    title = _manual_text(title, errors)
    if errors:
        raise ValidationError(errors)
    Service.objects.select_for_update().filter(pk=service.pk).first()
    last = PublicManual.objects.filter(service=service).aggregate(last=Max("version"))["last"] or 0
    return PublicManual.objects.create(service=service, version=last + 1, title=title, body=body, drafted_by=by)


@transaction.atomic
def manual_update(*, manual: PublicManual, title: str, body: str = "") -> PublicManual:
    """Change a draft. An approved or published version is a record of what was approved: draft a new one instead."""
    if manual.status != ManualStatus.DRAFT:
        raise ValidationError({"title": "แก้ไขได้เฉพาะฉบับร่าง ฉบับที่เห็นชอบหรือประกาศแล้วให้จัดทำฉบับใหม่"})
    errors: dict = {}
    manual.title = _manual_text(title, errors)
    manual.body = body
    if errors:
        raise ValidationError(errors)
    manual.save()
    return manual


@transaction.atomic
def manual_approve(*, manual: PublicManual, approver_name: str, approver_position: str = "",
                   approved_on: date | None, by=None) -> PublicManual:
    """Record that an executive approved a draft (who, in which position, on which day)."""
    errors: dict = {}
    if manual.status != ManualStatus.DRAFT:
        errors["status"] = "เห็นชอบได้เฉพาะฉบับร่าง"
    approver_name = (approver_name or "").strip()
    if not approver_name:
        errors["approver_name"] = "กรุณาระบุผู้บริหารผู้เห็นชอบ"
    if approved_on is None:
        errors["approved_on"] = "กรุณาระบุวันที่เห็นชอบ"
    elif approved_on > timezone.localdate():
        errors["approved_on"] = "วันที่เห็นชอบต้องไม่เป็นวันในอนาคต"
    if errors:
        raise ValidationError(errors)
    manual.approver_name, manual.approver_position = approver_name, (approver_position or "").strip()
    manual.approved_on, manual.approval_recorded_by, manual.status = approved_on, by, ManualStatus.APPROVED
    manual.save()
    return manual


@transaction.atomic
def manual_publish(*, manual: PublicManual, method: str, published_on: date | None, detail: str = "",
                   by=None) -> ManualPublication:
    """Record one occasion a manual was announced. The first occasion of an approved version makes it the published
    one: the version published before is superseded from that day, and kept."""
    errors: dict = {}
    if manual.status not in (ManualStatus.APPROVED, ManualStatus.PUBLISHED):
        errors["status"] = "เผยแพร่ได้เฉพาะฉบับที่ผู้บริหารเห็นชอบแล้ว"
    if method not in PublicationMethod.values:
        errors["method"] = "กรุณาเลือกวิธีการเผยแพร่"
    if published_on is None:
        errors["published_on"] = "กรุณาระบุวันที่เผยแพร่"
    elif manual.approved_on and published_on < manual.approved_on:
        errors["published_on"] = "วันที่เผยแพร่ต้องไม่ก่อนวันที่ผู้บริหารเห็นชอบ"
    if message := length_error(detail or "", ManualPublication._meta.get_field("detail").max_length):
        errors["detail"] = message
    if errors:
        raise ValidationError(errors)
    if manual.status == ManualStatus.APPROVED:
        PublicManual.objects.filter(service=manual.service_id, status=ManualStatus.PUBLISHED).update(
            status=ManualStatus.SUPERSEDED, superseded_on=published_on)
        manual.status = ManualStatus.PUBLISHED
        manual.save(update_fields=["status"])
    return ManualPublication.objects.create(manual=manual, method=method, published_on=published_on,
                                            detail=(detail or "").strip(), recorded_by=by)


# --- Staff manuals --------------------------------------------------------------------------------------------------

@transaction.atomic
def staff_manual_version_add(*, service: Service, title: str, file: File | None, note: str = "",
                             approver_name: str = "", approved_on: date | None = None, by=None) -> StaffManualVersion:
    """Add a file of a staff manual (the manual made on first use of its title): the next version, checked by its
    bytes like plan evidence (`core.files.file_verify`, whose verified type is stored), with who approved it and
    when (both or neither)."""
    errors: dict = {}
    title, note, approver_name = (title or "").strip(), (note or "").strip(), (approver_name or "").strip()
    if not title:
        errors["title"] = "กรุณาระบุชื่อคู่มือการปฏิบัติงาน"
    for field, value in (("title", title), ("note", note), ("approver_name", approver_name)):
        if field not in errors and (message := length_error(value, _STAFF_TEXT_MAX[field])):
            errors[field] = message
    content_type = ""
    if not file:
        errors["file"] = "กรุณาเลือกไฟล์คู่มือ"
    else:
        try:
            content_type = file_verify(file=file)
        except ValidationError as exc:
            errors["file"] = exc.messages
    if approved_on and not approver_name:
        errors["approver_name"] = "กรุณาระบุผู้อนุมัติ"
    if approver_name and not approved_on:
        errors["approved_on"] = "กรุณาระบุวันที่อนุมัติ"
    elif approved_on and approved_on > timezone.localdate():
        errors["approved_on"] = "วันที่อนุมัติต้องไม่เป็นวันในอนาคต"
    if errors:
        raise ValidationError(errors)
    Service.objects.select_for_update().filter(pk=service.pk).first()  # one version number per upload at a time
    manual, _ = StaffManual.objects.get_or_create(service=service, title=title)
    last = manual.versions.aggregate(last=Max("version"))["last"] or 0
    return StaffManualVersion.objects.create(
        manual=manual, version=last + 1, file=file, file_name=download_name(file.name)[:255], file_type=content_type,
        note=note, approver_name=approver_name, approved_on=approved_on, uploaded_by=by)


_STAFF_TEXT_MAX = {"title": StaffManual._meta.get_field("title").max_length,
                   "note": StaffManualVersion._meta.get_field("note").max_length,
                   "approver_name": StaffManualVersion._meta.get_field("approver_name").max_length}


# --- Checks on use --------------------------------------------------------------------------------------------------

_CHECK_TEXT_MAX = {"checker_name": UsageCheck._meta.get_field("checker_name").max_length,
                   "checker_position": UsageCheck._meta.get_field("checker_position").max_length,
                   "finding": LONG_TEXT_MAX, "corrective_action": LONG_TEXT_MAX}


def _check_service_errors(office: Office, service: Service, check: UsageCheck | None) -> dict:
    """The office checked works by the service: it is the service's own office or below it, and the service is in
    use (a check already kept on a service switched off since may still be changed)."""
    if services_for_office(office=office).filter(pk=service.pk).exists():
        return {}
    if check is not None and check.service_id == service.pk and office.path.startswith(service.office.path):
        return {}
    return {"service": "หน่วยงานที่ตรวจไม่ได้ใช้งานบริการนี้ "
                       "(ต้องเป็นงานบริการที่ใช้งานของหน่วยงานนั้นหรือหน่วยงานต้นสังกัด)"}


def _check_action_errors(*, status: str, corrective_action: str, due_on: date | None, done_on: date | None,
                         checked_on: date | None, today: date) -> dict:
    """The corrective action and its status agree: nothing to do needs no action and no dates; an action to do is
    named; a done one has its day (not in the future, not before the check); only a done one has that day."""
    errors: dict = {}
    if status not in ActionStatus.values:
        return {"action_status": "กรุณาเลือกสถานะการแก้ไข"}
    if status == ActionStatus.NONE_NEEDED:
        if corrective_action:
            errors["action_status"] = "ระบุการแก้ไข/ปรับปรุงไว้แล้ว กรุณาเลือกสถานะการแก้ไข (หรือลบข้อความการแก้ไข)"
        if due_on:
            errors["action_due_on"] = "สถานะ “ไม่ต้องแก้ไข” ไม่ต้องระบุกำหนดแก้ไขเสร็จ"
    elif not corrective_action:
        errors["corrective_action"] = "กรุณาระบุการแก้ไข/ปรับปรุง"
    if checked_on and due_on and due_on < checked_on:
        errors.setdefault("action_due_on", "กำหนดแก้ไขเสร็จต้องไม่ก่อนวันที่ตรวจ")
    if status == ActionStatus.DONE:
        if done_on is None:
            errors["action_done_on"] = "สถานะ “แก้ไขแล้วเสร็จ” ต้องระบุวันที่แก้ไขเสร็จ"
        elif done_on > today:
            errors["action_done_on"] = "วันที่แก้ไขเสร็จต้องไม่เป็นวันในอนาคต"
        elif checked_on and done_on < checked_on:
            errors["action_done_on"] = "วันที่แก้ไขเสร็จต้องไม่ก่อนวันที่ตรวจ"
    elif done_on:
        errors["action_done_on"] = "ระบุวันที่แก้ไขเสร็จได้เมื่อสถานะเป็น “แก้ไขแล้วเสร็จ” เท่านั้น"
    return errors


@transaction.atomic
def check_save(*, office: Office, service: Service, kind: str, checked_on: date | None, checker_name: str,
               finding: str, checker_position: str = "", rating: int | None = None, corrective_action: str = "",
               action_status: str = ActionStatus.NONE_NEEDED, action_due_on: date | None = None,
               action_done_on: date | None = None, check: UsageCheck | None = None, by=None) -> UsageCheck:
    """Record a check that `office` works by `service`'s manuals (or change `check`): an observation visit, a
    supervisor's rating (1–5, required there and refused for the other kinds) or an internal audit finding, with
    the corrective action and its status. Refusals are Thai, keyed by field; nothing is written."""
    today = timezone.localdate()
    texts = {"checker_name": (checker_name or "").strip(), "checker_position": (checker_position or "").strip(),
             "finding": (finding or "").strip(), "corrective_action": (corrective_action or "").strip()}
    errors = _check_service_errors(office, service, check)
    if kind not in CheckKind.values:
        errors["kind"] = "กรุณาเลือกวิธีการตรวจสอบ"
    if checked_on is None:
        errors["checked_on"] = "กรุณาระบุวันที่ตรวจ"
    elif checked_on > today:
        errors["checked_on"] = "วันที่ตรวจต้องไม่เป็นวันในอนาคต"
    if not texts["checker_name"]:
        errors["checker_name"] = "กรุณาระบุชื่อผู้ตรวจ/ผู้ประเมิน"
    if not texts["finding"]:
        errors["finding"] = "กรุณาระบุผลการตรวจ/ข้อค้นพบ"
    for field, limit in _CHECK_TEXT_MAX.items():
        if field not in errors and (message := length_error(texts[field], limit)):
            errors[field] = message
    if kind == CheckKind.SUPERVISOR_RATING:
        if rating is None:
            errors["rating"] = "การประเมินโดยผู้บังคับบัญชาต้องระบุระดับคะแนน 1–5"
        elif isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
            errors["rating"] = "ระดับคะแนนต้องเป็น 1 ถึง 5"
    elif rating is not None and kind in CheckKind.values:
        errors["rating"] = "ระบุระดับคะแนนได้เฉพาะการประเมินโดยผู้บังคับบัญชา"
    errors.update({field: message for field, message in _check_action_errors(
        status=action_status, corrective_action=texts["corrective_action"], due_on=action_due_on,
        done_on=action_done_on, checked_on=checked_on, today=today).items() if field not in errors})
    if errors:
        raise ValidationError(errors)
    check = check or UsageCheck(recorded_by=by)
    check.service, check.office, check.kind, check.checked_on, check.rating = service, office, kind, checked_on, rating
    check.action_status, check.action_due_on, check.action_done_on = action_status, action_due_on, action_done_on
    for field, value in texts.items():
        setattr(check, field, value)
    check.save()
    return check
