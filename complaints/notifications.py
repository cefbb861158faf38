"""The daily digests: what one person is told about their tickets, and sending it by e-mail and LINE.

`checks.py` decides who hears about which tickets; this module only formats and delivers. A digest is
delivered when at least one channel took it: e-mail (Django's mail backend; console locally) and,
when `LINE_CHANNEL_ACCESS_TOKEN` is set and the person has a LINE user id, a LINE Messaging API push.
Digests are always in Thai: they go out from a worker, not in answer to anyone's language choice.
"""
import html
import json
import logging
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from core.thai_dates import format_short

logger = logging.getLogger(__name__)

# The two kinds of digest, as NotificationLog.kind stores them.
DUE_SOON = "due_soon"
OVERDUE = "overdue"
TITLES = {DUE_SOON: "เรื่องใกล้ครบกำหนด", OVERDUE: "เรื่องเกินกำหนด"}
SUBJECT_PREFIX = "[PMQA หมวด 3]"
# One e-mail lists at most this many tickets ("และอีก N เรื่อง" for the rest); a LINE text fewer.
EMAIL_LINES = 50
LINE_LINES = 10
LINE_SUBJECT_CHARS = 60
LINE_TIMEOUT_SECONDS = 10
# Retry keys are derived from (day, kind, person), so a second push of the same digest is refused by
# LINE with 409 instead of reaching the person twice (LINE's X-Line-Retry-Key).
_LINE_RETRY_NAMESPACE = uuid.UUID("5b0f7a52-3c1e-4d8e-9a77-2f1c0d6b9e41")


@dataclass(frozen=True)
class DigestLine:
    """One ticket as a digest lists it. Formatted once, however many digests list the ticket."""

    reference: str
    subject: str
    office: str
    due_on: date
    url: str

    @cached_property
    def due(self) -> str:
        return format_short(self.due_on)

    @cached_property
    def text(self) -> str:
        return f"{self.reference} {self.subject}\n   หน่วยงาน: {self.office}  ครบกำหนด: {self.due}\n   {self.url}"

    @cached_property
    def html_cells(self) -> str:
        # The standard library's escape: several times faster than format_html over tens of thousands of lines.
        url, reference, subject, office = map(html.escape, (self.url, self.reference, self.subject, self.office))
        return (f'<td><a href="{url}">{reference}</a></td><td>{subject}</td><td>{office}</td>'
                f"<td>{self.due}</td>")


class Reachable:
    """How a message reaches its `recipient` (a User): e-mail, and LINE when configured and the person has an id.
    The daily digests and the quarterly summaries (`reports.summary_mail`) share it."""

    recipient: object

    @property
    def email(self) -> str:
        return (self.recipient.email or "").strip()

    @property
    def line_user_id(self) -> str:
        # The field is not on User yet; until it is, LINE is simply never used.
        return (getattr(self.recipient, "line_user_id", "") or "").strip() if line_enabled() else ""

    @property
    def reachable(self) -> bool:
        return bool(self.email or self.line_user_id)


@dataclass
class Digest(Reachable):
    """Everything one person is told today about one kind of ticket (due soon or overdue)."""

    recipient: object  # a User; only pk, email, names and `line_user_id` are read
    kind: str
    day: date
    total: int
    lines: list[DigestLine] = field(default_factory=list)
    due_until: date | None = None  # the last day of the "due soon" window …
    window_days: int = 0  # … and its length in working days

    @property
    def subject(self) -> str:
        return f"{SUBJECT_PREFIX} {TITLES[self.kind]} {self.total} เรื่อง"

    @property
    def more(self) -> int:
        return self.total - len(self.lines)


def line_enabled() -> bool:
    return bool(settings.LINE_CHANNEL_ACCESS_TOKEN)


class TicketLinks:
    """Absolute links when PMQA_SITE_URL is set (e.g. https://pmqa.example.go.th), site paths otherwise.

    Reversed once and filled in per ticket: a digest run may list tens of thousands of lines.
    """

    _PLACEHOLDER = "REFERENCE"

    def __init__(self):
        self.site = getattr(settings, "PMQA_SITE_URL", "").rstrip("/")
        self._detail = reverse("complaints:detail", args=[self._PLACEHOLDER])

    def ticket(self, reference: str) -> str:
        return self.site + self._detail.replace(self._PLACEHOLDER, reference)

    def page(self, name: str) -> str:
        return self.site + reverse(name)


def _context(digest: Digest, links: TicketLinks) -> dict:
    recipient = digest.recipient
    # The listing is joined here rather than looped over in the templates: a morning's run renders
    # thousands of digests of up to EMAIL_LINES lines, and each ticket's line is formatted only once.
    lines = list(enumerate(digest.lines, start=1))
    return {
        "digest": digest,
        "name": recipient.get_full_name() or recipient.username,
        "due_soon": digest.kind == DUE_SOON,
        "listing": "".join(f"{number}. {line.text}\n" for number, line in lines),
        "rows": mark_safe("".join(f"<tr><td>{number}</td>{line.html_cells}</tr>\n" for number, line in lines)),
        "list_url": links.page("complaints:queue" if digest.kind == DUE_SOON else "complaints:index"),
    }


def _email_message(digest: Digest, links: TicketLinks, connection) -> EmailMultiAlternatives:
    context = _context(digest, links)
    with translation.override("th"):
        text = render_to_string("complaints/email/digest.txt", context)
        html = render_to_string("complaints/email/digest.html", context)
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"
    # One Message-ID per person, day and kind: a resend of the same digest is recognisably the same message
    # (mail servers that drop duplicate ids drop it; people can see it is not a new one).
    message_id = f"<pmqa-digest-{digest.kind}-{digest.day:%Y%m%d}-{digest.recipient.pk}@{domain}>"
    message = EmailMultiAlternatives(subject=digest.subject, body=text, to=[digest.email],
                                     connection=connection, headers={"Message-ID": message_id})
    message.attach_alternative(html, "text/html")
    return message


def line_text(digest: Digest, links: TicketLinks) -> str:
    """A short Thai text for LINE (the limit there is 5,000 characters; a phone screen is smaller)."""
    parts = [digest.subject]
    for line in digest.lines[:LINE_LINES]:
        subject = line.subject if len(line.subject) <= LINE_SUBJECT_CHARS else line.subject[:LINE_SUBJECT_CHARS] + "…"
        parts.append(f"• {line.reference} {subject} (ครบกำหนด {line.due})")
    if digest.total > LINE_LINES:
        parts.append(f"และอีก {digest.total - min(LINE_LINES, len(digest.lines))} เรื่อง")
    parts.append(links.page("complaints:queue" if digest.kind == DUE_SOON else "complaints:index"))
    return "\n".join(parts)


def line_retry_key(digest: Digest) -> str:
    return str(uuid.uuid5(_LINE_RETRY_NAMESPACE, f"{digest.day.isoformat()}:{digest.kind}:{digest.recipient.pk}"))


def line_push(*, to: str, text: str, retry_key: str) -> bool:
    """Push one text message with the LINE Messaging API. Never raises: a failure is logged and returns False."""
    body = json.dumps({"to": to, "messages": [{"type": "text", "text": text}]}, ensure_ascii=False).encode()
    request = urllib.request.Request(
        settings.LINE_API_URL, data=body, method="POST",
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.LINE_CHANNEL_ACCESS_TOKEN}",
            "X-Line-Retry-Key": retry_key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=LINE_TIMEOUT_SECONDS) as response:
            return 200 <= response.status < 300
    except urllib.error.HTTPError as exc:
        if exc.code == 409:  # this retry key was accepted before: the person already has the message
            return True
        detail = exc.read(500).decode("utf-8", "replace")
        logger.error("LINE push to %s failed: HTTP %s %s", to, exc.code, detail)
    except (urllib.error.URLError, OSError, ValueError) as exc:  # refused, DNS, timeout, bad URL
        logger.error("LINE push to %s failed: %s", to, exc)
    return False


@dataclass
class SendResult:
    delivered: list[Digest] = field(default_factory=list)
    failed: list[Digest] = field(default_factory=list)


class DigestSender:
    """One e-mail connection for a run's digests, used as a context manager; `send(digest)` delivers one digest by
    e-mail and LINE and says whether any channel took it. Never raises."""

    def __enter__(self) -> "DigestSender":
        self.links = TicketLinks()
        self.connection = get_connection(fail_silently=False)
        try:
            self.connection.open()
        except Exception:  # an SMTP server down must not stop LINE or the log clean-up
            logger.exception("Cannot open the e-mail connection; digests go by LINE only where possible")
            self.connection = None
        return self

    def send(self, digest: Digest) -> bool:
        delivered = False
        if digest.email and self.connection is not None:
            delivered = _send_email(digest, self.links, self.connection)
        if digest.line_user_id:
            delivered = line_push(to=digest.line_user_id, text=line_text(digest, self.links),
                                  retry_key=line_retry_key(digest)) or delivered
        return delivered

    def __exit__(self, *exc_info) -> None:
        if self.connection is not None:
            self.connection.close()


def send_digests(digests: list[Digest]) -> SendResult:
    """Send each digest by e-mail and LINE. A digest no channel took is returned in `failed`; never raises."""
    result = SendResult()
    if not digests:
        return result
    with DigestSender() as sender:
        for digest in digests:
            (result.delivered if sender.send(digest) else result.failed).append(digest)
    return result


def _send_email(digest: Digest, links: TicketLinks, connection) -> bool:
    try:
        return _email_message(digest, links, connection).send() == 1
    except Exception:  # SMTP raises many kinds; one bad address must not stop the others
        logger.exception("E-mail digest %s to user %s failed", digest.kind, digest.recipient.pk)
        return False
