"""Reading offices, always through the user's scope."""
from django.db.models import OuterRef, QuerySet, Subquery
from django.db.models.functions import Left, Length

from .models import Office
from .scoping import visible_offices


def office_list(*, user) -> QuerySet[Office]:
    """The offices the user sees, each with `parent_code` (from the tree path, in the same query)."""
    parent = Office.objects.filter(path=Left(OuterRef("path"), Length(OuterRef("path")) - Office.steplen))
    return visible_offices(user).annotate(parent_code=Subquery(parent.values("code")[:1])).order_by("code")
