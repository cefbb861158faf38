"""The project's middleware: Thai unless the user chose otherwise; text input cleaned before any view sees it.

Django's LocaleMiddleware follows the browser's Accept-Language, and many Thai offices run English
Windows and Chrome: staff would get English screens they never asked for. Here only the language the
user picked in the footer (the language cookie) can switch away from Thai.
"""
from django.conf import settings
from django.utils import translation

from core.text import clean_querydict


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


class CleanTextInputMiddleware:
    """Every query string and form post cleaned of the characters `core.text` removes, before any view or form
    sees it: one place for every form of every app (the API's bodies are cleaned by `core.api_parsers`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = clean_querydict(request.GET)
        if request.method == "POST":
            # Django parses form posts here rather than in the view: the CSRF check reads them the same way.
            request.POST = clean_querydict(request.POST)
        return self.get_response(request)
