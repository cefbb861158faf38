"""What the core needs from the processes to show a computed indicator, handed in by the top layer at start-up.

The core may not import a process app, yet a plan's computed indicator is computed by the process that owns the
data, and the scoreboard links each computed value to the records that make it. `reports.wiring` lists both
(`METRICS`: metric → the function giving its `Figure`; `DRILLDOWNS`: metric → the function giving the address of the
register filtered to what was counted) and `reports.apps.ReportsConfig.ready` hands them in here, as it hands the
calendar its change handlers. A test may hand in its own.
"""
from collections.abc import Callable, Mapping
from datetime import date

from core.offices.models import Office

from .figures import Figure

_figures: dict[str, Callable[..., Figure]] = {}
_drilldowns: dict[str, Callable[..., str]] = {}


def computed_set(*, figures: Mapping[str, Callable[..., Figure]], drilldowns: Mapping[str, Callable[..., str]]) -> None:
    global _figures, _drilldowns
    _figures, _drilldowns = dict(figures), dict(drilldowns)


def figure_of(metric: str, *, office: Office, fiscal_year: int, today: date) -> Figure | None:
    """The metric's figure for an office's subtree and a fiscal year, computed now; None for a metric nobody wired."""
    function = _figures.get(metric)
    return function(office=office, fiscal_year=fiscal_year, today=today) if function else None


def drilldown_url(metric: str, *, office: Office, fiscal_year: int) -> str | None:
    """The address of the register filtered to the records the metric counts (no query); None when there is none."""
    function = _drilldowns.get(metric)
    return function(office=office, fiscal_year=fiscal_year) if function else None
