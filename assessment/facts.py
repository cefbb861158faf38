"""What the system's own data says about an item of the self-assessment, shown beside it (read-only, computed live
through each process's selectors): the answer is the committee's, the facts are the record's.

A fixed number of queries whatever the data (each process counts in the database). No personal data: groups,
channels, categories and counts only — never a complainant, a respondent or a network member.
"""
from dataclasses import dataclass, field
from datetime import date

from django.urls import reverse

from channels import selectors as channels
from channels.choices import ChannelKind
from complaints import kpi
from complaints.selectors import ticket_queryset
from core.offices.models import Office
from satisfaction import selectors as surveys
from stakeholders.choices import GroupKind
from stakeholders.selectors import top_groups

# The channels that are digital technology (item 3.1.3, and the complaints they bring, item 3.4.5).
DIGITAL_KINDS = [ChannelKind.WEBSITE, ChannelKind.LINE, ChannelKind.FACEBOOK, ChannelKind.INSTAGRAM, ChannelKind.X,
                 ChannelKind.EMAIL]
FREQUENT_SHOWN = 5


@dataclass
class Fact:
    """One finding beside an item: a heading, its lines, and the page it comes from."""

    title: str
    lines: list[str] = field(default_factory=list)
    url: str = ""


def _figure(value, suffix: str = "%") -> str:
    return f"{value}{suffix}" if value is not None else "ยังไม่มีข้อมูล"


def item_facts(*, user, office: Office, fiscal_year: int, today: date) -> dict[str, list[Fact]]:
    """{item code: facts} for the office's subtree and the fiscal year."""
    year_query = f"?office={office.code}&fiscal_year={fiscal_year}"
    period = kpi.fiscal_period(fiscal_year)
    tickets = kpi.under_office(ticket_queryset(user=user), office)
    facts: dict[str, list[Fact]] = {}

    # 3.1.2 and 3.1.3: the channels the office listens through (CS2), and which of them are digital.
    used = list(channels.channels_used(office=office, fiscal_year=fiscal_year).order_by("order", "name")
                .values_list("name", "kind"))
    coverage = channels.group_coverage_figure(office=office, fiscal_year=fiscal_year)
    facts["3.1.2"] = [Fact("ช่องทางการรับฟังความต้องการที่ใช้ในปี (CS2)", [
        f"ใช้ {len(used)} ช่องทาง: " + ", ".join(name for name, _kind in used) if used else "ยังไม่มีช่องทางที่ใช้ในปีนี้",
        f"กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่มีช่องทางรับฟัง {_figure(coverage.value)}"
        + (f" ({coverage.numerator} จาก {coverage.denominator} กลุ่ม)" if coverage.denominator else "")],
        reverse("channels:cs21") + year_query)]
    digital = [name for name, kind in used if kind in DIGITAL_KINDS]
    facts["3.1.3"] = [Fact("ช่องทางดิจิทัลที่ใช้รับฟังในปี (CS2)",
                           [", ".join(digital)] if digital else ["ยังไม่มีช่องทางดิจิทัลที่ใช้ในปีนี้"],
                           reverse("channels:index"))]

    # 3.2.1 and 3.2.2: the survey results (CS6) and the two most important groups of each kind with their needs (CS1).
    rm31 = surveys.rm31_mean_figure(office=office, fiscal_year=fiscal_year)
    rm32 = surveys.rm32_bottom2_figure(office=office, fiscal_year=fiscal_year)
    facts["3.2.1"] = [Fact("ผลการสำรวจความพึงพอใจในปี (CS6)", [
        f"ร้อยละความพึงพอใจของผู้รับบริการ (ค่าเฉลี่ย) {_figure(rm31.value)}",
        f"ร้อยละความไม่พึงพอใจ (สองระดับล่างสุด) {_figure(rm32.value)}"
        + (f" จากคำตอบ {rm32.denominator} ข้อ" if rm32.denominator else "")], reverse("satisfaction:index"))]
    top = top_groups(office=office)
    lines = []
    for kind, word in ((GroupKind.CUSTOMER, "ผู้รับบริการ"), (GroupKind.STAKEHOLDER, "ผู้มีส่วนได้ส่วนเสีย")):
        for rank, group in enumerate(top[kind], start=1):
            lines.append(f"{word}ลำดับที่ {rank} คือ {group.name} มีความต้องการ คือ {group.needs or '-'}")
        if not top[kind]:
            lines.append(f"ยังไม่ได้กำหนดกลุ่ม{word}")
    facts["3.2.2"] = [Fact("ผู้รับบริการและผู้มีส่วนได้ส่วนเสียที่สำคัญ 2 ลำดับแรก และความต้องการ (CS1)", lines,
                           reverse("stakeholders:index"))]

    # 3.3.2: services improved from what the channels heard (CS2).
    improved = list(channels.improvement_list(user=user, office=office, fiscal_year=fiscal_year)
                    .order_by("pk").values_list("topic", flat=True)[:FREQUENT_SHOWN + 1])
    facts["3.3.2"] = [Fact("การปรับปรุงบริการจากการรับฟังในปี (CS2)",
                           improved[:FREQUENT_SHOWN] + (["…"] if len(improved) > FREQUENT_SHOWN else [])
                           if improved else ["ยังไม่มีการปรับปรุงที่บันทึกในปีนี้"],
                           reverse("channels:improvements") + year_query)]

    # 3.4.1, 3.4.3, 3.4.4, 3.4.5: the complaints of the year (CS3), counted by complaints.kpi.
    days = kpi.answer_days(tickets, period=period, today=today)
    dashboard = reverse("complaints:dashboard") + f"?fiscal_year={fiscal_year}"
    facts["3.4.1"] = [Fact("ระยะเวลาตอบสนองเรื่องร้องเรียนรอบแรก (CS3)", [
        f"ตอบแล้ว {days.answered} เรื่อง ค่ามัธยฐาน {days.median} วันทำการ ร้อยละ 90 ภายใน {days.p90} วันทำการ"
        if days.answered else "ยังไม่มีเรื่องที่ตอบในปีนี้"], dashboard)]
    frequent = kpi.frequent_complaints(tickets, period=period, limit=FREQUENT_SHOWN)
    repeated = kpi.repeated_complainants(tickets, period=period)
    facts["3.4.3"] = [Fact("ข้อร้องเรียนที่พบบ่อย/ร้องเรียนซ้ำในปี (CS3)", [
        *(f"{f.category} ที่ {f.office} {f.count} เรื่อง" for f in frequent),
        *([] if frequent else ["ไม่มีเรื่องในหมวดหมู่เดียวกันที่หน่วยงานเดียวกันตั้งแต่ 2 เรื่อง"]),
        f"ผู้ร้องเรียนซ้ำ (ตั้งแต่ 2 เรื่อง) {repeated.complainants} ราย รวม {repeated.complaints} เรื่อง"], dashboard)]
    on_time = kpi.answered_on_time(tickets, period=period, today=today)
    facts["3.4.4"] = [Fact("ร้อยละของเรื่องร้องเรียนที่ได้รับการตอบสนองภายในระยะเวลาที่กำหนด (CS3)", [
        f"{_figure(on_time.percent)}" + (f" ({on_time.numerator} จาก {on_time.denominator} เรื่อง)"
                                         if on_time.denominator else "")], dashboard)]
    digital_codes = set(channels.channels_for_office(office=office).filter(kind__in=DIGITAL_KINDS)
                        .values_list("code", flat=True))
    by_channel = [share for share in kpi.volume_by_channel(tickets, period=period) if share.key in digital_codes]
    facts["3.4.5"] = [Fact("เรื่องที่รับผ่านช่องทางดิจิทัลในปี (CS3)",
                           [f"{s.label} {s.count} เรื่อง" for s in by_channel] or ["ยังไม่มีเรื่องที่รับผ่านช่องทางดิจิทัล"],
                           dashboard)]
    return facts
