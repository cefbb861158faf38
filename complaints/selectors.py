"""Reading tickets: always scoped to the user's offices, with complainant identity only where allowed.

Who may see who complained (PDPA): the committee, and the staff of the office handling the ticket; for
a confidential ticket, only the committee and the ticket's handler. Executives and assessors see the
ticket, never the person. The rule is one database expression (`complainant_visible`), so lists,
exports and the API apply it without a query per row.
"""
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import BooleanField, Case, CharField, Exists, OuterRef, Q, QuerySet, Subquery, Value, When

from core.offices.models import Office, User
from core.offices.roles import Role, role_of, roles_with
from core.offices.scoping import get_scoped_or_404, offices_under, scope, visible_offices
from core.workdays.calendar import Rule, WorkingCalendar
from core.workdays.choices import DeadlineBasis

from .choices import OPEN_STATUSES, EventAction, ItaPeriod, Kind, Priority, SlaStatus, Status
from .models import Category, ItaReport, Ticket, TicketEvent, TicketPriority

PERSONAL_FIELDS = ("complainant_name", "complainant_contact")


def _complainant_visible(user) -> Q | Value:
    role = role_of(user)
    if user.is_superuser or role == Role.COMMITTEE:
        return Value(True, output_field=BooleanField())
    if role in (Role.OFFICE_STAFF, Role.ADMINISTRATOR) and user.office_id:
        return Q(office_id=user.office_id, confidential=False) | Q(handler_id=user.pk)
    # Executives and assessors never see who complained, even on a ticket someone made them handle.
    return Value(False, output_field=BooleanField())


def may_see_complainants(*, user) -> bool:
    """Whether the user may see any complainant at all (`_complainant_visible` is not "never"): an executive's or an
    assessor's printed register carries no complainant column."""
    visible = _complainant_visible(user)
    return not (isinstance(visible, Value) and visible.value is False)


def handler_candidates(*, offices: QuerySet[Office]) -> QuerySet[User]:
    """Who may be made a ticket's handler: active people in `offices` whose role handles tickets (committee,
    office staff, administrators) — never an executive or an assessor, who must not see complainants."""
    return (User.objects.filter(is_active=True, office__in=offices,
                                groups__name__in=roles_with("complaints.change_ticket"))
            .distinct().order_by("office__path", "username"))


def ticket_queryset(*, user) -> QuerySet[Ticket]:
    """Every ticket the user may see, newest first, annotated with `complainant_visible`."""
    visible = _complainant_visible(user)
    if isinstance(visible, Q):
        visible = Case(When(visible, then=Value(True)), default=Value(False), output_field=BooleanField())
    return (scope(Ticket.objects.all(), user)
            .select_related("office", "receiving_office", "channel", "category", "handler")
            .annotate(complainant_visible=visible)
            .order_by("-received_on", "-id"))


def ticket_register(*, user) -> QuerySet[Ticket]:
    """The register page's rows: `ticket_queryset` joined only to what its table shows (office, channel). With all
    five relations, PostgreSQL spent 10–70 ms planning each page of a department's 100,000 tickets (eight tables
    and an ORDER BY … LIMIT: make loadtest's pg_stat_statements) for half a millisecond of running it; with two,
    under 1 ms."""
    return ticket_queryset(user=user).select_related(None).select_related("office", "channel")


def ticket_queue(*, user) -> QuerySet[Ticket]:
    """My queue: open tickets I handle, or unassigned ones of my own office, soonest due first."""
    mine = Q(handler=user) | Q(handler__isnull=True, office_id=user.office_id)
    return ticket_queryset(user=user).filter(mine, status__in=OPEN_STATUSES).order_by("due_on", "received_on")


def ticket_get(*, user, reference: str) -> Ticket:
    return get_scoped_or_404(ticket_queryset(user=user), user, reference=reference)


def ticket_timeline(*, ticket: Ticket) -> QuerySet[TicketEvent]:
    return ticket.events.select_related("by", "office").order_by("at", "id")


def ticket_public(*, tracking_code: str) -> Ticket | None:
    """The ticket behind a public tracking code (the public page shows status and dates only)."""
    return Ticket.objects.filter(tracking_code=tracking_code.strip().upper()).only(
        "reference", "tracking_code", "kind", "status", "received_on", "due_on", "answered_on",
        "office__name").select_related("office").first()


# "Overdue" and "due soon" are one rule each. The register and API filters, the daily check, the dashboard and the
# ticket page all read them here, so a list, a digest and a figure never disagree about the same ticket.


def overdue_q(*, today: date) -> Q:
    """Open tickets whose current round's deadline has passed (due before today)."""
    return Q(status__in=OPEN_STATUSES, due_on__lt=today)


def ticket_is_overdue(*, ticket: Ticket, today: date) -> bool:
    """`overdue_q` for a ticket already in hand (the ticket page): the same rule without a query."""
    return ticket.status in OPEN_STATUSES and ticket.due_on is not None and ticket.due_on < today


DUE_SOON_WORKING_DAYS = 3


@dataclass(frozen=True)
class DueSoonWindow:
    """The days whose deadlines are "due soon" on `today`: from today to `until`, both included."""

    today: date
    until: date

    @property
    def q(self) -> Q:
        """Open tickets due within the window."""
        return Q(status__in=OPEN_STATUSES, due_on__gte=self.today, due_on__lte=self.until)


def due_soon_window(*, today: date) -> DueSoonWindow:
    """3 working days, today counted when it is one (Friday before Songkran, 10 Apr 2026 → Friday 17 Apr 2026); on
    a weekend or holiday the window runs to the third working day after it. One calendar query."""
    calendar = WorkingCalendar.for_deadlines(today, rules=[Rule(DeadlineBasis.WORKING_DAYS, DUE_SOON_WORKING_DAYS)])
    day, counted = today, int(calendar.is_working_day(today))
    while counted < DUE_SOON_WORKING_DAYS:
        day += timedelta(days=1)
        counted += calendar.is_working_day(day)
    return DueSoonWindow(today, day)


def due_soon_q(*, today: date) -> Q:
    """Open tickets due soon on `today` (see `due_soon_window`)."""
    return due_soon_window(today=today).q


def sla_status_case(*, today: date) -> Case:
    """A ticket's standing against its deadline, in SQL: overdue is `overdue_q` (the register's red "เกินกำหนด");
    otherwise the first round's frozen verdict (`on_time`), then open within the deadline; a ticket with neither
    (a compliment, a rejected one) has no deadline to stand against."""
    return Case(
        When(overdue_q(today=today), then=Value(SlaStatus.OVERDUE.value)),
        When(on_time=True, then=Value(SlaStatus.ON_TIME.value)),
        When(on_time=False, then=Value(SlaStatus.LATE.value)),
        When(status__in=OPEN_STATUSES, due_on__isnull=False, then=Value(SlaStatus.OPEN.value)),
        default=Value(SlaStatus.NONE.value), output_field=CharField())


def with_sla(tickets: QuerySet[Ticket], *, today: date) -> QuerySet[Ticket]:
    """`tickets` annotated with `sla` (a `SlaStatus` value)."""
    return tickets.annotate(sla=sla_status_case(today=today))


def transfer_targets(*, user) -> QuerySet[Office]:
    """Where a user may send a ticket: a district office may hand it up or across to a sibling (its parent's
    subtree); a province office only up to the department or down its own tree, never into another province
    (whose data it may not see); the committee within its own scope."""
    if role_of(user) == Role.OFFICE_STAFF and user.office_id and not user.office.is_root():
        parent = Office.objects.get_parent(user.office)
        if not parent.is_root():
            return offices_under(parent)
        return offices_under(user.office) | Office.objects.filter(pk=parent.pk)
    return visible_offices(user)


def category_list() -> QuerySet[Category]:
    """Every complaint category with its deadline rule, active ones first; `has_tickets` tells those that tickets
    were filed under (they stay: such a category is switched off, not deleted). The list is national: no scope."""
    return (Category.objects.select_related("deadline_rule")
            .annotate(has_tickets=Exists(Ticket.objects.filter(category=OuterRef("pk"))))
            .order_by("-is_active", "name"))


# --- What the executive dashboard reads (reports.executive) -----------------------------------------------------

PRIORITY_ORDER = {"highest": 1, "high": 2, "medium": 3, "low": 4}


def ranked_in_quarter(*, office: Office, fiscal_year: int, quarter: int, limit: int = 100) -> tuple[int, list[dict]]:
    """The tickets of an office's subtree the executives ranked for a fiscal quarter (seed 001: มากเป็นพิเศษ, มาก,
    ปานกลาง, น้อย), highest first, with where each stands and the latest thing done about it: how many, and the
    first `limit` as plain values. Never who complained (no name, no contact, no note of the timeline, which may
    quote them). Two queries whatever the number."""
    # What was done about it: the ranking itself is not.
    latest = (TicketEvent.objects.filter(ticket=OuterRef("ticket_id")).exclude(action=EventAction.PRIORITY)
              .order_by("-at", "-pk"))
    rank = Case(*[When(priority=key, then=Value(n)) for key, n in PRIORITY_ORDER.items()], default=Value(9))
    ranked = TicketPriority.objects.filter(fiscal_year=fiscal_year, quarter=quarter,
                                           ticket__office__in=offices_under(office).values("pk"))
    rows = (ranked.annotate(rank=rank, last_action=Subquery(latest.values("action")[:1]),
                            last_at=Subquery(latest.values("at")[:1]))
            .order_by("rank", "ticket__received_on", "ticket_id")
            .values("priority", "ticket__reference", "ticket__kind", "ticket__subject", "ticket__category__name",
                    "ticket__office__code", "ticket__office__name", "ticket__status", "ticket__received_on",
                    "ticket__due_on", "ticket__answered_on", "last_action", "last_at")[:limit])
    priorities, kinds, statuses, actions = (dict(Priority.choices), dict(Kind.choices), dict(Status.choices),
                                            dict(EventAction.choices))
    return ranked.count(), [{
        "priority": row["priority"], "priority_label": str(priorities.get(row["priority"], "")),
        "reference": row["ticket__reference"], "kind": str(kinds.get(row["ticket__kind"], "")),
        "subject": row["ticket__subject"], "category": row["ticket__category__name"] or "",
        "office_code": row["ticket__office__code"], "office": row["ticket__office__name"],
        "status": row["ticket__status"], "status_label": str(statuses.get(row["ticket__status"], "")),
        "received_on": row["ticket__received_on"].isoformat(),
        "due_on": row["ticket__due_on"].isoformat() if row["ticket__due_on"] else None,
        "answered_on": row["ticket__answered_on"].isoformat() if row["ticket__answered_on"] else None,
        "latest_action": str(actions.get(row["last_action"], "")) if row["last_action"] else "",
        "latest_action_on": row["last_at"].date().isoformat() if row["last_at"] else None,
    } for row in rows]


# --- The ITA complaint-handling report (complaints.reports) ------------------------------------------------------


def ita_reports(*, office: Office, fiscal_year: int) -> dict[str, ItaReport]:
    """{period: report} of an office and year: the periods the committee published (or published once)."""
    return {r.period: r for r in ItaReport.objects.filter(office=office, fiscal_year=fiscal_year)
            .select_related("published_by")}


def ita_published(*, office_code: str, fiscal_year: int, period: str) -> ItaReport | None:
    """The published report of a period, for the public page; None when unknown or not (or no longer) published."""
    if period not in ItaPeriod.values:
        return None
    return (ItaReport.objects.filter(office__code=office_code, fiscal_year=fiscal_year, period=period,
                                     is_published=True).select_related("office").first())


def ita_published_list(*, office: Office) -> QuerySet[ItaReport]:
    """An office's published reports, newest year first, for its public index page."""
    return ItaReport.objects.filter(office=office, is_published=True).order_by("-fiscal_year", "period")
