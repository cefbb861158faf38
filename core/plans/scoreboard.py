"""The scoreboard (ตารางสรุปตัวชี้วัด): every indicator of every plan of an office's subtree for a fiscal year, computed
or entered by hand, with its ร้อยละความสำเร็จ and 1–5 score (`scoring`, the one home of both), whether it reached its
target (`scoring.target_reached_q`, counted by the database), the same indicator's results of the two fiscal years
before, and for a computed value the address of the records that make it (`computed.drilldown_url`).

Two queries whatever the number of plans: this year's indicators, and the earlier years' results.
"""
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import BooleanField, Case, ExpressionWrapper, F, QuerySet, When

from core.offices.models import Office
from core.offices.scoping import offices_under, scope

from .choices import IndicatorSource
from .computed import drilldown_url
from .models import Indicator
from .scoring import score, success_percent, target_reached_q

EARLIER_YEARS = 2


def result_expression() -> Case:
    """An indicator's result in the database: the computed value for a computed indicator, else the one typed
    (what `Indicator.result` is on a row)."""
    return Case(When(source=IndicatorSource.COMPUTED, then=F("computed_result")), default=F("manual_result"))


def indicator_key(code: str, name: str) -> str:
    """What makes an indicator the same one in another year: its code (spaces and case aside), else its name."""
    code = "".join(code.split()).upper()
    return f"code:{code}" if code else f"name:{' '.join(name.split())}"


@dataclass(frozen=True)
class ScoreboardRow:
    indicator: Indicator
    result: Decimal | None
    success: Decimal | None
    score: Decimal | None
    reached: bool | None
    earlier: list[tuple[int, Decimal | None]]  # the earlier fiscal years, oldest first
    drilldown: str | None

    @property
    def computed(self) -> bool:
        return self.indicator.source == IndicatorSource.COMPUTED

    @property
    def tone(self) -> str:
        """Its colour: reached green; not reached amber from score 3, red below; grey with nothing to judge."""
        if self.reached:
            return "success"
        if self.score is None:
            return "secondary"
        return "warning" if self.score >= 3 else "danger"


def _indicators(user, office: Office, years) -> QuerySet[Indicator]:
    subtree = offices_under(office).values("pk")
    return (scope(Indicator.objects.all(), user, office_field="plan__office")
            .filter(plan__office__in=subtree, plan__fiscal_year__in=years))


def scoreboard(*, user, office: Office, fiscal_year: int, cs: int | None = None, source: str | None = None,
               reached: bool | None = None) -> list[ScoreboardRow]:
    """The rows of the scoreboard, by office (tree order), CS and the indicator's order in its plan."""
    rows = (_indicators(user, office, [fiscal_year])
            .select_related("plan__office")
            .alias(result=result_expression())
            .annotate(reached=ExpressionWrapper(target_reached_q(), output_field=BooleanField()))
            .order_by("plan__office__path", "plan__cs", "plan_id", "order", "pk"))
    if cs:
        rows = rows.filter(plan__cs=cs)
    if source:
        rows = rows.filter(source=source)
    if reached is True:
        rows = rows.filter(target_reached_q())
    elif reached is False:
        rows = rows.exclude(pk__in=_indicators(user, office, [fiscal_year]).alias(result=result_expression())
                            .filter(target_reached_q()).values("pk"))
    rows = list(rows)
    earlier = _earlier_results(user=user, office=office, fiscal_year=fiscal_year) if rows else {}
    years = list(range(fiscal_year - EARLIER_YEARS, fiscal_year))
    board = []
    for indicator in rows:
        result = indicator.result
        key = indicator_key(indicator.code, indicator.name)
        office_id, plan_cs = indicator.plan.office_id, indicator.plan.cs
        found = {year: _pick(earlier, office_id, plan_cs, year, key) for year in years}
        board.append(ScoreboardRow(
            indicator=indicator, result=result,
            success=success_percent(result, indicator.target, indicator.direction),
            score=score(result, indicator.ladder), reached=bool(indicator.reached) if result is not None else None,
            earlier=[(year, found[year]) for year in years],
            drilldown=(drilldown_url(indicator.metric, office=indicator.plan.office, fiscal_year=fiscal_year)
                       if indicator.source == IndicatorSource.COMPUTED and indicator.metric else None),
        ))
    return board


def _earlier_results(*, user, office: Office, fiscal_year: int) -> dict:
    """{(office id, year, key): {cs: result}} of the two fiscal years before, in one query."""
    years = range(fiscal_year - EARLIER_YEARS, fiscal_year)
    found: dict = {}
    rows = (_indicators(user, office, years).annotate(value=result_expression())
            .values_list("plan__office_id", "plan__fiscal_year", "plan__cs", "code", "name", "value")
            .order_by("plan__cs", "order", "pk"))
    for office_id, year, cs, code, name, value in rows:
        found.setdefault((office_id, year, indicator_key(code, name)), {}).setdefault(cs, value)
    return found


def _pick(earlier: dict, office_id: int, cs: int, year: int, key: str) -> Decimal | None:
    """The same indicator in the same office's plans of that year: of the same CS first, else of any."""
    by_cs = earlier.get((office_id, year, key))
    if not by_cs:
        return None
    return by_cs[cs] if cs in by_cs else next(iter(by_cs.values()))
