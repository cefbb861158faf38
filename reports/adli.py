"""The assessor's ADLI checklist of seed 001, per CS: each point an assessor checks, and what in the system answers it.

(Stub: filled by the ADLI work of issue 14. The evidence pack prints `checklist()` through
`reports/pdf/_adli.html`.)
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class EvidenceRef:
    label: str  # Thai, e.g. "ทะเบียนกลุ่มผู้รับบริการ 12 กลุ่ม"
    kind: str  # "register", "table", "plan" or "file"
    url: str = ""  # the page that shows it, for the screen; the PDF prints the label
    count: int | None = None
    section_key: str = ""  # the pack section that prints it, if any (core.reporting.ReportSection.key)


@dataclass(frozen=True)
class Point:
    cs: int
    dimension: str  # "A", "D", "L" or "I"
    text: str  # what the assessor checks, in seed 001's words
    law: str = ""  # e.g. "พ.ร.ฎ.ฯ มาตรา 8"
    evidence: tuple[EvidenceRef, ...] = ()

    @property
    def evidenced(self) -> bool:
        return bool(self.evidence)


def checklist(*, office, fiscal_year: int, cs: int) -> list[Point]:
    return []
