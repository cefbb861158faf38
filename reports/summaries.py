"""The quarterly executive summary: when it is made, making it (figures frozen, PDF rendered) and sending it.

- When: on the first working day of a fiscal quarter (`core.workdays` calendar), during office hours
  (`settings.OFFICE_HOURS`), for the quarter just ended (`summary_due`). Beat starts the check daily.
- For whom: every office that has active executives (`offices_with_executives`); each summary goes to that office's
  own executives only, by e-mail with the PDF attached (and a LINE text with the list page's link when configured).
- Once: the job makes version 1 of an office's quarter (the unique office/quarter/version constraint makes a
  concurrent run fail on the insert and read it back); a ready summary is never made again, so its figures and PDF
  stay as published whatever the data does later. The committee's regeneration adds a new version (the earlier one
  kept), which goes to the executives as a new message.
- Sent once: a `SummaryDelivery` row per summary and person is the claim, inserted in the transaction that decides to
  send and sent after it commits (the design of `complaints.checks`); a message no channel took has its row removed,
  and the task's retry sends it.
- A render that raises leaves the summary failed and sends nothing; `SummaryFailed` makes the task retry.
"""
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from core.fiscal import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, FiscalQuarter, fiscal_quarter, fiscal_quarter_of
from core.offices.models import Office, User
from core.offices.roles import Role
from core.workdays.calendar import WorkingCalendar

from .models import QuarterlySummary, SummaryDelivery, SummaryStatus

logger = logging.getLogger(__name__)

FiguresOf = Callable[..., dict]
PDF_TEMPLATE = "reports/pdf/quarterly_summary.html"


class SummaryFailed(Exception):
    """Making a summary raised: it is left failed, nothing was sent, and the task tries again."""


# --- When --------------------------------------------------------------------------------------------------------


def first_working_day(quarter: FiscalQuarter, calendar: WorkingCalendar) -> date:
    day = quarter.start
    while not calendar.is_working_day(day):
        day = date.fromordinal(day.toordinal() + 1)
    return day


def summary_due(*, now: datetime) -> FiscalQuarter | None:
    """The quarter just ended, when `now` (any aware datetime) is in office hours on the first working day of the
    next quarter; None at any other moment."""
    local = timezone.localtime(now)
    today = local.date()
    opens, closes = settings.OFFICE_HOURS
    if not opens <= local.time() < closes:
        return None
    current = fiscal_quarter_of(today)
    if first_working_day(current, WorkingCalendar.between(current.start, today)) != today:
        return None
    return previous_quarter(current)


def previous_quarter(quarter: FiscalQuarter) -> FiscalQuarter:
    if quarter.quarter == 1:
        return fiscal_quarter(quarter.fiscal_year - 1, 4)
    return fiscal_quarter(quarter.fiscal_year, quarter.quarter - 1)


_QUARTER_CODE = re.compile(r"^(\d{4})\s*[Qq]\s*(\d)$")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def quarter_parse(text: str | None, *, today: date) -> FiscalQuarter:
    """A quarter typed as "2570Q1" (BE year, fiscal quarter 1–4, Thai digits too) that has ended by `today`.
    Anything else is a ValidationError with a Thai message."""
    raw = (text or "").strip().translate(_THAI_DIGITS)
    match = _QUARTER_CODE.match(raw)
    if not match:
        raise ValidationError(f"ไตรมาส “{(text or '')[:20]}” ไม่ถูกต้อง: ใช้ปีงบประมาณ พ.ศ. ตามด้วย Q และไตรมาส 1–4 "
                              "เช่น 2570Q1")
    fiscal_year, number = int(match[1]), int(match[2])
    if not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        raise ValidationError(f"ปีงบประมาณต้องอยู่ระหว่าง {FIRST_FISCAL_YEAR}–{LAST_FISCAL_YEAR}")
    if not 1 <= number <= 4:
        raise ValidationError("ไตรมาสต้องเป็น 1–4 (ไตรมาส 1 คือ ต.ค.–ธ.ค.)")
    quarter = fiscal_quarter(fiscal_year, number)
    if quarter.end >= today:
        raise ValidationError(f"{quarter.label} ยังไม่สิ้นสุด: สรุปได้เมื่อสิ้นไตรมาสแล้วเท่านั้น")
    return quarter


# --- For whom ----------------------------------------------------------------------------------------------------


def _executives() -> QuerySet[User]:
    return User.objects.filter(is_active=True, groups__name=Role.EXECUTIVE, office__isnull=False)


def offices_with_executives() -> QuerySet[Office]:
    return Office.objects.filter(pk__in=_executives().values("office_id")).order_by("path")


def executives_of(office: Office) -> list[User]:
    """The office's own executives (not those of the offices above or below it)."""
    return list(_executives().filter(office=office).order_by("pk"))


# --- Making ------------------------------------------------------------------------------------------------------


def summary_start(*, office: Office, quarter: FiscalQuarter) -> QuarterlySummary:
    """The office's summary of the quarter as the job makes it: the latest version when there is one, else a new
    version 1 (pending). Running twice, or two runs at once, gives the same row."""
    for _attempt in (1, 2):
        latest = _versions(office, quarter).order_by("-version").first()
        if latest is not None:
            return latest
        try:
            with transaction.atomic():
                return QuarterlySummary.objects.create(office=office, fiscal_year=quarter.fiscal_year,
                                                       quarter=quarter.quarter, version=1)
        except IntegrityError:
            logger.warning("Another run made %s %s at the same time; reading it", office.code, quarter.label)
    raise AssertionError("unreachable")  # pragma: no cover


@transaction.atomic
def summary_regenerate(*, office: Office, quarter: FiscalQuarter, by: User) -> QuarterlySummary:
    """A new version of the office's summary of the quarter (pending), the earlier ones kept as they are."""
    Office.objects.select_for_update().filter(pk=office.pk).first()  # one new version at a time per office
    last = _versions(office, quarter).aggregate(last=Max("version"))["last"] or 0
    return QuarterlySummary.objects.create(office=office, fiscal_year=quarter.fiscal_year, quarter=quarter.quarter,
                                           version=last + 1, created_by=by)


def _versions(office: Office, quarter: FiscalQuarter) -> QuerySet[QuarterlySummary]:
    return QuarterlySummary.objects.filter(office=office, fiscal_year=quarter.fiscal_year, quarter=quarter.quarter)


def _progress(summary: QuarterlySummary, status: str, progress: int, **fields) -> None:
    summary.status, summary.progress = status, progress
    for name, value in fields.items():
        setattr(summary, name, value)
    QuarterlySummary.objects.filter(pk=summary.pk).update(status=status, progress=progress, **fields)


def _quarter_figures(**kwargs) -> dict:
    from .executive import quarter_figures  # the executive dashboard's figures (reports/executive.py)

    return quarter_figures(**kwargs)


def summary_make(*, summary: QuarterlySummary, today: date, figures_of: FiguresOf | None = None) -> QuarterlySummary:
    """Freeze the figures and render the PDF of a pending or failed summary; a ready one is returned as it is.

    `figures_of` is `reports.executive.quarter_figures` unless a test passes another. Raises SummaryFailed (the
    summary left failed, with the error) when anything in between raises.
    """
    if summary.status == SummaryStatus.READY:
        return summary
    _progress(summary, SummaryStatus.RENDERING, 10, error="")
    try:
        figures = (figures_of or _quarter_figures)(office=summary.office, fiscal_year=summary.fiscal_year,
                                                   quarter=summary.quarter, today=today)
        _progress(summary, SummaryStatus.RENDERING, 50)
        pdf = summary_pdf(summary=summary, figures=figures)
        _progress(summary, SummaryStatus.RENDERING, 90)
        with transaction.atomic():
            summary.figures = figures
            summary.pdf.save(f"{summary.office.code}-{summary.period_code}-v{summary.version}.pdf",
                             ContentFile(pdf), save=False)
            summary.status, summary.progress, summary.ready_at = SummaryStatus.READY, 100, timezone.now()
            summary.save(update_fields=["figures", "pdf", "status", "progress", "ready_at"])
    except Exception as exc:
        logger.exception("Quarterly summary %s could not be made", summary.pk)
        _progress(summary, SummaryStatus.FAILED, summary.progress, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise SummaryFailed(str(exc)) from exc
    return summary


def summary_pdf(*, summary: QuarterlySummary, figures: dict) -> bytes:
    from core.pdf.render import render_pdf  # WeasyPrint is heavy: load it only when a PDF is made

    from .summary_pdf import pdf_context

    return render_pdf(PDF_TEMPLATE, pdf_context(summary=summary, figures=figures))


# --- Sending -----------------------------------------------------------------------------------------------------


@dataclass
class SendSummary:
    """What one send did, in plain values (a Celery result, the command's report)."""

    claimed: int = 0
    already_sent: int = 0
    no_contact: list[str] = field(default_factory=list)
    sent: int = 0
    failed: int = 0


def summary_send(*, summary: QuarterlySummary) -> SendSummary:
    """Send a ready summary to each of its office's executives who has not had it. `sent`/`failed` are filled in when
    the transaction commits (before this returns, unless the caller holds a transaction of its own)."""
    from .summary_mail import SummaryMessage

    result = SendSummary()
    if summary.status != SummaryStatus.READY:
        return result
    messages = [SummaryMessage(summary=summary, recipient=person) for person in executives_of(summary.office)]
    result.no_contact = sorted(m.recipient.username for m in messages if not m.reachable)
    messages = [m for m in messages if m.reachable]
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                had = set(SummaryDelivery.objects.filter(summary=summary).values_list("recipient_id", flat=True))
                new = [m for m in messages if m.recipient.pk not in had]
                SummaryDelivery.objects.bulk_create(SummaryDelivery(summary=summary, recipient=m.recipient)
                                                    for m in new)
                transaction.on_commit(partial(_send_claimed, summary, new, result))
        except IntegrityError:
            if attempt == 2:
                raise
            continue
        result.claimed, result.already_sent = len(new), len(messages) - len(new)
        return result
    raise AssertionError("unreachable")  # pragma: no cover


def _send_claimed(summary: QuarterlySummary, messages: list, result: SendSummary) -> None:
    from .summary_mail import send_messages

    delivered, failed = send_messages(messages)
    if failed:
        SummaryDelivery.objects.filter(summary=summary, recipient_id__in=[m.recipient.pk for m in failed]).delete()
        logger.error("Quarterly summary %s: %d messages could not be sent; the retry sends them", summary.pk,
                     len(failed))
    if delivered and summary.sent_at is None:
        summary.sent_at = timezone.now()
        QuarterlySummary.objects.filter(pk=summary.pk, sent_at__isnull=True).update(sent_at=summary.sent_at)
    result.sent, result.failed = len(delivered), len(failed)


def summary_publish(*, summary: QuarterlySummary, today: date, figures_of: FiguresOf | None = None) -> SendSummary:
    """Make (when not ready yet) and send: what the task and the command do for one office."""
    summary_make(summary=summary, today=today, figures_of=figures_of)
    return summary_send(summary=summary)


def quarterly_start(*, now: datetime) -> list[int]:
    """The beat's daily check: on a summary day, the summary (version 1) of the quarter just ended for every office
    with executives; the ids to make and send. Any other moment: nothing."""
    quarter = summary_due(now=now)
    if quarter is None:
        return []
    return [summary_start(office=office, quarter=quarter).pk for office in offices_with_executives()]
