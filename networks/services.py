"""Every change to the CS4 registers: networks with their contact channels and members, relationship plans,
activities with their photos, and an activity's evaluation (a CS6 survey round about it). Keyword-only; the pages and
the API both come through here, so each gives the same Thai reason for the same refusal."""
from datetime import date, time

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from core.files import photo_fields
from core.fiscal import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, fiscal_year_of
from core.offices.models import Office
from core.text import LONG_TEXT_MAX, length_error
from satisfaction import services as surveys
from stakeholders.models import StakeholderGroup
from stakeholders.selectors import groups_to_pick

from . import evaluation
from .choices import ActivityKind, ContactKind, MemberKind, NetworkForm
from .models import MIN_CONTACT_CHANNELS, Activity, ActivityPhoto, ContactChannel, Member, Network, RelationshipPlan
from .selectors import evaluation_round

SHORT_TEXT_MAX = 255
COUNT_MAX = 2_147_483_647
CONTACTS_TOO_FEW = f"เครือข่ายต้องมีช่องทางการติดต่อสื่อสารอย่างน้อย {MIN_CONTACT_CHANNELS} ช่องทาง"


def _text_errors(values: dict[str, tuple[str, int]]) -> dict[str, str]:
    return {name: message for name, (value, limit) in values.items() if (message := length_error(value, limit))}


# --- Networks ---------------------------------------------------------------------------------------------------------


def _contact_rows(contact_channels: list[dict]) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """The channels as (kind, value), blank rows left out, and what is wrong with them (keyed for the form and API)."""
    rows, errors = [], {}
    for n, channel in enumerate(contact_channels or [], start=1):
        kind = str((channel or {}).get("kind") or "").strip()
        value = str((channel or {}).get("value") or "").strip()
        if not kind and not value:
            continue
        if kind not in ContactKind.values:
            errors[f"contact_channels.{n}.kind"] = f"ช่องทางที่ {n}: ช่องทางไม่ถูกต้อง"
        if not value:
            errors[f"contact_channels.{n}.value"] = f"ช่องทางที่ {n}: กรุณาระบุรายละเอียดการติดต่อ เช่น เบอร์โทรศัพท์ ชื่อกลุ่ม"
        elif message := length_error(value, SHORT_TEXT_MAX):
            errors[f"contact_channels.{n}.value"] = f"ช่องทางที่ {n}: {message}"
        rows.append((kind, value))
    if len(rows) < MIN_CONTACT_CHANNELS:
        errors["contact_channels"] = CONTACTS_TOO_FEW
    elif len(set(rows)) < len(rows):
        errors["contact_channels"] = "มีช่องทางการติดต่อซ้ำกัน"
    return rows, errors


@transaction.atomic
def network_save(*, network: Network | None = None, office: Office, name: str, form: str,
                 groups: list[StakeholderGroup], contact_channels: list[dict], form_detail: str = "",
                 purpose: str = "", is_active: bool = True) -> Network:
    """Add a network (`network` None) or change one: its groups are CS1 groups of its office or the offices above
    (at least one), and it has at least two contact channels ({kind, value}), which replace the ones it had."""
    office = network.office if network else office
    errors = _text_errors({"name": (name, SHORT_TEXT_MAX), "form_detail": (form_detail, SHORT_TEXT_MAX),
                           "purpose": (purpose, LONG_TEXT_MAX)})
    if not name.strip():
        errors["name"] = "กรุณาระบุชื่อเครือข่าย"
    elif Network.objects.filter(office=office, name=name.strip()).exclude(pk=network.pk if network else None).exists():
        errors["name"] = f"หน่วยงานนี้มีเครือข่ายชื่อ {name.strip()} แล้ว"
    if form not in NetworkForm.values:
        errors["form"] = "กรุณาเลือกรูปแบบเครือข่าย"
    groups = list(groups or [])
    if not groups:
        errors["groups"] = "กรุณาเลือกกลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่เป็นเครือข่ายอย่างน้อย 1 กลุ่ม"
    else:
        linked = network.groups.values_list("pk", flat=True) if network else ()  # kept when switched off later
        allowed = set(groups_to_pick(office=office, linked=linked).filter(pk__in=[g.pk for g in groups])
                      .values_list("pk", flat=True))
        if strangers := [g.name for g in groups if g.pk not in allowed]:
            errors["groups"] = f"กลุ่ม {', '.join(strangers)} ไม่ใช่กลุ่มของหน่วยงานนี้หรือหน่วยงานต้นสังกัด"
    rows, contact_errors = _contact_rows(contact_channels)
    errors.update(contact_errors)
    if errors:
        raise ValidationError(errors)
    network = network or Network(office=office)
    network.name, network.form, network.form_detail = name.strip(), form, form_detail.strip()
    network.purpose, network.is_active = purpose.strip(), is_active
    try:
        with transaction.atomic():
            network.save()
    except IntegrityError as exc:  # the same name saved a moment ago elsewhere
        raise ValidationError({"name": f"หน่วยงานนี้มีเครือข่ายชื่อ {network.name} แล้ว"}) from exc
    network.groups.set(groups)
    network.contact_channels.all().delete()
    ContactChannel.objects.bulk_create(ContactChannel(network=network, order=n, kind=kind, value=value)
                                       for n, (kind, value) in enumerate(rows, start=1))
    return network


def _member_fields(network: Network, kind: str, name: str, position: str, phone: str, email: str,
                   group: StakeholderGroup | None) -> dict:
    """A member's fields, checked: an organisation or a person, of one of the network's groups (or none said)."""
    errors = _text_errors({"name": (name, SHORT_TEXT_MAX), "position": (position, SHORT_TEXT_MAX),
                           "phone": (phone, 64)})
    if kind not in MemberKind.values:
        errors["kind"] = "กรุณาเลือกประเภทสมาชิก"
    if not name.strip():
        errors["name"] = "กรุณาระบุชื่อสมาชิก"
    if email.strip():
        try:
            validate_email(email.strip())
        except ValidationError:
            errors["email"] = "รูปแบบอีเมลไม่ถูกต้อง"
    if group is not None and not network.groups.filter(pk=group.pk).exists():
        errors["group"] = "กลุ่มนี้ไม่ใช่กลุ่มของเครือข่ายนี้"
    if errors:
        raise ValidationError(errors)
    return {"kind": kind, "name": name.strip(), "position": position.strip(), "phone": phone.strip(),
            "email": email.strip(), "group": group}


def member_add(*, network: Network, kind: str, name: str, position: str = "", phone: str = "", email: str = "",
               group: StakeholderGroup | None = None) -> Member:
    """Add a member to a network."""
    return Member.objects.create(network=network,
                                 **_member_fields(network, kind, name, position, phone, email, group))


def member_update(*, member: Member, kind: str, name: str, position: str = "", phone: str = "", email: str = "",
                  group: StakeholderGroup | None = None) -> Member:
    """Correct a member's details (a new phone number, a new chair): the same checks as adding one."""
    for field, value in _member_fields(member.network, kind, name, position, phone, email, group).items():
        setattr(member, field, value)
    member.save()
    return member


@transaction.atomic
def member_delete(*, member: Member) -> None:
    member.delete()


# --- Relationship plans -----------------------------------------------------------------------------------------------


@transaction.atomic
def plan_save(*, plan: RelationshipPlan | None = None, network: Network, fiscal_year: int, title: str,
              objective: str = "", co_design: str = "", reflection: str = "") -> RelationshipPlan:
    """A network's relationship plan for a fiscal year (one per network and year)."""
    network = plan.network if plan else network
    errors = _text_errors({"title": (title, SHORT_TEXT_MAX), "objective": (objective, LONG_TEXT_MAX),
                           "co_design": (co_design, LONG_TEXT_MAX), "reflection": (reflection, LONG_TEXT_MAX)})
    if not title.strip():
        errors["title"] = "กรุณาระบุเรื่อง/โครงการ"
    if not isinstance(fiscal_year, int) or not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        errors["fiscal_year"] = f"ปีงบประมาณต้องเป็นปี พ.ศ. {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}"
    elif RelationshipPlan.objects.filter(network=network, fiscal_year=fiscal_year).exclude(
            pk=plan.pk if plan else None).exists():
        errors["network"] = f"เครือข่าย {network.name} มีแผนการสร้างความสัมพันธ์ปี {fiscal_year} แล้ว"
    if errors:
        raise ValidationError(errors)
    plan = plan or RelationshipPlan(network=network)
    plan.fiscal_year, plan.title, plan.objective = fiscal_year, title.strip(), objective.strip()
    plan.co_design, plan.reflection = co_design.strip(), reflection.strip()
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:
        raise ValidationError({"network": f"เครือข่าย {network.name} มีแผนการสร้างความสัมพันธ์ปี {fiscal_year} แล้ว"}) from exc
    return plan


# --- Activities -------------------------------------------------------------------------------------------------------


@transaction.atomic
def activity_save(*, activity: Activity | None = None, network: Network, title: str, kind: str, held_on: date,
                  place: str, starts_at: time | None = None, ends_at: time | None = None,
                  announced_on: date | None = None, announcement: str = "", co_designed: bool = False,
                  participants: int | None = None, attendees: list[Member] | None = None, outcome: str = "",
                  by=None) -> Activity:
    """Record an activity (`activity` None) or change one. Its date, place and kind are required; the announcement
    cannot come after the activity; the members who took part are the network's; its relationship plan is the
    network's plan of the activity's fiscal year, when there is one."""
    network = activity.network if activity else network
    errors = _text_errors({"title": (title, SHORT_TEXT_MAX), "place": (place, SHORT_TEXT_MAX),
                           "announcement": (announcement, LONG_TEXT_MAX), "outcome": (outcome, LONG_TEXT_MAX)})
    if not title.strip():
        errors["title"] = "กรุณาระบุชื่อกิจกรรม"
    if kind not in ActivityKind.values:
        errors["kind"] = "ลักษณะกิจกรรมต้องเป็นทางการหรือไม่เป็นทางการ"
    if held_on is None:
        errors["held_on"] = "กรุณาระบุวันที่จัดกิจกรรม"
    elif not FIRST_FISCAL_YEAR <= fiscal_year_of(held_on) <= LAST_FISCAL_YEAR:
        errors["held_on"] = "วันที่จัดกิจกรรมอยู่นอกช่วงปีงบประมาณที่ระบบรับ"
    if not place.strip():
        errors["place"] = "กรุณาระบุสถานที่จัดกิจกรรม"
    if starts_at and ends_at and ends_at < starts_at:
        errors["ends_at"] = "เวลาสิ้นสุดต้องไม่ก่อนเวลาเริ่ม"
    if announced_on and held_on and announced_on > held_on:
        errors["announced_on"] = "วันที่แจ้งเครือข่ายต้องไม่หลังวันที่จัดกิจกรรม (แจ้งล่วงหน้า)"
    if participants is not None and not 0 <= participants <= COUNT_MAX:
        errors["participants"] = "จำนวนผู้เข้าร่วมต้องเป็นจำนวนเต็มตั้งแต่ 0"
    attendees = list(attendees or [])
    if attendees and network.members.filter(pk__in=[m.pk for m in attendees]).count() != len(set(attendees)):
        errors["attendees"] = "เลือกได้เฉพาะสมาชิกของเครือข่ายนี้"
    if errors:
        raise ValidationError(errors)
    activity = activity or Activity(network=network, created_by=by)
    activity.title, activity.kind, activity.held_on, activity.place = title.strip(), kind, held_on, place.strip()
    activity.starts_at, activity.ends_at, activity.announced_on = starts_at, ends_at, announced_on
    activity.announcement, activity.co_designed = announcement.strip(), co_designed
    activity.participants, activity.outcome = participants, outcome.strip()
    activity.plan = RelationshipPlan.objects.filter(network=network, fiscal_year=fiscal_year_of(held_on)).first()
    activity.save()
    activity.attendees.set(attendees)
    return activity


@transaction.atomic
def photo_add(*, activity: Activity, photo: File, caption: str = "") -> ActivityPhoto:
    """Add a photo of an activity: the project's one file check, and an image at that."""
    errors = _text_errors({"caption": (caption, SHORT_TEXT_MAX)})
    fields = {}
    if not photo:
        errors["photo"] = "กรุณาเลือกไฟล์ภาพ"
    else:
        try:
            fields = photo_fields("photo", photo)
        except ValidationError as exc:
            errors.update({key: " ".join(messages) for key, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return ActivityPhoto.objects.create(activity=activity, caption=caption.strip(), **fields)


@transaction.atomic
def photo_delete(*, photo: ActivityPhoto) -> None:
    transaction.on_commit(lambda name=photo.photo.name, storage=photo.photo.storage: storage.delete(name))
    photo.delete()


# --- The evaluation after an activity ---------------------------------------------------------------------------------


@transaction.atomic
def evaluation_open(*, activity: Activity, template: str = "", title: str = "", scale_max: int | None = None,
                    items: list[dict] | None = None, bands: list | None = None, by=None):
    """Open the evaluation of an activity: a CS6 questionnaire (the standard one, `template`, or the items given in
    the shape the survey API takes) and a round about the activity, run by the network's office from the day of the
    activity. One evaluation per activity; returns the round."""
    activity = Activity.objects.select_for_update().select_related("network__office").get(pk=activity.pk)
    if evaluation_round(activity=activity) is not None:
        raise ValidationError({"activity": "กิจกรรมนี้มีแบบประเมินแล้ว"})
    if template and template not in evaluation.template_names():
        raise ValidationError({"template": f"ไม่มีแบบประเมินมาตรฐานชื่อ {template[:40]} "
                                           f"(มี: {', '.join(evaluation.template_names())})"})
    if template or not items:
        scale_max, items, bands = evaluation.SCALE_MAX, evaluation.evaluation_items(activity), []
    questionnaire = surveys.questionnaire_create(
        office=activity.network.office, title=(title or evaluation.evaluation_title(activity)).strip()[:255],
        scale_max=scale_max if scale_max is not None else evaluation.SCALE_MAX, items=items, bands=bands)
    return surveys.round_create(questionnaire=questionnaire, office=activity.network.office,
                                title=questionnaire.title, starts_on=activity.held_on, subject=activity, by=by)
