"""What this process prints in the annual report and the evidence pack (see core.reporting): the three-year
statistics, the types of information received, the processes improved (with their photos), table CS2-1 and the
reviews of the channels, all of an office's subtree. The statistics and CS2-1 are the fragments the CS2 PDFs
include. No personal data (channels, groups and what was heard). A fixed number of queries whatever the data size."""
from itertools import groupby

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fiscal import fiscal_year_bounds
from core.offices.scoping import offices_under
from core.reporting import EvidenceFile, ReportSection, Table
from core.thai_dates import format_short

from . import usage
from .models import ChannelReview, GroupChannel, HeardImprovement, InformationType
from .selectors import groups_without_channel

PHOTO_SOURCE = _("ภาพการปรับปรุงกระบวนงาน")


def sections(*, office, fiscal_year: int) -> list[ReportSection]:
    subtree = offices_under(office).values("pk")
    return [_statistics(office, fiscal_year), _information_types(office, fiscal_year, subtree),
            _improvements(office, fiscal_year, subtree), _analysis(office, fiscal_year, subtree),
            _reviews(office, fiscal_year, subtree)]


def evidence_files(*, office, fiscal_year: int) -> list[EvidenceFile]:
    """The before and after photos of the year's improvements."""
    files = []
    for imp in _improvement_rows(fiscal_year, offices_under(office).values("pk")):
        for which, label, photo in imp.photos:
            if photo:
                files.append(EvidenceFile(cs=2, title=f"{label}: {imp.topic}", file=photo, source=str(PHOTO_SOURCE),
                                          content_type=getattr(imp, f"{which}_photo_type") or "image/jpeg"))
    return files


def _statistics(office, fiscal_year: int) -> ReportSection:
    context = usage.statistics_context(office=office, fiscal_years=usage.default_years(fiscal_year))
    table = context["table"]
    has_data = any(cell.keyed is not None or cell.complaints or cell.responses for cell in table.totals)
    columns = ["ช่องทางการรับฟังและเรียนรู้ความต้องการ"]
    for year in table.fiscal_years:
        columns += [f"ปี {year}", f"ข้อร้องเรียน {year}", f"แบบสอบถาม {year}"]

    def numbers(cells):
        return [n for cell in cells for n in (cell.keyed, cell.complaints, cell.responses)]

    rows = [[row.label, *numbers(row.cells)] for row in table.rows] + [["รวม", *numbers(table.totals)]]
    return ReportSection(key="cs2-statistics", cs=2, annual=True, template="channels/pdf/_statistics.html",
                         title=_("ช่องทางการรับฟังและเรียนรู้ความต้องการของผู้รับบริการและผู้มีส่วนได้ส่วนเสีย และสถิติ"),
                         context={**context, "wide": True}, has_data=has_data,
                         tables=(Table("CS2 สถิติผู้ใช้ช่องทาง", columns, rows),))


def _information_types(office, fiscal_year: int, subtree) -> ReportSection:
    rows = list(InformationType.objects.filter(office__in=subtree, fiscal_year=fiscal_year).select_related("office")
                .order_by("office__path", "order", "pk"))
    by_office = [(name, [r.text for r in group]) for name, group in groupby(rows, key=lambda r: r.office.name)]
    return ReportSection(
        key="cs2-information-types", cs=2, annual=True, template="channels/pdf/_information_types.html",
        title=_("ประเภทข้อมูลที่ได้รับจากการรับฟังและเรียนรู้ความต้องการของผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"),
        context={"information_types": by_office, "show_office": len(by_office) > 1}, has_data=bool(rows),
        tables=(Table("CS2 ประเภทข้อมูลที่ได้รับ", ["หน่วยงาน", "ลำดับ", "ประเภทข้อมูลที่ได้รับ"],
                      [[r.office.name, r.order, r.text] for r in rows]),))


def _improvement_rows(fiscal_year: int, subtree) -> list[HeardImprovement]:
    return list(HeardImprovement.objects.filter(office__in=subtree, fiscal_year=fiscal_year)
                .select_related("office", "channel", "group").order_by("office__path", "pk"))


def _improvements(office, fiscal_year: int, subtree) -> ReportSection:
    improvements = _improvement_rows(fiscal_year, subtree)
    rows = [[imp.office.name, imp.topic, imp.get_source_display(), imp.channel.name if imp.channel else "",
             imp.group.name if imp.group else "", imp.steps, imp.result,
             "มี" if imp.before_photo else "ไม่มี", "มี" if imp.after_photo else "ไม่มี"] for imp in improvements]
    columns = ["หน่วยงาน", "เรื่อง (กระบวนงานที่ปรับปรุง)", "ที่มา", "ช่องทางที่รับฟัง", "กลุ่มผู้รับบริการ",
               "วิธีการและขั้นตอนดำเนินการ", "ผลการดำเนินการปรับปรุง", "ภาพก่อนปรับปรุง", "ภาพหลังปรับปรุง"]
    return ReportSection(key="cs2-improvements", cs=2, annual=True, title=_("การปรับปรุงกระบวนงาน"),
                         template="channels/pdf/_improvements.html", context={"improvements": improvements},
                         has_data=bool(improvements), tables=(Table("CS2 การปรับปรุงกระบวนงาน", columns, rows),))


def _analysis(office, fiscal_year: int, subtree) -> ReportSection:
    rows = list(GroupChannel.objects.filter(office__in=subtree).select_related("office", "group", "channel")
                .order_by("office__path", "group__kind", "group__rank", "group__name", "pk"))
    gaps = list(groups_without_channel(office=office, fiscal_year=fiscal_year))
    table = [[r.office.name, r.group.name, r.channel.name, r.channel.get_direction_display(), r.reason,
              r.analysis_method, r.finding, r.owner] for r in rows]
    columns = ["หน่วยงาน", "กลุ่มผู้รับบริการ", "ช่องทางในการรับฟังความต้องการ", "ลักษณะ", "เหตุผลในการเลือกช่องทาง",
               "วิธีวิเคราะห์ข้อมูลความต้องการ", "ผลการวิเคราะห์ข้อมูลความต้องการ", "ผู้รับผิดชอบ/หน่วยงาน"]
    return ReportSection(key="cs2-analysis", cs=2, template="channels/pdf/_cs21.html",
                         title=_("ตารางการวิเคราะห์ช่องทางการรับฟังความต้องการของผู้รับบริการ และผู้มีส่วนได้ส่วนเสีย CS2-1"),
                         context={"office": office, "rows": rows, "gaps": gaps, "printed_on": timezone.localdate(),
                                  "wide": True},
                         has_data=bool(rows), tables=(Table("CS2-1", columns, table),))


def _reviews(office, fiscal_year: int, subtree) -> ReportSection:
    reviews = list(ChannelReview.objects.filter(office__in=subtree, reviewed_on__range=fiscal_year_bounds(fiscal_year))
                   .select_related("office", "group", "channel").order_by("office__path", "reviewed_on", "pk"))
    rows = [[r.office.name, r.group.name if r.group else "", r.channel.name, r.sample_size, r.sampling_method,
             r.statistics, r.collection_method, r.result, format_short(r.reviewed_on)] for r in reviews]
    columns = ["หน่วยงาน", "กลุ่มผู้รับบริการ", "ช่องทางในการรับฟังความต้องการ", "ขนาดกลุ่มตัวอย่าง", "วิธีการสุ่มตัวอย่าง",
               "สถิติที่ใช้ในการวิเคราะห์ข้อมูล", "วิธีเก็บ/รวบรวมข้อมูล", "ผลการทบทวน", "วันที่ทบทวน"]
    return ReportSection(key="cs2-reviews", cs=2, title=_("ตารางการทบทวนช่องทางการรับฟัง"),
                         template="channels/pdf/_reviews.html", context={"reviews": reviews, "wide": True},
                         has_data=bool(reviews), tables=(Table("CS2 การทบทวนช่องทาง", columns, rows),))
