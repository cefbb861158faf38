"""A PDF as a page answers it: rendered from one template (`core.pdf.render`), shown in the browser."""
from django.http import HttpResponse


def pdf_response(template: str, context: dict, filename: str) -> HttpResponse:
    from core.pdf.render import render_pdf  # WeasyPrint is heavy: load it only when a PDF is asked for

    response = HttpResponse(render_pdf(template, context), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
