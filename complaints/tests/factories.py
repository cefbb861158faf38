"""Tickets for tests, created through the intake service (references, rounds and deadlines as in life)."""
from datetime import date

from channels.selectors import channel_by_code
from complaints.choices import Kind
from complaints.services import ticket_create


def make_ticket(*, office, received_on: date = date(2026, 4, 10), kind: str = Kind.COMPLAINT, channel: str = "phone",
                subject: str = "ถนนหน้าสำนักงานชำรุด", detail: str = "ขอให้ซ่อมแซมถนน", today: date | None = None,
                **fields):
    return ticket_create(kind=kind, channel=channel_by_code(channel), office=office, received_on=received_on,
                         subject=subject, detail=detail, today=today or max(received_on, date(2026, 11, 21)),
                         **fields)
