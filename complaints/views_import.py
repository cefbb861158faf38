"""Spreadsheet import of tickets (CSV/XLSX): template, preview, confirm. (Being written.)"""
from django.http import HttpResponse


def import_start(request):
    return HttpResponse(status=501)


def import_template(request):
    return HttpResponse(status=501)


def import_confirm(request, token):
    return HttpResponse(status=501)
