"""Demo tickets for the Chumphon office tree: every state the register, queue and dashboard show.

Dates are relative to today, so the demo always has tickets due soon and overdue. Idempotent: tickets
carry source references DEMO-NNN and are not created twice.
"""
import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from channels.selectors import channel_list
from core.fiscal import fiscal_quarter_of
from core.offices.models import Office, User

from .choices import Kind, Priority, ReplyKind, ReplyMethod
from .models import Category, Ticket
from .services import (
    ticket_assign,
    ticket_create,
    ticket_mark_duplicate,
    ticket_reopen,
    ticket_reply,
    ticket_set_priority,
)

CATEGORIES = ["การส่งเสริมการผลิต", "การจ่ายเงินชดเชย/ช่วยเหลือเกษตรกร", "การให้บริการของเจ้าหน้าที่",
              "ข้อมูลข่าวสาร", "พันธุ์พืชและปัจจัยการผลิต"]
SUBJECTS = {
    Kind.COMPLAINT: ["ขอรับเงินช่วยเหลือภัยแล้งล่าช้า", "เจ้าหน้าที่ไม่อยู่ประจำจุดบริการ", "ได้รับพันธุ์ทุเรียนไม่ครบ",
                     "ไม่ได้รับแจ้งผลการขึ้นทะเบียนเกษตรกร", "ขอให้ตรวจสอบการแจกปุ๋ย"],
    Kind.SUGGESTION: ["ควรเปิดรับลงทะเบียนออนไลน์", "ขอให้จัดอบรมการแปรรูปกาแฟ"],
    Kind.OPINION: ["ความเห็นต่อโครงการแปลงใหญ่"],
    Kind.COMPLIMENT: ["ขอชมเชยเจ้าหน้าที่ที่ให้คำแนะนำดีมาก"],
}


@transaction.atomic
def load_demo(*, count: int = 40) -> int:
    """Create the demo tickets that are missing; returns how many were created."""
    if Ticket.objects.filter(source_ref__startswith="DEMO-").exists():
        return 0
    rng = random.Random(2569)
    today = timezone.localdate()
    province = Office.objects.get(code="CPN")
    districts = list(Office.objects.filter(code__startswith="CPN-").order_by("code"))
    committee = User.objects.filter(username="committee").first()
    channels = list(channel_list())
    categories = [Category.objects.get_or_create(name=name)[0] for name in CATEGORIES]
    created = []
    for n in range(1, count + 1):
        kind = rng.choice([Kind.COMPLAINT] * 6 + [Kind.SUGGESTION, Kind.OPINION, Kind.COMPLIMENT])
        received_on = today - timedelta(days=rng.randint(0, 150))
        ticket = ticket_create(
            kind=kind, channel=rng.choice(channels), office=province, received_on=received_on,
            subject=rng.choice(SUBJECTS[kind]), detail="ข้อมูลตัวอย่างสำหรับทดลองใช้ระบบ",
            category=rng.choice(categories), complainant_name=rng.choice(["นายสมศักดิ์ รักไทย", "นางมาลี ชาวสวน", ""]),
            complainant_contact=rng.choice(["081-111-2222", "malee@example.com", ""]),
            source_ref=f"DEMO-{n:03d}", by=committee, today=today)
        created.append(ticket)
        if rng.random() < 0.85:
            ticket = ticket_assign(ticket=ticket, office=rng.choice(districts), by=committee)
        age = (today - received_on).days
        if age > 10 and rng.random() < 0.75:
            replied_on = min(today, received_on + timedelta(days=rng.randint(3, 30)))
            ticket_reply(ticket=ticket, kind=ReplyKind.FINAL, replied_on=replied_on,
                         method=rng.choice(ReplyMethod.values), text="แจ้งผลการดำเนินการให้ผู้ร้องทราบแล้ว",
                         by=committee, today=today)
            if rng.random() < 0.1:
                ticket_reopen(ticket=ticket, reason="ผู้ร้องแจ้งว่ายังไม่ได้รับการแก้ไข", by=committee, today=today)
    ticket_mark_duplicate(ticket=created[-1], original=created[0], by=committee)
    _rank(created, today=today)
    return len(created)


def _rank(tickets: list[Ticket], *, today) -> None:
    """The executive ranks the complaints of this quarter and the last one (seed 001: each quarter's executive
    meeting), so the executive dashboard shows what was ranked and what was done about it."""
    executive = User.objects.filter(username="executive").first()
    this_quarter = fiscal_quarter_of(today)
    last_quarter = fiscal_quarter_of(this_quarter.start - timedelta(days=1))
    for quarter in (last_quarter, this_quarter):
        complaints = [t for t in tickets if t.kind == Kind.COMPLAINT and quarter.start <= t.received_on <= quarter.end]
        for ticket, priority in zip(complaints, [*Priority.values, Priority.HIGH], strict=False):
            ticket_set_priority(ticket=ticket, priority=priority, by=executive, on=min(quarter.end, today))
