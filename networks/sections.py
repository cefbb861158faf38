"""What this process prints in the annual report and the evidence pack (see core.reporting): the network table and
the relationship-activity report of an office's subtree, the fragments the CS4 PDFs include. No member of a network
is read (their names and contacts are personal data); the activity photos are the evidence files. A fixed number of
queries whatever the data size."""
from django.utils.translation import gettext_lazy as _

from core.fiscal import fiscal_year_bounds
from core.offices.scoping import offices_under
from core.reporting import EvidenceFile, ReportSection, Table
from core.thai_dates import format_full, format_short

from . import selectors
from .models import ActivityPhoto

PHOTO_SOURCE = _("ภาพกิจกรรมเครือข่าย")


def sections(*, office, fiscal_year: int) -> list[ReportSection]:
    return [_network_table(office), _activity_report(office, fiscal_year)]


def evidence_files(*, office, fiscal_year: int) -> list[EvidenceFile]:
    """The photos of the activities held in the year, captioned with the activity and its date."""
    photos = (ActivityPhoto.objects.filter(activity__network__office__in=offices_under(office).values("pk"),
                                           activity__held_on__range=fiscal_year_bounds(fiscal_year))
              .select_related("activity").order_by("activity__held_on", "activity_id", "pk"))
    return [EvidenceFile(cs=4, title=f"{p.activity.title} {format_full(p.activity.held_on)}", file=p.photo,
                         content_type=p.photo_type or "image/jpeg", source=str(PHOTO_SOURCE), on=p.activity.held_on)
            for p in photos]


def _network_table(office) -> ReportSection:
    context = selectors.subtree_table_context(office=office)
    rows = [[n.office.name, n.name, "\n".join(g.name for g in n.groups.all()), n.get_form_display(), n.form_detail,
             "\n".join(f"{c.get_kind_display()}: {c.value}" for c in n.contact_channels.all())]
            for n in context["networks"]]
    columns = ["หน่วยงาน", "เครือข่าย", "กลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสียที่เป็นเครือข่าย", "ลักษณะรูปแบบของเครือข่าย",
               "รายละเอียด", "ช่องทางการติดต่อสื่อสารกับเครือข่าย"]
    return ReportSection(
        key="cs4-network-table", cs=4, annual=True, template="networks/pdf/_network_table.html", context=context,
        title=_("ตารางแสดงรูปแบบของเครือข่าย และช่องทางการติดต่อสื่อสารกับเครือข่าย จำแนกตามกลุ่มผู้รับบริการ"),
        has_data=bool(context["networks"]), tables=(Table("CS4 ตารางเครือข่าย", columns, rows),))


def _activity_report(office, fiscal_year: int) -> ReportSection:
    context = {**selectors.subtree_report_context(office=office, fiscal_year=fiscal_year), "untitled": True}
    rows = []
    for section in context["sections"]:
        plan = section["plan"]
        for activity, result in section["activities"]:
            rows.append([section["network"].name, plan.title if plan else "", activity.title,
                         activity.get_kind_display(), format_short(activity.held_on), activity.place,
                         activity.participants, activity.outcome, result.mean if result else None,
                         result.respondents if result else None])
    columns = ["เครือข่าย", "เรื่อง/โครงการ", "กิจกรรม", "ประเภท", "วันที่ (พ.ศ.)", "สถานที่", "ผู้เข้าร่วม (คน)",
               "ผลการจัดกิจกรรม", "ความพึงพอใจ (ร้อยละ)", "ผู้ตอบ (คน)"]
    return ReportSection(
        key="cs4-activity-report", cs=4, annual=True, template="networks/pdf/_activity_report.html", context=context,
        title=_("รายงานกิจกรรมสร้างความสัมพันธ์กับเครือข่ายกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสีย"),
        has_data=bool(context["sections"]), tables=(Table("CS4 กิจกรรมสร้างความสัมพันธ์", columns, rows),))
