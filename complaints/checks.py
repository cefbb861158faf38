"""The daily deadline check: who hears about which open tickets today, decided in a fixed number of queries.

Every working day (beat starts it daily at 08:00 Asia/Bangkok; on a weekend or holiday it does nothing
and says so):

- due soon: open tickets due within 3 working days, today included (`selectors.due_soon_window`, the rule the
  lists, the API and the dashboard use too) warn their handler or, when a ticket has no (active) handler,
  the office staff of the ticket's office;
- overdue: open tickets due before today (`selectors.overdue_q`) escalate to their office's head and to the
  committee members whose office is the ticket's office or above it.

One digest per person, day and kind, listing at most EMAIL_LINES tickets.

Scale: nothing here runs once per ticket. Two window queries (served by the index on status, due_on)
return, for each handler-and-office (due soon) or office (overdue), the number of tickets and the first
EMAIL_LINES of them. People are matched to those groups in Python after a few queries over offices and
users, whose sizes do not grow with the number of tickets.
"""
import heapq
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from core.offices.models import Office, User
from core.offices.roles import Role
from core.offices.scoping import paths_above
from core.thai_dates import format_short
from core.workdays.calendar import WorkingCalendar

from .models import NotificationLog, Ticket
from .notifications import DUE_SOON, EMAIL_LINES, OVERDUE, Digest, DigestLine, DigestSender, TicketLinks
from .selectors import DUE_SOON_WORKING_DAYS, DueSoonWindow, due_soon_window, overdue_q

logger = logging.getLogger(__name__)


@dataclass
class _Group:
    """The tickets of one handler-and-office (due soon) or one office (overdue): how many, and the first few."""

    total: int
    rows: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class _Office:
    name: str
    path: str
    head_id: int | None


def _grouped(tickets: QuerySet[Ticket], by: list[str]) -> dict[tuple, _Group]:
    """Each group's size and first EMAIL_LINES tickets (soonest due first), in one query."""
    partition = [F(name) for name in by]
    rows = (
        tickets.order_by()
        .annotate(
            rank=Window(RowNumber(), partition_by=partition, order_by=[F("due_on").asc(), F("id").asc()]),
            group_total=Window(Count("id"), partition_by=partition),
        )
        .filter(rank__lte=EMAIL_LINES)
        .values("id", "reference", "subject", "due_on", "office_id", "handler_id", "group_total")
    )
    groups: dict[tuple, _Group] = {}
    for row in rows:
        key = tuple(row[name] for name in by)
        groups.setdefault(key, _Group(row["group_total"])).rows.append(row)
    return groups


def _offices(ids: set[int]) -> dict[int, _Office]:
    rows = Office.objects.filter(pk__in=ids).values_list("id", "name", "path", "head_id")
    return {pk: _Office(name, path, head_id) for pk, name, path, head_id in rows}


def _office_staff(office_ids: set[int]) -> dict[int, list[int]]:
    staff: dict[int, list[int]] = defaultdict(list)
    rows = User.objects.filter(is_active=True, groups__name=Role.OFFICE_STAFF, office_id__in=office_ids)
    for user_id, office_id in rows.values_list("id", "office_id"):
        staff[office_id].append(user_id)
    return staff


def _committee_by_path() -> dict[str, list[int]]:
    """Committee members by their office's tree path (an office sees its own path and every path below)."""
    members: dict[str, list[int]] = defaultdict(list)
    rows = User.objects.filter(is_active=True, groups__name=Role.COMMITTEE, office__isnull=False)
    for user_id, path in rows.values_list("id", "office__path"):
        members[path].append(user_id)
    return members


def _committee_for(path: str, members: dict[str, list[int]]) -> list[int]:
    """Members at this office or one of its ancestors."""
    return [uid for above in paths_above(path, including_own=True) for uid in members.get(above, ())]


def _route(today: date, window: DueSoonWindow, summary: dict) -> list[Digest]:
    """Every digest that the tickets of today call for, whether or not it was sent already."""
    due_soon = _grouped(Ticket.objects.filter(window.q), ["handler_id", "office_id"])
    overdue = _grouped(Ticket.objects.filter(overdue_q(today=today)), ["office_id"])
    summary["due_soon_tickets"] = sum(group.total for group in due_soon.values())
    summary["overdue_tickets"] = sum(group.total for group in overdue.values())
    if not due_soon and not overdue:
        return []

    offices = _offices({office_id for _handler, office_id in due_soon} | {office_id for (office_id,) in overdue})
    staff = _office_staff({office_id for _handler, office_id in due_soon}) if due_soon else {}
    committee = _committee_by_path() if overdue else {}
    candidates = {handler for handler, _office in due_soon if handler} | {o.head_id for o in offices.values()}
    candidates |= {uid for ids in staff.values() for uid in ids} | {uid for ids in committee.values() for uid in ids}
    people = {user.pk: user for user in User.objects.filter(pk__in=candidates - {None}, is_active=True)}

    shares: dict[tuple[int, str], list[_Group]] = defaultdict(list)
    for (handler_id, office_id), group in due_soon.items():
        # A handler who has left (inactive) is no handler: the office's staff pick the ticket up.
        readers = [handler_id] if handler_id in people else staff.get(office_id, [])
        _share(shares, readers, DUE_SOON, group, summary)
    for (office_id,), group in overdue.items():
        office = offices[office_id]
        readers = set(_committee_for(office.path, committee))
        if office.head_id in people:
            readers.add(office.head_id)
        _share(shares, readers, OVERDUE, group, summary)

    lines = _Lines(offices)
    return [_digest(people[user_id], kind, groups, today=today, due_until=window.until, lines=lines)
            for (user_id, kind), groups in sorted(shares.items())]


class _Lines:
    """Each ticket's DigestLine, built once however many digests list it (its head's, the committee's …)."""

    def __init__(self, offices: dict[int, _Office]):
        self.offices, self.links, self.built = offices, TicketLinks(), {}

    def of(self, row: dict) -> DigestLine:
        line = self.built.get(row["id"])
        if line is None:
            line = self.built[row["id"]] = DigestLine(
                reference=row["reference"], subject=row["subject"], office=self.offices[row["office_id"]].name,
                due_on=row["due_on"], url=self.links.ticket(row["reference"]))
        return line


def _share(shares, readers, kind: str, group: _Group, summary: dict) -> None:
    if not readers:
        summary["unrouted_tickets"] += group.total
    for user_id in readers:
        shares[(user_id, kind)].append(group)


def _digest(person, kind: str, groups: list[_Group], *, today: date, due_until: date, lines: _Lines) -> Digest:
    # Each group holds its own first EMAIL_LINES, so the person's first EMAIL_LINES are among them.
    rows = heapq.nsmallest(EMAIL_LINES, (row for group in groups for row in group.rows),
                           key=lambda row: (row["due_on"], row["id"]))
    return Digest(recipient=person, kind=kind, day=today, total=sum(group.total for group in groups),
                  lines=[lines.of(row) for row in rows], due_until=due_until if kind == DUE_SOON else None,
                  window_days=DUE_SOON_WORKING_DAYS if kind == DUE_SOON else 0)


# How a digest goes out once, even when the worker dies in the middle of the run:
# - The NotificationLog row is the claim; its `delivered_at` stays empty until a channel took the digest. The run
#   that decides to send inserts the rows in one transaction; the unique (recipient, day, kind) constraint makes a
#   concurrent run fail on the insert rather than claim twice (it then reads again and claims only what is left).
# - Sending happens only after that commit (on_commit: a run that rolls back has sent nothing), one digest at a
#   time, each in its own short transaction that first marks the row delivered (an UPDATE of an undelivered row,
#   which locks it), then sends, and rolls the mark back when no channel took the digest. A second run at the same
#   moment waits on that row lock and then finds the row delivered: it sends nothing.
# - A claimed row still undelivered is the next run's to send: a worker killed between the claim and the send (or
#   in the middle of sending) leaves exactly those, its death ends its transaction and frees its lock, and the
#   rerun (the same task redelivered: acks_late, task_reject_on_worker_lost) sends them, and only them. None lost.
#   None doubled but the one digest in flight when the process died: the mail server may have taken it while its
#   mark was not yet committed, and the rerun sends it again (at least once rather than at most once: a lost
#   escalation is worse). That copy carries the same Message-ID (fixed per person, day and kind), so servers and
#   mail programs that drop a repeated id show it once; LINE pushes carry a retry key, so LINE refuses the copy.
# - A digest no channel took keeps its row undelivered and counts in `failed`: the task retries and sends it.
#   Sending costs one UPDATE per digest; deciding who gets what stays a fixed number of queries.
def _claim_and_send(digests: list[Digest], today: date, summary: dict) -> None:
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                rows = list(NotificationLog.objects.filter(day=today)
                            .values_list("recipient_id", "kind", "delivered_at"))
                claimed = {(recipient, kind) for recipient, kind, _at in rows}
                delivered = {(recipient, kind) for recipient, kind, at in rows if at is not None}
                new = [d for d in digests if _key(d) not in claimed]
                NotificationLog.objects.bulk_create(
                    NotificationLog(recipient_id=d.recipient.pk, day=today, kind=d.kind, ticket_count=d.total)
                    for d in new
                )
                # New claims and the ones an earlier run claimed but did not deliver.
                pending = [d for d in digests if _key(d) not in delivered]
                transaction.on_commit(partial(_send_claimed, pending, today, summary))
        except IntegrityError:
            if attempt == 2:
                raise
            logger.warning("Another deadline check for %s claimed digests at the same time; reading again", today)
            continue
        summary["already_sent"] = len(digests) - len(pending)
        summary["due_soon_digests"] = sum(d.kind == DUE_SOON for d in pending)
        summary["overdue_digests"] = sum(d.kind == OVERDUE for d in pending)
        logger.info("Deadline check %s: claimed %d digests, %d claimed earlier and not yet delivered", today,
                    len(new), len(pending) - len(new))
        return


def _key(digest: Digest) -> tuple[int, str]:
    return digest.recipient.pk, digest.kind


def _send_claimed(digests: list[Digest], today: date, summary: dict) -> None:
    delivered = failed = 0
    with DigestSender() as sender:
        for digest in digests:
            with transaction.atomic():
                marked = NotificationLog.objects.filter(
                    recipient_id=digest.recipient.pk, day=today, kind=digest.kind, delivered_at__isnull=True,
                ).update(delivered_at=timezone.now())
                if not marked:  # delivered meanwhile by another run
                    continue
                if sender.send(digest):
                    delivered += 1
                else:
                    transaction.set_rollback(True)
                    failed += 1
                    logger.error("Deadline check %s: the %s digest to user %s could not be sent; the next run sends it",
                                 today, digest.kind, digest.recipient.pk)
    summary["sent"], summary["failed"] = delivered, failed
    logger.info("Deadline check %s: sent %d digests, %d failed", today, delivered, failed)


def _empty_summary(today: date) -> dict:
    return {
        "day": today.isoformat(),
        "working_day": False,
        "holiday": "",
        "due_until": None,
        "due_soon_tickets": 0,
        "overdue_tickets": 0,
        "due_soon_digests": 0,
        "overdue_digests": 0,
        "already_sent": 0,
        "no_contact": 0,
        "unrouted_tickets": 0,
        "sent": 0,
        "failed": 0,
    }


def daily_sla_check(*, today: date) -> dict:
    """Warn about tickets due soon and escalate overdue ones, one digest per person and kind; idempotent per day.

    Returns a summary of plain values (a Celery result). `sent` and `failed` are filled in when the
    transaction commits: before this returns, unless the caller holds a transaction of its own.
    """
    summary = _empty_summary(today)
    calendar = WorkingCalendar.between(today, today)
    if not calendar.is_working_day(today):
        summary["holiday"] = calendar.holidays.get(today, "")
        logger.info("Deadline check %s: not a working day, nothing to do", today)
        return summary
    summary["working_day"] = True
    window = due_soon_window(today=today)
    summary["due_until"] = window.until.isoformat()

    digests = _route(today, window, summary)
    unreachable = {d.recipient.pk: d.recipient.username for d in digests if not d.reachable}
    if unreachable:
        summary["no_contact"] = len(unreachable)
        logger.warning("Deadline check %s: no e-mail or LINE id for %s", today, ", ".join(sorted(unreachable.values())))
    _claim_and_send([d for d in digests if d.reachable], today, summary)
    return summary


def summary_text(summary: dict) -> str:
    """The summary in Thai, as the management command prints it."""
    day = format_short(date.fromisoformat(summary["day"]))
    if not summary["working_day"]:
        why = summary["holiday"] or "วันหยุดสุดสัปดาห์"
        return f"วันที่ {day} ไม่ใช่วันทำการ ({why}): ไม่ตรวจและไม่ส่งการแจ้งเตือน"
    due_until = format_short(date.fromisoformat(summary["due_until"]))
    lines = [
        f"ตรวจเรื่องครบกำหนด วันที่ {day}",
        (f"- เรื่องใกล้ครบกำหนด (ภายใน {due_until}): {summary['due_soon_tickets']} เรื่อง"
         f" ส่งแจ้งเตือน {summary['due_soon_digests']} ฉบับ"),
        (f"- เรื่องเกินกำหนด: {summary['overdue_tickets']} เรื่อง"
         f" ส่งแจ้งหัวหน้าหน่วยงานและกรรมการ {summary['overdue_digests']} ฉบับ"),
        f"- ส่งไปแล้วก่อนหน้านี้ในวันเดียวกัน (ไม่ส่งซ้ำ): {summary['already_sent']} ฉบับ",
        f"- ส่งสำเร็จ {summary['sent']} ฉบับ ส่งไม่สำเร็จ {summary['failed']} ฉบับ",
    ]
    if summary["failed"]:
        lines.append("  เรื่องที่ส่งไม่สำเร็จจะส่งอีกครั้งเมื่อสั่งตรวจรอบถัดไป")
    if summary["no_contact"]:
        lines.append(f"- ไม่มีอีเมลหรือ LINE: {summary['no_contact']} คน (ไม่ได้รับการแจ้งเตือน)")
    if summary["unrouted_tickets"]:
        lines.append(f"- ไม่มีผู้รับการแจ้งเตือน: {summary['unrouted_tickets']} เรื่อง"
                     " (ไม่มีผู้รับผิดชอบ เจ้าหน้าที่ หัวหน้าหน่วยงาน หรือกรรมการ)")
    return "\n".join(lines)
