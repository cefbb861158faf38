"""RM 3.1 and RM 3.2 and the per-item statistics, computed from histograms (value → count).

One module for every survey figure (docs/indicators.md, "CS6"). Pure functions: the database keeps the
histograms (`Tally`), these turn them into the numbers Thai survey reports print.

- mean method (RM 3.1): the mean of all rating answers ÷ the scale maximum × 100
- top2 method (RM 3.1): the share of rating answers in the top two points × 100
- bottom2 (RM 3.2): the share of rating answers in the bottom two points × 100
"No opinion" and blanks are not answers: they count in no n.
"""
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.plans.figures import percent

TWO = Decimal("0.01")

# The interpretation bands Thai survey reports print for a five-point scale.
FIVE_POINT_BANDS = [
    (Decimal("4.21"), Decimal("5.00"), "มากที่สุด"),
    (Decimal("3.41"), Decimal("4.20"), "มาก"),
    (Decimal("2.61"), Decimal("3.40"), "ปานกลาง"),
    (Decimal("1.81"), Decimal("2.60"), "น้อย"),
    (Decimal("1.00"), Decimal("1.80"), "น้อยที่สุด"),
]
LABELS_HIGH_TO_LOW = ["มากที่สุด", "มาก", "ปานกลาง", "น้อย", "น้อยที่สุด"]


def _q(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(TWO, rounding=ROUND_HALF_UP)


def default_bands(scale_max: int) -> list[tuple[Decimal, Decimal, str]]:
    """Equal-width bands from 1 to the scale maximum, one per point, labelled from มากที่สุด down.

    Five points give the familiar 4.21–5.00 … 1.00–1.80; four points give 3.26–4.00 … 1.00–1.75.
    """
    if scale_max == 5:
        return FIVE_POINT_BANDS
    width = Decimal(scale_max - 1) / scale_max
    labels = LABELS_HIGH_TO_LOW[:2] + LABELS_HIGH_TO_LOW[3:] if scale_max == 4 else LABELS_HIGH_TO_LOW[:scale_max]
    bands = []
    for k in range(scale_max):  # k = 0 is the top band
        high = Decimal(scale_max) - width * k
        low = high - width + (Decimal("0.01") if k < scale_max - 1 else 0)
        bands.append((_q(low), _q(high), labels[k] if k < len(labels) else f"ระดับ {scale_max - k}"))
    return bands


def bands_for(custom: list, scale_max: int) -> list[tuple[Decimal, Decimal, str]]:
    """A questionnaire's own bands ([[low, high, label], …]) when it has them, else the standard ones."""
    if not custom:
        return default_bands(scale_max)
    return [(_q(low), _q(high), str(label)) for low, high, label in custom]


def bands_check(custom: list, scale_max: int) -> str | None:
    """A Thai message when custom bands are not usable: each low ≤ high within 1..scale maximum, and a label."""
    try:
        bands = bands_for(custom, scale_max)
    except (TypeError, ValueError, ArithmeticError):
        return "เกณฑ์แปลผลต้องเป็นรายการ [ค่าต่ำสุด, ค่าสูงสุด, คำแปลผล]"
    for low, high, label in bands:
        if not (1 <= low <= high <= scale_max) or not label.strip():
            return f"เกณฑ์แปลผล {low}–{high} ต้องอยู่ระหว่าง 1–{scale_max} และมีคำแปลผล"
    return None


def band(mean: Decimal | None, bands: list[tuple[Decimal, Decimal, str]]) -> str:
    if mean is None:
        return ""
    rounded = _q(mean)
    for low, high, label in bands:
        if low <= rounded <= high:
            return label
    return ""


@dataclass(frozen=True)
class RatingStats:
    n: int
    mean: Decimal | None
    sd: Decimal | None  # sample standard deviation (n − 1), as SPSS reports it


def rating_stats(counts: Mapping[int, int]) -> RatingStats:
    """n, mean and standard deviation of rating answers given as {value: count} (no-opinion excluded)."""
    answers = {v: c for v, c in counts.items() if v >= 1 and c}
    n = sum(answers.values())
    if n == 0:
        return RatingStats(0, None, None)
    total = sum(v * c for v, c in answers.items())
    mean = total / n
    sd = math.sqrt(sum(c * (v - mean) ** 2 for v, c in answers.items()) / (n - 1)) if n > 1 else 0.0
    return RatingStats(n, _q(mean), _q(sd))


def pooled(histograms: Iterable[Mapping[int, int]]) -> dict[int, int]:
    """All rating answers of several items together (RM 3.1 pools every rating answer of the round)."""
    total: dict[int, int] = {}
    for counts in histograms:
        for value, count in counts.items():
            total[value] = total.get(value, 0) + count
    return total


def answered(counts: Mapping[int, int]) -> int:
    """How many rating answers a histogram holds (no-opinion, -1, is not one)."""
    return sum(c for v, c in counts.items() if v >= 1)


def top2_count(counts: Mapping[int, int], scale_max: int) -> int:
    """Answers at the maximum or one below: the top two points of a 5-point scale are 5 and 4, of a 4-point 4 and 3."""
    return counts.get(scale_max, 0) + counts.get(scale_max - 1, 0)


def bottom2_count(counts: Mapping[int, int]) -> int:
    """Answers at 1 or 2, the same on any scale."""
    return counts.get(1, 0) + counts.get(2, 0)


def mean_share(histograms: Mapping[int, Mapping[int, int]]) -> Decimal | None:
    """RM 3.1, mean method, over histograms by scale maximum: each answer ÷ its scale maximum, averaged, × 100.

    On one scale this is the mean ÷ the scale maximum; rounds on 4- and 5-point scales pool answer by answer."""
    n = sum(answered(counts) for counts in histograms.values())
    if not n:
        return None
    total = sum(Decimal(v * c) / scale for scale, counts in histograms.items() for v, c in counts.items() if v >= 1)
    return _q(total / n * 100)


def mean_percent(counts: Mapping[int, int], scale_max: int) -> Decimal | None:
    """RM 3.1, mean method: mean of the rating answers ÷ scale maximum × 100."""
    return mean_share({scale_max: counts})


def top2_percent(counts: Mapping[int, int], scale_max: int) -> Decimal | None:
    """RM 3.1, top-two method: answers at the maximum or one below ÷ all rating answers × 100."""
    return share_percent(top2_count(counts, scale_max), answered(counts))


def bottom2_percent(counts: Mapping[int, int]) -> Decimal | None:
    """RM 3.2: answers at 1 or 2 ÷ all rating answers × 100."""
    return share_percent(bottom2_count(counts), answered(counts))


def share_percent(part: int, whole: int) -> Decimal | None:
    """part ÷ whole × 100 (None when there is no whole): top two, bottom two, reported dissatisfaction."""
    return percent(part, whole)


@dataclass(frozen=True)
class Comparison:
    before: RatingStats
    after: RatingStats
    change: Decimal | None
    t: Decimal | None
    p: Decimal | None

    @property
    def significant(self) -> bool:
        return self.p is not None and self.p < Decimal("0.05")


def compare(before: Mapping[int, int], after: Mapping[int, int]) -> Comparison:
    """Change of an item's mean between two rounds, with Welch's t-test (two-sided) for its significance."""
    a, b = rating_stats(before), rating_stats(after)
    if not a.n or not b.n:
        return Comparison(a, b, None, None, None)
    change = b.mean - a.mean
    if a.n < 2 or b.n < 2:
        return Comparison(a, b, change, None, None)
    (ma, sa), (mb, sb) = _moments(before), _moments(after)  # exact, not the rounded figures shown
    va, vb = sa / a.n, sb / b.n
    if va + vb == 0:
        return Comparison(a, b, change, None, Decimal(0) if change else Decimal(1))
    t = (mb - ma) / math.sqrt(va + vb)
    df = (va + vb) ** 2 / ((va ** 2) / (a.n - 1) + (vb ** 2) / (b.n - 1))
    p = 2 * _student_t_sf(abs(t), df)
    return Comparison(a, b, change, _q(t), Decimal(str(round(p, 4))))


def _moments(counts: Mapping[int, int]) -> tuple[float, float]:
    """Exact mean and sample variance of rating answers {value: count}."""
    answers = {v: c for v, c in counts.items() if v >= 1 and c}
    n = sum(answers.values())
    mean = sum(v * c for v, c in answers.items()) / n
    return mean, sum(c * (v - mean) ** 2 for v, c in answers.items()) / (n - 1)


def _student_t_sf(t: float, df: float) -> float:
    """P(T > t) for Student's t: ½ · I_{df/(df+t²)}(df/2, ½), the regularized incomplete beta.

    Written out (continued fraction, Numerical Recipes 6.4) rather than adding SciPy for one function.
    """
    x = df / (df + t * t)
    return 0.5 * _betainc(df / 2, 0.5, x)


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x))
    if x < (a + 1) / (a + b + 2):
        return front * _betacf(a, b, x) / a
    return 1 - front * _betacf(b, a, 1 - x) / b


def _betacf(a: float, b: float, x: float) -> float:
    tiny, qab, qap, qam = 1e-300, a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        for numerator in (m * (b - m) * x / ((qam + m2) * (a + m2)),
                          -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1) < 3e-12:
            break
    return h
