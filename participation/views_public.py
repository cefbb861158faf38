"""The citizens' page (no login): what an office chose to publish of its participation projects, with their level,
dates and results, so that people see what their participation changed (seed 001, CS5 Learning).

Only projects the office itself published; never a project it has not, nor another office's, nor anyone's name.
"""
from django.conf import settings
from django.shortcuts import get_object_or_404, render

from core.offices.models import Office
from core.ratelimit import allow

from . import selectors


def _limited(request):
    return not allow(request, scope="public-participation", rate=settings.PUBLIC_RESULTS_RATE)


def offices(request):
    if _limited(request):
        return render(request, "participation/public/limited.html", status=429)
    return render(request, "participation/public/offices.html", {"offices": selectors.publishing_offices()})


def office_projects(request, code: str):
    if _limited(request):
        return render(request, "participation/public/limited.html", status=429)
    office = get_object_or_404(Office, code=code)
    return render(request, "participation/public/office.html",
                  {"office": office, "projects": selectors.published_projects(office=office)})
