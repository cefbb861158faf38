"""Every change to the CS2 registers: channels, table CS2-1, the keyed usage counts, the types of information
received, channel reviews and the improvements made from what was heard. Keyword-only; the pages, the spreadsheet
import and the API all come through here, so each gives the same Thai reason for the same refusal.
"""
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.db import in_chunks
from core.files import photo_fields
from core.fiscal import FIRST_FISCAL_YEAR, fiscal_year_of
from core.offices.models import Office
from core.offices.scoping import visible_offices
from core.text import LONG_TEXT_MAX, length_error
from stakeholders.models import StakeholderGroup
from stakeholders.selectors import groups_for_office

from .choices import ChannelKind, Direction, ImprovementSource
from .models import Channel, ChannelReview, ChannelUsage, GroupChannel, HeardImprovement, InformationType
from .selectors import channel_may_change, channels_for_office

SHORT_TEXT_MAX = 255
COUNT_MAX = 2_147_483_647  # the largest count the column holds


def _text_errors(values: dict[str, tuple[str, int]]) -> dict[str, str]:
    return {name: message for name, (value, limit) in values.items() if (message := length_error(value, limit))}


# --- Channels -----------------------------------------------------------------------------------------------------


@transaction.atomic
def channel_save(*, channel: Channel | None = None, office: Office | None, code: str, name: str, kind: str,
                 direction: str, owner: str = "", active_from: date | None = None, active_to: date | None = None,
                 order: int = 0, is_active: bool = True, by=None) -> Channel:
    """Add a channel (`channel` None) or change one. `office` None is a national channel, which only those who keep
    the national lists change; an office's own is its subtree's. The code never changes once saved: complaints and
    spreadsheets name channels by it."""
    if by is not None and not channel_may_change(user=by, channel=channel, office=office):
        raise PermissionDenied("ไม่มีสิทธิ์แก้ไขช่องทางนี้")
    code = channel.code if channel else code.strip().lower()
    errors = _text_errors({"name": (name, SHORT_TEXT_MAX), "owner": (owner, SHORT_TEXT_MAX)})
    if not name.strip():
        errors["name"] = "กรุณาระบุชื่อช่องทาง"
    if channel is None:
        if not code:
            errors["code"] = "กรุณาระบุรหัสช่องทาง"
        elif Channel.objects.filter(code=code).exists():
            errors["code"] = f"รหัสช่องทาง {code} ถูกใช้แล้ว กรุณาใช้รหัสอื่น"
    if kind not in ChannelKind.values:
        errors["kind"] = "ประเภทช่องทางไม่ถูกต้อง"
    if direction not in Direction.values:
        errors["direction"] = "ลักษณะช่องทางต้องเป็นเชิงรุกหรือเชิงรับ"
    if active_from and active_to and active_to < active_from:
        errors["active_to"] = "วันเลิกใช้ต้องไม่ก่อนวันเริ่มใช้"
    if errors:
        raise ValidationError(errors)
    channel = channel or Channel(code=code, office=office)
    channel.name, channel.kind, channel.direction, channel.owner = name.strip(), kind, direction, owner.strip()
    channel.active_from, channel.active_to, channel.order, channel.is_active = active_from, active_to, order, is_active
    try:
        with transaction.atomic():
            channel.save()
    except IntegrityError as exc:  # the same code saved a moment ago elsewhere
        raise ValidationError({"code": f"รหัสช่องทาง {code} ถูกใช้แล้ว กรุณาใช้รหัสอื่น"}) from exc
    return channel


# --- Table CS2-1 ---------------------------------------------------------------------------------------------------


def _pick_errors(office: Office, group: StakeholderGroup | None, channel: Channel | None, *,
                 group_required: bool = True) -> dict[str, str]:
    """A group and a channel must be ones the office works with: its own or inherited from above."""
    errors = {}
    if group is None:
        if group_required:
            errors["group"] = "กรุณาเลือกกลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"
    elif not groups_for_office(office=office).filter(pk=group.pk).exists():
        errors["group"] = "กลุ่มนี้ไม่ใช่กลุ่มของหน่วยงานนี้หรือหน่วยงานต้นสังกัด"
    if channel is not None and not channels_for_office(office=office, active_only=False).filter(pk=channel.pk).exists():
        errors["channel"] = "ช่องทางนี้ไม่ใช่ช่องทางของหน่วยงานนี้"
    return errors


@transaction.atomic
def group_channel_save(*, row: GroupChannel | None = None, office: Office, group: StakeholderGroup,
                       channel: Channel, reason: str = "", analysis_method: str = "", finding: str = "",
                       owner: str = "") -> GroupChannel:
    """Add or change a row of table CS2-1: one group heard through one channel, once per office."""
    office = row.office if row else office
    errors = _pick_errors(office, group, channel)
    if channel is None:
        errors["channel"] = "กรุณาเลือกช่องทาง"
    errors.update(_text_errors({"reason": (reason, LONG_TEXT_MAX), "analysis_method": (analysis_method, LONG_TEXT_MAX),
                                "finding": (finding, LONG_TEXT_MAX), "owner": (owner, SHORT_TEXT_MAX)}))
    if not errors and GroupChannel.objects.filter(office=office, group=group, channel=channel).exclude(
            pk=row.pk if row else None).exists():
        errors["channel"] = f"ตาราง CS2-1 มีกลุ่ม {group.name} กับช่องทาง {channel.name} อยู่แล้ว"
    if errors:
        raise ValidationError(errors)
    row = row or GroupChannel(office=office)
    row.group, row.channel, row.reason, row.analysis_method = group, channel, reason.strip(), analysis_method.strip()
    row.finding, row.owner = finding.strip(), owner.strip()
    row.save()
    return row


@transaction.atomic
def group_channel_delete(*, row: GroupChannel) -> None:
    row.delete()


# --- Usage counts (keyed by form, imported, or posted to the API) --------------------------------------------------

NEW, CHANGED, SAME, ERROR = "new", "changed", "same", "error"


@dataclass
class UsageEntry:
    """One count as typed: the office and channel by their codes, the fiscal year (BE) and the count."""

    office: str
    channel: str
    fiscal_year: object
    count: object


@dataclass
class UsageVerdict:
    """What keying an entry would do: add a count, change one (from `previous`), change nothing, or why not."""

    status: str = NEW
    errors: dict[str, str] = field(default_factory=dict)
    office: Office | None = None
    channel: Channel | None = None
    fiscal_year: int | None = None
    count: int | None = None
    previous: int | None = None
    pk: int | None = None  # the row it changes


@dataclass(frozen=True)
class UsageResult:
    created: int
    changed: int
    unchanged: int


def _whole_number(raw) -> int | None:
    """A count or a year as typed: 1234, "1,234", "๑๒๓๔", 1234.0 from a spreadsheet; None when it is not one."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        return int(raw) if raw.is_integer() else None
    text = str(raw or "").strip().replace(",", "")
    return int(text) if text.isdecimal() else None


def usage_verdicts(*, user, entries: list[UsageEntry], today: date | None = None) -> list[UsageVerdict]:
    """Judge every entry, writing nothing: offices among those the user sees (any other code reads as unknown),
    channels among those the office may use, a fiscal year from FIRST_FISCAL_YEAR to the current one, a whole count
    from 0, each (office, channel, year) once. A handful of queries however many entries."""
    this_year = fiscal_year_of(today or timezone.localdate())
    codes = sorted({str(e.office).strip() for e in entries})
    offices = {}
    for chunk in in_chunks(codes):
        offices.update({o.code: o for o in visible_offices(user).filter(code__in=chunk)})
    national = {c.code: c for c in Channel.objects.filter(office__isnull=True)}
    channel_codes = sorted({str(e.channel).strip().lower() for e in entries} - set(national))
    own: dict[str, Channel] = {}
    for chunk in in_chunks(channel_codes):
        own.update({c.code: c for c in Channel.objects.filter(code__in=chunk).select_related("office")})
    verdicts, seen = [], {}
    for n, entry in enumerate(entries, start=1):
        verdict, errors = UsageVerdict(), {}
        verdict.office = offices.get(str(entry.office).strip())
        if verdict.office is None:
            errors["office"] = f"ไม่พบหน่วยงานรหัส “{str(entry.office).strip()[:40]}”"
        code = str(entry.channel).strip().lower()
        verdict.channel = national.get(code)
        if verdict.channel is None and code in own and verdict.office is not None \
                and verdict.office.path.startswith(own[code].office.path):
            verdict.channel = own[code]
        if verdict.channel is None and "office" not in errors:
            errors["channel"] = f"ไม่พบช่องทางรหัส “{code[:40]}” ของหน่วยงาน {verdict.office.code}"
        verdict.fiscal_year = _whole_number(entry.fiscal_year)
        if verdict.fiscal_year is None or not FIRST_FISCAL_YEAR <= verdict.fiscal_year <= this_year:
            errors["fiscal_year"] = (f"ปีงบประมาณต้องเป็นปี พ.ศ. {FIRST_FISCAL_YEAR}–{this_year} "
                                     f"(ได้รับ “{str(entry.fiscal_year)[:20]}”)")
        verdict.count = _whole_number(entry.count)
        if verdict.count is None or not 0 <= verdict.count <= COUNT_MAX:
            errors["count"] = f"จำนวนผู้ใช้ช่องทางต้องเป็นจำนวนเต็มตั้งแต่ 0 (ได้รับ “{str(entry.count)[:20]}”)"
        if not errors:
            key = (verdict.office.pk, verdict.channel.pk, verdict.fiscal_year)
            if (first := seen.setdefault(key, n)) != n:
                errors["channel"] = f"หน่วยงาน ช่องทาง และปีงบประมาณซ้ำกับรายการที่ {first}"
        verdict.errors = errors
        verdict.status = ERROR if errors else NEW
        verdicts.append(verdict)
    _compare_with_stored([v for v in verdicts if v.status == NEW])
    return verdicts


def _compare_with_stored(verdicts: list[UsageVerdict]) -> None:
    """Mark each valid entry new, changing a stored count (and from what), or the same as stored."""
    if not verdicts:
        return
    years = sorted({v.fiscal_year for v in verdicts})
    office_ids = sorted({v.office.pk for v in verdicts})
    stored = {}
    for chunk in in_chunks(office_ids):
        stored.update({(office_id, channel_id, year): (pk, count) for pk, office_id, channel_id, year, count in
                       ChannelUsage.objects.filter(office_id__in=chunk, fiscal_year__in=years)
                       .values_list("pk", "office_id", "channel_id", "fiscal_year", "count")})
    for verdict in verdicts:
        found = stored.get((verdict.office.pk, verdict.channel.pk, verdict.fiscal_year))
        if found:
            verdict.pk, verdict.previous = found
            verdict.status = SAME if verdict.previous == verdict.count else CHANGED


def usage_errors(verdicts: list[UsageVerdict]) -> dict[str, list[str]]:
    """The refusals keyed "N.field" (N counted from 1), each message naming its entry: a ValidationError's dict."""
    return {f"{n}.{name}": [f"รายการที่ {n}: {message}"] for n, verdict in enumerate(verdicts, start=1)
            for name, message in verdict.errors.items()}


@transaction.atomic
def usage_write(*, verdicts: list[UsageVerdict], by=None) -> UsageResult:
    """Write judged entries (none of them wrong): new counts added, changed ones replaced, the same left alone."""
    if any(v.status == ERROR for v in verdicts):
        raise ValidationError(usage_errors(verdicts))
    new = [v for v in verdicts if v.status == NEW]
    changed = [v for v in verdicts if v.status == CHANGED]
    by_id = by.pk if by is not None and by.is_authenticated else None
    try:
        with transaction.atomic():
            ChannelUsage.objects.bulk_create(
                [ChannelUsage(office=v.office, channel=v.channel, fiscal_year=v.fiscal_year, count=v.count,
                              updated_by_id=by_id) for v in new], batch_size=1000)
    except IntegrityError as exc:  # the same office, channel and year keyed a moment ago elsewhere
        raise ValidationError("มีการบันทึกจำนวนของหน่วยงาน ช่องทาง และปีเดียวกันพร้อมกันจากที่อื่น กรุณาลองอีกครั้ง") from exc
    if changed:
        now = timezone.now()
        with connection.cursor() as cursor:  # one prepared UPDATE repeated: 20,000 changes in well under a second
            cursor.executemany(f"UPDATE {ChannelUsage._meta.db_table} SET count = %s, updated_at = %s, "
                               "updated_by_id = %s WHERE id = %s", [(v.count, now, by_id, v.pk) for v in changed])
    return UsageResult(len(new), len(changed), len(verdicts) - len(new) - len(changed))


@transaction.atomic
def usage_record(*, user, entries: list[UsageEntry], today: date | None = None) -> UsageResult:
    """Key counts, all or none: the same office, channel and year again replaces its count (so posting or importing
    the same numbers twice changes nothing). ValidationError keyed "N.field" when any entry is wrong."""
    verdicts = usage_verdicts(user=user, entries=entries, today=today)
    if errors := usage_errors(verdicts):
        raise ValidationError(errors)
    return usage_write(verdicts=verdicts, by=user)


# --- CS2-A, reviews ------------------------------------------------------------------------------------------------


@transaction.atomic
def information_types_save(*, office: Office, fiscal_year: int, lines: list[str]) -> list[InformationType]:
    """Replace an office's list of the types of information received in a year (CS2-A), in the order given."""
    lines = [line.strip() for line in lines if line.strip()]
    if errors := [m for line in lines if (m := length_error(line, LONG_TEXT_MAX))]:
        raise ValidationError({"lines": errors[0]})
    InformationType.objects.filter(office=office, fiscal_year=fiscal_year).delete()
    return InformationType.objects.bulk_create(
        InformationType(office=office, fiscal_year=fiscal_year, order=n, text=line)
        for n, line in enumerate(lines, start=1))


@transaction.atomic
def review_save(*, review: ChannelReview | None = None, office: Office, channel: Channel,
                group: StakeholderGroup | None = None, sample_size: int | None = None, sampling_method: str = "",
                statistics: str = "", collection_method: str = "", result: str = "",
                reviewed_on: date) -> ChannelReview:
    """Add or change a review of a channel (seed 001's review factors)."""
    office = review.office if review else office
    errors = _pick_errors(office, group, channel, group_required=False)
    if channel is None:
        errors["channel"] = "กรุณาเลือกช่องทาง"
    if reviewed_on is None:
        errors["reviewed_on"] = "กรุณาระบุวันที่ทบทวน"
    errors.update(_text_errors({"sampling_method": (sampling_method, SHORT_TEXT_MAX),
                                "statistics": (statistics, SHORT_TEXT_MAX),
                                "collection_method": (collection_method, SHORT_TEXT_MAX),
                                "result": (result, LONG_TEXT_MAX)}))
    if errors:
        raise ValidationError(errors)
    review = review or ChannelReview(office=office)
    review.group, review.channel, review.sample_size, review.reviewed_on = group, channel, sample_size, reviewed_on
    review.sampling_method, review.statistics = sampling_method.strip(), statistics.strip()
    review.collection_method, review.result = collection_method.strip(), result.strip()
    review.save()
    return review


# --- Improvements made from what was heard -------------------------------------------------------------------------


@transaction.atomic
def improvement_create(*, office: Office, fiscal_year: int, topic: str, steps: str, result: str = "",
                       source: str = ImprovementSource.LISTENING, channel: Channel | None = None,
                       group: StakeholderGroup | None = None, before_photo: File | None = None,
                       after_photo: File | None = None, by=None) -> HeardImprovement:
    """Record an improvement made from what a channel heard (or from complaints: `source`), with its photos."""
    errors = _pick_errors(office, group, channel, group_required=False)
    errors.update(_text_errors({"topic": (topic, SHORT_TEXT_MAX), "steps": (steps, LONG_TEXT_MAX),
                                "result": (result, LONG_TEXT_MAX)}))
    if not topic.strip():
        errors["topic"] = "กรุณาระบุเรื่อง"
    if not steps.strip():
        errors["steps"] = "กรุณาระบุวิธีการและขั้นตอนดำเนินการ"
    if source not in ImprovementSource.values:
        errors["source"] = "ที่มาของการปรับปรุงไม่ถูกต้อง"
    photos = {}
    for name, photo in (("before_photo", before_photo), ("after_photo", after_photo)):
        try:
            photos.update(photo_fields(name, photo))
        except ValidationError as exc:
            errors.update({key: " ".join(messages) for key, messages in exc.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    return HeardImprovement.objects.create(
        office=office, fiscal_year=fiscal_year, source=source, topic=topic.strip(), channel=channel, group=group,
        steps=steps.strip(), result=result.strip(), created_by=by, **photos)


@transaction.atomic
def improvement_delete(*, improvement: HeardImprovement) -> None:
    for photo in (improvement.before_photo, improvement.after_photo):
        if photo:
            transaction.on_commit(lambda name=photo.name, storage=photo.storage: storage.delete(name))
    improvement.delete()
