"""What CS6 prints in the annual report (seed 002: the improvements made from the satisfaction and dissatisfaction
results) and the evidence pack (the year's rounds with RM 3.1 and RM 3.2 by respondent group), see core.reporting.

The figures are the indicators' own (`selectors.round_figures`, the RM 3.1/3.2 functions); no personal data: no
respondent, no answer text, no owner of an improvement."""
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.reporting import EvidenceFile, ReportSection, Table

from . import selectors
from .improvements import year_improvements
from .models import Improvement

FROM_DISSATISFACTION = gettext_lazy("การปรับปรุงจากผลการวัดความไม่พึงพอใจ")
FROM_SATISFACTION = gettext_lazy("การปรับปรุงจากผลการวัดความพึงพอใจ")


def sections(*, office, fiscal_year: int) -> list[ReportSection]:
    dissatisfaction, satisfaction = year_improvements(office=office, fiscal_year=fiscal_year)
    groups = selectors.year_results(office=office, fiscal_year=fiscal_year)
    year = {"rm31_mean": selectors.rm31_mean_figure(office=office, fiscal_year=fiscal_year),
            "rm31_top2": selectors.rm31_top2_figure(office=office, fiscal_year=fiscal_year),
            "rm32_bottom2": selectors.rm32_bottom2_figure(office=office, fiscal_year=fiscal_year),
            "rm32_reported": selectors.rm32_reported_figure(office=office, fiscal_year=fiscal_year)}
    base = {"office": office, "fiscal_year": fiscal_year}
    parts = [(FROM_DISSATISFACTION, dissatisfaction, _("ไม่มีการปรับปรุงจากผลการวัดความไม่พึงพอใจในปีงบประมาณนี้")),
             (FROM_SATISFACTION, satisfaction, _("ไม่มีการปรับปรุงจากผลการวัดความพึงพอใจในปีงบประมาณนี้"))]
    return [
        ReportSection(
            key="cs6-improvements", cs=6, annual=True,
            title=_("การนำผลการวัดความพึงพอใจและไม่พึงพอใจ ไปปรับปรุงการปฏิบัติงาน"),
            template="satisfaction/pdf/_improvements.html", context={**base, "parts": parts},
            has_data=bool(dissatisfaction or satisfaction),
            empty_note=_("ยังไม่มีการปรับปรุงจากผลการวัดความพึงพอใจและไม่พึงพอใจในปีงบประมาณนี้"),
            tables=(Table(_("CS6 การปรับปรุงจากผลสำรวจ"),
                          [_("ผลการวัด"), _("เรื่อง"), _("การแก้ไข"), _("รอบการสำรวจ"), _("หน่วยงาน"), _("สถานะ"),
                           _("กำหนดเสร็จ")],
                          [[str(heading), i.topic, i.fix, i.round.title, i.round.office.name, i.get_status_display(),
                            i.due_on] for heading, rows, _none in parts for i in rows]),)),
        ReportSection(
            key="cs6-results", cs=6,
            title=_("ผลการวัดความพึงพอใจและความไม่พึงพอใจ จำแนกตามกลุ่มผู้รับบริการ/ผู้มีส่วนได้ส่วนเสีย"),
            template="satisfaction/pdf/_results.html",
            context={**base, "groups": groups, "year": year, "respondents": sum(g.respondents for g in groups)},
            has_data=bool(groups), empty_note=_("ยังไม่มีรอบการสำรวจความพึงพอใจในปีงบประมาณนี้"),
            tables=(_results_table(groups),)),
    ]


def evidence_files(*, office, fiscal_year: int) -> list[EvidenceFile]:
    """Each improvement's evidence file."""
    rows = (Improvement.objects.filter(round__in=selectors.year_rounds(office=office, fiscal_year=fiscal_year)
                                       .values("pk")).exclude(evidence="").order_by("due_on", "pk"))
    return [EvidenceFile(cs=6, title=i.topic, file=i.evidence, content_type=i.evidence_content_type, on=i.due_on,
                         source=_("หลักฐานการปรับปรุงจากผลสำรวจ")) for i in rows]


def _results_table(groups) -> Table:
    def values(figures):
        return [figures[key].value for key in ("rm31_mean", "rm31_top2", "rm32_bottom2", "rm32_reported")]

    return Table(_("CS6 ผลการวัดความพึงพอใจ"),
                 [_("กลุ่ม"), _("รอบการสำรวจ"), _("หน่วยงาน"), _("ผู้ตอบ"), _("RM 3.1 วิธีค่าเฉลี่ย"),
                  _("RM 3.1 สองระดับบน"), _("RM 3.2 สองระดับล่าง"), _("RM 3.2 ผู้แจ้งความไม่พึงพอใจ")],
                 [[g.group, r.title, r.office.name, r.respondents, *values(f)] for g in groups for r, f in g.rounds])
