"""The QR-code poster a service counter prints: a respondent scans it and lands on the public answer page."""
import segno

from core.pdf.render import render_pdf

from .models import SurveyRound


def qr_data_uri(url: str) -> str:
    """An SVG data URI: vector, so the code stays sharp at any print size. Level M survives a worn print."""
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=10, border=2)


def poster_pdf(*, survey: SurveyRound, url: str) -> bytes:
    return render_pdf("satisfaction/poster_pdf.html", {"survey": survey, "url": url, "qr": qr_data_uri(url)})
