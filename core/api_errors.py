"""API errors: a service's Thai ValidationError as DRF answers it (400, a message list per field)."""
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers
from rest_framework.settings import api_settings


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
