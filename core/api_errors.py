"""API errors: a service's Thai ValidationError as DRF answers it (400, a message list per field), and every
other error in Thai."""
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers, views
from rest_framework.settings import api_settings


def exception_handler(exc, context):
    """DRF's handler (REST_FRAMEWORK["EXCEPTION_HANDLER"]), except that a 404 says DRF's Thai "ไม่พบ", not Django's
    English "No Office matches the given query." that get_object_or_404 raises (the same for every model)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return views.exception_handler(exc, context)


def as_field_errors(exc: DjangoValidationError) -> serializers.ValidationError:
    """The service's messages keyed by its field names (`1.q1`, `office` …); a message without a field — a plain
    ValidationError or Django's `__all__` — is DRF's `non_field_errors`, so every API says it the same way.

    Raise it `from exc` in the view: the service stays the one place that checks, the API only translates."""
    if not hasattr(exc, "error_dict"):
        return serializers.ValidationError({api_settings.NON_FIELD_ERRORS_KEY: exc.messages})
    errors = exc.message_dict
    if NON_FIELD_ERRORS in errors:
        errors[api_settings.NON_FIELD_ERRORS_KEY] = errors.pop(NON_FIELD_ERRORS)
    return serializers.ValidationError(errors)
