"""The three-year channel statistics table (seed 002: สถิติจำนวนผู้ใช้ช่องทาง, channels as rows, three fiscal years
as columns) of an office's subtree, read by the page, its PDF, its chart and the `channel-usage/` API.

Two kinds of number, never added together:
- **keyed** — what offices keyed or imported (`ChannelUsage`), summed over the subtree (a district's counts roll
  up into its province's table). Read live: at the department of the bench (1,000 offices × 20 channels × 3 years
  = 60,000 rows) one indexed SUM … GROUP BY.
- **counted** — the complaints received through each channel (`complaints.kpi.received_by_channel`: the handling
  office's subtree, by date of receipt) and the survey responses that came by it
  (`satisfaction.selectors.responses_by_channel`: rounds of the subtree, by the day recorded), as wired by
  `reports.wiring.CHANNEL_COUNTS`. Counted in the database and kept in the cache per office and years with the data
  version they describe.

Why a cache (`core.kept`) and not counts kept in the writing transaction (as the CS6 tallies are): a ticket's office
changes when it is transferred or assigned, so a per-(office, channel, year) tally would have to follow every ticket
service and the bench's SQL-generated tickets; the complaints process already gives every change a version (its
newest timeline line), and the CS3 dashboard shows the pattern works at a million tickets. The department's three
years are about 600,000 tickets, too many to count while a reader waits: as on the CS3 dashboard, a quick count is
redone at once after a change, a slower one is shown as it was (with its time, marked stale) while
`channels.tasks.recount_counted` counts it again. Measured by `manage.py bench`.
"""
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q, Sum
from django.utils import timezone

from core.fiscal import fiscal_year_of
from core.kept import KeptFigures
from core.offices.models import Office
from core.offices.scoping import offices_under
from core.queueing import enqueue

from .models import Channel, ChannelUsage
from .selectors import office_channels_q

YEARS_SHOWN = 3  # seed 002: three fiscal years side by side
MAX_YEARS = 10  # what one request may ask for (the API's ?years=)


def default_years(fiscal_year: int) -> list[int]:
    """The three years seed 002 shows, ending with `fiscal_year`."""
    return list(range(fiscal_year - YEARS_SHOWN + 1, fiscal_year + 1))


@dataclass(frozen=True)
class Cell:
    """One channel in one fiscal year: the keyed count (None: nobody keyed one), and beside it what the system
    counted."""

    fiscal_year: int
    keyed: int | None
    complaints: int
    responses: int


@dataclass(frozen=True)
class Row:
    """A channel's years. `channel` None: survey responses recorded without a channel (counted only)."""

    channel: Channel | None
    cells: list[Cell]

    @property
    def label(self) -> str:
        return self.channel.name if self.channel else "ไม่ระบุช่องทาง"


@dataclass(frozen=True)
class UsageTable:
    office: Office
    fiscal_years: list[int]
    rows: list[Row]
    counted_at: datetime
    stale: bool
    totals: list[Cell] = field(default_factory=list)

    @property
    def year_columns(self) -> int:
        """Columns under the years' heading: the keyed count and the two counted ones per year."""
        return 3 * len(self.fiscal_years)

    def chart_data(self) -> dict:
        """Each channel's keyed counts over the years, for the page's chart (json_script)."""
        return {"years": self.fiscal_years,
                "channels": [{"name": row.label, "counts": [cell.keyed or 0 for cell in row.cells]}
                             for row in self.rows if row.channel is not None]}


def keyed_counts(*, office: Office, fiscal_years: list[int]) -> dict[tuple[int, int], int]:
    """{(channel id, fiscal year): the subtree's keyed counts summed}: one SUM … GROUP BY."""
    rows = (ChannelUsage.objects.filter(office__in=offices_under(office).values("pk"), fiscal_year__in=fiscal_years)
            .order_by().values("channel_id", "fiscal_year").annotate(total=Sum("count")))
    return {(row["channel_id"], row["fiscal_year"]): row["total"] for row in rows}


def usage_table(*, office: Office, fiscal_years: list[int]) -> UsageTable:
    """The statistics table of an office's subtree: every channel the office uses (national, its own, those above
    it) and any other that has a number in these years (a district's own channel), in the channels' order."""
    keyed = keyed_counts(office=office, fiscal_years=fiscal_years)
    counted = counted_by_channel(office=office, fiscal_years=fiscal_years)
    complaints, responses = counted.complaints, counted.responses
    with_numbers = {channel_id for channel_id, _year in [*keyed, *complaints, *responses] if channel_id}
    channels = Channel.objects.filter((office_channels_q(office) & Q(is_active=True)) | Q(pk__in=with_numbers))

    def cells(channel_id: int | None) -> list[Cell]:
        return [Cell(year, keyed.get((channel_id, year)), complaints.get((channel_id, year), 0),
                     responses.get((channel_id, year), 0)) for year in fiscal_years]

    channels = channels.select_related("office").order_by("order", "code")
    rows = [Row(channel, cells(channel.pk)) for channel in channels]
    if any(channel_id is None for channel_id, _year in responses):
        rows.append(Row(None, cells(None)))

    def keyed_total(n: int) -> int | None:  # nothing keyed in the year is no data, not 0
        keyed_cells = [row.cells[n].keyed for row in rows if row.cells[n].keyed is not None]
        return sum(keyed_cells) if keyed_cells else None

    totals = [Cell(year, keyed_total(n),
                   sum(row.cells[n].complaints for row in rows), sum(row.cells[n].responses for row in rows))
              for n, year in enumerate(fiscal_years)]
    return UsageTable(office, fiscal_years, rows, counted.counted_at, counted.stale, totals)


def statistics_context(*, office: Office, fiscal_years: list[int]) -> dict:
    """What the statistics table prints (the page's PDF, later the annual report): channels.pdf/statistics.html."""
    return {"office": office, "table": usage_table(office=office, fiscal_years=fiscal_years),
            "printed_on": timezone.localdate()}


# --- The counted part, kept in the cache (core.kept) ---------------------------------------------------------------


@dataclass(frozen=True)
class CountedSource:
    """A process that counts what came to an office's subtree by each channel: `count(office=, fiscal_years=)`
    answers {(channel id or None, fiscal year): n}; `version()` moves on whenever its data changes."""

    count: Callable[..., dict[tuple[int | None, int], int]]
    version: Callable[[], Hashable]


# "complaints" and "responses": set once at start-up by the top layer (`reports.wiring.CHANNEL_COUNTS`), since the
# complaints and survey processes stand above this one (they read the channel list) and it may not import them.
_sources: dict[str, CountedSource] = {}


def counted_sources_set(sources: dict[str, CountedSource]) -> None:
    global _sources
    _sources = dict(sources)


@dataclass(frozen=True)
class Counted:
    complaints: dict
    responses: dict
    counted_at: datetime
    stale: bool = False


def data_version() -> tuple:
    """Moves on whenever a ticket changes or a survey response is recorded (each source's own version)."""
    return tuple(source.version() for source in _sources.values())


def _queue_recount(*, office_id: int, fiscal_years: str) -> None:
    from .tasks import recount_counted  # here: the task module imports this one

    enqueue(recount_counted, office_id, [int(year) for year in fiscal_years.split("-")])


# One entry per office subtree and run of years.
KEPT = KeptFigures("cs2-counted:v2", version=data_version, queue=_queue_recount)


def _counter(office: Office, fiscal_years: list[int]):
    return lambda: {name: source.count(office=office, fiscal_years=fiscal_years) for name, source in _sources.items()}


def _params(office_id: int, fiscal_years: list[int]) -> dict:
    return {"office_id": office_id, "fiscal_years": "-".join(map(str, fiscal_years))}


def counted_by_channel(*, office: Office, fiscal_years: list[int]) -> Counted:
    """The complaints and responses of the subtree per channel and year: kept, counted while the reader waits, or
    kept and marked stale while a recount is queued. The same for every reader allowed to choose the office:
    callers offer only offices within the reader's scope."""
    kept = KEPT.get(_params(office.pk, fiscal_years), count=_counter(office, fiscal_years))
    return Counted(kept.value.get("complaints", {}), kept.value.get("responses", {}), kept.counted_at, kept.stale)


def counted_recount(*, office_id: int, fiscal_years: list[int]) -> None:
    """The background recount (`channels.tasks.recount_counted`)."""
    office = Office.objects.filter(pk=office_id).first()
    if office is not None:
        KEPT.recount(_params(office_id, fiscal_years), count=_counter(office, fiscal_years))


def current_year(today: date | None = None) -> int:
    return fiscal_year_of(today or timezone.localdate())
