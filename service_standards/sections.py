"""What this process prints in the annual report and the evidence pack (see core.reporting)."""
from core.reporting import EvidenceFile, ReportSection


def sections(*, office, fiscal_year: int) -> list[ReportSection]:
    return []


def evidence_files(*, office, fiscal_year: int) -> list[EvidenceFile]:
    return []
