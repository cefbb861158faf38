"""Every change to a ticket: intake, the workflow, replies, transfers, reopening and deadline moves.

Each service runs in one transaction and writes the ticket's timeline (TicketEvent) in it.
"""
import re
import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, connections, router, transaction
from django.db.models import F, ProtectedError
from django.utils import timezone

from channels.models import Channel
from core.db import in_chunks
from core.files import file_verify
from core.fiscal import fiscal_quarter_of, fiscal_year_of
from core.offices.models import Office
from core.offices.scoping import offices_under
from core.text import LONG_TEXT_MAX, length_error
from core.thai_dates import format_short
from core.workdays.calendar import DEFAULT_RULE_CODE, WORKING_DAYS_15, Deadline, Rule, WorkingCalendar, compute_deadline
from core.workdays.models import DeadlineRule
from core.workdays.selectors import may_change_calendar

from . import dashboard_cache, reports
from .choices import (
    OPEN_STATUSES,
    REOPENABLE_STATUSES,
    REPLYABLE_STATUSES,
    TRANSFERABLE_STATUSES,
    TRANSITIONS,
    EventAction,
    ItaPeriod,
    Kind,
    ReplyKind,
    Status,
)
from .models import (
    Attachment,
    Category,
    ItaReport,
    OfficeStint,
    Reply,
    Ticket,
    TicketEvent,
    TicketPriority,
    TicketRound,
    TicketSequence,
)
from .selectors import handler_candidates

# No letters or digits that read alike (0/O, 1/I/L): citizens type the code from paper.
TRACKING_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TRACKING_LENGTH = 10


def deadline_rule_for(*, kind: str, category: Category | None):
    """The rule a ticket is counted by, or None: compliments have no deadline."""
    if kind == Kind.COMPLIMENT:
        return None
    if category is not None and category.deadline_rule_id:
        return category.deadline_rule
    return DeadlineRule.objects.filter(code=DEFAULT_RULE_CODE).first() or WORKING_DAYS_15


def ticket_deadline(ticket: Ticket, *, calendar: WorkingCalendar | None = None) -> Deadline | None:
    """The current round's deadline with the holidays it skipped (for display)."""
    if not ticket.deadline_basis:
        return None
    start = ticket.rounds.get(number=ticket.round).received_on if ticket.round > 1 else ticket.received_on
    return compute_deadline(start, ticket_rule(ticket), calendar)


def ticket_rule(ticket: Ticket) -> Rule:
    """The rule the ticket was given at intake, as the ticket keeps it (its category's rule may change later)."""
    return Rule(ticket.deadline_basis, ticket.deadline_days)


def complainant_key(contact: str) -> str:
    """The same person across tickets: an e-mail lower-cased, a phone number as its digits."""
    contact = contact.strip()
    if "@" in contact:
        return contact.lower()
    digits = re.sub(r"\D", "", contact)
    return digits if len(digits) >= 6 else contact.lower()


def references_reserve(*, office: Office, fiscal_year: int, count: int = 1) -> list[str]:
    """`count` consecutive references of an office's fiscal year, with one bump of its sequence (row-locked)."""
    sequence, _created = TicketSequence.objects.select_for_update().get_or_create(office=office,
                                                                                  fiscal_year=fiscal_year)
    TicketSequence.objects.filter(pk=sequence.pk).update(last=F("last") + count)
    sequence.refresh_from_db(fields=["last"])
    return [f"{office.code}-{fiscal_year}-{number:05d}" for number in range(sequence.last - count + 1,
                                                                           sequence.last + 1)]


def tracking_codes_new(count: int = 1) -> list[str]:
    """`count` random tracking codes that no ticket has, checked against the database a few hundred at a time."""
    codes: set[str] = set()
    while len(codes) < count:
        fresh = {"".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))
                 for _ in range(count - len(codes))} - codes
        for chunk in in_chunks(list(fresh)):
            fresh -= set(Ticket.objects.filter(tracking_code__in=chunk).order_by()
                         .values_list("tracking_code", flat=True))
        codes |= fresh
    return list(codes)


def backdated_note(received_on: date, today: date) -> str:
    """The timeline note of a ticket received before it was entered; empty when it was not."""
    if received_on >= today:
        return ""
    return f"บันทึกย้อนหลัง: รับเรื่องวันที่ {format_short(received_on)} บันทึกวันที่ {format_short(today)}"


def _note_check(note: str, *, field: str = "note", limit: int = LONG_TEXT_MAX) -> None:
    if message := length_error(note.strip(), limit):
        raise ValidationError({field: message})


def _event(ticket: Ticket, action: str, *, by=None, from_status: str = "", to_status: str = "", note: str = "",
           office: Office | None = None) -> TicketEvent:
    return TicketEvent.objects.create(ticket=ticket, action=action, by=by, from_status=from_status,
                                      to_status=to_status, note=note, office=office or ticket.office)


def _max_length(name: str) -> int:
    return Ticket._meta.get_field(name).max_length or LONG_TEXT_MAX


def intake_validate(*, kind: str, received_on: date, today: date, subject: str, detail: str,
                    complainant_name: str = "", complainant_contact: str = "", source_ref: str = "") -> None:
    """The intake rules every way in shares (form, API, public page, spreadsheet import): one verdict per field,
    so that an import's preview says what its confirm will."""
    errors = {}
    if kind not in Kind.values:
        errors["kind"] = f"ประเภทเรื่องต้องเป็นหนึ่งใน {', '.join(Kind.values)}"
    if received_on > today:
        errors["received_on"] = "วันที่รับเรื่องต้องไม่เป็นวันในอนาคต"
    if not subject.strip():
        errors["subject"] = "กรุณาระบุเรื่อง"
    if not detail.strip():
        errors["detail"] = "กรุณาระบุรายละเอียด"
    texts = {"subject": subject, "detail": detail, "complainant_name": complainant_name,
             "complainant_contact": complainant_contact, "source_ref": source_ref}
    for name, value in texts.items():
        if name not in errors and (message := length_error(value.strip(), _max_length(name))):
            errors[name] = message
    if errors:
        raise ValidationError(errors)


@dataclass(frozen=True, slots=True)
class TicketIntake:
    """A ticket as it comes in by any way (staff form, API, public page, a spreadsheet row), before it is written."""

    kind: str
    channel: Channel
    office: Office
    received_on: date
    subject: str
    detail: str
    category: Category | None = None
    complainant_name: str = ""
    complainant_contact: str = ""
    anonymous: bool = False
    confidential: bool = False
    source_ref: str = ""
    # Where it came from when the timeline should say so (an import's file and row); follows the back-dating note.
    origin: str = ""


@transaction.atomic
def ticket_create(*, kind: str, channel: Channel, office: Office, received_on: date, subject: str, detail: str,
                  category: Category | None = None, complainant_name: str = "", complainant_contact: str = "",
                  anonymous: bool = False, confidential: bool = False, source_ref: str = "", by=None,
                  today: date | None = None, attachment: File | None = None) -> Ticket:
    """Receive a ticket, with the file that came with it if any. Back-dating is allowed (the receipt may precede its
    entry) and recorded. A refused attachment leaves no ticket behind: both are one transaction."""
    today = today or timezone.localdate()
    if channel is None:
        raise ValidationError({"channel": "กรุณาระบุช่องทางที่รับเรื่อง"})
    intake_validate(kind=kind, received_on=received_on, today=today, subject=subject, detail=detail,
                    complainant_name=complainant_name, complainant_contact=complainant_contact, source_ref=source_ref)
    if source_ref and Ticket.objects.filter(receiving_office=office, source_ref=source_ref).exists():
        raise ValidationError({"source_ref": f"มีเรื่องเลขอ้างอิงต้นทาง {source_ref} ของหน่วยงานนี้อยู่แล้ว"})
    intake = TicketIntake(kind=kind, channel=channel, office=office, received_on=received_on, subject=subject,
                          detail=detail, category=category, complainant_name=complainant_name,
                          complainant_contact=complainant_contact, anonymous=anonymous, confidential=confidential,
                          source_ref=source_ref)
    (reference,) = tickets_create(intakes=[intake], by=by, today=today)
    ticket = Ticket.objects.get(reference=reference)
    if attachment:
        ticket_attach(ticket=ticket, file=attachment)
    return ticket


WRITE_BATCH = 5_000  # tickets built and inserted at a time: memory stays that size whatever a file holds


@transaction.atomic
def tickets_create(*, intakes: list[TicketIntake], by, today: date) -> list[str]:
    """Write tickets received, each with its first round, its first office stint and its "created" timeline line:
    the one way a ticket is made, whether one (`ticket_create`) or a file's 50,000 (the spreadsheet import).
    Returns their references, in the intakes' order.

    The intakes have passed `intake_validate`. Whatever their number, the deadlines come from one calendar, the
    references from one reservation per office and fiscal year, and the rows go in WRITE_BATCH at a time. Only
    the references are kept between batches: 50,000 tickets kept as objects would take a web worker's memory.
    """
    if not intakes:
        return []
    rules = {}  # one per kind and category, not per ticket: the default rule is a query
    for intake in intakes:
        if (key := _rule_key(intake)) not in rules:
            rules[key] = deadline_rule_for(kind=intake.kind, category=intake.category)
    received = [intake.received_on for intake in intakes]
    calendar = WorkingCalendar.for_deadlines(min(received), max(received),
                                             rules=[rule for rule in rules.values() if rule] or [WORKING_DAYS_15])
    blocks = Counter((intake.office, fiscal_year_of(intake.received_on)) for intake in intakes)
    references = {(office.pk, year): iter(references_reserve(office=office, fiscal_year=year, count=count))
                  for (office, year), count in blocks.items()}
    codes = iter(tracking_codes_new(len(intakes)))
    due_dates: dict = {}  # far fewer receipt dates than tickets in a file
    made = []
    for start in range(0, len(intakes), WRITE_BATCH):
        batch = intakes[start:start + WRITE_BATCH]
        tickets = []
        for intake in batch:
            rule_key = _rule_key(intake)
            rule, due_key = rules[rule_key], (intake.received_on, rule_key)
            if due_key not in due_dates:
                due_dates[due_key] = calendar.deadline(intake.received_on, rule).due_on if rule else None
            reference = next(references[intake.office.pk, fiscal_year_of(intake.received_on)])
            tickets.append(_ticket_built(intake, rule=rule, due_on=due_dates[due_key], by=by, today=today,
                                         reference=reference, tracking_code=next(codes)))
        _tickets_insert(tickets, intakes=batch, by=by, today=today)
        made += [ticket.reference for ticket in tickets]
    return made


def _rule_key(intake: TicketIntake) -> tuple[str, int | None]:
    return intake.kind, intake.category.pk if intake.category else None


def _ticket_built(intake: TicketIntake, *, rule: Rule | None, due_on: date | None, by, today: date, reference: str,
                  tracking_code: str) -> Ticket:
    contact = intake.complainant_contact.strip()
    return Ticket(
        reference=reference, tracking_code=tracking_code, kind=intake.kind, channel_id=intake.channel.pk,
        receiving_office_id=intake.office.pk, office_id=intake.office.pk,
        category_id=intake.category.pk if intake.category else None,
        subject=intake.subject.strip(), detail=intake.detail.strip(), received_on=intake.received_on,
        entered_on=today,
        # Anonymity is kept by not storing the name at all, not by hiding it.
        complainant_name="" if intake.anonymous else intake.complainant_name.strip(),
        complainant_contact=contact, complainant_key=complainant_key(contact) if contact else "",
        anonymous=intake.anonymous, confidential=intake.confidential, source_ref=intake.source_ref,
        created_by_id=by.pk if by else None, due_on=due_on,
        deadline_basis=rule.basis if rule else "", deadline_days=rule.days if rule else None,
    )


def _tickets_insert(tickets: list[Ticket], *, intakes: list[TicketIntake], by, today: date) -> None:
    """Insert built tickets, then their first rounds, stints and "created" lines."""
    _insert(Ticket, tickets)
    references = [ticket.reference for ticket in tickets]
    ids = {}
    for chunk in in_chunks(references):
        ids.update(Ticket.objects.filter(reference__in=chunk).order_by().values_list("reference", "pk"))
    now = timezone.now()
    _insert(TicketRound, [TicketRound(ticket_id=ids[t.reference], number=1, received_on=t.received_on,
                                      due_on=t.due_on) for t in tickets])
    _insert(OfficeStint, [OfficeStint(ticket_id=ids[t.reference], office_id=t.office_id, started_at=now)
                          for t in tickets])
    _insert(TicketEvent, [
        TicketEvent(ticket_id=ids[t.reference], action=EventAction.CREATED, by_id=by.pk if by else None,
                    to_status=Status.RECEIVED, office_id=t.office_id, note=_created_note(intake, today))
        for t, intake in zip(tickets, intakes)
    ])


def _created_note(intake: TicketIntake, today: date) -> str:
    return "; ".join(part for part in (backdated_note(intake.received_on, today), intake.origin) if part)


def _insert(model, objects: list) -> None:
    """INSERT the objects with one prepared statement run many times (executemany); ids are not returned.

    Not bulk_create: that builds the SQL of every batch and prepares every value through the query compiler, in
    batches of 30 tickets under SQLite's 999-parameter cap, and took most of a 50,000-row import. The values
    are still prepared by the model's own fields (defaults, auto_now_add, conversions), as save() would.
    """
    db = connections[router.db_for_write(model)]  # the connection itself, not the per-thread proxy, per value
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = db.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES ({', '.join(['%s'] * len(fields))})")
    with db.cursor() as cursor:
        for start in range(0, len(objects), WRITE_BATCH):
            cursor.executemany(sql, [[f.get_db_prep_save(f.pre_save(obj, True), db) for f in fields]
                                     for obj in objects[start:start + WRITE_BATCH]])


@transaction.atomic
def ticket_change_status(*, ticket: Ticket, to_status: str, by=None, note: str = "") -> Ticket:
    """Move along the workflow; refuses a change that is not allowed. Rejection needs a reason."""
    _note_check(note)
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if to_status not in TRANSITIONS.get(ticket.status, set()):
        raise ValidationError(f"เปลี่ยนสถานะจาก “{Status(ticket.status).label}” เป็น “{Status(to_status).label}” ไม่ได้")
    if to_status == Status.REJECTED:
        if not note.strip():
            raise ValidationError({"note": "กรุณาระบุเหตุผลที่ไม่รับพิจารณา"})
        ticket.rejection_reason = note.strip()
    from_status, ticket.status = ticket.status, to_status
    ticket.save(update_fields=["status", "rejection_reason"])
    _event(ticket, EventAction.STATUS, by=by, from_status=from_status, to_status=to_status, note=note)
    return ticket


def _move_office(ticket: Ticket, office: Office) -> None:
    now = timezone.now()
    OfficeStint.objects.filter(ticket=ticket, ended_at__isnull=True).update(ended_at=now)
    OfficeStint.objects.create(ticket=ticket, office=office, started_at=now)
    ticket.office = office


@transaction.atomic
def ticket_assign(*, ticket: Ticket, office: Office, handler=None, by=None, note: str = "") -> Ticket:
    """Give the ticket to an office (and optionally a person). A received ticket is screened on the way."""
    _note_check(note)
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status == Status.RECEIVED:
        ticket = ticket_change_status(ticket=ticket, to_status=Status.SCREENED, by=by)
    if ticket.status not in (Status.SCREENED, Status.ASSIGNED, Status.IN_PROGRESS):
        raise ValidationError(f"มอบหมายเรื่องที่มีสถานะ “{Status(ticket.status).label}” ไม่ได้")
    if handler is not None and not handler_candidates(offices=offices_under(office)).filter(pk=handler.pk).exists():
        raise ValidationError({"handler": "ผู้รับผิดชอบต้องเป็นผู้ที่จัดการเรื่องร้องเรียนได้ (กรรมการ เจ้าหน้าที่ "
                                          "หรือผู้ดูแลระบบ) ในหน่วยงานที่ได้รับมอบหมาย"})
    from_status = ticket.status
    if ticket.office_id != office.pk:
        _move_office(ticket, office)
    ticket.handler = handler
    ticket.status = Status.ASSIGNED if ticket.status == Status.SCREENED else ticket.status
    ticket.save(update_fields=["office", "handler", "status"])
    who = f" ผู้รับผิดชอบ: {handler}" if handler else ""
    _event(ticket, EventAction.ASSIGNED, by=by, from_status=from_status, to_status=ticket.status, office=office,
           note=f"มอบหมายให้ {office.name}{who}" + (f" — {note}" if note else ""))
    return ticket


@transaction.atomic
def ticket_transfer(*, ticket: Ticket, to_office: Office, by=None, note: str = "") -> Ticket:
    """Hand the ticket to another office. The citizen's clock does not restart; each office's time is kept."""
    _note_check(note)
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status not in TRANSFERABLE_STATUSES:
        raise ValidationError(f"โอนเรื่องที่มีสถานะ “{Status(ticket.status).label}” ไม่ได้")
    if ticket.office_id == to_office.pk:
        raise ValidationError({"office": "เรื่องนี้อยู่ที่หน่วยงานนี้แล้ว"})
    from_office = ticket.office
    _move_office(ticket, to_office)
    ticket.handler = None
    from_status = ticket.status
    if ticket.status in (Status.RECEIVED, Status.SCREENED):
        ticket.status = Status.ASSIGNED
    ticket.save(update_fields=["office", "handler", "status"])
    _event(ticket, EventAction.TRANSFERRED, by=by, from_status=from_status, to_status=ticket.status,
           office=to_office, note=f"โอนจาก {from_office.name} ไป {to_office.name}" + (f" — {note}" if note else ""))
    return ticket


@transaction.atomic
def ticket_reply(*, ticket: Ticket, kind: str, replied_on: date, method: str, text: str, by=None,
                 today: date | None = None) -> Reply:
    """Record a reply to the complainant. The round's clock stops at its first final reply."""
    today = today or timezone.localdate()
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    current = ticket.rounds.get(number=ticket.round)
    errors = {}
    if replied_on > today:
        errors["replied_on"] = "วันที่แจ้งต้องไม่เป็นวันในอนาคต"
    elif replied_on < current.received_on:
        errors["replied_on"] = "วันที่แจ้งต้องไม่ก่อนวันที่รับเรื่อง"
    if not text.strip():
        errors["text"] = "กรุณาระบุข้อความที่แจ้งผู้ร้อง"
    elif message := length_error(text.strip(), LONG_TEXT_MAX):
        errors["text"] = message
    if kind == ReplyKind.FINAL and ticket.status not in REPLYABLE_STATUSES:
        errors["kind"] = f"เรื่องที่มีสถานะ “{Status(ticket.status).label}” แจ้งผลแล้ว หรือไม่รับพิจารณา"
    if errors:
        raise ValidationError(errors)
    reply = Reply.objects.create(ticket=ticket, round=ticket.round, kind=kind, replied_on=replied_on, method=method,
                                 text=text.strip(), by=by)
    from_status = ticket.status
    if kind == ReplyKind.FINAL:
        on_time = None if current.due_on is None else replied_on <= current.due_on
        TicketRound.objects.filter(pk=current.pk).update(answered_on=replied_on, on_time=on_time)
        ticket.answered_on, ticket.status = replied_on, Status.ANSWERED
        if ticket.round == 1:  # the first round's verdict is the one the KPI counts, frozen here
            ticket.on_time = on_time
            ticket.working_days_to_answer = WorkingCalendar.between(ticket.received_on, replied_on).working_days_after(
                ticket.received_on, replied_on)
        ticket.save(update_fields=["answered_on", "status", "on_time", "working_days_to_answer"])
    _event(ticket, EventAction.REPLIED, by=by, from_status=from_status, to_status=ticket.status,
           note=f"{ReplyKind(kind).label} ({format_short(replied_on)})")
    return reply


@transaction.atomic
def ticket_reopen(*, ticket: Ticket, reason: str, by=None, today: date | None = None) -> Ticket:
    """A new round with its own deadline; the earlier rounds' verdicts stay as they were."""
    today = today or timezone.localdate()
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    if ticket.status not in REOPENABLE_STATUSES:
        raise ValidationError(f"เปิดเรื่องที่มีสถานะ “{Status(ticket.status).label}” ใหม่ไม่ได้")
    if not reason.strip():
        raise ValidationError({"reason": "กรุณาระบุเหตุที่เปิดเรื่องใหม่"})
    _note_check(reason, field="reason", limit=TicketRound._meta.get_field("reason").max_length)
    due = compute_deadline(today, ticket_rule(ticket)).due_on if ticket.deadline_basis else None
    ticket.round += 1
    TicketRound.objects.create(ticket=ticket, number=ticket.round, received_on=today, due_on=due,
                               reason=reason.strip())
    from_status = ticket.status
    ticket.status, ticket.due_on, ticket.answered_on = Status.IN_PROGRESS, due, None
    ticket.save(update_fields=["round", "status", "due_on", "answered_on"])
    _event(ticket, EventAction.REOPENED, by=by, from_status=from_status, to_status=ticket.status,
           note=f"รอบที่ {ticket.round}: {reason}")
    return ticket


@transaction.atomic
def ticket_mark_duplicate(*, ticket: Ticket, original: Ticket, by=None) -> Ticket:
    """Merge a duplicate into the original: it counts as volume, not in the KPI, and is closed."""
    if original.pk == ticket.pk or original.duplicate_of_id == ticket.pk:
        raise ValidationError("เรื่องซ้ำต้องอ้างถึงเรื่องอื่น")
    ticket = Ticket.objects.select_for_update().get(pk=ticket.pk)
    original = original.duplicate_of or original
    from_status = ticket.status
    ticket.duplicate_of, ticket.status = original, Status.CLOSED
    ticket.save(update_fields=["duplicate_of", "status"])
    _event(ticket, EventAction.DUPLICATE, by=by, from_status=from_status, to_status=Status.CLOSED,
           note=f"ซ้ำกับเรื่อง {original.reference}")
    _event(original, EventAction.DUPLICATE, by=by, note=f"รวมเรื่องซ้ำ {ticket.reference}")
    return ticket


@transaction.atomic
def ticket_set_priority(*, ticket: Ticket, priority: str, by=None, on: date | None = None) -> TicketPriority:
    """The executives' ranking for the fiscal quarter of `on` (today by default)."""
    quarter = fiscal_quarter_of(on or timezone.localdate())
    ranking, _created = TicketPriority.objects.update_or_create(
        ticket=ticket, fiscal_year=quarter.fiscal_year, quarter=quarter.quarter,
        defaults={"priority": priority, "ranked_by": by})
    _event(ticket, EventAction.PRIORITY, by=by, note=f"{quarter.label}: {ranking.get_priority_display()}")
    return ranking


def open_deadlines_recompute(*, dates: list[date], reason: str) -> int:
    """Move the deadlines of open tickets whose current round spans a changed calendar date.

    Called by the calendar service inside its transaction. One read, one bulk update, one bulk insert of
    timeline lines, whatever the number of tickets.
    """
    if not dates:
        return 0
    first, last = min(dates), max(dates)
    affected = list(
        TicketRound.objects.filter(ticket__status__in=OPEN_STATUSES, number=F("ticket__round"),
                                   due_on__isnull=False, received_on__lte=last, due_on__gte=first - timedelta(days=1))
        .select_related("ticket")
    )
    if not affected:
        return 0
    calendar = WorkingCalendar.for_deadlines(min(r.received_on for r in affected), max(r.received_on for r in affected),
                                             rules=[ticket_rule(r.ticket) for r in affected])
    moved_rounds, moved_tickets, events = [], [], []
    for current in affected:
        ticket = current.ticket
        new_due = calendar.deadline(current.received_on, ticket_rule(ticket)).due_on
        if new_due == current.due_on:
            continue
        events.append(TicketEvent(ticket=ticket, action=EventAction.DEADLINE_MOVED, office_id=ticket.office_id,
                                  note=f"วันครบกำหนดเปลี่ยนจาก {format_short(current.due_on)} เป็น "
                                       f"{format_short(new_due)} เพราะ{reason}"))
        current.due_on = ticket.due_on = new_due
        moved_rounds.append(current)
        moved_tickets.append(ticket)
    TicketRound.objects.bulk_update(moved_rounds, ["due_on"], batch_size=1000)
    Ticket.objects.bulk_update(moved_tickets, ["due_on"], batch_size=1000)
    TicketEvent.objects.bulk_create(events, batch_size=1000)
    return len(moved_tickets)



@transaction.atomic
def ticket_attach(*, ticket: Ticket, file: File) -> Attachment:
    """Attach a file that came with the ticket: the same check as plan evidence (type, size, content sniffed)."""
    try:
        file_verify(file=file)
    except ValidationError as exc:
        raise ValidationError({"attachment": exc.error_list}) from exc
    return Attachment.objects.create(ticket=ticket, file=file, name=file.name, size=file.size)


@transaction.atomic
def follow_up_row_add(*, form, office: Office, fiscal_year: int):
    """Add a row to the follow-up plan (slide 13) or the improvement analysis (slide 14) from a valid form."""
    row = form.save(commit=False)
    row.office, row.fiscal_year = office, fiscal_year
    row.full_clean()
    row.save()
    return row


CATEGORY_NAME_MAX = Category._meta.get_field("name").max_length


@transaction.atomic
def category_save(*, category: Category | None = None, name: str, deadline_rule: DeadlineRule | None,
                  is_active: bool = True, by=None) -> Category:
    """Add a complaint category (`category` None) or change one: its name, its deadline rule (None: the default
    15 working days) and whether intake offers it. A new rule counts the tickets received from then on; each ticket
    keeps the rule it was given at intake (`ticket_rule`).

    The list is national, like the holiday calendar: `by` must be allowed to change that (None for code and tests).
    """
    if by is not None and not may_change_calendar(by):
        raise PermissionDenied("เฉพาะผู้ดูแลระบบของหน่วยงานระดับบนสุดแก้ไขหมวดหมู่เรื่องได้")
    name = name.strip()
    if not name:
        raise ValidationError({"name": "กรุณาระบุชื่อหมวดหมู่"})
    if message := length_error(name, CATEGORY_NAME_MAX):
        raise ValidationError({"name": message})
    if Category.objects.filter(name=name).exclude(pk=category.pk if category else None).exists():
        raise ValidationError({"name": f"มีหมวดหมู่ชื่อ {name} อยู่แล้ว"})
    category = category or Category()
    category.name, category.deadline_rule, category.is_active = name, deadline_rule, is_active
    try:
        with transaction.atomic():
            category.save()
    except IntegrityError as exc:  # the same name saved a moment ago by someone else
        raise ValidationError({"name": f"มีหมวดหมู่ชื่อ {name} อยู่แล้ว"}) from exc
    transaction.on_commit(dashboard_cache.categories_changed)
    return category


@transaction.atomic
def category_delete(*, category: Category, by=None) -> None:
    """Delete a category no ticket was filed under; one with tickets is switched off instead (they keep it)."""
    if by is not None and not may_change_calendar(by):
        raise PermissionDenied("เฉพาะผู้ดูแลระบบของหน่วยงานระดับบนสุดแก้ไขหมวดหมู่เรื่องได้")
    in_use = "หมวดหมู่นี้มีเรื่องที่บันทึกไว้แล้ว จึงลบไม่ได้ ให้ปิดการใช้งานแทน (เรื่องเดิมยังคงอยู่ในหมวดหมู่นี้)"
    if category.tickets.exists():
        raise ValidationError(in_use)
    try:
        category.delete()
    except ProtectedError as exc:  # a ticket was filed under it a moment ago
        raise ValidationError(in_use) from exc
    transaction.on_commit(dashboard_cache.categories_changed)


@transaction.atomic
def ita_publish(*, office: Office, fiscal_year: int, period: str, published: bool, by=None) -> ItaReport:
    """Publish a period of the ITA complaint-handling report on the office's public page, or take it down. A period
    that has not begun has nothing to report yet: refused with a Thai message, nothing changed."""
    if period not in ItaPeriod.values:
        raise ValidationError({"period": "ไม่มีรอบรายงานนี้"})
    if published and reports.ita_period(fiscal_year=fiscal_year, period=period).start > timezone.localdate():
        raise ValidationError({"period": "รอบรายงานนี้ยังไม่เริ่ม จึงยังเผยแพร่ไม่ได้"})
    report, _created = ItaReport.objects.select_for_update().get_or_create(
        office=office, fiscal_year=fiscal_year, period=period)
    report.is_published = published
    if published:
        report.published_at, report.published_by = timezone.now(), by
    report.save()
    return report
