"""What CS4 keeps that answers the assessor's checklist (reports.adli): counts only (no member's name or contact), for
an office's subtree and a fiscal year, in four queries whatever the data size."""
from django.db.models import Count, Exists, OuterRef, Q

from core.offices.models import Office
from core.offices.scoping import offices_under
from satisfaction import selectors as surveys

from .models import MIN_CONTACT_CHANNELS, ActivityPhoto, ContactChannel, Network, RelationshipPlan
from .selectors import activities_in_year


def adli_counts(*, office: Office, fiscal_year: int) -> dict[str, int]:
    """The subtree's active networks, those reached through at least `MIN_CONTACT_CHANNELS` contact channels and those
    formed from CS1 groups; the year's activities, announced beforehand, designed with the network, with a photo,
    evaluated (a CS6 round about them), and their photos; the year's relationship plans and those that say what the
    activities changed."""
    subtree = offices_under(office).values("pk")
    contacts = (ContactChannel.objects.filter(network=OuterRef("pk")).order_by().values("network")
                .annotate(n=Count("pk")).values("n"))
    reachable = Exists(contacts.filter(n__gte=MIN_CONTACT_CHANNELS))
    grouped = Exists(Network.groups.through.objects.filter(network=OuterRef("pk")))
    counts = (Network.objects.filter(office__in=subtree, is_active=True).annotate(reachable=reachable, grouped=grouped)
              .order_by().aggregate(networks=Count("pk"), networks_reachable=Count("pk", filter=Q(reachable=True)),
                                    networks_grouped=Count("pk", filter=Q(grouped=True))))
    activities = activities_in_year(office=office, fiscal_year=fiscal_year)
    pictured = Exists(ActivityPhoto.objects.filter(activity=OuterRef("pk")))
    evaluated = Exists(surveys.rounds_about(activities).filter(subject_id=OuterRef("pk")))
    counts |= activities.annotate(pictured=pictured, evaluated=evaluated).order_by().aggregate(
        activities=Count("pk"), activities_announced=Count("pk", filter=Q(announced_on__isnull=False)),
        activities_co_designed=Count("pk", filter=Q(co_designed=True)),
        activities_pictured=Count("pk", filter=Q(pictured=True)),
        activities_evaluated=Count("pk", filter=Q(evaluated=True)))
    counts["activity_photos"] = ActivityPhoto.objects.filter(activity__in=activities.values("pk")).count()
    counts |= RelationshipPlan.objects.filter(network__office__in=subtree, fiscal_year=fiscal_year).order_by().aggregate(
        relationship_plans=Count("pk"), plans_reflected=Count("pk", filter=~Q(reflection="")))
    return counts
