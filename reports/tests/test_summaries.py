"""The quarterly executive summary: frozen figures and PDF, made and sent once, a failed render sending nothing, the
committee's new versions, the command, the pages' scoping and the beat's day.

Personas (root conftest) plus, here: hank (executive at DIST-A), olga (executive at OTHER) and omar (committee at
OTHER). Every executive has an e-mail address.
"""
import json
import subprocess
from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.core.management import CommandError, call_command

from complaints.models import Ticket
from complaints.services import ticket_set_priority
from complaints.tests.factories import make_ticket
from core.fiscal import fiscal_quarter
from core.offices.models import Office
from core.testing.factories import UserFactory
from core.workdays.models import Holiday
from reports import summaries
from reports.models import QuarterlySummary, SummaryDelivery, SummaryStatus
from reports.tasks import make_quarterly_summary, quarterly_summaries

pytestmark = pytest.mark.django_db

BANGKOK = ZoneInfo("Asia/Bangkok")
Q1_2570 = fiscal_quarter(2570, 1)  # 1 Oct – 31 Dec 2026
TODAY = date(2027, 1, 4)
COMPLAINANT = "นางสาวสมศรี ร้องเรียนดี"
PHONE = "081-234-5678"


def counted_figures(*, office, fiscal_year, quarter, today):
    """Hand-set figures around a live count of tickets (so that a later change would show), for the PDF's text."""
    received = Ticket.objects.filter(office__path__startswith=office.path).count()
    return {
        "office": {"code": office.code, "name": office.name},
        "period": {"fiscal_year": fiscal_year, "quarter": quarter, "start": Q1_2570.start.isoformat(),
                   "end": Q1_2570.end.isoformat()},
        "today": today.isoformat(),
        "indicators": [{"code": "CS3 KPI", "name": "ร้อยละเรื่องร้องเรียนที่แจ้งผลภายในกำหนด", "office": office.name,
                        "unit": "ร้อยละ", "value": "75.00", "target": "80", "direction": "higher",
                        "success_percent": "93.75", "score": "3"}],
        "complaints": {"quarter": {"label": "ไตรมาส 1/2570", "received": received, "on_time_percent": "75.00"},
                       "quarters": [{"label": f"ไตรมาส {n}/2570", "received": received if n == 1 else 0}
                                    for n in (1, 2, 3, 4)]},
        "priorities": {"total": 0, "by_priority": {}, "tickets": []},
        "late_steps": {"total": 0, "steps": []},
    }


def broken_figures(**kwargs):
    raise RuntimeError("rendering broke")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def team(offices, people):
    more = {
        "hank": UserFactory(username="hank", office=offices["dist_a"], role="executive"),
        "olga": UserFactory(username="olga", office=offices["other"], role="executive"),
        "omar": UserFactory(username="omar", office=offices["other"], role="committee"),
    }
    everyone = {**people, **more}
    for user in everyone.values():
        user.email = f"{user.username}@example.go.th"
        user.save(update_fields=["email"])
    return everyone


def pdf_text(summary, tmp_path) -> str:
    path = tmp_path / f"summary-{summary.pk}.pdf"
    with summary.pdf.open("rb") as stream:
        path.write_bytes(stream.read())
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.fixture
def make(django_capture_on_commit_callbacks):
    """Make and send one office's Q1/2570 summary, the sending run as after the commit."""

    def run(office, *, figures_of=None, today=TODAY):
        office = Office.objects.get(pk=office.pk)  # read again: adding OTHER moved PROV's path
        summary = summaries.summary_start(office=office, quarter=Q1_2570)
        with django_capture_on_commit_callbacks(execute=True):
            sent = summaries.summary_publish(summary=summary, today=today, figures_of=figures_of)
        return summary, sent

    return run


# --- Frozen -------------------------------------------------------------------------------------------------------


def test_a_ready_summary_keeps_its_figures_and_pdf_when_the_data_changes(team, offices, tmp_path, make):
    make_ticket(office=offices["prov"], received_on=date(2026, 11, 2))
    summary, _sent = make(offices["prov"], figures_of=counted_figures)
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.READY and summary.progress == 100
    assert summary.figures["complaints"]["quarter"]["received"] == 1
    with summary.pdf.open("rb") as stream:
        pdf_before = stream.read()
    text_before = pdf_text(summary, tmp_path)
    assert "สรุปผลการดำเนินงานสำหรับผู้บริหาร" in text_before and "93.75" in text_before

    for day in (3, 4, 5):
        make_ticket(office=offices["dist_a"], received_on=date(2026, 11, day))
    Ticket.objects.update(subject="เปลี่ยนเรื่องแล้ว")
    again, _sent = make(offices["prov"], figures_of=counted_figures)

    assert again.pk == summary.pk
    again.refresh_from_db()
    assert again.figures == summary.figures
    assert again.figures["complaints"]["quarter"]["received"] == 1
    with again.pdf.open("rb") as stream:
        assert stream.read() == pdf_before
    assert pdf_text(again, tmp_path) == text_before
    assert QuarterlySummary.objects.count() == 1


def test_the_real_figures_are_frozen_and_the_pdf_shows_no_person(team, offices, tmp_path, make):
    """reports.executive.quarter_figures as frozen: the quarter's CS3 figures in the PDF, the ranked complaint with
    its subject and what was done, and never the complainant's name or phone number."""
    prov = Office.objects.get(code="PROV")
    ranked = make_ticket(office=offices["dist_a"], received_on=date(2026, 10, 5), subject="ไฟถนนดับทั้งซอย",
                         complainant_name=COMPLAINANT, complainant_contact=PHONE)
    make_ticket(office=offices["prov"], received_on=date(2026, 11, 2), complainant_name=COMPLAINANT,
                complainant_contact=PHONE)
    ticket_set_priority(ticket=ranked, priority="highest", by=team["erin"], on=date(2026, 11, 20))

    summary, _sent = make(prov, figures_of=None)
    summary.refresh_from_db()
    figures = summary.figures
    assert figures["office"]["code"] == "PROV" and figures["period"]["label"] == "ไตรมาส 1/2570"
    assert figures["complaints"]["quarter"]["received"] == 2
    assert [t["reference"] for t in figures["priorities"]["tickets"]] == [ranked.reference]
    text = pdf_text(summary, tmp_path)
    for shown in ("ไตรมาส 1/2570", ranked.reference, "ไฟถนนดับทั้งซอย", "มากเป็นพิเศษ", "สำนักงานจังหวัดทดสอบ"):
        assert shown in text
    frozen = json.dumps(figures, ensure_ascii=False)
    for person in (COMPLAINANT, PHONE, "สมศรี", "0812345678", "081-234-5678"):
        assert person not in text and person not in frozen
    assert COMPLAINANT not in mail.outbox[0].body

    make_ticket(office=offices["prov"], received_on=date(2026, 11, 3))
    ticket_set_priority(ticket=ranked, priority="low", by=team["erin"], on=date(2026, 11, 20))
    again, _sent = make(prov, figures_of=None)
    again.refresh_from_db()
    assert again.figures == figures and pdf_text(again, tmp_path) == text


# --- Sent once ----------------------------------------------------------------------------------------------------


def test_running_twice_makes_one_summary_and_sends_each_executive_once(team, offices,
                                                                       django_capture_on_commit_callbacks):
    now = datetime(2027, 1, 4, 9, 0, tzinfo=BANGKOK)
    for _run in (1, 2):
        with django_capture_on_commit_callbacks() as queued:  # the per-office tasks, queued after the commit
            ids = quarterly_summaries(now.isoformat())
        assert len(queued) == len(ids) == 3
        for summary_id in ids:
            with django_capture_on_commit_callbacks(execute=True):
                make_quarterly_summary(summary_id)

    made = QuarterlySummary.objects.order_by("office__code")
    # Offices with executives only: PROV (erin), DIST-A (hank), OTHER (olga); not DEPT or DIST-B.
    assert [(s.office.code, s.fiscal_year, s.quarter, s.version, s.status) for s in made] == [
        ("DIST-A", 2570, 1, 1, "ready"), ("OTHER", 2570, 1, 1, "ready"), ("PROV", 2570, 1, 1, "ready")]
    assert sorted(m.to[0] for m in mail.outbox) == ["erin@example.go.th", "hank@example.go.th",
                                                    "olga@example.go.th"]
    assert SummaryDelivery.objects.count() == 3
    assert all(s.sent_at is not None for s in made)


def test_the_message_is_thai_with_the_pdf_attached_to_the_office_executives_only(team, offices, make):
    make(offices["prov"])
    assert [m.to for m in mail.outbox] == [["erin@example.go.th"]]  # not hank (DIST-A), not alice (committee)
    message = mail.outbox[0]
    assert "สรุปผลสำหรับผู้บริหาร ไตรมาส 1/2570" in message.subject
    assert "เรียน" in message.body and "/executive/summaries/" in message.body
    (name, content, kind), = message.attachments
    assert name == "summary-PROV-2570Q1-v1.pdf" and kind == "application/pdf" and content.startswith(b"%PDF")


def test_an_executive_without_contact_is_reported_and_nothing_is_claimed(team, offices, make):
    team["erin"].email = ""
    team["erin"].save(update_fields=["email"])
    _summary, sent = make(offices["prov"])
    assert sent.no_contact == ["erin"] and sent.claimed == 0 and mail.outbox == []


def test_a_failed_render_sends_nothing_and_the_retry_sends_once(team, offices, monkeypatch,
                                                                 django_capture_on_commit_callbacks):
    summary = summaries.summary_start(office=offices["prov"], quarter=Q1_2570)
    monkeypatch.setattr(summaries, "_quarter_figures", broken_figures)

    with pytest.raises(Retry), django_capture_on_commit_callbacks(execute=True):
        make_quarterly_summary(summary.pk)

    summary.refresh_from_db()
    assert summary.status == SummaryStatus.FAILED and "rendering broke" in summary.error
    assert not summary.pdf and summary.figures == {}
    assert mail.outbox == [] and not SummaryDelivery.objects.exists()

    monkeypatch.undo()
    for _retry in (1, 2):
        with django_capture_on_commit_callbacks(execute=True):
            make_quarterly_summary(summary.pk)
    summary.refresh_from_db()
    assert summary.status == SummaryStatus.READY and summary.error == ""
    assert [m.to for m in mail.outbox] == [["erin@example.go.th"]]


def test_a_message_no_channel_took_is_sent_by_the_next_run(team, offices, settings, make):
    settings.EMAIL_BACKEND = "reports.tests.test_summaries.RefusingBackend"
    summary, sent = make(offices["prov"])
    assert sent.failed == 1 and not SummaryDelivery.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _again, sent = make(offices["prov"])
    assert sent.sent == 1 and [m.to for m in mail.outbox] == [["erin@example.go.th"]]


class RefusingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        raise ConnectionRefusedError("SMTP down")

    def close(self):
        pass


# --- Regenerate ---------------------------------------------------------------------------------------------------


def test_regenerating_makes_a_new_version_and_keeps_the_earlier(team, offices, tmp_path, make,
                                                                django_capture_on_commit_callbacks):
    make_ticket(office=offices["prov"], received_on=date(2026, 11, 2))
    first, _sent = make(offices["prov"])
    make_ticket(office=offices["prov"], received_on=date(2026, 11, 3))

    second = summaries.summary_regenerate(office=Office.objects.get(code="PROV"), quarter=Q1_2570,
                                          by=team["alice"])
    with django_capture_on_commit_callbacks(execute=True):
        summaries.summary_publish(summary=second, today=TODAY)

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.figures["complaints"]["quarter"]["received"] == 1
    assert second.figures["complaints"]["quarter"]["received"] == 2
    assert first.pdf.name != second.pdf.name and first.pdf.storage.exists(first.pdf.name)
    assert second.created_by == team["alice"]
    # The new version is a new message; the job afterwards reuses the latest and sends nothing more.
    assert len(mail.outbox) == 2 and "ฉบับที่ 2" in mail.outbox[1].subject
    assert summaries.summary_start(office=offices["prov"], quarter=Q1_2570).pk == second.pk


# --- The command --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "message"), [
    (["--quarter", "2570"], "ไตรมาส “2570” ไม่ถูกต้อง"),
    (["--quarter", "2570Q5"], "ไตรมาสต้องเป็น 1–4"),
    (["--quarter", "Q1"], "ไม่ถูกต้อง"),
    (["--quarter", "2499Q1"], "ปีงบประมาณต้องอยู่ระหว่าง"),
    (["--quarter", "2700Q4"], "ยังไม่สิ้นสุด"),
    (["--quarter", "2569Q4", "--office", "NOPE"], "ไม่พบหน่วยงานรหัส “NOPE”"),
])
def test_the_command_refuses_bad_arguments_in_thai(team, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("quarterly_summary", *args, stdout=StringIO())
    assert not QuarterlySummary.objects.exists()


def test_the_command_makes_and_sends_once(team, offices, django_capture_on_commit_callbacks):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("quarterly_summary", "--quarter", "๒๕๖๙Q4", "--office", "PROV", stdout=out)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("quarterly_summary", "--quarter", "2569q4", "--office", "PROV", stdout=out)
    # (A command runs in autocommit: what it sent is counted before it prints; here the sending waits for the block.)
    assert out.getvalue().splitlines()[1].endswith("ส่งใหม่ 0 คน ส่งไปแล้วก่อนหน้านี้ (ไม่ส่งซ้ำ) 1 คน")
    assert len(mail.outbox) == 1 and QuarterlySummary.objects.get().office.code == "PROV"


def test_the_command_reports_a_failed_office_and_fails(team, offices, monkeypatch):
    monkeypatch.setattr(summaries, "_quarter_figures", broken_figures)
    with pytest.raises(CommandError, match="จัดทำสรุปไม่สำเร็จ 3 หน่วยงาน"):
        call_command("quarterly_summary", "--quarter", "2569Q4", stdout=StringIO())
    assert mail.outbox == []


# --- The beat's day -----------------------------------------------------------------------------------------------


def at(day: date, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=BANGKOK)


def test_january_2027_waits_for_the_first_working_day_after_new_year(db):
    Holiday.objects.update_or_create(date=date(2026, 12, 31), defaults={"name": "วันสิ้นปี"})
    Holiday.objects.update_or_create(date=date(2027, 1, 1), defaults={"name": "วันขึ้นปีใหม่"})
    Holiday.objects.filter(date__range=(date(2027, 1, 2), date(2027, 1, 8))).delete()
    # Fri 1 Jan a holiday, Sat 2 and Sun 3 the weekend: Monday 4 January is the day, for the quarter Oct–Dec 2026.
    assert [summaries.summary_due(now=at(date(2027, 1, d))) for d in (1, 2, 3)] == [None, None, None]
    assert summaries.summary_due(now=at(date(2027, 1, 4))) == Q1_2570
    assert summaries.summary_due(now=at(date(2027, 1, 5))) is None


def test_the_day_is_in_office_hours_only(db):
    monday = date(2027, 1, 4)
    assert summaries.summary_due(now=at(monday, 8, 29)) is None
    assert summaries.summary_due(now=at(monday, 8, 30)) == Q1_2570
    assert summaries.summary_due(now=at(monday, 16, 29)) == Q1_2570
    assert summaries.summary_due(now=at(monday, 16, 30)) is None
    # The same moment given in UTC is read in Bangkok time (02:00 UTC = 09:00).
    assert summaries.summary_due(now=datetime(2027, 1, 4, 2, 0, tzinfo=ZoneInfo("UTC"))) == Q1_2570


def test_a_quarter_starting_on_a_saturday_waits_for_monday(db):
    # 1 April 2028 is a Saturday: Q3 of 2571 begins; the summary of Q2 (Jan–Mar 2028) is made on Monday 3 April.
    assert date(2028, 4, 1).weekday() == 5
    Holiday.objects.filter(date__range=(date(2028, 4, 1), date(2028, 4, 5))).delete()
    Holiday.objects.filter(date=date(2026, 10, 1)).delete()
    assert summaries.summary_due(now=at(date(2028, 4, 1))) is None
    assert summaries.summary_due(now=at(date(2028, 4, 3))) == fiscal_quarter(2571, 2)
    # October: the first working day of a new fiscal year sums up Q4 of the one before.
    assert summaries.summary_due(now=at(date(2026, 10, 1))) == fiscal_quarter(2569, 4)


def test_the_beat_task_does_nothing_on_another_day(team):
    assert quarterly_summaries(at(date(2027, 1, 5)).isoformat()) == []
    assert not QuarterlySummary.objects.exists()


def test_the_beat_entry_runs_the_task_daily_in_office_hours(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["reports-quarterly-summaries"]
    assert entry["task"] == quarterly_summaries.name
    assert entry["schedule"].hour == {9} and entry["schedule"].day_of_week == set(range(7))
