"""Reading the CS1 registers, always through the user's scope; other processes pick groups here."""
from collections.abc import Iterable
from itertools import zip_longest

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from core.offices.models import Office
from core.offices.scoping import get_scoped_or_404, offices_under, paths_above, scope, scope_shared_down
from core.plans.figures import Figure

from .choices import GroupKind
from .models import DutyRow, Mission, Review, Sipoc, StakeholderGroup

TOP_GROUPS_PER_KIND = 2  # PMQA 4.0 item 3.2.2: the two most important customers and the two most important stakeholders


# --- Groups -------------------------------------------------------------------------------------------------------

def group_list(*, user) -> QuerySet[StakeholderGroup]:
    """The groups the user sees: those of their subtree, and those of the offices above theirs (a province's groups
    are its districts' groups too)."""
    return scope_shared_down(StakeholderGroup.objects.all(), user).select_related("office")


def groups_for_office(*, office: Office) -> QuerySet[StakeholderGroup]:
    """The active groups an office works with: its own and those of every office above it. The one list other
    processes pick a group from (questionnaires, table CS2-1, networks, participation projects)."""
    paths = paths_above(office.path, including_own=True)
    return StakeholderGroup.objects.filter(office__path__in=paths, is_active=True).order_by("kind", "rank", "name")


def groups_to_pick(*, office: Office, linked: Iterable[int] = ()) -> QuerySet[StakeholderGroup]:
    """The groups a record of `office` may link: `groups_for_office`, and the groups it links already (`linked`:
    their ids). A group switched off since stays linked until someone unticks it; nothing is dropped by an edit."""
    return (StakeholderGroup.objects
            .filter(Q(pk__in=groups_for_office(office=office).values("pk")) | Q(pk__in=list(linked)))
            .order_by("kind", "rank", "name"))


def top_groups(*, office: Office) -> dict[str, list[StakeholderGroup]]:
    """The two most important groups of each kind the office works with (by rank, then name): PMQA 4.0 item 3.2.2.
    The one place this rule is kept: the profile page and the profile PDF both read it."""
    return _top_of(list(groups_for_office(office=office).select_related("office")))


def _top_of(groups: list[StakeholderGroup]) -> dict[str, list[StakeholderGroup]]:
    return {kind: [g for g in groups if g.kind == kind][:TOP_GROUPS_PER_KIND] for kind in GroupKind.values}


def group_history(*, group: StakeholderGroup) -> QuerySet:
    """Every saved version of a group, newest first, with who saved it."""
    return group.history.select_related("history_user").order_by("-history_date")


def profile_context(*, office: Office) -> dict:
    """What the customer profile table prints (screen PDF, later the annual report and the evidence pack): the
    office's groups, its own and inherited, by kind and rank, and the two most important of each kind."""
    groups = list(groups_for_office(office=office).select_related("office"))
    top = _top_of(groups)
    return {
        "office": office,
        "sections": [(kind.label, [g for g in groups if g.kind == kind]) for kind in GroupKind],
        "top_pairs": list(zip_longest(top[GroupKind.CUSTOMER], top[GroupKind.STAKEHOLDER])),
    }


# --- Missions and the CS1 indicator -------------------------------------------------------------------------------

def _has_group_of(kind: str):
    return Exists(StakeholderGroup.missions.through.objects.filter(mission=OuterRef("pk"),
                                                                   stakeholdergroup__kind=kind))


def with_coverage(missions: QuerySet[Mission]) -> QuerySet[Mission]:
    """Missions, each with `has_customer` and `has_stakeholder` (one query, in the database) and `covered` (both)."""
    return missions.annotate(has_customer=_has_group_of(GroupKind.CUSTOMER),
                             has_stakeholder=_has_group_of(GroupKind.STAKEHOLDER))


def mission_list(*, user, office: Office | None = None, fiscal_year: int | None = None) -> QuerySet[Mission]:
    missions = scope(Mission.objects.all(), user)
    if office is not None:
        missions = missions.filter(office=office)
    if fiscal_year is not None:
        missions = missions.filter(fiscal_year=fiscal_year)
    return with_coverage(missions.select_related("office")).prefetch_related("groups")


def mission_get(*, user, pk: int) -> Mission:
    return get_scoped_or_404(Mission.objects.select_related("office"), user, pk=pk)


def missions_for_office(*, office: Office, fiscal_year: int) -> QuerySet[Mission]:
    """The missions of a fiscal year an office's work can serve: its own and those of every office above it (a
    district's project may serve its province's mission). What participation projects pick their mission from."""
    paths = paths_above(office.path, including_own=True)
    return Mission.objects.filter(office__path__in=paths, fiscal_year=fiscal_year).order_by("office__path", "order",
                                                                                              "pk")


def groups_defined_figure(*, office: Office, fiscal_year: int, today=None) -> Figure:
    """The CS1 indicator (ร้อยละความสำเร็จของการกำหนดกลุ่มผู้รับบริการและผู้มีส่วนได้ส่วนเสียตามพันธกิจ) for an office's
    subtree and a fiscal year: missions with at least one customer group and at least one stakeholder group ÷
    missions × 100, two decimals (docs/indicators.md, "CS1"). No missions: no value."""
    missions = with_coverage(Mission.objects.filter(office__in=offices_under(office).values("pk"),
                                                    fiscal_year=fiscal_year))
    counts = missions.aggregate(total=Count("pk"), covered=Count("pk", filter=Q(has_customer=True,
                                                                                has_stakeholder=True)))
    return Figure.share(counts["covered"], counts["total"])


# --- The other registers ------------------------------------------------------------------------------------------

def duty_rows(*, user, office: Office, fiscal_year: int) -> QuerySet[DutyRow]:
    return (scope(DutyRow.objects.filter(office=office, fiscal_year=fiscal_year), user)
            .prefetch_related("missions", "groups"))


def sipoc_list(*, user, office: Office | None = None) -> QuerySet[Sipoc]:
    sipocs = scope(Sipoc.objects.all(), user)
    if office is not None:
        sipocs = sipocs.filter(office=office)
    return sipocs.select_related("office").prefetch_related("groups")


def review_list(*, user, office: Office | None = None) -> QuerySet[Review]:
    reviews = scope(Review.objects.all(), user)
    if office is not None:
        reviews = reviews.filter(office=office)
    return reviews.select_related("office", "recorded_by")
