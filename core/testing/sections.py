"""Printing report sections in tests: each section as the annual report and the evidence pack print it (its <h2>
title, then its fragment or its empty note) inside pdf/base.html, and the text an assessor reads back."""
import subprocess
import tempfile
from pathlib import Path

from django.template import engines
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from weasyprint import HTML

from core.pdf.render import BASE_URL, LocalFetcher
from core.reporting import ReportSection

_PAGE = ('{% extends "pdf/base.html" %}{% block content %}{% for s, body in parts %}'
         '<h2 style="bookmark-level: 2">{{ s.title }}</h2>{{ body }}{% endfor %}{% endblock %}')


def sections_html(sections: list[ReportSection]) -> str:
    parts = [(s, mark_safe(render_to_string(s.template, s.context)) if s.has_data else s.empty_note)
             for s in sections]
    return engines["django"].from_string(_PAGE).render({"parts": parts})


def sections_pdf(sections: list[ReportSection]) -> bytes:
    return HTML(string=sections_html(sections), base_url=BASE_URL, url_fetcher=LocalFetcher()).write_pdf()


def pdf_text(pdf: bytes, *args: str) -> str:
    """pdftotext's reading of `pdf` (in its reading order, or `-layout`)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.pdf"
        path.write_bytes(pdf)
        return subprocess.run(["pdftotext", *args, str(path), "-"], capture_output=True, text=True,
                              check=True).stdout


def squeeze(text: str) -> str:
    """`text` without any white space: where a line of Thai breaks is the layout's business, not the test's."""
    return "".join(text.split())


def sections_text(sections: list[ReportSection]) -> str:
    """The sections' text as pdftotext reads it, squeezed: test with `squeeze("the sentence") in text`."""
    return squeeze(pdf_text(sections_pdf(sections)))


def plain_cells(sections: list[ReportSection]) -> bool:
    """Every XLSX table cell is a value a sheet takes as it is (no lazy translation, no model instance)."""
    from datetime import date
    from decimal import Decimal

    return all(isinstance(cell, str | int | Decimal | date | None) and len(table.title) <= 31
               for section in sections for table in section.tables for row in table.rows for cell in row)
