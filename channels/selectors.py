"""Reading the CS2 registers, always through the user's scope, and the two CS2 indicators.

The national channel list is what other processes read (complaints take a ticket's channel from `channel_list` and
`channel_by_code`): an office's own channels never appear there. The three-year statistics table, which reads the
complaints and the survey responses too, is `channels.usage`.
"""
from datetime import date
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.fiscal import fiscal_year_bounds, fiscal_year_of
from core.offices.models import Office
from core.offices.scoping import offices_under, paths_above, scope, scope_shared_down, visible_offices
from core.plans.figures import Figure
from core.workdays.selectors import may_change_calendar
from stakeholders.models import StakeholderGroup
from stakeholders.selectors import groups_for_office

from .models import Channel, ChannelReview, ChannelUsage, GroupChannel, HeardImprovement, InformationType

# --- The national list (what complaints read) ---------------------------------------------------------------------


def channel_list(*, active_only: bool = True) -> QuerySet[Channel]:
    """The national channels (no office's own), in their order: the list a ticket's channel is chosen from."""
    channels = Channel.objects.filter(office__isnull=True)
    return channels.filter(is_active=True) if active_only else channels


def channel_by_code(code: str) -> Channel | None:
    """A national channel by its code (an office's own channel is nobody else's to name)."""
    return Channel.objects.filter(code=code, office__isnull=True).first()


# --- The channels an office works with ----------------------------------------------------------------------------


def office_channels_q(office: Office) -> Q:
    return Q(office__isnull=True) | Q(office__path__in=paths_above(office.path, including_own=True))


def channels_for_office(*, office: Office, active_only: bool = True) -> QuerySet[Channel]:
    """The channels an office may use: the national ones, its own and those of the offices above it (a province's
    channel is its districts' too)."""
    channels = Channel.objects.filter(office_channels_q(office))
    return channels.filter(is_active=True) if active_only else channels


def channel_register(*, user) -> QuerySet[Channel]:
    """The channels the user sees: the national ones, and the own channels of the offices of their subtree and of
    the offices above theirs."""
    own = scope_shared_down(Channel.objects.filter(office__isnull=False), user).values("pk")
    return Channel.objects.filter(Q(office__isnull=True) | Q(pk__in=own)).select_related("office")


def channel_get(*, user, pk: int) -> Channel:
    return get_object_or_404(channel_register(user=user), pk=pk)


def channel_may_change(*, user, channel: Channel | None, office: Office | None = None) -> bool:
    """A national channel (office None) is changed by those who keep the national lists (a superuser, or an
    administrator of the top office); an office's own by whoever may change channels and sees that office's
    subtree (its committee, not its districts)."""
    owner = channel.office if channel is not None else office
    if owner is None:
        return may_change_calendar(user)
    return user.has_perm("channels.change_channel" if channel else "channels.add_channel") and \
        visible_offices(user).filter(pk=owner.pk).exists()


# --- The registers of an office -----------------------------------------------------------------------------------


def group_channel_rows(*, user, office: Office) -> QuerySet[GroupChannel]:
    """Table CS2-1 of an office, ordered as the seed prints it: group by group."""
    return (scope(GroupChannel.objects.filter(office=office), user)
            .select_related("office", "group", "channel"))


def group_channel_get(*, user, pk: int) -> GroupChannel:
    return get_object_or_404(scope(GroupChannel.objects.select_related("office", "group", "channel"), user), pk=pk)


def information_types(*, user, office: Office, fiscal_year: int) -> QuerySet[InformationType]:
    return scope(InformationType.objects.filter(office=office, fiscal_year=fiscal_year), user)


def review_list(*, user, office: Office) -> QuerySet[ChannelReview]:
    return scope(ChannelReview.objects.filter(office=office), user).select_related("group", "channel")


def improvement_list(*, user, office: Office, fiscal_year: int | None = None) -> QuerySet[HeardImprovement]:
    improvements = scope(HeardImprovement.objects.filter(office=office), user)
    if fiscal_year is not None:
        improvements = improvements.filter(fiscal_year=fiscal_year)
    return improvements.select_related("channel", "group")


def improvement_get(*, user, pk: int) -> HeardImprovement:
    return get_object_or_404(scope(HeardImprovement.objects.all(), user), pk=pk)


def usage_rows(*, user, office: Office, fiscal_year: int) -> QuerySet[ChannelUsage]:
    """The counts an office keyed itself for a year (the form shows and changes these, never its subtree's)."""
    return scope(ChannelUsage.objects.filter(office=office, fiscal_year=fiscal_year), user)


# --- The CS2 indicators -------------------------------------------------------------------------------------------


def active_in_year_q(fiscal_year: int, prefix: str = "") -> Q:
    """A channel in use at some time in the fiscal year: switched on, started by its last day (or no start date) and
    not ended before its first (or no end date). A channel switched off counts in no year; a retired channel keeps
    its past years by getting an end date instead."""
    start, end = fiscal_year_bounds(fiscal_year)
    return (Q(**{f"{prefix}is_active": True})
            & (Q(**{f"{prefix}active_from__isnull": True}) | Q(**{f"{prefix}active_from__lte": end}))
            & (Q(**{f"{prefix}active_to__isnull": True}) | Q(**{f"{prefix}active_to__gte": start})))


def channels_used(*, office: Office, fiscal_year: int) -> QuerySet[Channel]:
    """The channels active in the fiscal year that the office's subtree uses: named in its table CS2-1, or given a
    keyed count above zero for that year (docs/indicators.md, "CS2")."""
    subtree = offices_under(office).values("pk")
    in_cs21 = GroupChannel.objects.filter(channel=OuterRef("pk"), office__in=subtree)
    counted = ChannelUsage.objects.filter(channel=OuterRef("pk"), office__in=subtree, fiscal_year=fiscal_year,
                                          count__gt=0)
    return Channel.objects.filter(active_in_year_q(fiscal_year)).filter(Exists(in_cs21) | Exists(counted))


def channels_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """`cs2_channels`: how many channels the office's subtree used in the fiscal year (a count, not a share: no
    denominator). None used is no data yet, not a result of 0 (as 0 ÷ 0 is for a share)."""
    count = channels_used(office=office, fiscal_year=fiscal_year).count()
    return Figure(Decimal(count) if count else None, count, None)


def group_coverage_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """`cs2_group_coverage`: the office's groups (its own and those above it, active) that have at least one row in
    its subtree's table CS2-1 through a channel active in the year ÷ those groups × 100 (docs/indicators.md)."""
    groups = groups_for_office(office=office)
    total = groups.count()
    covered = groups.filter(_heard_in(office, fiscal_year)).count() if total else 0
    return Figure.share(covered, total)


def groups_without_channel(*, office: Office, fiscal_year: int) -> QuerySet[StakeholderGroup]:
    """The office's groups no row of its table CS2-1 covers in the year: the gap the page points out."""
    return groups_for_office(office=office).exclude(_heard_in(office, fiscal_year))


def _heard_in(office: Office, fiscal_year: int) -> Exists:
    """A group has a row in the office subtree's table CS2-1 through a channel active in the year."""
    return Exists(GroupChannel.objects.filter(group=OuterRef("pk"), office__in=offices_under(office).values("pk"))
                  .filter(active_in_year_q(fiscal_year, prefix="channel__")))


def scope_group_channels(*, user) -> QuerySet[GroupChannel]:
    """Every row of table CS2-1 the user sees (their subtree's), for the filtered list and its export."""
    return scope(GroupChannel.objects.all(), user).select_related("office", "group", "channel")


def cs21_context(*, user, office: Office) -> dict:
    """What table CS2-1 prints (the page's PDF, later the annual report and the evidence pack): the office's rows,
    group by group, with the groups no row covers yet."""
    today = timezone.localdate()
    return {"office": office, "rows": list(group_channel_rows(user=user, office=office)), "printed_on": today,
            "gaps": list(groups_without_channel(office=office, fiscal_year=fiscal_year_of(today)))}
