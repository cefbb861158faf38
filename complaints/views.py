"""Ticket pages for staff. (Being written.)"""
from django.http import HttpResponse


def _todo(request, *args, **kwargs):
    return HttpResponse(status=501)


ticket_list = ticket_queue = ticket_new = ticket_export = follow_up = ticket_detail = ticket_action = _todo
attachment_download = _todo
