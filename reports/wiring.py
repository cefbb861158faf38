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
- CHANNEL_COUNTS: what the CS2 statistics table counts beside the keyed numbers, per channel and fiscal year (the
  complaints and survey processes read the channel list, so the channels process may not import them). Handed to
  `channels.usage` at start-up too.
"""
from collections.abc import Callable

from channels import selectors as channels
from channels.usage import CountedSource
from complaints import dashboard_cache, kpi
from complaints.services import open_deadlines_recompute
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
