"""The citizens' pages: file a complaint with no login, and follow it by its tracking code.

The status page shows status and dates only — never the complainant, the detail or the replies' text.
"""
from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils import timezone

from channels.selectors import channel_by_code
from core.forms import add_service_errors
from core.ratelimit import allow

from . import selectors, services
from .forms import PublicTicketForm, TrackForm

PUBLIC_CHANNEL = "website"


def submit(request):
    form = PublicTicketForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not allow(request, scope="public-submit", rate=settings.PUBLIC_SUBMIT_RATE):
            return render(request, "complaints/public/limited.html", status=429)
        if form.is_valid() and not form.cleaned_data["website"]:
            data = form.cleaned_data
            try:
                ticket = services.ticket_create(
                    kind=data["kind"], channel=channel_by_code(PUBLIC_CHANNEL), office=data["office"],
                    received_on=timezone.localdate(), subject=data["subject"], detail=data["detail"],
                    complainant_name=data["complainant_name"], complainant_contact=data["complainant_contact"],
                    anonymous=data["anonymous"], confidential=data["confidential"], attachment=data["attachment"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return render(request, "complaints/public/received.html", {"ticket": ticket})
    return render(request, "complaints/public/submit.html", {"form": form})


def track(request):
    form = TrackForm(request.GET or None)
    ticket = None
    if form.is_bound:
        if not allow(request, scope="public-track", rate=settings.PUBLIC_TRACK_RATE):
            return render(request, "complaints/public/limited.html", status=429)
        if form.is_valid():
            ticket = selectors.ticket_public(tracking_code=form.cleaned_data["code"])
            if ticket is None:
                form.add_error("code", "ไม่พบเรื่องตามรหัสนี้ โปรดตรวจสอบรหัสติดตามเรื่องอีกครั้ง")
    return render(request, "complaints/public/track.html", {"form": form, "ticket": ticket})
