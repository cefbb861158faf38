"""What a computed indicator is worth for an office's subtree and a fiscal year.

Each process computes its own figures (complaints.kpi, satisfaction.selectors) and the top layer maps a metric to
the function that does (`reports.wiring.METRICS`); a plan indicator stores the value, the indicators API shows the
counts behind it too.
"""
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Figure:
    """A value (a percentage), and, when it is a share of counted things, the counts it is made of."""

    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None
