"""The QR-code poster of a published public manual, made as the survey posters are (`satisfaction.posters`)."""
from core.pdf.render import render_pdf
from satisfaction.posters import qr_data_uri

from .models import PublicManual


def poster_pdf(*, manual: PublicManual, url: str) -> bytes:
    return render_pdf("service_standards/pdf/manual_poster.html", {"manual": manual, "url": url,
                                                                   "qr": qr_data_uri(url)})
