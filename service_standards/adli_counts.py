"""What CS7 keeps that answers the assessor's checklist (reports.adli): counts only, for an office (the services it
uses: its own and those of the offices above it) and its subtree's records and checks of a fiscal year, in a fixed
number of queries whatever the data size."""
from django.db.models import Count, Exists, OuterRef, Q

from core.offices.models import Office
from core.offices.scoping import offices_under

from .choices import ManualStatus
from .models import ManualPublication, ServiceStep, StaffManual, StaffManualVersion, UsageCheck
from .selectors import chart_summary, check_counts, rm35_figure, services_for_office


def adli_counts(*, office: Office, fiscal_year: int) -> dict[str, int]:
    """Active services (each has a standard time: the model requires it) and those with a service chart (steps);
    seed 002's "N เรื่อง M เล่ม" (`chart_summary`) and how often the published manuals were announced; staff manuals
    and those with a file; the subtree's checks on use in the year; the records completed in the year and those
    within the standard (RM 3.5's counts)."""
    services = services_for_office(office=office).filter(is_active=True)
    counts = services.annotate(charted=Exists(ServiceStep.objects.filter(service=OuterRef("pk")))).order_by().aggregate(
        services=Count("pk"), services_charted=Count("pk", filter=Q(charted=True)))
    summary = chart_summary(office=office)
    counts |= {"manual_services": summary.services, "manual_books": summary.books}
    counts["publications"] = ManualPublication.objects.filter(
        manual__service__in=services.values("pk"), manual__status=ManualStatus.PUBLISHED).count()
    filed = Exists(StaffManualVersion.objects.filter(manual=OuterRef("pk")))
    counts |= StaffManual.objects.filter(service__in=services.values("pk")).annotate(filed=filed).order_by().aggregate(
        staff_manuals=Count("pk"), staff_manuals_filed=Count("pk", filter=Q(filed=True)))
    checks = UsageCheck.objects.filter(office__in=offices_under(office).values("pk"))
    counts["usage_checks"] = check_counts(checks=checks, fiscal_year=fiscal_year).total
    rm35 = rm35_figure(office=office, fiscal_year=fiscal_year)
    counts |= {"records_completed": rm35.denominator or 0, "records_met": rm35.numerator or 0}
    return counts
