"""The address of a process's page for an office's subtree and a fiscal year, as the reports link to them.

A register's filter list names the office by its id (`core.offices.filters.SubtreeFilterSet`); every other page by
its code (`core.offices.pickers`). The ADLI checklist and the annual report's page both link through here."""
from urllib.parse import urlencode

from django.urls import reverse

FILTERED_BY_ID = {"stakeholders:index", "networks:index", "participation:index", "complaints:index",
                  "service_standards:checks"}


def page_url(name: str, *, office, fiscal_year: int | None = None) -> str:
    query = {"office": office.pk if name in FILTERED_BY_ID else office.code,
             **({"fiscal_year": fiscal_year} if fiscal_year else {})}
    return f"{reverse(name)}?{urlencode(query)}"
