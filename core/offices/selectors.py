"""Reading offices, people and tokens, always through the user's scope."""
from datetime import datetime

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import F, Max, Min, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import Left, Length
from django.http import Http404
from django.utils import timezone
from knox.models import get_token_model

from .models import Office, User
from .roles import Role
from .scoping import get_scoped_or_404, scope, visible_offices


def office_list(*, user) -> QuerySet[Office]:
    """The offices the user sees, each with `parent_code` (from the tree path, in the same query)."""
    parent = Office.objects.filter(path=Left(OuterRef("path"), Length(OuterRef("path")) - Office.steplen))
    return visible_offices(user).annotate(parent_code=Subquery(parent.values("code")[:1])).order_by("code")


def _office_users() -> QuerySet[User]:
    # A user with no office is a superuser (or not yet placed): the Django admin's business, never shown
    # to office administrators — not even to one at the root, whom `scope` does not filter at all.
    return User.objects.filter(office__isnull=False)


def user_list(*, user) -> QuerySet[User]:
    """The people of the offices `user` sees, each with `role` (the role group's name) from the same query."""
    role = Group.objects.filter(user=OuterRef("pk"), name__in=Role.values).values("name")[:1]
    return (scope(_office_users(), user).select_related("office").annotate(role=Subquery(role))
            .order_by("office__path", "username"))


def user_get(*, user, pk: int) -> User:
    """One person of `user`'s subtree; anyone else is a 404."""
    return get_scoped_or_404(_office_users().select_related("office"), user, pk=pk)


def office_tree(*, user) -> QuerySet[Office]:
    """The subtree `user` sees in tree order, each with `level` (0 for the top office shown) and its head."""
    offices = visible_offices(user)
    top = offices.aggregate(top=Min("depth"))["top"] or 1
    return offices.select_related("head").annotate(level=F("depth") - top).order_by("path")


def office_get(*, user, pk: int) -> Office:
    return get_scoped_or_404(Office.objects.select_related("head"), user, office_field="pk", pk=pk)


def office_head_choices(*, office: Office) -> QuerySet[User]:
    """Who may be named head of `office`: its own active people."""
    return User.objects.filter(office=office, is_active=True).order_by("first_name", "username")


def token_list(*, user) -> QuerySet:
    """The user's own API tokens, newest first (only their prefixes and dates: the tokens are hashed)."""
    return get_token_model().objects.filter(user=user).order_by("-created")


def token_get(*, user, digest: str):
    """One of the user's own tokens; another user's is a 404."""
    token = get_token_model().objects.filter(user=user, digest=digest).first()
    if token is None:
        raise Http404
    return token


def login_locked_until(*, username: str, ip_address: str) -> datetime | None:
    """When the lock-out of this username from this address ends (django-axes), or None if it is not locked.

    Read as axes counts: failures per username and address together (AXES_LOCKOUT_PARAMETERS) newer than the
    cool-off. A failure during a lock-out does not extend it (AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT),
    so the end is the last counted failure plus the cool-off.
    """
    cool_off = settings.AXES_COOLOFF_TIME
    counted = AccessAttempt.objects.filter(username=username, ip_address=ip_address,
                                           attempt_time__gte=timezone.now() - cool_off)
    totals = counted.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
    if (totals["failures"] or 0) < settings.AXES_FAILURE_LIMIT:
        return None
    return totals["last"] + cool_off


def login_failures(*, username: str) -> int:
    """Wrong passwords typed for this username, from any address, within the cool-off (for the unlock button)."""
    counted = AccessAttempt.objects.filter(username=username,
                                           attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return counted.aggregate(failures=Sum("failures_since_start"))["failures"] or 0
