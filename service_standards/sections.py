"""What CS7 prints in the annual report (seed 002: the service charts and manuals, "N เรื่อง M เล่ม", how they were
published, the staff manuals) and the evidence pack (every service's chart, the year's checks on use, RM 3.5 by
service), see core.reporting.

The charts and the summary table are the fragments the process's own PDFs print (`service_chart.html`,
`summary.html`); the services are those `chart_summary` counts (the office's own and those adopted from above), as
the summary PDF of that office lists them. No person is named: the checks print no checker, the staff manuals no
uploader."""
from django.utils import timezone
from django.utils.translation import gettext as _

from core.reporting import EvidenceFile, ReportSection, Table

from . import selectors


def sections(*, office, fiscal_year: int) -> list[ReportSection]:
    summary = selectors.chart_summary(office=office)
    rows = list(selectors.summary_rows(office=office))
    publications = list(selectors.summary_publications(office=office))
    staff_versions = list(selectors.current_staff_versions(office=office))
    services = list(selectors.chart_services(office=office))
    checks = list(selectors.year_checks(office=office, fiscal_year=fiscal_year))
    today = timezone.localdate()
    by_service = selectors.rm35_by_service(office=office, fiscal_year=fiscal_year, today=today)
    total = selectors.rm35_figure(office=office, fiscal_year=fiscal_year, today=today)
    base = {"office": office, "fiscal_year": fiscal_year}
    return [
        ReportSection(
            key="cs7-charts-manuals", cs=7, annual=True,
            title=_("แผนภูมิและคู่มือการติดต่อราชการ"),
            template="service_standards/pdf/_charts_manuals.html",
            context={**base, "summary": summary, "rows": rows, "publications": publications,
                     "staff_versions": staff_versions},
            has_data=bool(rows), empty_note=_("ยังไม่มีงานบริการที่จัดทำแผนผังขั้นตอนและคู่มือการให้บริการ"),
            tables=(Table(_("CS7 แผนภูมิและคู่มือ"),
                          [_("งานบริการ"), _("มาตรฐาน"), _("คู่มือสำหรับประชาชน (ฉบับที่ประกาศใช้)"),
                           _("คู่มือการปฏิบัติงาน (เล่ม)")],
                          [[s.name, f"{s.standard_amount} {s.get_standard_unit_display()}",
                            ", ".join(f"{m.title} (ฉบับที่ {m.version})" for m in s.published), s.staff_count]
                           for s in rows]),
                    Table(_("CS7 การเผยแพร่คู่มือ"), [_("วิธีการเผยแพร่"), _("รายละเอียด"), _("วันที่เผยแพร่"), _("คู่มือ")],
                          [[p.get_method_display(), p.detail, p.published_on, p.manual.title] for p in publications]),
                    Table(_("CS7 คู่มือปฏิบัติงานของบุคลากร"), [_("คู่มือ"), _("งานบริการ"), _("ฉบับที่"), _("วันที่อนุมัติ")],
                          [[v.manual.title, v.manual.service.name, v.version, v.approved_on]
                           for v in staff_versions]))),
        ReportSection(
            key="cs7-service-charts", cs=7,
            title=_("แผนผังขั้นตอนการให้บริการ"),
            template="service_standards/pdf/_service_charts.html", context={**base, "services": services},
            has_data=bool(services), empty_note=_("ยังไม่มีงานบริการที่จัดทำแผนผังขั้นตอนการให้บริการ"),
            tables=(Table(_("CS7 ขั้นตอนการให้บริการ"), [_("งานบริการ"), _("ลำดับ"), _("ขั้นตอน"), _("ระยะเวลา"),
                                                     _("ผู้รับผิดชอบ")],
                          [[s.name, step.order, step.name, f"{step.amount} {s.get_standard_unit_display()}",
                            step.responsible_unit] for s in services for step in s.steps.all()]),)),
        ReportSection(
            key="cs7-checks-on-use", cs=7,
            title=_("การตรวจสอบการนำคู่มือไปใช้ในการปฏิบัติงาน และการแก้ไขปรับปรุง"),
            template="service_standards/pdf/_checks.html", context={**base, "checks": checks},
            has_data=bool(checks), empty_note=_("ยังไม่มีการตรวจสอบการนำคู่มือไปใช้ในปีงบประมาณนี้"),
            tables=(Table(_("CS7 การตรวจสอบการใช้คู่มือ"),
                          [_("วันที่ตรวจ"), _("หน่วยงานที่ตรวจ"), _("งานบริการ"), _("วิธีการตรวจสอบ"), _("ระดับคะแนน"),
                           _("ผลการตรวจ/ข้อค้นพบ"), _("การแก้ไข/ปรับปรุง"), _("สถานะการแก้ไข")],
                          [[c.checked_on, c.office.name, c.service.name, c.get_kind_display(), c.rating, c.finding,
                            c.corrective_action, c.get_action_status_display()] for c in checks]),)),
        ReportSection(
            key="cs7-results", cs=7,
            title=_("ผลการดำเนินการตามมาตรฐานคู่มือการให้บริการ (RM 3.5) จำแนกตามงานบริการ"),
            template="service_standards/pdf/_rm35.html", context={**base, "rows": by_service, "total": total},
            has_data=bool(by_service), empty_note=_("ยังไม่มีคำขอที่แล้วเสร็จในปีงบประมาณนี้"),
            tables=(Table(_("CS7 RM 3.5 รายงานบริการ"), [_("งานบริการ"), _("แล้วเสร็จ"), _("ทันตามมาตรฐาน"), _("ร้อยละ")],
                          [[s.name, f.denominator, f.numerator, f.value] for s, f in by_service]),)),
    ]


def evidence_files(*, office, fiscal_year: int) -> list[EvidenceFile]:
    """The current version of every staff manual of the office's services."""
    return [EvidenceFile(cs=7, title=v.manual.title, file=v.file, content_type=v.file_type, on=v.approved_on,
                         source=_("คู่มือการปฏิบัติงานของบุคลากร"))
            for v in selectors.current_staff_versions(office=office)]
