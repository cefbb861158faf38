"""The daily deadline check: who is told about which tickets, once a day, in Thai, in a fixed number of queries.

Personas (root conftest) plus, here: hana (office staff at DIST-A, handles tickets), hank (head of DIST-A),
dave (committee at DEPT, above everything) and olga (committee at OTHER, beside PROV).
"""
import json
import smtplib
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from io import StringIO
from types import SimpleNamespace

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints.checks import daily_sla_check
from complaints.choices import Kind, Status
from complaints.models import NotificationLog, Ticket
from complaints.notifications import DUE_SOON, Digest, DigestLine, line_push, send_digests
from complaints.tasks import daily_sla_check as daily_sla_check_task
from complaints.tests.factories import make_ticket
from core.offices.models import Office
from core.testing.factories import OfficeFactory, UserFactory
from core.testing.tasks import delivered

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 23)  # due soon = due 23–25 Nov 2026 (Mon–Wed); overdue = due before 23 Nov
SATURDAY = date(2026, 11, 21)
SONGKRAN = date(2026, 4, 13)


@pytest.fixture
def staff(offices, people):
    """Everyone who may be told something, each with an e-mail address."""
    more = {
        "hana": UserFactory(username="hana", office=offices["dist_a"], role="office_staff"),
        "hank": UserFactory(username="hank", office=offices["dist_a"], role="executive"),
        "dave": UserFactory(username="dave", office=offices["dept"], role="committee"),
        "olga": UserFactory(username="olga", office=offices["other"], role="committee"),
    }
    everyone = {**people, **more}
    for user in everyone.values():
        user.email = f"{user.username}@example.go.th"
        user.save(update_fields=["email"])
    Office.objects.filter(pk=offices["dist_a"].pk).update(head=more["hank"])
    return SimpleNamespace(**everyone)


def tickets(office, due_on, *, n=1, handler=None, status=Status.IN_PROGRESS, kind=Kind.COMPLAINT,
            subject="ถนนหน้าสำนักงานชำรุด") -> list[Ticket]:
    """`n` tickets of `office` due on `due_on`: one through the intake service, the others copied from it."""
    first = make_ticket(office=office, received_on=date(2026, 10, 1), kind=kind, subject=subject)
    Ticket.objects.filter(pk=first.pk).update(due_on=due_on, handler=handler, status=status)
    first.refresh_from_db()
    fields = {f.attname: getattr(first, f.attname) for f in Ticket._meta.concrete_fields if not f.primary_key}
    Ticket.objects.bulk_create(
        Ticket(**{**fields, "reference": f"{first.reference}-{i:03d}", "tracking_code": f"T{first.pk:05d}{i:04d}"})
        for i in range(1, n)
    )
    return list(Ticket.objects.filter(reference__startswith=first.reference).order_by("id"))


def run(today=MONDAY, *, callbacks) -> dict:
    """The check as the task runs it: the e-mails go out when its transaction commits."""
    with callbacks(execute=True):
        return daily_sla_check(today=today)


def outbox_by_recipient() -> dict[str, list]:
    messages: dict[str, list] = {}
    for message in mail.outbox:
        for address in message.to:
            messages.setdefault(address.split("@")[0], []).append(message)
    return messages


# --- who is told ---------------------------------------------------------------------------------------------

def test_a_ticket_due_soon_warns_its_handler_only(offices, staff, django_capture_on_commit_callbacks):
    """A handled ticket due within 3 working days goes to its handler; the office's other staff hear nothing."""
    tickets(offices["dist_a"], date(2026, 11, 25), handler=staff.hana)
    summary = run(callbacks=django_capture_on_commit_callbacks)
    assert list(outbox_by_recipient()) == ["hana"]
    assert mail.outbox[0].subject == "[PMQA หมวด 3] เรื่องใกล้ครบกำหนด 1 เรื่อง"
    assert summary["due_soon_tickets"] == 1 and summary["due_soon_digests"] == 1 and summary["sent"] == 1


def test_an_unassigned_ticket_due_soon_warns_the_staff_of_its_office(offices, staff,
                                                                      django_capture_on_commit_callbacks):
    """No handler: every office_staff user of the ticket's office is warned, nobody of another office."""
    tickets(offices["dist_a"], MONDAY)
    run(callbacks=django_capture_on_commit_callbacks)
    assert sorted(outbox_by_recipient()) == ["bob", "hana"]


def test_a_handler_who_left_is_replaced_by_the_office_staff(offices, staff, django_capture_on_commit_callbacks):
    """An inactive handler gets nothing; the ticket is treated as unassigned."""
    staff.hana.is_active = False
    staff.hana.save(update_fields=["is_active"])
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    run(callbacks=django_capture_on_commit_callbacks)
    assert list(outbox_by_recipient()) == ["bob"]


def test_due_soon_means_three_working_days_counting_today(offices, staff, django_capture_on_commit_callbacks):
    """Monday: due Monday (today) to Wednesday are due soon; Thursday is not yet."""
    tickets(offices["dist_a"], MONDAY, handler=staff.hana, subject="ครบกำหนดวันนี้")
    tickets(offices["dist_a"], date(2026, 11, 25), handler=staff.hana, subject="ครบกำหนดวันพุธ")
    tickets(offices["dist_a"], date(2026, 11, 26), handler=staff.hana, subject="ครบกำหนดวันพฤหัส")
    summary = run(callbacks=django_capture_on_commit_callbacks)
    assert summary["due_until"] == "2026-11-25"
    body = mail.outbox[0].body
    assert "ครบกำหนดวันนี้" in body and "ครบกำหนดวันพุธ" in body and "ครบกำหนดวันพฤหัส" not in body


def test_the_due_soon_window_skips_holidays(offices, staff, django_capture_on_commit_callbacks):
    """Friday 10 Apr 2026, before Songkran (13–15 Apr): Friday, Thursday 16 and Friday 17 are the 3 working days."""
    tickets(offices["dist_a"], date(2026, 4, 17), handler=staff.hana, subject="ยังอยู่ในช่วง")
    tickets(offices["dist_a"], date(2026, 4, 20), handler=staff.hana, subject="เลยช่วงแล้ว")
    summary = run(date(2026, 4, 10), callbacks=django_capture_on_commit_callbacks)
    assert summary["due_until"] == "2026-04-17"
    assert "ยังอยู่ในช่วง" in mail.outbox[0].body and "เลยช่วงแล้ว" not in mail.outbox[0].body


def test_an_overdue_ticket_escalates_to_the_office_head_and_the_committee_above_it(
        offices, staff, django_capture_on_commit_callbacks):
    """Overdue at DIST-A: its head hank, alice (committee at PROV) and dave (at DEPT); not olga at OTHER, not
    carol, and not the handler (the due-soon warnings were hers)."""
    tickets(offices["dist_a"], date(2026, 11, 20), handler=staff.hana)
    summary = run(callbacks=django_capture_on_commit_callbacks)
    assert sorted(outbox_by_recipient()) == ["alice", "dave", "hank"]
    assert {m.subject for m in mail.outbox} == {"[PMQA หมวด 3] เรื่องเกินกำหนด 1 เรื่อง"}
    assert summary["overdue_tickets"] == 1 and summary["overdue_digests"] == 3


def test_an_overdue_ticket_elsewhere_reaches_only_that_branch(offices, staff, django_capture_on_commit_callbacks):
    """Overdue at OTHER (no head): olga (committee at OTHER) and dave (DEPT); alice at PROV is not above it."""
    tickets(offices["other"], date(2026, 11, 2))
    run(callbacks=django_capture_on_commit_callbacks)
    assert sorted(outbox_by_recipient()) == ["dave", "olga"]


def test_compliments_and_answered_tickets_are_never_listed(offices, staff, django_capture_on_commit_callbacks):
    """No deadline (a compliment) or no longer open (answered, closed, rejected): nothing to warn about."""
    make_ticket(office=offices["dist_a"], kind=Kind.COMPLIMENT)
    for status in (Status.ANSWERED, Status.CLOSED, Status.REJECTED):
        tickets(offices["dist_a"], date(2026, 11, 2), status=status)
        tickets(offices["dist_a"], MONDAY, status=status)
    summary = run(callbacks=django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert summary["due_soon_tickets"] == summary["overdue_tickets"] == 0


# --- one digest, once a day ----------------------------------------------------------------------------------

def test_one_digest_per_person_however_many_tickets(offices, staff, django_capture_on_commit_callbacks):
    """Alice covers 55 overdue tickets in two offices: one e-mail listing 50 of them and "และอีก 5 เรื่อง"."""
    tickets(offices["dist_a"], date(2026, 11, 2), n=40)
    tickets(offices["dist_b"], date(2026, 11, 9), n=15)
    run(callbacks=django_capture_on_commit_callbacks)
    [digest] = outbox_by_recipient()["alice"]
    assert digest.subject == "[PMQA หมวด 3] เรื่องเกินกำหนด 55 เรื่อง"
    assert digest.body.count("ครบกำหนด: ") == 50
    assert "และอีก 5 เรื่อง" in digest.body
    assert "สำนักงานอำเภอ ก" in digest.body and "2 พ.ย. 69" in digest.body  # the oldest come first
    assert NotificationLog.objects.get(recipient=staff.alice, day=MONDAY, kind="overdue").ticket_count == 55


def test_a_person_gets_one_digest_of_each_kind(offices, staff, django_capture_on_commit_callbacks):
    """Bob handles a ticket due soon and is staff of an office with unassigned ones: one due-soon digest."""
    tickets(offices["dist_a"], MONDAY, handler=staff.bob, n=3)
    tickets(offices["dist_a"], date(2026, 11, 24), n=2)
    run(callbacks=django_capture_on_commit_callbacks)
    [digest] = outbox_by_recipient()["bob"]
    assert digest.subject == "[PMQA หมวด 3] เรื่องใกล้ครบกำหนด 5 เรื่อง"


def test_running_twice_the_same_day_sends_nothing_the_second_time(offices, staff,
                                                                   django_capture_on_commit_callbacks):
    """The notification log makes the check idempotent per person, day and kind."""
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    tickets(offices["dist_a"], date(2026, 11, 2))
    first = run(callbacks=django_capture_on_commit_callbacks)
    sent = len(mail.outbox)
    second = run(callbacks=django_capture_on_commit_callbacks)
    assert sent == first["sent"] == 4 and len(mail.outbox) == sent  # hana; hank, alice, dave
    assert second["already_sent"] == 4 and second["sent"] == 0
    assert NotificationLog.objects.filter(day=MONDAY).count() == 4
    # The next working day is a new day: both tickets are overdue now (hank, alice, dave).
    run(date(2026, 11, 24), callbacks=django_capture_on_commit_callbacks)
    assert len(mail.outbox) == sent + 3


def test_new_tickets_later_the_same_day_do_not_send_a_second_digest(offices, staff,
                                                                     django_capture_on_commit_callbacks):
    """One digest per person per day and kind: a ticket that becomes due soon after the run waits for tomorrow."""
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    run(callbacks=django_capture_on_commit_callbacks)
    tickets(offices["dist_a"], date(2026, 11, 25), handler=staff.hana)
    assert run(callbacks=django_capture_on_commit_callbacks)["due_soon_digests"] == 0
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("day", [SATURDAY, SONGKRAN], ids=["saturday", "songkran"])
def test_nothing_happens_on_a_weekend_or_holiday(day, offices, staff, django_capture_on_commit_callbacks):
    tickets(offices["dist_a"], date(2026, 4, 1), handler=staff.hana)
    tickets(offices["dist_a"], day, handler=staff.hana)
    summary = run(day, callbacks=django_capture_on_commit_callbacks)
    assert summary["working_day"] is False and mail.outbox == []
    assert not NotificationLog.objects.exists()
    if day == SONGKRAN:
        assert "สงกรานต์" in summary["holiday"]


# --- e-mail contents -----------------------------------------------------------------------------------------

def test_the_email_is_thai_with_buddhist_era_dates_and_links(offices, staff, settings,
                                                              django_capture_on_commit_callbacks):
    settings.PMQA_SITE_URL = "https://pmqa.example.go.th/"
    [ticket] = tickets(offices["dist_a"], date(2026, 11, 25), handler=staff.hana, subject="ไฟฟ้าส่องสว่างดับ")
    run(callbacks=django_capture_on_commit_callbacks)
    [message] = mail.outbox
    assert message.to == ["hana@example.go.th"]
    assert f"{ticket.reference} ไฟฟ้าส่องสว่างดับ" in message.body
    assert "หน่วยงาน: สำนักงานอำเภอ ก  ครบกำหนด: 25 พ.ย. 69" in message.body
    assert "ภายในวันที่ 25 พ.ย. 69" in message.body
    assert f"https://pmqa.example.go.th/cs3/t/{ticket.reference}/" in message.body
    assert message.extra_headers["Message-ID"] == f"<pmqa-digest-due_soon-20261123-{staff.hana.pk}@localhost>"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and f'href="https://pmqa.example.go.th/cs3/t/{ticket.reference}/"' in html


def test_without_a_site_url_links_are_site_paths(offices, staff, settings, django_capture_on_commit_callbacks):
    settings.PMQA_SITE_URL = ""
    [ticket] = tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    run(callbacks=django_capture_on_commit_callbacks)
    assert f"\n   /cs3/t/{ticket.reference}/\n" in mail.outbox[0].body


def test_people_without_email_are_skipped_and_counted(offices, staff, django_capture_on_commit_callbacks):
    """Hana has no address: no e-mail, no log row (nothing was sent), and the summary says so."""
    staff.hana.email = ""
    staff.hana.save(update_fields=["email"])
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    summary = run(callbacks=django_capture_on_commit_callbacks)
    assert mail.outbox == [] and summary["no_contact"] == 1
    assert not NotificationLog.objects.exists()


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses everything."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


def test_a_digest_that_could_not_be_sent_is_sent_by_the_next_run(offices, staff, settings,
                                                                  django_capture_on_commit_callbacks):
    """A failed send is not recorded as delivered: the claim stays undelivered and the next run sends it."""
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    settings.EMAIL_BACKEND = "complaints.tests.test_checks.RefusingBackend"
    failed = run(callbacks=django_capture_on_commit_callbacks)
    assert failed["failed"] == 1 and failed["sent"] == 0
    assert NotificationLog.objects.get().delivered_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    retried = run(callbacks=django_capture_on_commit_callbacks)
    assert retried["sent"] == 1 and len(mail.outbox) == 1


# --- scale ---------------------------------------------------------------------------------------------------

def _populate(offices, staff, per_group: int) -> None:
    """Every kind of group the check handles, `per_group` tickets each, over four offices."""
    tickets(offices["dist_a"], date(2026, 11, 24), handler=staff.hana, n=per_group)
    tickets(offices["dist_a"], MONDAY, n=per_group)
    tickets(offices["dist_b"], date(2026, 11, 10), n=per_group)
    tickets(offices["prov"], date(2026, 10, 30), handler=staff.alice, n=per_group)
    tickets(offices["other"], date(2026, 11, 25), n=per_group)


def test_the_number_of_queries_does_not_grow_with_the_tickets(offices, staff, django_capture_on_commit_callbacks):
    """5 tickets or 50 over the same offices and people: the same queries, no loop over tickets."""
    _populate(offices, staff, per_group=1)
    with CaptureQueriesContext(connection) as few:
        small = run(callbacks=django_capture_on_commit_callbacks)
    _populate(offices, staff, per_group=9)
    NotificationLog.objects.all().delete()
    with CaptureQueriesContext(connection) as many:
        large = run(callbacks=django_capture_on_commit_callbacks)
    assert (small["due_soon_tickets"] + small["overdue_tickets"], large["due_soon_tickets"]
            + large["overdue_tickets"]) == (5, 50)
    assert small["sent"] == large["sent"] > 0
    assert len(deciding(few)) == len(deciding(many)) <= 12, "\n".join(q["sql"] for q in many)


def _district_with_people(parent: Office, n: int) -> None:
    """A district office with its own handler (office staff) and head, each with an e-mail address, and tickets
    due soon (handled) and overdue: two more digests to route and send."""
    office = OfficeFactory(code=f"DIST-{n:02d}", name=f"สำนักงานอำเภอทดสอบ {n}", parent=parent)
    handler = UserFactory(username=f"handler{n}", office=office, role="office_staff", email=f"handler{n}@example.go.th")
    head = UserFactory(username=f"head{n}", office=office, role="executive", email=f"head{n}@example.go.th")
    Office.objects.filter(pk=office.pk).update(head=head)
    tickets(office, date(2026, 11, 24), handler=handler, n=2)
    tickets(office, date(2026, 11, 10), n=3)


def test_the_number_of_queries_does_not_grow_with_the_offices_and_people(offices, staff,
                                                                           django_capture_on_commit_callbacks):
    """2 district offices or 20, each with a handler and a head to tell: the same queries, more e-mails.

    (On SQLite Django inserts the log rows 199 to a statement, so past 199 digests one INSERT is added per 199;
    PostgreSQL takes them in one.)"""
    for n in range(2):
        _district_with_people(offices["prov"], n)
    with CaptureQueriesContext(connection) as few:
        small = run(callbacks=django_capture_on_commit_callbacks)
    for n in range(2, 20):
        _district_with_people(offices["prov"], n)
    NotificationLog.objects.all().delete()
    mail.outbox = []
    with CaptureQueriesContext(connection) as many:
        large = run(callbacks=django_capture_on_commit_callbacks)
    # Each district: its handler (due soon) and its head (overdue); alice and dave cover every district's overdue.
    assert (small["sent"], large["sent"], len(mail.outbox)) == (2 * 2 + 2, 2 * 20 + 2, 2 * 20 + 2)
    assert len(deciding(few)) == len(deciding(many)) <= 12, "\n".join(q["sql"] for q in many)
    # Sending marks each digest delivered: one UPDATE per digest (and, inside the test's transaction, a savepoint).
    assert [len(marking(few)), len(marking(many))] == [small["sent"], large["sent"]]


def marking(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].startswith('UPDATE "complaints_notificationlog"')]


def deciding(queries) -> list[str]:
    """The queries that decide who gets what: all but the per-digest delivered marks and their savepoints."""
    return [q["sql"] for q in queries
            if not q["sql"].startswith(('UPDATE "complaints_notificationlog"', "SAVEPOINT", "RELEASE SAVEPOINT",
                                        "ROLLBACK TO SAVEPOINT"))]


# --- a worker that dies in the middle of the run ------------------------------------------------------------------

def test_a_claim_left_undelivered_by_a_dead_worker_is_sent_by_the_rerun_once(offices, staff,
                                                                              django_capture_on_commit_callbacks):
    """The worker claimed hana's digest and the province committee's overdue ones, delivered the overdue ones and
    died before hana's: the rerun (the redelivered task) sends hana's, once, and not the others again; a third run
    sends nothing."""
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)  # due soon: hana
    tickets(offices["prov"], date(2026, 10, 30), handler=staff.alice)  # overdue: the province's committee
    # What the first run leaves when killed: every claim, and a delivered mark on some of them.
    with django_capture_on_commit_callbacks(execute=False):  # killed after the claim's commit, before any send
        first = daily_sla_check(today=MONDAY)
    assert mail.outbox == [] and NotificationLog.objects.filter(delivered_at__isnull=True).count() == 3
    NotificationLog.objects.filter(kind="overdue").update(delivered_at=timezone.now())  # it had sent this one
    rerun = run(callbacks=django_capture_on_commit_callbacks)
    assert (rerun["sent"], rerun["already_sent"], rerun["due_soon_digests"]) == (1, 2, 1)
    assert [m.to for m in mail.outbox] == [[staff.hana.email]]
    assert not NotificationLog.objects.filter(delivered_at__isnull=True).exists()
    assert run(callbacks=django_capture_on_commit_callbacks)["sent"] == 0 and len(mail.outbox) == 1
    assert (first["due_soon_digests"], first["overdue_digests"]) == (1, 2)


def test_a_digest_delivered_meanwhile_by_another_run_is_not_sent_again(offices, staff,
                                                                       django_capture_on_commit_callbacks):
    """Two runs read the same undelivered claim; the first to mark it sends it, the other finds it marked."""
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    with django_capture_on_commit_callbacks(execute=False) as later:
        daily_sla_check(today=MONDAY)  # this run's sending waits for its commit
    run(callbacks=django_capture_on_commit_callbacks)  # another run sends hana's digest first
    for callback in later:
        callback()
    assert len(mail.outbox) == 1


# --- LINE ----------------------------------------------------------------------------------------------------

@pytest.fixture
def line_api(settings, monkeypatch):
    """A stand-in for the LINE Messaging API on 127.0.0.1 that records what it is sent."""
    for name in ("http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    api = SimpleNamespace(requests=[], status=200)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            api.requests.append(SimpleNamespace(path=self.path, headers=self.headers, body=json.loads(body)))
            self.send_response(api.status)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b"{}")

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.LINE_API_URL = f"http://127.0.0.1:{server.server_port}/v2/bot/message/push"
    settings.LINE_CHANNEL_ACCESS_TOKEN = "test-channel-token"
    yield api
    server.shutdown()
    server.server_close()


def test_line_push_posts_a_thai_text_with_the_bearer_token(line_api):
    assert line_push(to="U1234", text="เรื่องใกล้ครบกำหนด 2 เรื่อง", retry_key="k-1") is True
    [request] = line_api.requests
    assert request.path == "/v2/bot/message/push"
    assert request.headers["Authorization"] == "Bearer test-channel-token"
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Line-Retry-Key"] == "k-1"
    assert request.body == {"to": "U1234", "messages": [{"type": "text", "text": "เรื่องใกล้ครบกำหนด 2 เรื่อง"}]}


def test_line_errors_are_logged_never_raised(line_api, settings, caplog):
    line_api.status = 500
    assert line_push(to="U1234", text="ทดสอบ", retry_key="k-2") is False
    settings.LINE_API_URL = "http://127.0.0.1:9/v2/bot/message/push"  # nothing listens on the discard port
    assert line_push(to="U1234", text="ทดสอบ", retry_key="k-3") is False
    assert [r.levelname for r in caplog.records] == ["ERROR", "ERROR"]
    assert "test-channel-token" not in caplog.text


def test_line_409_means_the_same_digest_was_already_accepted(line_api):
    """LINE refuses a retry key it has seen with 409: the person has the message, so that counts as sent."""
    line_api.status = 409
    assert line_push(to="U1234", text="ทดสอบ", retry_key="k-4") is True


def _digest_for(user, total=12) -> Digest:
    lines = [DigestLine(reference=f"DIST-A-2570-{i:05d}", subject="ถนนชำรุด", office="สำนักงานอำเภอ ก",
                        due_on=MONDAY, url=f"/cs3/t/DIST-A-2570-{i:05d}/") for i in range(1, total + 1)]
    return Digest(recipient=user, kind=DUE_SOON, day=MONDAY, total=total, lines=lines, due_until=MONDAY,
                  window_days=3)


def test_a_digest_goes_by_email_and_by_line_to_a_user_with_a_line_id(line_api, staff):
    staff.hana.line_user_id = "U-hana"  # User has no such field yet: the sender reads it with getattr
    digest = _digest_for(staff.hana)
    result = send_digests([digest])
    assert result.delivered == [digest] and len(mail.outbox) == 1
    [request] = line_api.requests
    text = request.body["messages"][0]["text"]
    assert request.body["to"] == "U-hana"
    assert text.startswith("[PMQA หมวด 3] เรื่องใกล้ครบกำหนด 12 เรื่อง\n"
                           "• DIST-A-2570-00001 ถนนชำรุด (ครบกำหนด 23 พ.ย. 69)")
    assert "และอีก 2 เรื่อง" in text
    # The same digest pushed again carries the same retry key, so LINE would not deliver it twice.
    send_digests([_digest_for(staff.hana)])
    assert line_api.requests[0].headers["X-Line-Retry-Key"] == line_api.requests[1].headers["X-Line-Retry-Key"]


def test_without_a_token_line_is_not_used(line_api, settings, staff):
    settings.LINE_CHANNEL_ACCESS_TOKEN = ""
    staff.hana.line_user_id = "U-hana"
    send_digests([_digest_for(staff.hana)])
    assert line_api.requests == [] and len(mail.outbox) == 1


def test_line_alone_is_enough_when_email_fails(line_api, settings, staff):
    settings.EMAIL_BACKEND = "complaints.tests.test_checks.RefusingBackend"
    staff.hana.line_user_id = "U-hana"
    digest = _digest_for(staff.hana)
    assert send_digests([digest]).delivered == [digest]


# --- the command and the task --------------------------------------------------------------------------------

# These run the check as production does, committing for real (so the e-mails go out before the summary
# is printed); serialized_rollback puts the seeded holidays back after the flush.
committing = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@committing
def test_the_command_prints_a_thai_summary(offices, staff):
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    tickets(offices["dist_a"], date(2026, 11, 2))
    out = StringIO()
    call_command("check_deadlines", "--date", "2026-11-23", stdout=out)
    assert out.getvalue().splitlines() == [
        "ตรวจเรื่องครบกำหนด วันที่ 23 พ.ย. 69",
        "- เรื่องใกล้ครบกำหนด (ภายใน 25 พ.ย. 69): 1 เรื่อง ส่งแจ้งเตือน 1 ฉบับ",
        "- เรื่องเกินกำหนด: 1 เรื่อง ส่งแจ้งหัวหน้าหน่วยงานและกรรมการ 3 ฉบับ",
        "- ส่งไปแล้วก่อนหน้านี้ในวันเดียวกัน (ไม่ส่งซ้ำ): 0 ฉบับ",
        "- ส่งสำเร็จ 4 ฉบับ ส่งไม่สำเร็จ 0 ฉบับ",
    ]
    assert len(mail.outbox) == 4
    out = StringIO()
    call_command("check_deadlines", "--date", "23/11/2569", stdout=out)  # a BE date, as people type it
    assert "ส่งไปแล้วก่อนหน้านี้ในวันเดียวกัน (ไม่ส่งซ้ำ): 4 ฉบับ" in out.getvalue()
    assert len(mail.outbox) == 4


def test_the_command_says_when_it_is_not_a_working_day(db):
    out = StringIO()
    call_command("check_deadlines", "--date", "2026-04-13", stdout=out)
    assert out.getvalue().strip() == "วันที่ 13 เม.ย. 69 ไม่ใช่วันทำการ (วันสงกรานต์): ไม่ตรวจและไม่ส่งการแจ้งเตือน"


def test_the_command_rejects_a_date_it_cannot_read(db):
    with pytest.raises(CommandError, match="อ่านวันที่ไม่ได้"):
        call_command("check_deadlines", "--date", "พรุ่งนี้")


@committing
def test_the_task_returns_the_summary(offices, staff):
    """Eagerly here; on a real worker over Redis in test_tasks_integration.py."""
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    summary = daily_sla_check_task("2026-11-23")
    assert summary["day"] == "2026-11-23" and summary["sent"] == 1
    assert json.loads(json.dumps(summary)) == summary  # plain values: any result backend can store it


@committing
def test_the_task_retries_when_a_digest_could_not_be_sent(offices, staff, settings):
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    settings.EMAIL_BACKEND = "complaints.tests.test_checks.RefusingBackend"
    with pytest.raises(Retry):
        daily_sla_check_task("2026-11-23")
    assert NotificationLog.objects.get().delivered_at is None


def test_beat_calls_the_task_by_its_registered_name(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["complaints-daily-sla-check"]
    assert entry["task"] == daily_sla_check_task.name == "complaints.tasks.daily_sla_check"


def test_the_task_checks_today_in_bangkok_when_given_no_date(db):
    assert daily_sla_check_task()["day"] == timezone.localdate().isoformat()


# --- sent twice (two beats), or delivered again (a worker died) -------------------------------------------------

@committing
def test_a_second_beats_run_of_the_day_does_nothing(offices, staff):
    """Two beats send the day's check twice: the second finds the day claimed and neither routes nor sends."""
    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    first = delivered(daily_sla_check_task, "2026-11-23", task_id="beat-1")
    second = delivered(daily_sla_check_task, "2026-11-23", task_id="beat-2")
    assert first["sent"] == 1 and second == {"day": "2026-11-23", "skipped": "already run for this day"}
    assert len(mail.outbox) == 1


@committing
def test_the_check_delivered_again_after_its_worker_died_sends_what_was_claimed_and_not_sent(offices, staff):
    """The worker claimed every digest, delivered the overdue ones and was killed: Celery delivers the same task
    again (same id); it is the day's own run, so it goes on, sends hana's digest once and writes the heartbeat."""
    from core.models import Heartbeat, ScheduledRun

    tickets(offices["dist_a"], MONDAY, handler=staff.hana)
    tickets(offices["prov"], date(2026, 10, 30), handler=staff.alice)
    ScheduledRun.objects.create(job="complaints.tasks.daily_sla_check", period="2026-11-23", task_id="beat-1")
    for recipient, kind in [(staff.hana, "due_soon"), (staff.alice, "overdue"), (staff.dave, "overdue")]:
        NotificationLog.objects.create(recipient=recipient, day=MONDAY, kind=kind)
    NotificationLog.objects.filter(kind="overdue").update(delivered_at=timezone.now())

    rerun = delivered(daily_sla_check_task, "2026-11-23", task_id="beat-1")
    assert (rerun["sent"], rerun["already_sent"]) == (1, 2)
    assert [m.to for m in mail.outbox] == [[staff.hana.email]]
    assert Heartbeat.objects.filter(name="daily_check").exists()
