"""The home page, one for each role, and the error pages that need a view."""
import sys

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils import timezone

from core.fiscal import fiscal_year_of, fiscal_year_param
from core.offices.roles import role_of
from core.plans import selectors as plan_selectors
from core.plans.choices import CS
from core.workdays.models import Holiday


@login_required
def home(request):
    today = timezone.localdate()
    years = plan_selectors.plan_fiscal_years(user=request.user)
    year = fiscal_year_param(request.GET.get("fiscal_year")) or (years[0] if years else fiscal_year_of(today))
    progress = {row["plan__cs"]: row for row in plan_selectors.progress_by_cs(user=request.user, fiscal_year=year)}
    overdue = plan_selectors.steps_overdue(user=request.user, today=today)
    context = {
        "role": role_of(request.user),
        "today": today,
        "current_fiscal_year": fiscal_year_of(today),
        "fiscal_year": year,
        "fiscal_years": years,
        "cs_rows": [{"cs": cs, "row": progress.get(cs.value)} for cs in CS],
        "plans": plan_selectors.plan_list(user=request.user, fiscal_year=year).order_by("cs", "office__code"),
        "overdue_count": overdue.filter(plan__fiscal_year=year).count(),
        "upcoming_holidays": Holiday.objects.filter(date__gte=today).order_by("date")[:5],
    }
    return render(request, "home.html", context)


def bad_request(request, exception):
    """The Thai 400 page, saying what was wrong with the request (the message of the BadRequest raised)."""
    message = str(exception) if isinstance(exception, BadRequest) and str(exception) else ""
    return render(request, "400.html", {"message": message}, status=400)


# The database cannot be reached (restarting, down, out of connections): 503 and "try again in a moment", for the proxy,
# the monitoring and the person alike; a retry a few seconds later normally succeeds (CONN_HEALTH_CHECKS replaces
# the broken connection). A full upload disk that a view did not turn into a form error: 507.
RETRY_AFTER_SECONDS = 10


def server_error(request):
    """handler500: the Thai page for the error being handled (sys.exc_info(): Django calls this inside its except).
    Rendered without the request's context processors, which would ask the database again."""
    from core.storage import StorageFull

    exc = sys.exc_info()[1]
    if isinstance(exc, (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    if isinstance(exc, StorageFull):
        return HttpResponse(loader.get_template("507.html").render(), status=507)
    return HttpResponse(loader.get_template("500.html").render(), status=500)
