"""Thai unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, and many Thai offices run English
Windows and Chrome: staff would get English screens they never asked for. Here only the language the
user picked in the footer (the language cookie) can switch away from Thai.
"""
from django.conf import settings
from django.utils import translation


class ThaiFirstLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
