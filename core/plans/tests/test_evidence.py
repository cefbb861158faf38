"""Plan evidence: the bytes must be what the name says, and only verified images and PDFs open in the browser."""
import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from core.plans.models import Evidence
from core.plans.services import evidence_add
from core.testing.factories import ActionPlanFactory
from core.testing.files import HTML, docx_bytes, image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def _without_bytes(value):
    """Test ids from names and types: file contents would only clutter them."""
    return "" if isinstance(value, bytes) else None


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def plan(offices):
    return ActionPlanFactory(office=offices["dist_a"], cs=3)


def _files_written(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


def test_html_named_png_is_refused_on_the_page_and_nothing_is_written(client, people, plan, settings):
    client.force_login(people["bob"])
    response = client.post(reverse("plans:evidence-upload", args=[plan.pk]),
                           {"title": "ภาพ", "file": upload("ภาพกิจกรรม.png", HTML, "image/png")})
    assert response.status_code == 200
    assert "ไฟล์ ภาพกิจกรรม.png ไม่ใช่รูปภาพ PNG ตามนามสกุล" in response.content.decode()
    assert not Evidence.objects.exists() and not _files_written(settings)


def test_the_service_refuses_it_too(people, plan, settings):
    """The service is the authority: a caller that skips the form gets the same refusal."""
    with pytest.raises(ValidationError, match="ไม่ใช่รูปภาพ PNG"):
        evidence_add(plan=plan, file=upload("x.png", HTML), title="", by=people["bob"])
    assert not Evidence.objects.exists() and not _files_written(settings)


def _upload_and_get(client, plan, name, content):
    response = client.post(reverse("plans:evidence-upload", args=[plan.pk]), {"file": upload(name, content)})
    assert response.status_code == 302, response.content.decode()
    evidence = plan.evidence.get()
    return evidence, client.get(evidence.get_absolute_url())


def test_a_real_png_is_stored_as_png_and_shown_inline(client, people, plan):
    client.force_login(people["bob"])
    evidence, response = _upload_and_get(client, plan, "ภาพกิจกรรม.png", image_bytes("PNG"))
    assert evidence.content_type == "image/png"
    assert response["Content-Type"] == "image/png" and response["Content-Disposition"].startswith("inline;")
    assert b"".join(response.streaming_content) == image_bytes("PNG")


def test_a_real_pdf_is_shown_inline(client, people, plan):
    client.force_login(people["bob"])
    evidence, response = _upload_and_get(client, plan, "รายงาน.pdf", pdf_bytes())
    assert evidence.content_type == "application/pdf"
    assert response["Content-Type"] == "application/pdf" and response["Content-Disposition"].startswith("inline;")


@pytest.mark.parametrize("name, content, content_type", [
    ("รายงาน.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("บันทึก.txt", "บันทึกการประชุม".encode(), "text/plain"),
], ids=_without_bytes)
def test_documents_and_text_are_downloads(client, people, plan, name, content, content_type):
    client.force_login(people["bob"])
    evidence, response = _upload_and_get(client, plan, name, content)
    assert evidence.content_type == content_type
    assert response["Content-Type"] == content_type and response["Content-Disposition"].startswith("attachment;")


def test_a_legacy_row_claiming_png_but_holding_html_is_a_download_not_html(client, people, plan):
    """Rows saved before the check carry a type guessed from the name: serving trusts the bytes instead."""
    evidence = Evidence(plan=plan, title="เก่า", content_type="image/png", size=len(HTML))
    evidence.file.save("legacy.png", ContentFile(HTML), save=True)
    client.force_login(people["bob"])
    response = client.get(evidence.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/octet-stream"
    assert "html" not in response["Content-Type"]
