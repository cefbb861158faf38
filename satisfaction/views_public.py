"""The respondents' page (no login). (Being written.)"""
from django.http import HttpResponse


def answer(request, key):
    return HttpResponse(status=501)
