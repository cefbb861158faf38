"""Render a Django template to a PDF with WeasyPrint, reading every resource from local disk."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpRequest
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.pdf import thai_linebreak

# Once per process, at import, so that no PDF is ever laid out with the unpatched line breaker.
thai_linebreak.apply()

# `{% static %}` gives "/static/…"; against this base it becomes "file:///static/…", which the
# fetcher maps to the static finders. No request ever goes back to the app over HTTP.
BASE_URL = "file:///"


def render_pdf(template_name: str, context: dict, *, request: HttpRequest | None = None) -> bytes:
    """Return the PDF of `template_name` (normally extending pdf/base.html) rendered with `context`."""
    html = render_to_string(template_name, context, request=request)
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFetcher()).write_pdf()


class LocalFetcher(URLFetcher):
    """Serve static files, local files under the static and media roots, and data: URLs; refuse the rest.

    WeasyPrint would otherwise fetch any http(s) URL found in a template or in user text.
    """

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):  # QR codes and small inline images
            return super().fetch(url, headers)
        static_prefix = urljoin(BASE_URL, settings.STATIC_URL)
        if url.startswith(static_prefix):
            path = static_file_path(unquote(urlsplit(url).path[len(urlsplit(static_prefix).path) :]))
        elif url.startswith("file:"):
            path = local_file_path(url2pathname(urlsplit(url).path))
        else:
            raise ValueError(f"PDF rendering reads local files only, refused {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def static_file_path(name: str) -> Path:
    # Finders read the source folders; the storage covers collectstatic's hashed names in production.
    found = finders.find(name)
    if found:
        return Path(found)
    if staticfiles_storage.exists(name):
        return Path(staticfiles_storage.path(name))
    raise FileNotFoundError(f"static file not found: {name}")


def local_file_path(raw: str) -> Path:
    # Only our own files: a file: URL in user text must not pull arbitrary files into a PDF.
    path = Path(raw).resolve()
    # STATICFILES_DIRS entries may be (prefix, path) pairs.
    dirs = [entry[1] if isinstance(entry, tuple | list) else entry for entry in settings.STATICFILES_DIRS]
    roots = [*dirs, settings.STATIC_ROOT, settings.MEDIA_ROOT]
    if not any(path.is_relative_to(Path(root).resolve()) for root in roots if root):
        raise PermissionError(f"PDF rendering refused a file outside the static and media folders: {path}")
    return path
