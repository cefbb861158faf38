"""What this process prints in the annual report and the evidence pack (see core.reporting).

Four sections of an office's subtree and fiscal year, each the fragment its own PDF prints (complaints/pdf/_*.html):
the complaint results (seed 002's last section, the ITA report's body), the follow-up quality plan and the improvement
analysis (seed 001 slides 13, 14), and the year's register without a complainant or anything a complainant wrote.
No evidence files: a ticket's attachments are the complainant's.
"""
from django.utils import timezone
from django.utils.translation import gettext as _

from core.reporting import EvidenceFile, ReportSection, Table

from . import kpi, reports

CS = 3


def _results(*, office, fiscal_year: int, today) -> ReportSection:
    context = reports.results_context(office=office, period=kpi.fiscal_period(fiscal_year), today=today)
    r, analyses = context["results"], context["improvements"]
    c = r.counts
    rows = [[s.label, s.count] for s in r.channels]
    kinds = [[s.label, s.count] for s in r.kinds]
    handling = [[_("เรื่องที่ได้รับทั้งหมด"), c.received], [_("ดำเนินการแล้วเสร็จ"), r.handled],
                [_("อยู่ระหว่างดำเนินการ"), r.pending], [_("ข้อร้องเรียนที่นับในตัวชี้วัด"), c.counted],
                [_("ข้อร้องเรียนที่แจ้งผลภายในกำหนด"), c.on_time],
                [_("ร้อยละที่แจ้งผลภายในกำหนด"), float(c.kpi.percent) if c.kpi.percent is not None else None]]
    improved = [[a.office.name, a.process_improved, a.analysis_result, a.owner] for a in analyses]
    return ReportSection(
        key="cs3-complaint-results", cs=CS, title=_("ผลการจัดการข้อร้องเรียน"),
        template="complaints/pdf/_complaint_results.html", context=context, annual=True,
        has_data=bool(c.received or analyses),
        empty_note=_("ไม่มีเรื่องร้องเรียน/ข้อเสนอแนะที่ได้รับ และยังไม่มีการบันทึกการปรับปรุงในปีงบประมาณนี้"),
        tables=(Table(_("CS3 เรื่องตามช่องทาง"), [_("ช่องทาง"), _("จำนวน (เรื่อง)")], rows),
                Table(_("CS3 เรื่องตามประเภท"), [_("ประเภทเรื่อง"), _("จำนวน (เรื่อง)")], kinds),
                Table(_("CS3 ผลการดำเนินการ"), [_("รายการ"), _("จำนวน")], handling),
                Table(_("CS3 การปรับปรุง"), [_("หน่วยงาน"), _("กระบวนการที่ปรับปรุง"), _("ผลการวิเคราะห์ข้อมูล"),
                                             _("ผู้รับผิดชอบ/หน่วยงาน")], improved)))


def _follow_up_plan(*, office, fiscal_year: int) -> ReportSection:
    context = reports.follow_up_context(office=office, fiscal_year=fiscal_year)
    rows = [[p.office.name, p.process, p.get_priority_display(), p.timing, p.frequency, p.owner, p.related_party,
             p.follow_up_channel] for p in context["plans"]]
    return ReportSection(
        key="cs3-follow-up-plan", cs=CS, title=_("แผนปฏิบัติการการติดตามคุณภาพการจัดการข้อร้องเรียน"),
        template="complaints/pdf/_follow_up_plan.html", context=context, has_data=bool(rows),
        empty_note=_("ยังไม่มีแผนการติดตามคุณภาพการจัดการข้อร้องเรียนในปีงบประมาณนี้"),
        tables=(Table(_("CS3 แผนติดตามคุณภาพ"), [_("หน่วยงาน"), _("กระบวนการ"), _("ลำดับความสำคัญ"), _("ระยะเวลา"),
                                                   _("ความถี่"), _("ผู้รับผิดชอบ"), _("ผู้ที่เกี่ยวข้อง"),
                                                   _("ช่องทางการติดตาม")], rows),))


def _improvement_analysis(*, office, fiscal_year: int) -> ReportSection:
    context = reports.analysis_context(office=office, fiscal_year=fiscal_year)
    rows = [[a.office.name, a.follow_up_data, a.follow_up_channel, a.analysis_method, a.analysis_result, a.analyst,
             a.get_priority_display(), a.improvement_factors, a.process_improved, a.owner, a.related_party]
            for a in context["analyses"]]
    return ReportSection(
        key="cs3-improvement-analysis", cs=CS,
        title=_("ตารางการวิเคราะห์และนำผลการวิเคราะห์การติดตามคุณภาพการจัดการข้อร้องเรียนไปปรับปรุงกระบวนการทำงาน"),
        template="complaints/pdf/_improvement_analysis.html", context=context, has_data=bool(rows),
        empty_note=_("ยังไม่มีการวิเคราะห์ผลการติดตามคุณภาพการจัดการข้อร้องเรียนในปีงบประมาณนี้"),
        tables=(Table(_("CS3 วิเคราะห์และปรับปรุง"),
                      [_("หน่วยงาน"), _("ข้อมูลการติดตามคุณภาพการจัดการข้อร้องเรียน"), _("ช่องทางการติดตาม"),
                       _("วิธีวิเคราะห์ข้อมูล"), _("ผลการวิเคราะห์ข้อมูล"), _("ผู้รับผิดชอบในการวิเคราะห์ข้อมูล"),
                       _("ลำดับความสำคัญของโอกาสในการปรับปรุง"), _("ปัจจัยที่ใช้ในการปรับปรุงกระบวนการ"),
                       _("กระบวนการที่ปรับปรุง"), _("ผู้รับผิดชอบ/หน่วยงาน"), _("ผู้ที่เกี่ยวข้อง/หน่วยงาน")], rows),))


def _register(*, office, fiscal_year: int, today) -> ReportSection:
    rows, total = reports.year_register(office=office, fiscal_year=fiscal_year, today=today)
    context = {"rows": rows, "total": total, "capped": total > len(rows), "show_complainant": False}
    sheet = [[t.reference, t.received_on, t.channel.name, t.get_kind_display(), t.category.name if t.category else "",
              t.office.name, t.due_on, t.answered_on, t.get_status_display(), t.sla_label] for t in rows]
    return ReportSection(
        key="cs3-register", cs=CS, title=_("ทะเบียนเรื่องร้องเรียน/ข้อเสนอแนะ/ข้อคิดเห็น/คำชมเชย"),
        template="complaints/pdf/_register.html", context=context, has_data=bool(rows),
        empty_note=_("ไม่มีเรื่องที่ได้รับในปีงบประมาณนี้"),
        tables=(Table(_("CS3 ทะเบียนเรื่อง"), [_("เลขที่เรื่อง"), _("วันที่รับเรื่อง"), _("ช่องทาง"), _("ประเภทเรื่อง"),
                                                _("หมวดหมู่"), _("หน่วยงานที่รับผิดชอบ"), _("วันครบกำหนด"),
                                                _("วันที่แจ้งผล"), _("สถานะ"), _("ผลตามกำหนดเวลา")], sheet),))


def sections(*, office, fiscal_year: int) -> list[ReportSection]:
    today = timezone.localdate()
    return [_results(office=office, fiscal_year=fiscal_year, today=today),
            _follow_up_plan(office=office, fiscal_year=fiscal_year),
            _improvement_analysis(office=office, fiscal_year=fiscal_year),
            _register(office=office, fiscal_year=fiscal_year, today=today)]


def evidence_files(*, office, fiscal_year: int) -> list[EvidenceFile]:
    return []  # a ticket's attachments carry the complainant's letters and photos: never in the pack
