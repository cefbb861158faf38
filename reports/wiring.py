"""Where the processes are wired into the core and into the reports: the one place to look, no registry.

The core may not import a process app, yet a holiday added or cancelled must move the deadlines of open items, and
a plan's computed indicator must be computed by the process that owns the data. Both lists are written here, in
the top layer, and read as they stand:
- METRICS: metric code → the process selector that computes its `Figure` (value, and the counts behind it) for an
  office's subtree and a fiscal year (each takes office, fiscal_year and today). `reports.indicators` stores the
  values in plan indicators, and the indicators API answers one row per entry. Add a metric to
  `core.plans.choices.Metric` and a line here.
- CALENDAR_CHANGE_HANDLERS: what the calendar service calls, inside the transaction of every change, with the dates
  that changed and the reason. Handed to the core at start-up (`reports.apps.ReportsConfig.ready`). CS7's service
  records are the second.
- DRILLDOWNS: metric code → the address of the register filtered to the records its figure counts, for an office's
  subtree and a fiscal year (the scoreboard links each computed value there). Handed to `core.plans.computed` at
  start-up with METRICS, so that the scoreboard and the plans API (which computes a metric afresh) stay in the core.
- CHANNEL_COUNTS: what the CS2 statistics table counts beside the keyed numbers, per channel and fiscal year (the
  complaints and survey processes read the channel list, so the channels process may not import them). Handed to
  `channels.usage` at start-up too.
"""
from collections.abc import Callable
from urllib.parse import urlencode

from django.urls import reverse

from channels import selectors as channels
from channels.usage import CountedSource
from complaints import dashboard_cache, kpi
from complaints.services import open_deadlines_recompute
from core.offices.models import Office
from core.plans.choices import Metric
from core.plans.figures import Figure
from networks import selectors as networks
from participation import selectors as participation
from satisfaction import selectors as surveys
from service_standards import selectors as service_standards
from service_standards.services import open_records_recompute
from stakeholders import selectors as stakeholder_selectors

METRICS: dict[str, Callable[..., Figure]] = {
    # Missions with a customer and a stakeholder group (docs/indicators.md, "CS1").
    Metric.CS1_GROUPS: stakeholder_selectors.groups_defined_figure,
    # CS2: channels the subtree used in the year, and groups with a channel in table CS2-1 (docs/indicators.md, "CS2").
    Metric.CS2_CHANNELS: channels.channels_figure,
    Metric.CS2_GROUP_COVERAGE: channels.group_coverage_figure,
    # % of complaints answered within the deadline (docs/indicators.md, "CS3 complaints").
    Metric.CS3_ANSWERED_ON_TIME: kpi.answered_on_time_figure,
    # RM 3.3: network satisfaction with the year's relationship activities, from their evaluations (docs/indicators.md,
    # "CS4").
    Metric.RM33_MEAN: networks.rm33_mean_figure,
    Metric.RM33_TOP2: networks.rm33_top2_figure,
    # RM 3.4: projects ended in the year whose every outcome measure reached its target (docs/indicators.md, "CS5").
    Metric.RM34: participation.rm34_figure,
    # RM 3.1 and RM 3.2 of the CS6 surveys, each plan choosing its method (docs/indicators.md, "CS6").
    Metric.RM31_MEAN: surveys.rm31_mean_figure,
    Metric.RM31_TOP2: surveys.rm31_top2_figure,
    Metric.RM32_BOTTOM2: surveys.rm32_bottom2_figure,
    Metric.RM32_REPORTED: surveys.rm32_reported_figure,
    # RM 3.5: service records completed in the year within their service's standard (docs/indicators.md, "CS7").
    Metric.RM35: service_standards.rm35_figure,
}



def _register(name: str, **query) -> Callable[..., str]:
    """The register page `name` filtered to an office and a fiscal year: `query` maps each parameter to what it
    takes from them (`"code"`, `"pk"`, `"year"`) or to a fixed value."""
    def url(*, office: Office, fiscal_year: int) -> str:
        taken = {"code": office.code, "pk": office.pk, "year": fiscal_year}
        params = urlencode({key: taken.get(value, value) for key, value in query.items()})
        return f"{reverse(name)}?{params}" if params else reverse(name)
    return url


DRILLDOWNS: dict[str, Callable[..., str]] = {
    # CS1: the office's missions of the year, each with its customer and stakeholder groups.
    Metric.CS1_GROUPS: _register("stakeholders:missions", office="code", fiscal_year="year"),
    # CS2: the usage table (channels used in the year) and table CS2-1 (groups and their channels).
    Metric.CS2_CHANNELS: _register("channels:statistics", office="code", fiscal_year="year"),
    Metric.CS2_GROUP_COVERAGE: _register("channels:cs21", office="code", fiscal_year="year"),
    # CS3: the complaints received in the year by the office's subtree (the register's office filter is its id).
    Metric.CS3_ANSWERED_ON_TIME: _register("complaints:index", kind="complaint", office="pk", fiscal_year="year"),
    # CS4: the year's relationship activities, whose evaluations RM 3.3 pools.
    Metric.RM33_MEAN: _register("networks:activities", office="code", fiscal_year="year"),
    Metric.RM33_TOP2: _register("networks:activities", office="code", fiscal_year="year"),
    # CS5: the year's participation projects (the register's office filter is its id).
    Metric.RM34: _register("participation:index", office="pk", fiscal_year="year"),
    # CS6: the survey rounds the user sees (the round list takes no office or year).
    Metric.RM31_MEAN: _register("satisfaction:index"),
    Metric.RM31_TOP2: _register("satisfaction:index"),
    Metric.RM32_BOTTOM2: _register("satisfaction:index"),
    Metric.RM32_REPORTED: _register("satisfaction:index"),
    # CS7: the service records of the office's subtree received in the year.
    Metric.RM35: _register("service_standards:records", office="code", fiscal_year="year"),
}

CALENDAR_CHANGE_HANDLERS: tuple[Callable[..., object], ...] = (
    # Open tickets whose current round spans a changed date get a new due date and a timeline line.
    open_deadlines_recompute,
    # Open CS7 service records whose standard spans a changed date get a new due date (and time, for minutes).
    open_records_recompute,
)

CHANNEL_COUNTS: dict[str, CountedSource] = {
    # Tickets received through each channel, by the handling office's subtree and date of receipt.
    "complaints": CountedSource(count=kpi.received_by_channel, version=dashboard_cache.data_version),
    # Survey forms that came by each channel, by the subtree running the round and the day recorded.
    "responses": CountedSource(count=surveys.responses_by_channel, version=surveys.responses_version),
}
