"""The CS3 dashboard. (Being written.)"""
from django.http import HttpResponse


def dashboard(request):
    return HttpResponse(status=501)
