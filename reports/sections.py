"""Every process's printed sections and evidence files, gathered for the annual report and the evidence pack.

Each process answers through its own `sections.py` (see `core.reporting`); this module only asks them, in CS order,
and puts seed 002's annual report in the form's order (`ANNUAL_ORDER`).
"""
from channels import sections as cs2
from complaints import sections as cs3
from core.reporting import EvidenceFile, ReportSection
from networks import sections as cs4
from participation import sections as cs5
from satisfaction import sections as cs6
from service_standards import sections as cs7
from stakeholders import sections as cs1

PROVIDERS = {1: cs1, 2: cs2, 3: cs3, 4: cs4, 5: cs5, 6: cs6, 7: cs7}

# Seed 002, section by section, in the form's order.
ANNUAL_ORDER = [
    "cs2-statistics",  # ช่องทางการรับฟังและเรียนรู้ความต้องการ… และสถิติ (three fiscal years)
    "cs2-information-types",  # ประเภทข้อมูลที่ได้รับจากการรับฟังและเรียนรู้ความต้องการ…
    "cs2-improvements",  # การปรับปรุงกระบวนงาน, with the before/after photos
    "cs4-network-table",  # ตารางแสดงรูปแบบของเครือข่าย และช่องทางการติดต่อสื่อสารกับเครือข่าย
    "cs4-activity-report",  # รายงานกิจกรรมสร้างความสัมพันธ์กับเครือข่าย…
    "cs5-mechanisms",  # แสดงวิธีการ/กลไกการส่งเสริมการมีส่วนร่วมของประชาชน…
    "cs5-information-channels",  # ช่องทางการให้ข้อมูลข่าวสารและการรับฟังความคิดเห็นข้อเสนอแนะ…
    "cs5-governor-report",  # รายงานสรุปความคิดเห็นและข้อเสนอแนะเสนอผู้ว่าราชการจังหวัด
    "cs5-level-matrix",  # สรุประดับการมีส่วนร่วมของประชาชนของส่วนราชการ
    "cs5-next-steps",  # กรอบแนวคิด… ไปสู่ระดับที่สูงขึ้น (Next Step)
    "cs6-improvements",  # การนำผลการวัดความพึงพอใจและไม่พึงพอใจ ไปปรับปรุงการปฏิบัติงาน
    "cs7-charts-manuals",  # แผนภูมิและคู่มือการติดต่อราชการ ("N เรื่อง M เล่ม", how published, staff manuals)
    "cs3-complaint-results",  # ผลการจัดการข้อร้องเรียน
]


def sections_for(*, office, fiscal_year: int, cs: int | None = None) -> list[ReportSection]:
    """The sections of one CS, or of all seven in CS order."""
    providers = [PROVIDERS[cs]] if cs else PROVIDERS.values()
    return [section for provider in providers for section in provider.sections(office=office, fiscal_year=fiscal_year)]


def annual_sections(*, office, fiscal_year: int) -> list[ReportSection]:
    """Seed 002's sections in the form's order; every key is there, with or without data."""
    by_key = {s.key: s for s in sections_for(office=office, fiscal_year=fiscal_year) if s.annual}
    return [by_key[key] for key in ANNUAL_ORDER if key in by_key]


def evidence_files_for(*, office, fiscal_year: int, cs: int | None = None) -> list[EvidenceFile]:
    providers = [PROVIDERS[cs]] if cs else PROVIDERS.values()
    return [f for provider in providers for f in provider.evidence_files(office=office, fiscal_year=fiscal_year)]
