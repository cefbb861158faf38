"""Changes to the working-day calendar. Every change goes through `holiday_save`, `holiday_delete` or `seed_holidays`.

They end in `calendar_changed`, which calls the handlers the top layer handed over at start-up
(`reports.wiring.CALENDAR_CHANGE_HANDLERS`): the processes whose open items carry deadlines move them. Called
explicitly, never through signals.
"""
from collections.abc import Callable, Iterable
from datetime import date

import holidays as holidays_package
from django.core.exceptions import PermissionDenied
from django.db import transaction

from .choices import HolidayKind
from .models import Holiday
from .selectors import may_change_calendar

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
