"""What CS5 prints in the annual report (seed 002's five CS5 parts) and the evidence pack (see core.reporting).

Every section covers the office's subtree for the fiscal year and is one of the fragments the process's own PDFs
include (`participation/pdf/_*.html`): the governor-report PDF prints the channels, the reports, the level matrix
and the next steps through the same fragments.
"""
from django.utils.translation import gettext as _

from core.reporting import EvidenceFile, ReportSection, Table

from . import selectors
from .choices import Level


def sections(*, office, fiscal_year: int) -> list[ReportSection]:
    projects = list(selectors.year_projects(office=office, fiscal_year=fiscal_year))
    info = selectors.year_channels(office=office, fiscal_year=fiscal_year, field="info_channels", subtree=True)
    opinion = selectors.year_channels(office=office, fiscal_year=fiscal_year, field="opinion_channels", subtree=True)
    reports = list(selectors.year_governor_reports(office=office, fiscal_year=fiscal_year))
    steps = list(selectors.year_next_steps(office=office, fiscal_year=fiscal_year))
    totals = selectors.level_counts(selectors.year_projects(office=office, fiscal_year=fiscal_year))
    base = {"office": office, "fiscal_year": fiscal_year}
    return [
        ReportSection(
            key="cs5-mechanisms", cs=5, annual=True,
            title=_("แสดงวิธีการ/กลไกการส่งเสริมการมีส่วนร่วมของประชาชนในการบริหารราชการที่เชื่อมโยงหรือเกี่ยวข้อง"
                    "กับภารกิจหลักหรือยุทธศาสตร์ และแสดงให้เห็นถึงการกำหนดกลุ่มผู้มีส่วนได้ส่วนเสีย"),
            template="participation/pdf/_mechanisms.html", context={**base, "projects": projects},
            has_data=bool(projects), empty_note=_("ยังไม่มีโครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วมในปีงบประมาณนี้"),
            tables=(_mechanism_table(projects),)),
        ReportSection(
            key="cs5-information-channels", cs=5, annual=True,
            title=_("ช่องทางการให้ข้อมูลข่าวสารและการรับฟังความคิดเห็นข้อเสนอแนะที่กลุ่มเป้าหมายสามารถเข้าถึงได้"),
            template="participation/pdf/_channels.html",
            context={**base, "info_channels": info, "opinion_channels": opinion,
                     "few_info_channels": len(info) < selectors.INFO_CHANNELS_MIN,
                     "info_channels_min": selectors.INFO_CHANNELS_MIN},
            has_data=bool(info or opinion),
            empty_note=_("ยังไม่มีโครงการที่ระบุช่องทางการให้ข้อมูลข่าวสารหรือการรับฟังความคิดเห็นในปีงบประมาณนี้"),
            tables=(Table(_("CS5 ช่องทางให้ข้อมูลและรับฟัง"), [_("วัตถุประสงค์"), _("ช่องทาง")],
                          [[_("การให้ข้อมูลข่าวสาร"), c.name] for c in info]
                          + [[_("การรับฟังความคิดเห็นข้อเสนอแนะ"), c.name] for c in opinion]),)),
        ReportSection(
            key="cs5-governor-report", cs=5, annual=True,
            title=_("รายงานสรุปความคิดเห็นและข้อเสนอแนะเสนอผู้ว่าราชการจังหวัด"),
            template="participation/pdf/_governor_reports.html", context={**base, "reports": reports},
            has_data=bool(reports), empty_note=_("ยังไม่มีรายงานเสนอผู้ว่าราชการจังหวัดในปีงบประมาณนี้"),
            tables=(Table(_("CS5 รายงานเสนอผู้ว่าฯ"),
                          [_("หน่วยงาน"), _("ชื่อรายงาน"), _("เสนอ"), _("หนังสือเลขที่"), _("ลงวันที่"),
                           _("นำเสนอในการประชุม"), _("วันที่ประชุม")],
                          [[r.office.name, r.title, r.addressee, r.letter_number, r.letter_date, r.meeting,
                            r.meeting_date] for r in reports]),)),
        ReportSection(
            key="cs5-level-matrix", cs=5, annual=True,
            title=_("สรุประดับการมีส่วนร่วมของประชาชนของส่วนราชการ"),
            template="participation/pdf/_matrix.html",
            context={**base, "projects": projects, "levels": list(Level), "totals": totals, "title_width": "40%"},
            has_data=bool(projects), empty_note=_("ยังไม่มีโครงการในปีงบประมาณนี้"),
            tables=(Table(_("CS5 ระดับการมีส่วนร่วม"), [_("กิจกรรม/โครงการ"), _("หน่วยงาน"), _("ระดับการมีส่วนร่วม")],
                          [[p.title, p.office.name, p.get_level_display()] for p in projects]),)),
        ReportSection(
            key="cs5-next-steps", cs=5, annual=True,
            title=_("กรอบแนวคิด หรือแนวทาง หรือแผนในการส่งเสริมการมีส่วนร่วมของประชาชนไปสู่ระดับที่สูงขึ้น (Next Step)"),
            template="participation/pdf/_next_steps.html", context={**base, "next_steps": steps},
            has_data=bool(steps), empty_note=_("ยังไม่ได้กำหนดแผนส่งเสริมการมีส่วนร่วมไปสู่ระดับที่สูงขึ้นในปีงบประมาณนี้"),
            tables=(Table(_("CS5 Next Step"), [_("ลำดับ"), _("หน่วยงาน"), _("แนวทาง"), _("ขั้นตอน/แนวทางดำเนินการ"),
                                           _("โครงการที่ต่อยอด"), _("ระดับเป้าหมาย")],
                          [[s.order, s.office.name, s.get_kind_display(), s.action,
                            s.project.title if s.project else "", s.get_target_level_display() or ""]
                           for s in steps]),)),
        ReportSection(
            key="cs5-projects", cs=5,
            title=_("โครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วม และตัวชี้วัดผลลัพธ์"),
            template="participation/pdf/_projects.html", context={**base, "projects": projects},
            has_data=bool(projects), empty_note=_("ยังไม่มีโครงการที่เปิดโอกาสให้ประชาชนมีส่วนร่วมในปีงบประมาณนี้"),
            tables=(_measure_table(projects),)),
    ]


def evidence_files(*, office, fiscal_year: int) -> list[EvidenceFile]:
    """The letters that carried the year's reports to the governor."""
    return [EvidenceFile(cs=5, title=r.title, file=r.letter, content_type=r.letter_type, on=r.letter_date,
                         source=_("หนังสือเสนอผู้ว่าราชการจังหวัด"))
            for r in selectors.year_governor_reports(office=office, fiscal_year=fiscal_year).exclude(letter="")]


def _mechanism_table(projects) -> Table:
    return Table(_("CS5 กลไกการมีส่วนร่วม"),
                 [_("ภารกิจหลัก/กระบวนงาน"), _("วิธีการ/กลไกการมีส่วนร่วมของประชาชน"), _("กลุ่มผู้มีส่วนได้ส่วนเสีย"),
                  _("กิจกรรม/โครงการ"), _("หน่วยงาน")],
                 [[p.strategy or (p.mission.title if p.mission else ""), p.mechanism,
                   ", ".join(g.name for g in p.groups.all()), p.title, p.office.name] for p in projects])


def _measure_table(projects) -> Table:
    return Table(_("CS5 ตัวชี้วัดผลลัพธ์ของโครงการ"),
                 [_("กิจกรรม/โครงการ"), _("หน่วยงาน"), _("ตัวชี้วัดผลลัพธ์"), _("หน่วยนับ"), _("ทิศทาง"),
                  _("ค่าเป้าหมาย"), _("ผลการดำเนินงาน"), _("บรรลุเป้าหมาย")],
                 [[p.title, p.office.name, m.name, m.unit, m.get_direction_display(), m.target, m.result,
                   "" if m.result is None else _("บรรลุ") if m.reached else _("ไม่บรรลุ")] for p in projects for m in p.measures.all()])
