"""Reading the CS7 registers, always through the user's scope (the public page through what was published), and
RM 3.5.

Services are shared down the tree as CS1 groups are: an office uses its own and those of the offices above it. Every
figure is counted by the database (one aggregate per table, whatever the number of records).
"""
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.shortcuts import get_object_or_404
from django.utils import timezone

from core.fiscal import fiscal_year_bounds
from core.offices.models import Office
from core.offices.scoping import get_scoped_or_404, offices_under, paths_above, scope, scope_shared_down
from core.plans.figures import Figure

from .choices import ActionStatus, CheckKind, ManualStatus, Verdict
from .dashboard import kept_counts, year_figures
from .models import (
    ManualPublication,
    PublicManual,
    Service,
    ServiceRecord,
    StaffManual,
    StaffManualVersion,
    UsageCheck,
)

# --- Services -------------------------------------------------------------------------------------------------------

def services_for_office(*, office: Office) -> QuerySet[Service]:
    """The active services an office gives: its own and those of every office above it (a department's services are
    its provinces' and districts'). The one list a record, a manual or an import picks a service from."""
    return (Service.objects.filter(office__path__in=paths_above(office.path, including_own=True), is_active=True)
            .order_by("name", "pk"))


def services_visible(*, user) -> QuerySet[Service]:
    """The services a user may read: those of their subtree and those adopted from above."""
    return scope_shared_down(Service.objects.select_related("office"), user)


def service_get(*, user, pk: int) -> Service:
    return get_object_or_404(services_visible(user=user), pk=pk)


# --- Manuals --------------------------------------------------------------------------------------------------------

def manuals_of(*, service: Service) -> QuerySet[PublicManual]:
    """Every version of a service's public manual, newest first, superseded ones kept."""
    return PublicManual.objects.filter(service=service).prefetch_related("publications").order_by("-version")


def manual_get(*, user, pk: int) -> PublicManual:
    return get_object_or_404(PublicManual.objects.filter(service__in=services_visible(user=user).values("pk"))
                             .select_related("service__office"), pk=pk)


def published_manual(*, token) -> PublicManual:
    """The public page's manual: only a published version (a superseded link answers 404: its newer one is current).
    No personal data: the approver's name and position are an official act, nobody else's name shows."""
    return get_object_or_404(PublicManual.objects.select_related("service__office")
                             .prefetch_related("service__steps", "publications"),
                             token=token, status=ManualStatus.PUBLISHED)


def publications_of(*, manual: PublicManual) -> QuerySet[ManualPublication]:
    return manual.publications.order_by("published_on", "pk")


def staff_manuals_of(*, service: Service) -> QuerySet[StaffManual]:
    """A service's staff manuals, each with its versions newest first and who uploaded them: two queries."""
    versions = StaffManualVersion.objects.select_related("uploaded_by").order_by("-version")
    return (StaffManual.objects.filter(service=service).order_by("title", "pk")
            .prefetch_related(Prefetch("versions", queryset=versions)))


def staff_manual_version_get(*, user, pk: int) -> StaffManualVersion:
    """A staff manual file, through its service's scope: another office's file does not exist (404)."""
    return get_object_or_404(StaffManualVersion.objects.filter(
        manual__service__in=services_visible(user=user).values("pk")).select_related("manual__service"), pk=pk)


@dataclass(frozen=True)
class ChartSummary:
    """Seed 002's "รวมจำนวน N เรื่อง M เล่ม": services with a published public manual, and published manual versions
    plus staff manuals (the books)."""

    services: int
    books: int


def chart_summary(*, office: Office) -> ChartSummary:
    services = services_for_office(office=office)
    published = PublicManual.objects.filter(service__in=services.values("pk"), status=ManualStatus.PUBLISHED)
    staff = StaffManual.objects.filter(service__in=services.values("pk"))
    return ChartSummary(services=published.values("service").distinct().count(),
                        books=published.count() + staff.count())


# --- Records --------------------------------------------------------------------------------------------------------

def verdict_q(verdict: str) -> Q:
    """The records filter: met, late (completed after the standard), open."""
    return {Verdict.MET: Q(met=True), Verdict.LATE: Q(met=False), Verdict.OPEN: Q(completed_on__isnull=True)}[verdict]


def records_visible(*, user) -> QuerySet[ServiceRecord]:
    return scope(ServiceRecord.objects.select_related("office", "service", "step"), user)


def record_get(*, user, pk: int) -> ServiceRecord:
    return get_scoped_or_404(ServiceRecord.objects.select_related("office", "service", "step"), user, pk=pk)


def overdue_records(*, office: Office, today: date | None = None) -> QuerySet[ServiceRecord]:
    """Open records of the subtree past their due date (the dashboard's late list)."""
    today = today or timezone.localdate()
    return (ServiceRecord.objects.filter(office__in=offices_under(office).values("pk"), completed_on__isnull=True,
                                         due_on__lt=today)
            .select_related("office", "service", "step").order_by("due_on", "pk"))


# --- RM 3.5 ---------------------------------------------------------------------------------------------------------

def rm35_figure(*, office: Office, fiscal_year: int, today: date | None = None) -> Figure:
    """RM 3.5 ร้อยละของความสำเร็จในการดำเนินการตามมาตรฐานคู่มือการให้บริการ, for an office's subtree: records completed
    in the fiscal year (by `today`) within the standard ÷ records completed in the fiscal year × 100
    (docs/indicators.md, "CS7"). Open records do not count. None completed yet: no value.

    Read from the dashboard's counts kept in the cache (`dashboard.year_figures`, the sum of the four quarters): a
    department's year is counted once per change of the data, not while each reader waits."""
    quarters = year_figures(office=office, fiscal_year=fiscal_year, today=today or timezone.localdate())
    return Figure.share(sum(f.numerator for _q, f in quarters), sum(f.denominator for _q, f in quarters))


def rm35_by_service(*, office: Office, fiscal_year: int, today: date | None = None) -> list[tuple[Service, Figure]]:
    """RM 3.5 per service, by the same rule and from the same kept counts: the services with a record completed in
    the year, by name."""
    kept = kept_counts(office=office, fiscal_year=fiscal_year, today=today or timezone.localdate()).value["services"]
    done = {pk: n for pk, n in kept.items() if n["total"]}
    services = Service.objects.in_bulk(list(done))
    return sorted(((services[pk], Figure.share(n["met"], n["total"])) for pk, n in done.items() if pk in services),
                  key=lambda pair: pair[0].name)


def rm35_by_quarter(*, office: Office, fiscal_year: int, today: date | None = None) -> list[tuple[int, Figure]]:
    """RM 3.5 per fiscal quarter (Oct–Dec is 1), by the quarter of completion, from the same kept counts; all four."""
    return year_figures(office=office, fiscal_year=fiscal_year, today=today or timezone.localdate())


def summary_rows(*, office: Office) -> QuerySet[Service]:
    """The services of the summary: each with its published manual (or none) and that manual's publications, and
    the number of its staff manuals; a fixed number of queries."""
    published = PublicManual.objects.filter(status=ManualStatus.PUBLISHED).prefetch_related("publications")
    return (services_for_office(office=office).select_related("office")
            .annotate(staff_count=Count("staff_manuals", distinct=True))
            .prefetch_related(Prefetch("manuals", queryset=published, to_attr="published")))


# --- Checks on use -------------------------------------------------------------------------------------------------

def open_action_q() -> Q:
    """A check whose corrective action is still to be done (planned or under way): the one rule of "open"."""
    return Q(action_status__in=[ActionStatus.PLANNED, ActionStatus.IN_PROGRESS])


def checks_visible(*, user) -> QuerySet[UsageCheck]:
    """The checks of the offices the user sees (an office checked is its own business and its parents')."""
    return scope(UsageCheck.objects.select_related("office", "service"), user)


def check_get(*, user, pk: int) -> UsageCheck:
    return get_scoped_or_404(UsageCheck.objects.select_related("office", "service__office"), user, pk=pk)


@dataclass(frozen=True)
class CheckCounts:
    """Checks per kind (in the period asked, or all), and the corrective actions still open (whenever found) and
    overdue among them (their due date passed)."""

    by_kind: list[tuple[str, str, int]]  # (kind, Thai label, number)
    total: int
    open_actions: int
    overdue_actions: int


def check_counts(*, checks: QuerySet[UsageCheck], fiscal_year: int | None = None,
                 today: date | None = None) -> CheckCounts:
    """Counts of a set of checks in one aggregate, whatever their number: per kind checked in `fiscal_year` (every
    year when None), and the open corrective actions of the set, whatever year they were found in."""
    today = today or timezone.localdate()
    in_year = Q(checked_on__range=fiscal_year_bounds(fiscal_year)) if fiscal_year else Q()
    counts = checks.order_by().aggregate(
        **{kind: Count("pk", filter=in_year & Q(kind=kind)) for kind in CheckKind.values},
        open_actions=Count("pk", filter=open_action_q()),
        overdue_actions=Count("pk", filter=open_action_q() & Q(action_due_on__lt=today)))
    by_kind = [(kind.value, kind.label, counts[kind.value]) for kind in CheckKind]
    return CheckCounts(by_kind=by_kind, total=sum(n for _k, _l, n in by_kind), open_actions=counts["open_actions"],
                       overdue_actions=counts["overdue_actions"])


@dataclass(frozen=True)
class DiffRow:
    """One line of the side-by-side comparison: the older version's line, the newer's, and what happened to it."""

    left: str
    right: str
    kind: str  # "same", "changed", "removed", "added"


def manual_diff(*, older: PublicManual, newer: PublicManual) -> list[DiffRow]:
    """Two versions' titles and bodies side by side, line by line (difflib's SequenceMatcher): the template marks
    the kinds with classes, no script."""
    from difflib import SequenceMatcher

    left = [older.title, *older.body.splitlines()]
    right = [newer.title, *newer.body.splitlines()]
    rows: list[DiffRow] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, left, right, autojunk=False).get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow(a, b, "same") for a, b in zip(left[i1:i2], right[j1:j2], strict=True))
        elif tag == "replace":
            a, b = left[i1:i2], right[j1:j2]
            for k in range(max(len(a), len(b))):
                if k < len(a) and k < len(b):
                    rows.append(DiffRow(a[k], b[k], "changed"))
                elif k < len(a):
                    rows.append(DiffRow(a[k], "", "removed"))
                else:
                    rows.append(DiffRow("", b[k], "added"))
        elif tag == "delete":
            rows.extend(DiffRow(a, "", "removed") for a in left[i1:i2])
        else:
            rows.extend(DiffRow("", b, "added") for b in right[j1:j2])
    return rows


# --- The annual report and the evidence pack (service_standards.sections) --------------------------------------------
# Whoever asks: the reports check that the reader may see `office`. What they print names no person but the
# executive who approved a manual (an official act, as on the public page).

def chart_services(*, office: Office) -> QuerySet[Service]:
    """The services of the summary (`services_for_office`) with their steps, for every service's chart: two queries."""
    return services_for_office(office=office).select_related("office").prefetch_related("steps")


def summary_publications(*, office: Office) -> QuerySet[ManualPublication]:
    """How the published manuals of the summary's services were announced (seed 002: "โดยวิธี"), by date."""
    return (ManualPublication.objects
            .filter(manual__service__in=services_for_office(office=office).values("pk"),
                    manual__status=ManualStatus.PUBLISHED)
            .select_related("manual__service").order_by("published_on", "pk"))


def current_staff_versions(*, office: Office) -> QuerySet[StaffManualVersion]:
    """The newest version of each staff manual of the summary's services (seed 002's "คู่มือการปฏิบัติงานของบุคลากร")."""
    newest = StaffManualVersion.objects.filter(manual=OuterRef("manual")).order_by("-version").values("pk")[:1]
    return (StaffManualVersion.objects
            .filter(manual__service__in=services_for_office(office=office).values("pk"), pk=Subquery(newest))
            .select_related("manual__service").order_by("manual__service__name", "manual__title", "pk"))


def year_checks(*, office: Office, fiscal_year: int) -> QuerySet[UsageCheck]:
    """The checks on use made by an office's subtree in a fiscal year, with their corrective actions, by date."""
    return (UsageCheck.objects.filter(office__in=offices_under(office).values("pk"),
                                      checked_on__range=fiscal_year_bounds(fiscal_year))
            .select_related("office", "service").order_by("checked_on", "pk"))
