"""Ticket attachments: checked like plan evidence (the bytes, not the name) and served inline only when proved."""
import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from complaints.models import Attachment, Ticket, TicketSequence
from complaints.services import ticket_attach
from complaints.tests.factories import make_ticket
from core.testing.files import HTML, docx_bytes, image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db

CITIZEN = {"kind": "complaint", "subject": "ถนนชำรุด", "detail": "หลุมใหญ่หน้าตลาด", "consent": "on"}


def _without_bytes(value):
    """Test ids from names and types: file contents would only clutter them."""
    return "" if isinstance(value, bytes) else None


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # the public form's rate limit


def _files_written(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


def test_a_citizens_html_named_png_is_refused_and_nothing_is_written(client, offices, settings):
    response = client.post(reverse("public:submit"), {
        **CITIZEN, "office": offices["dist_a"].pk, "attachment": upload("ถนน.png", HTML, "image/png")})
    assert "ไฟล์ ถนน.png ไม่ใช่รูปภาพ PNG ตามนามสกุล" in response.content.decode()
    assert not Ticket.objects.exists() and not Attachment.objects.exists() and not _files_written(settings)


def test_staff_intake_refuses_it_too_and_keeps_no_ticket(client, people, settings):
    client.force_login(people["bob"])
    response = client.post(reverse("complaints:new"), {
        "kind": "complaint", "channel": 5, "office": people["bob"].office_id, "received_on": "10/04/2569",
        "subject": "ขอให้ซ่อมไฟถนน", "detail": "ไฟถนนดับทั้งซอย", "attachment": upload("หนังสือ.pdf", HTML)})
    assert "ไฟล์ หนังสือ.pdf ไม่ใช่เอกสาร PDF ตามนามสกุล" in response.content.decode()
    assert not Ticket.objects.exists() and not _files_written(settings)


def test_a_ticket_and_its_attachment_are_received_together_or_not_at_all(offices, settings):
    """The intake service attaches in its own transaction: a refused file leaves no ticket and no reference used."""
    with pytest.raises(ValidationError) as caught:
        make_ticket(office=offices["dist_a"], attachment=upload("x.png", HTML))
    assert caught.value.message_dict == {"attachment": ["ไฟล์ x.png ไม่ใช่รูปภาพ PNG ตามนามสกุล"]}
    assert not Ticket.objects.exists() and not TicketSequence.objects.exists() and not _files_written(settings)

    ticket = make_ticket(office=offices["dist_a"], attachment=upload("ถนน.png", image_bytes("PNG")))
    assert ticket.reference == "DIST-A-2569-00001"
    assert [a.name for a in ticket.attachments.all()] == ["ถนน.png"]


def test_the_service_is_the_authority(offices, settings):
    ticket = make_ticket(office=offices["dist_a"])
    with pytest.raises(ValidationError) as caught:
        ticket_attach(ticket=ticket, file=upload("x.png", HTML))
    assert caught.value.message_dict == {"attachment": ["ไฟล์ x.png ไม่ใช่รูปภาพ PNG ตามนามสกุล"]}
    assert not Attachment.objects.exists() and not _files_written(settings)


@pytest.mark.parametrize("name, content, content_type, disposition", [
    ("ถนน.png", image_bytes("PNG"), "image/png", "inline;"),
    ("หนังสือ.pdf", pdf_bytes(), "application/pdf", "inline;"),
    ("หนังสือ.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
     "attachment;"),
    ("บันทึก.txt", "ถนนชำรุด".encode(), "text/plain", "attachment;"),
], ids=_without_bytes)
def test_a_citizens_real_file_is_accepted_and_served_by_its_kind(client, offices, people, name, content,
                                                                  content_type, disposition):
    response = client.post(reverse("public:submit"), {
        **CITIZEN, "office": offices["dist_a"].pk, "attachment": upload(name, content)})
    assert response.status_code == 200 and Ticket.objects.exists(), response.content.decode()
    attachment = Attachment.objects.get()
    client.force_login(people["bob"])
    url = reverse("complaints:attachment", args=[attachment.ticket.reference, attachment.pk])
    download = client.get(url)
    assert download["Content-Type"] == content_type
    assert download["Content-Disposition"].startswith(disposition)
    assert b"".join(download.streaming_content) == content
    client.force_login(people["carol"])
    assert client.get(url).status_code == 404


def test_a_legacy_attachment_named_png_holding_html_is_a_download_not_html(client, offices, people):
    ticket = make_ticket(office=offices["dist_a"])
    attachment = Attachment(ticket=ticket, name="ถนน.png", size=len(HTML))
    attachment.file.save("ถนน.png", ContentFile(HTML), save=True)
    client.force_login(people["bob"])
    response = client.get(reverse("complaints:attachment", args=[ticket.reference, attachment.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
