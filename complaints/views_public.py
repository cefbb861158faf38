"""The citizens' pages. (Being written.)"""
from django.http import HttpResponse


def submit(request):
    return HttpResponse(status=501)


def track(request):
    return HttpResponse(status=501)
