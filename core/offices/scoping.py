"""Office scoping: the one function every list, detail, export and API uses.

A user sees their own office and every office below it; a superuser sees everything; anyone else
(no office) sees nothing. Something outside the scope does not exist for the user: 404, never 403.
"""
from django.db.models import QuerySet
from django.http import Http404

from .models import Office


def offices_under(office: Office) -> QuerySet[Office]:
    """An office and every office below it: the one definition of a subtree."""
    return Office.objects.filter(path__startswith=office.path)


def visible_offices(user) -> QuerySet[Office]:
    if not user.is_authenticated:
        return Office.objects.none()
    if user.is_superuser:
        return Office.objects.all()
    if user.office_id is None:
        return Office.objects.none()
    return offices_under(user.office)


def scope(queryset: QuerySet, user, *, office_field: str = "office") -> QuerySet:
    """Only the rows whose office (reached through `office_field`) the user may see."""
    if not user.is_authenticated:
        return queryset.none()
    if user.is_superuser:
        return queryset
    if user.office_id is None:
        return queryset.none()
    if _sees_every_office(user):
        # No filter at all: SQLite would otherwise walk a million rows office by office and sort them.
        return queryset
    # `office IN (SELECT id … path LIKE 'x%')` rather than a join: the planner can then walk an index
    # on the rows' own columns (the newest tickets first) and test membership, instead of joining.
    offices = offices_under(user.office).values("pk")
    return queryset.filter(**{f"{office_field}__in": offices})


def get_scoped_or_404(queryset: QuerySet, user, *, office_field: str = "office", **lookup):
    try:
        return scope(queryset, user, office_field=office_field).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc


def sees_every_office(user) -> bool:
    """True for a superuser and for a user whose office is the root of the only tree: one who sees every office."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.office_id is not None and _sees_every_office(user)


def _sees_every_office(user) -> bool:
    """True for a user at the root of the only office tree (one cheap query, and only for root users)."""
    office = user.office
    return office.depth == 1 and not Office.objects.exclude(path__startswith=office.path).exists()


def scope_shared_down(queryset: QuerySet, user, *, office_field: str = "office") -> QuerySet:
    """What `scope` gives, plus rows of the offices above the user's: for records an office runs for every
    office below it (a province's survey round, whose forms its districts key in)."""
    if not user.is_authenticated or user.is_superuser or user.office_id is None:
        return scope(queryset, user, office_field=office_field)
    return scope(queryset, user, office_field=office_field) | queryset.filter(
        **{f"{office_field}__path__in": paths_above(user.office.path)})


def paths_above(path: str, *, including_own: bool = False) -> list[str]:
    """The tree paths of the offices above the one at `path`, the root first (and its own last, if asked): the
    prefixes of a materialised path, so no query. The one way up the tree, as `offices_under` is the one way down."""
    step = Office.steplen
    return [path[:end] for end in range(step, len(path) + (step if including_own else 0), step)]
