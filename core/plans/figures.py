"""What a computed indicator is worth for an office's subtree and a fiscal year.

Each process computes its own figures (complaints.kpi, satisfaction.selectors) and the top layer maps a metric to
the function that does (`reports.wiring.METRICS`); a plan indicator stores the value, the indicators API shows the
counts behind it too.
"""
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

TWO_PLACES = Decimal("0.01")


def percent(part: int, whole: int) -> Decimal | None:
    """part ÷ whole × 100, two decimals rounded half up: **the** rounding of every share the product shows (plan
    indicators, the CS3 figures, the survey results). None when there is nothing to count (0 ÷ 0 is "no data yet",
    not 0 %)."""
    if not whole:
        return None
    return (Decimal(part) * 100 / whole).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figure:
    """A value (a percentage), and, when it is a share of counted things, the counts it is made of."""

    value: Decimal | None
    numerator: int | None = None
    denominator: int | None = None

    @classmethod
    def share(cls, numerator: int, denominator: int) -> "Figure":
        """numerator ÷ denominator × 100, two decimals rounded half up, with its counts; no value when there is
        nothing to count (0 ÷ 0 is "no data yet", not 0 %)."""
        return cls(percent(numerator, denominator), numerator, denominator)
