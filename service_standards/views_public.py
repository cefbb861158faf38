"""The citizens' page (no login, mobile, Thai): a published public manual (คู่มือสำหรับประชาชน) opened from its link or
QR code: the service's steps and time limits, documents, fees, where to apply and where to complain.

Only a published version, found by its token; a superseded or draft version answers 404. No one's name but the
approving executive's, whose approval is an official act.
"""
from django.conf import settings
from django.shortcuts import render

from core.ratelimit import allow

from . import selectors


def manual(request, token):
    if not allow(request, scope="public-manual", rate=settings.PUBLIC_RESULTS_RATE):
        return render(request, "service_standards/public/limited.html", status=429)
    manual = selectors.published_manual(token=token)
    return render(request, "service_standards/public/manual.html",
                  {"manual": manual, "service": manual.service, "steps": manual.service.steps.all(),
                   "publications": manual.publications.all()})
