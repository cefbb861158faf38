"""Changes to the working-day calendar and the deadline rules. Every calendar change goes through `holiday_save`,
`holiday_delete` or `seed_holidays`; every rule change through `deadline_rule_save` or `deadline_rule_delete`.

They end in `calendar_changed`, which calls the handlers the top layer handed over at start-up
(`reports.wiring.CALENDAR_CHANGE_HANDLERS`): the processes whose open items carry deadlines move them. Called
explicitly, never through signals.
"""
import re
from collections.abc import Callable, Iterable
from datetime import date

import holidays as holidays_package
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from core.text import length_error

from .choices import DeadlineBasis, HolidayKind
from .models import DeadlineRule, Holiday
from .selectors import deadline_rule_uses, may_change_calendar

# Government offices are open on National Labour Day; National Children's Day is always a Saturday
# and is no day off for offices. Matched on the package's English names, which do not depend on locale.
_NOT_OFFICE_HOLIDAYS = ("National Labor Day", "National Children's Day")
PACKAGE_SOURCE = f"holidays {holidays_package.__version__}"


def government_holidays(years: list[int]) -> dict[date, tuple[str, str]]:
    """{date: (Thai name, kind)} as Thai government offices observe them, from the `holidays` package."""
    kwargs = {"years": years, "categories": ("public", "government")}
    thai = holidays_package.country_holidays("TH", language="th", **kwargs)
    english = holidays_package.country_holidays("TH", language="en_US", **kwargs)
    result: dict[date, tuple[str, str]] = {}
    for day, name_en in english.items():
        names = [n.strip() for n in name_en.split(";")]
        if all(any(skip in n for skip in _NOT_OFFICE_HOLIDAYS) for n in names):
            continue
        if "in lieu" in name_en:
            kind = HolidayKind.SUBSTITUTION
        elif "Bridge" in name_en or "Special" in name_en:
            kind = HolidayKind.SPECIAL
        elif "Royal Ploughing" in name_en:
            kind = HolidayKind.GOVERNMENT
        else:
            kind = HolidayKind.PUBLIC
        result[day] = (thai[day], kind)
    return result


@transaction.atomic
def seed_holidays(*, years: list[int]) -> int:
    """Add the package's holidays for those of `years` the table has none of. Returns rows added.

    A year already in the table is the administrators' to keep: a holiday they removed (a cancelled
    special day) must not come back the next morning, and a name they corrected stays corrected.
    """
    seeded = {d.year for d in Holiday.objects.filter(date__year__in=years).dates("date", "year")}
    new_years = [y for y in years if y not in seeded]
    new = [
        Holiday(date=day, name=name, kind=kind, source=PACKAGE_SOURCE)
        for day, (name, kind) in sorted(government_holidays(new_years).items())
    ] if new_years else []
    Holiday.objects.bulk_create(new)
    if new:
        calendar_changed(dates=[h.date for h in new], reason="เพิ่มวันหยุดราชการประจำปีจากชุดข้อมูล")
    return len(new)


@transaction.atomic
def holiday_save(*, day: date, name: str, kind: str = HolidayKind.SPECIAL, source: str = "", by=None) -> Holiday:
    """Add a holiday or rename one (e.g. a cabinet special holiday), with its source note.

    `by` is the person making the change (None for the yearly seeding), who must be allowed to change the
    national calendar (selectors.may_change_calendar).
    """
    _require_calendar_editor(by)
    holiday, created = Holiday.objects.update_or_create(
        date=day, defaults={"name": name, "kind": kind, "source": source, **({"created_by": by} if by else {})}
    )
    calendar_changed(dates=[day], reason=f"{'เพิ่ม' if created else 'แก้ไข'}วันหยุด {name}")
    return holiday


@transaction.atomic
def holiday_delete(*, holiday: Holiday, by=None) -> None:
    _require_calendar_editor(by)
    day, name = holiday.date, holiday.name
    holiday.delete()
    calendar_changed(dates=[day], reason=f"ยกเลิกวันหยุด {name}")


def _require_calendar_editor(by) -> None:
    # Checked here as well as on the pages, so that the API, the admin and imports cannot go round it.
    if by is not None and not may_change_calendar(by):
        raise PermissionDenied("เฉพาะผู้ดูแลระบบของหน่วยงานระดับบนสุดแก้ไขปฏิทินวันหยุดได้")


_calendar_change_handlers: tuple[Callable[..., object], ...] = ()


def calendar_change_handlers_set(handlers: Iterable[Callable[..., object]]) -> None:
    """Who hears of calendar changes: each is called with `dates` and `reason`. The top layer sets the list once at
    start-up (the core cannot import the processes); a test may set its own."""
    global _calendar_change_handlers
    _calendar_change_handlers = tuple(handlers)


def calendar_change_handlers() -> tuple[Callable[..., object], ...]:
    return _calendar_change_handlers


def calendar_changed(*, dates: list[date], reason: str) -> None:
    """Called inside the transaction of every calendar change, with the dates that changed."""
    for handler in _calendar_change_handlers:
        handler(dates=dates, reason=reason)


# A rule counts at most a year: a deadline further out is no service standard (and the calendar is only seeded
# a few years ahead).
DEADLINE_RULE_MAX_DAYS = 365
RULE_CODE = re.compile(r"[-a-zA-Z0-9_]+")  # the model's slug
RULE_IN_USE = "เกณฑ์นี้ใช้อยู่กับ{uses} จึงแก้ได้เฉพาะชื่อเกณฑ์ และลบไม่ได้"
RULE_FIXED_HINT = "หากต้องการนับวันแบบอื่น ให้เพิ่มเกณฑ์ใหม่ แล้วเปลี่ยนเกณฑ์ของหมวดหมู่เรื่องไปใช้เกณฑ์ใหม่"


@transaction.atomic
def deadline_rule_save(*, rule: DeadlineRule | None = None, code: str, name: str, basis: str, days: int,
                       by=None) -> DeadlineRule:
    """Add a rule (`rule` None) or change one. A rule something counts by may only be renamed: recounting it would
    change the deadline of every category that chose it without anyone choosing that for them (and the default is
    the law's 15 working days); a different count is a new rule, which a category is then moved to.

    `by` must be allowed to change the national lists (selectors.may_change_calendar); None for code and tests.
    """
    _require_calendar_editor(by)
    if rule is not None:
        DeadlineRule.objects.select_for_update().get(pk=rule.pk)  # nobody starts counting by it meanwhile
    deadline_rule_check(rule=rule, code=code, name=name, basis=basis, days=days)
    code, name = code.strip(), name.strip()
    rule = rule or DeadlineRule()
    rule.code, rule.name, rule.basis, rule.days = code, name, basis, days
    rule.save()
    return rule


def deadline_rule_check(*, rule: DeadlineRule | None, code: str, name: str, basis: str, days: int) -> None:
    """Every refusal of `deadline_rule_save`, in Thai (ValidationError), without saving: the Django admin's form asks
    it before it saves, so a refusal shows on the form there too."""
    code, name = code.strip(), name.strip()
    errors = _deadline_rule_errors(rule=rule, code=code, name=name, basis=basis, days=days)
    # Compared with the row as stored (the admin hands over an instance its form has already changed).
    stored = DeadlineRule.objects.get(pk=rule.pk) if rule is not None else None
    recounted = stored is not None and (code, basis, days) != (stored.code, stored.basis, stored.days)
    if recounted and (uses := deadline_rule_uses(rule=stored)):
        errors["__all__"] = f"{RULE_IN_USE.format(uses=' และ'.join(uses))} {RULE_FIXED_HINT}"
    if errors:
        raise ValidationError(errors)


def _deadline_rule_errors(*, rule: DeadlineRule | None, code: str, name: str, basis: str, days: int) -> dict:
    errors = {}
    if not code:
        errors["code"] = "กรุณาระบุรหัสเกณฑ์"
    elif message := length_error(code, DeadlineRule._meta.get_field("code").max_length):
        errors["code"] = message
    elif not RULE_CODE.fullmatch(code):
        errors["code"] = "รหัสเกณฑ์ใช้ได้เฉพาะอักษรอังกฤษ ตัวเลข - และ _ เช่น 7-working-days"
    elif DeadlineRule.objects.filter(code=code).exclude(pk=rule.pk if rule else None).exists():
        errors["code"] = f"มีเกณฑ์รหัส {code} อยู่แล้ว"
    if not name:
        errors["name"] = "กรุณาระบุชื่อเกณฑ์"
    elif message := length_error(name, DeadlineRule._meta.get_field("name").max_length):
        errors["name"] = message
    if basis not in DeadlineBasis.values:
        errors["basis"] = "โปรดเลือกว่านับเป็นวันทำการหรือวันตามปฏิทิน"
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= DEADLINE_RULE_MAX_DAYS:
        errors["days"] = f"จำนวนวันต้องเป็นเลข 1–{DEADLINE_RULE_MAX_DAYS}"
    return errors


@transaction.atomic
def deadline_rule_delete(*, rule: DeadlineRule, by=None) -> None:
    """Delete a rule nothing counts by; a rule in use says what uses it (rename it instead)."""
    _require_calendar_editor(by)
    if uses := deadline_rule_uses(rule=rule):
        raise ValidationError(RULE_IN_USE.format(uses=" และ".join(uses)))
    try:
        rule.delete()
    except ProtectedError as exc:  # a category took it up a moment ago
        raise ValidationError(RULE_IN_USE.format(uses="ข้อมูลอื่น")) from exc
