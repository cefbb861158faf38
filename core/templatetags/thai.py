"""Template filters for Buddhist Era dates and Thai digits (a builtin: no {% load %} needed)."""
from datetime import date, datetime

from django import template
from django.utils import timezone

from core import thai_dates

register = template.Library()


def _as_date(value) -> date | None:
    if isinstance(value, str):  # an ISO date kept as text (figures kept in the cache or frozen as JSON)
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, date) else None


@register.filter
def thai_date(value) -> str:
    """21 พฤศจิกายน 2569"""
    d = _as_date(value)
    return thai_dates.format_full(d) if d else ""


@register.filter
def thai_date_short(value) -> str:
    """21 พ.ย. 69"""
    d = _as_date(value)
    return thai_dates.format_short(d) if d else ""


@register.filter
def thai_datetime(value) -> str:
    """21 พ.ย. 69 14:05 น."""
    if not isinstance(value, datetime):
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{thai_dates.format_short(local.date())} {local:%H:%M} น."


@register.filter
def thai_month(value) -> str:
    """ม.ค. 55"""
    d = _as_date(value)
    return thai_dates.format_month(d) if d else ""


@register.filter
def thai_digits(value) -> str:
    """๒๕๖๙"""
    return thai_dates.thai_digits(value) if value is not None else ""


@register.simple_tag
def thai_today() -> str:
    """Today in Asia/Bangkok, in full BE form."""
    return thai_dates.format_full(timezone.localdate())
