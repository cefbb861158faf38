"""What this process prints in the annual report and the evidence pack (see core.reporting): the customer profile
table, the customer and stakeholder analysis table and the SIPOCs. Each is the fragment the CS1 PDFs include, with
the same context; none carries personal data (group names and needs only). Four queries whatever the data size."""
from django.utils.translation import gettext_lazy as _

from core.offices.scoping import offices_under
from core.reporting import EvidenceFile, ReportSection, Table

from . import selectors
from .models import DutyRow, Sipoc


def sections(*, office, fiscal_year: int) -> list[ReportSection]:
    return [_profile(office), _duty_analysis(office, fiscal_year), _sipoc(office)]


def evidence_files(*, office, fiscal_year: int) -> list[EvidenceFile]:
    return []  # CS1 keeps no files


def _profile(office) -> ReportSection:
    context = selectors.profile_context(office=office)
    groups = [g for _title, kind_groups in context["sections"] for g in kind_groups]
    rows = [[g.get_kind_display(), g.rank, g.name, g.get_criteria_display(), g.needs, g.expectations, g.office.name]
            for g in groups]
    columns = ["ประเภท", "ลำดับความสำคัญ", "กลุ่ม", "หลักเกณฑ์การจำแนก", "ความต้องการ", "ความคาดหวัง", "กำหนดโดย"]
    return ReportSection(key="cs1-profile", cs=1, title=_("ตารางข้อมูลผู้รับบริการและผู้มีส่วนได้ส่วนเสีย (Customer Profile)"),
                         template="stakeholders/pdf/_profile.html", context={**context, "wide": True},
                         has_data=bool(groups),
                         tables=(Table("CS1 Customer Profile", columns, rows),))


def _duty_analysis(office, fiscal_year: int) -> ReportSection:
    duty_rows = list(DutyRow.objects.filter(office__in=offices_under(office).values("pk"), fiscal_year=fiscal_year)
                     .select_related("office").prefetch_related("missions", "groups")
                     .order_by("office__path", "order", "pk"))

    def names(row, kind):
        return "\n".join(g.name for g in row.groups.all() if g.kind == kind)

    rows = [[r.office.name, r.ministerial_duty, r.other_law_duty,
             "\n".join(f"{m.order}. {m.title}" for m in r.missions.all()), r.other_task, r.process, r.products,
             names(r, "customer"), names(r, "stakeholder")] for r in duty_rows]
    columns = ["หน่วยงาน", "หน้าที่ตามกฎกระทรวง", "หน้าที่ตามกฎหมายอื่นๆ", "พันธกิจตามวิสัยทัศน์",
               "ภารกิจอื่นๆ ที่ได้รับมอบหมาย", "กระบวนการ", "สินค้า/บริการที่ให้", "ผู้รับบริการ", "ผู้มีส่วนได้ส่วนเสีย"]
    return ReportSection(key="cs1-duty-analysis", cs=1, title=_("ตารางการวิเคราะห์ผู้รับบริการและผู้มีส่วนได้ส่วนเสีย"),
                         template="stakeholders/pdf/_duty_analysis.html",
                         context={"office": office, "fiscal_year": fiscal_year, "duty_rows": duty_rows,
                                  "show_office": len({r.office_id for r in duty_rows}) > 1, "wide": True},
                         has_data=bool(duty_rows), tables=(Table("CS1 การวิเคราะห์ผู้รับบริการ", columns, rows),))


def _sipoc(office) -> ReportSection:
    sipocs = list(Sipoc.objects.filter(office__in=offices_under(office).values("pk")).select_related("office")
                  .order_by("office__path", "title", "pk"))
    rows = [[s.office.name, s.title, s.unit, *("\n".join(column) for column in s.columns)] for s in sipocs]
    columns = ["หน่วยงาน", "กระบวนการ", "หน่วยงานที่รับผิดชอบ", "ผู้ส่งมอบ (S)", "ปัจจัยนำเข้า (I)", "กระบวนการ (P)",
               "ผลผลิต (O)", "ผู้รับบริการ (C)"]
    return ReportSection(key="cs1-sipoc", cs=1, title=_("SIPOC ของกระบวนการ"), template="stakeholders/pdf/_sipoc.html",
                         context={"office": office, "sipocs": sipocs, "wide": True}, has_data=bool(sipocs),
                         tables=(Table("CS1 SIPOC", columns, rows),))
