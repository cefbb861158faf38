"""The quarterly summary as a message to one executive: an e-mail in Thai with the PDF attached and, when LINE is
configured and the person has a LINE id, a LINE text with the summaries page's link (LINE pushes carry no files).

`summaries.py` decides who gets which summary; this module only formats and delivers, the way
`complaints.notifications` does for the daily digests (whose LINE push it reuses).
"""
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from complaints.notifications import SUBJECT_PREFIX, Reachable, line_push

from .models import QuarterlySummary

logger = logging.getLogger(__name__)

# Retry keys from (summary, person): a second push of the same summary is refused by LINE (409), not shown twice.
_LINE_RETRY_NAMESPACE = uuid.UUID("8d3f6a0e-2b7c-4f51-9e0a-6c4d2b1f7a93")


@dataclass
class SummaryMessage(Reachable):
    """One summary for one executive."""

    summary: QuarterlySummary
    recipient: object  # a User; only pk, username, email, names and `line_user_id` are read

    @property
    def subject(self) -> str:
        summary = self.summary
        version = f" (ฉบับที่ {summary.version})" if summary.version > 1 else ""
        return (f"{SUBJECT_PREFIX} สรุปผลสำหรับผู้บริหาร ไตรมาส {summary.quarter}/{summary.fiscal_year} "
                f"{summary.office.name}{version}")

    @property
    def filename(self) -> str:
        return f"summary-{self.summary.office.code}-{self.summary.period_code}-v{self.summary.version}.pdf"


def summaries_url() -> str:
    return getattr(settings, "PMQA_SITE_URL", "").rstrip("/") + reverse("summaries:index")


def _context(message: SummaryMessage) -> dict:
    recipient = message.recipient
    return {"name": recipient.get_full_name() or recipient.username, "summary": message.summary,
            "list_url": summaries_url(), "filename": message.filename}


def _email(message: SummaryMessage, pdf: bytes, connection) -> EmailMultiAlternatives:
    with translation.override("th"):
        text = render_to_string("reports/email/quarterly_summary.txt", _context(message))
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    # One Message-ID per summary version and person: a resend is recognisably the same message.
    message_id = f"<pmqa-summary-{message.summary.pk}-{message.recipient.pk}@{domain}>"
    email = EmailMultiAlternatives(subject=message.subject, body=text, to=[message.email], connection=connection,
                                   headers={"Message-ID": message_id})
    email.attach(message.filename, pdf, "application/pdf")
    return email


def line_text(message: SummaryMessage) -> str:
    return f"{message.subject}\nอ่านและดาวน์โหลด PDF: {summaries_url()}"


def line_retry_key(message: SummaryMessage) -> str:
    return str(uuid.uuid5(_LINE_RETRY_NAMESPACE, f"{message.summary.pk}:{message.recipient.pk}"))


def send_messages(messages: list[SummaryMessage]) -> tuple[list[SummaryMessage], list[SummaryMessage]]:
    """Send each message by e-mail and LINE; (delivered, failed), a message failed when no channel took it. Never
    raises."""
    delivered: list[SummaryMessage] = []
    failed: list[SummaryMessage] = []
    if not messages:
        return delivered, failed
    pdfs: dict[int, bytes] = {}
    connection = get_connection(fail_silently=False)
    try:
        connection.open()
    except Exception:  # an SMTP server down must not stop LINE or the log clean-up
        logger.exception("Cannot open the e-mail connection; summaries go by LINE only where possible")
        connection = None
    try:
        for message in messages:
            sent = False
            if message.email and connection is not None:
                sent = _send_email(message, pdfs, connection)
            if message.line_user_id:
                sent = line_push(to=message.line_user_id, text=line_text(message),
                                 retry_key=line_retry_key(message)) or sent
            (delivered if sent else failed).append(message)
    finally:
        if connection is not None:
            connection.close()
    return delivered, failed


def _send_email(message: SummaryMessage, pdfs: dict[int, bytes], connection) -> bool:
    try:
        summary = message.summary
        if summary.pk not in pdfs:
            with summary.pdf.open("rb") as stream:
                pdfs[summary.pk] = stream.read()
        return _email(message, pdfs[summary.pk], connection).send() == 1
    except Exception:  # SMTP raises many kinds; one bad address must not stop the others
        logger.exception("E-mail of quarterly summary %s to user %s failed", message.summary.pk,
                         message.recipient.pk)
        return False
