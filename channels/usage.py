"""The three-year channel statistics table (seed 002: สถิติจำนวนผู้ใช้ช่องทาง, channels as rows, three fiscal years
as columns) of an office's subtree, read by the page, its PDF, its chart and the `channel-usage/` API.

Two kinds of number, never added together:
- **keyed** — what offices keyed or imported (`ChannelUsage`), summed over the subtree (a district's counts roll
  up into its province's table). Read live: at the department of the bench (1,000 offices × 20 channels × 3 years
  = 60,000 rows) one indexed SUM … GROUP BY.
- **counted** — the complaints received through each channel (`complaints.kpi.received_by_channel`: the handling
  office's subtree, by date of receipt) and the survey responses that came by it
  (`satisfaction.selectors.responses_by_channel`: rounds of the subtree, by the day recorded). Counted in the
  database and kept in the cache per office and years with the data version they describe.

Why a cache and not counts kept in the writing transaction (as the CS6 tallies are): a ticket's office changes
when it is transferred or assigned, so a per-(office, channel, year) tally would have to follow every ticket
service and the bench's SQL-generated tickets; the complaints process already gives every change a version (its
newest timeline line), and the CS3 dashboard shows the pattern works at a million tickets. The department's three
years are about 600,000 tickets, too many to count while a reader waits: as on the CS3 dashboard, a count that took
under RECOUNT_WHILE_WAITING_SECONDS is redone at once after a change, a slower one is shown as it was (with its
time, marked stale) while `channels.tasks.recount_counted` counts it again. Measured by `manage.py bench`.
"""
import logging
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone

from complaints import kpi
from complaints.dashboard_cache import data_version as tickets_version
from core.fiscal import fiscal_year_of
from core.offices.models import Office
from core.offices.scoping import offices_under
from satisfaction.selectors import responses_by_channel, responses_version

from .models import Channel, ChannelUsage
from .selectors import office_channels_q

logger = logging.getLogger(__name__)

YEARS_SHOWN = 3  # seed 002: three fiscal years side by side
MAX_YEARS = 10  # what one request may ask for (the API's ?years=)
RECOUNT_WHILE_WAITING_SECONDS = 0.25
KEEP_SECONDS = 7 * 24 * 60 * 60
RECOUNT_LOCK_SECONDS = 5 * 60


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


# --- The counted part, kept in the cache --------------------------------------------------------------------------


@dataclass(frozen=True)
class Counted:
    complaints: dict
    responses: dict
    counted_at: datetime
    stale: bool = False


def data_version() -> tuple:
    """Moves on whenever a ticket changes (complaints' own version) or a survey response is recorded."""
    return tickets_version(), responses_version()


def _key(office_id: int, fiscal_years: list[int]) -> str:
    return f"cs2-counted:v1:{office_id}:{'-'.join(map(str, fiscal_years))}"


def counted_by_channel(*, office: Office, fiscal_years: list[int]) -> Counted:
    """The complaints and responses of the subtree per channel and year: kept, counted while the reader waits, or
    kept and marked stale while a recount is queued (once per entry, after the request's transaction commits).
    The same for every reader allowed to choose the office: callers offer only offices within the reader's scope."""
    key = _key(office.pk, fiscal_years)
    entry = cache.get(key)
    if entry and entry["version"] == data_version():
        return Counted(entry["complaints"], entry["responses"], entry["counted_at"])
    if entry and entry["seconds"] > RECOUNT_WHILE_WAITING_SECONDS:
        if cache.add(f"{key}:recounting", True, timeout=RECOUNT_LOCK_SECONDS):
            transaction.on_commit(partial(_queue_recount, office_id=office.pk, fiscal_years=fiscal_years))
        return Counted(entry["complaints"], entry["responses"], entry["counted_at"], stale=True)
    entry = _count(office=office, fiscal_years=fiscal_years)
    return Counted(entry["complaints"], entry["responses"], entry["counted_at"])


def counted_recount(*, office_id: int, fiscal_years: list[int]) -> None:
    """The background recount (`channels.tasks.recount_counted`)."""
    try:
        office = Office.objects.filter(pk=office_id).first()
        if office is not None:
            _count(office=office, fiscal_years=fiscal_years)
    finally:
        cache.delete(f"{_key(office_id, fiscal_years)}:recounting")


def _count(*, office: Office, fiscal_years: list[int]) -> dict:
    version = data_version()  # read first: a change during the count leaves the entry older, never newer
    started = time.perf_counter()
    entry = {"version": version, "complaints": kpi.received_by_channel(office=office, fiscal_years=fiscal_years),
             "responses": responses_by_channel(office=office, fiscal_years=fiscal_years),
             "seconds": time.perf_counter() - started, "counted_at": timezone.now()}
    cache.set(_key(office.pk, fiscal_years), entry, KEEP_SECONDS)
    return entry


def _queue_recount(*, office_id: int, fiscal_years: list[int]) -> None:
    from .tasks import recount_counted  # here: the task module imports this one

    try:
        recount_counted.delay(office_id, fiscal_years)
    except Exception:  # a broker that is down must not break the page; the next reader queues again
        logger.warning("could not queue the CS2 recount", exc_info=True)
        cache.delete(f"{_key(office_id, fiscal_years)}:recounting")


def current_year(today: date | None = None) -> int:
    return fiscal_year_of(today or timezone.localdate())
