"""Indicator arithmetic: percent success against the target, whether a result reached its target, and the 1–5
score on the scoring ladder.

The one place these formulas live (docs/indicators.md explains them with examples).
"""
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q

from .choices import Direction

FOUR_PLACES = Decimal("0.0001")
TWO_PLACES = Decimal("0.01")


def success_percent(result: Decimal | None, target: Decimal | None, direction: str) -> Decimal | None:
    """ร้อยละความสำเร็จ: result ÷ target × 100, or 200 − result ÷ target × 100 when lower is better.

    Never below 0 (a lower-is-better result more than twice its target is simply 0 % success).
    """
    if result is None or target is None or Decimal(target) == 0:
        return None
    ratio = Decimal(result) / Decimal(target) * 100
    value = 200 - ratio if direction == Direction.LOWER else ratio
    return max(value, Decimal(0)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def target_reached_q(prefix: str = "") -> Q:
    """A result reached its target: at least the target when higher is better, at most the target when lower is
    better; no result has reached nothing. As a database condition on rows with `result`, `target` and `direction`
    columns (reached through `prefix`, e.g. "measures__"), so that counting is done by the database; a row's own
    verdict is the same condition annotated (`ExpressionWrapper(target_reached_q(), BooleanField())`)."""
    result, target, direction = f"{prefix}result", f"{prefix}target", f"{prefix}direction"
    return Q(**{f"{result}__isnull": False}) & (
        (Q(**{direction: Direction.HIGHER}) & Q(**{f"{result}__gte": F(target)}))
        | (Q(**{direction: Direction.LOWER}) & Q(**{f"{result}__lte": F(target)})))


def score(result: Decimal | None, ladder: Sequence[Decimal | None]) -> Decimal | None:
    """คะแนน 1.0000–5.0000 by linear interpolation between the five levels of the ladder.

    The ladder lists the result needed for scores 1..5: rising when higher is better, falling when lower
    is better. A result at or past level 5 scores 5; at or short of level 1 it scores 1.
    """
    if result is None or len(ladder) != 5 or any(level is None for level in ladder):
        return None
    levels = [Decimal(level) for level in ladder]
    rising = levels[4] >= levels[0]
    r = Decimal(result)

    def reached(level: Decimal) -> bool:
        return r >= level if rising else r <= level

    if reached(levels[4]):
        return Decimal(5).quantize(FOUR_PLACES)
    if not reached(levels[0]) or r == levels[0]:
        return Decimal(1).quantize(FOUR_PLACES)
    for k in range(4):
        low, high = levels[k], levels[k + 1]
        if reached(low) and not reached(high):
            fraction = (r - low) / (high - low) if high != low else Decimal(0)
            return (k + 1 + fraction).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
    return None  # a ladder that is not monotonic
