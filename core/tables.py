"""Columns every register's django-tables2 table shares."""
import django_tables2 as tables

from core import thai_dates


class ThaiDateColumn(tables.Column):
    """A date in the Buddhist Era, short form (26 พ.ย. 69), on the page and in the export."""

    def render(self, value):
        return thai_dates.format_short(value)

    def value(self, value):
        return thai_dates.format_short(value) if value else ""
