"""Staff work manuals (คู่มือการปฏิบัติงานของบุคลากร): versions per title, uploaded by the committee of the service's
office, files checked by their bytes, and served only through the service's scope."""
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.testing.files import HTML, docx_bytes, pdf_bytes, upload
from service_standards.models import StaffManual, StaffManualVersion
from service_standards.services import staff_manual_version_add


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def service(offices, make_service):
    return make_service(3, "working_days", office=offices["prov"], name="ขึ้นทะเบียนเกษตรกร")


def _url(service):
    return reverse("service_standards:staff-manuals", args=[service.pk])


# --- The service ----------------------------------------------------------------------------------------------------

def test_a_version_stores_the_type_its_bytes_prove_and_a_clean_file_name(service, people):
    version = staff_manual_version_add(service=service, title=" คู่มือรับคำขอ ",
                                       file=upload("../คู่มือ.docx", docx_bytes()), note="ฉบับแรก", approver_name="นายสมชาย ใจดี", approved_on=date(2025, 10, 20),
                                       by=people["alice"])
    assert version.manual.title == "คู่มือรับคำขอ" and version.version == 1
    assert version.file_name == "คู่มือ.docx"
    assert version.file_type == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert version.uploaded_by == people["alice"]


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"title": ""}, "title", "กรุณาระบุชื่อคู่มือการปฏิบัติงาน"),
    ({"title": "ก" * 256}, "title", "ยาวเกิน"),
    ({"note": "ก" * 256}, "note", "ยาวเกิน"),
    ({"file": None}, "file", "กรุณาเลือกไฟล์คู่มือ"),
    ({"file": upload("manual.pdf", HTML)}, "file", "ไม่ใช่เอกสาร PDF"),
    ({"file": upload("manual.html", HTML)}, "file", "ไม่รับไฟล์ชนิด .html"),
    ({"approved_on": date(2025, 10, 20)}, "approver_name", "กรุณาระบุผู้อนุมัติ"),
    ({"approver_name": "นายสมชาย"}, "approved_on", "กรุณาระบุวันที่อนุมัติ"),
    ({"approver_name": "นายสมชาย", "approved_on": "tomorrow"}, "approved_on", "ต้องไม่เป็นวันในอนาคต"),
])
def test_a_bad_upload_is_refused_by_field_in_thai_and_writes_nothing(service, kwargs, field, message):
    if kwargs.get("approved_on") == "tomorrow":
        kwargs["approved_on"] = timezone.localdate() + timedelta(days=1)
    arguments = {"title": "คู่มือรับคำขอ", "file": upload("a.pdf", pdf_bytes()), **kwargs}
    with pytest.raises(ValidationError) as refused:
        staff_manual_version_add(service=service, **arguments)
    assert message in " ".join(refused.value.message_dict[field])
    assert not StaffManual.objects.exists() and not StaffManualVersion.objects.exists()


# --- The page -------------------------------------------------------------------------------------------------------

def test_the_committee_uploads_a_new_manual_then_a_new_version_of_it(client, people, service):
    client.force_login(people["alice"])
    response = client.post(_url(service), {"title": "คู่มือตรวจแปลง", "file": upload("v1.pdf", pdf_bytes()),
                                           "note": "ฉบับแรก", "approver_name": "นายสมชาย ใจดี",
                                           "approved_on": "20/10/2568"})
    assert response.status_code == 302
    manual = StaffManual.objects.get(service=service)
    response = client.post(_url(service), {"manual": manual.pk, "title": "ไม่ใช้ชื่อนี้",
                                           "file": upload("v2.pdf", pdf_bytes()), "note": "เพิ่มขั้นตอนถ่ายภาพแปลง"})
    assert response.status_code == 302
    assert [(v.version, v.file_name, v.note) for v in manual.versions.order_by("version")] == [
        (1, "v1.pdf", "ฉบับแรก"), (2, "v2.pdf", "เพิ่มขั้นตอนถ่ายภาพแปลง")]
    assert StaffManual.objects.count() == 1
    page = client.get(_url(service)).content.decode()
    assert "คู่มือตรวจแปลง" in page and "นายสมชาย ใจดี" in page and "20 ตุลาคม 2568" in page
    assert "เพิ่มขั้นตอนถ่ายภาพแปลง" in page and "ฉบับล่าสุด" in page
    service_page = client.get(reverse("service_standards:service", args=[service.pk])).content.decode()
    assert _url(service) in service_page


def test_a_refused_upload_keeps_what_was_typed_and_says_why_in_thai(client, people, service):
    client.force_login(people["alice"])
    response = client.post(_url(service), {"title": "คู่มือตรวจแปลง", "file": upload("v1.pdf", HTML),
                                           "note": "หมายเหตุที่พิมพ์ไว้", "approver_name": "นายสมชาย ใจดี",
                                           "approved_on": "20/10/2568"})
    page = response.content.decode()
    assert response.status_code == 400 and "ไม่ใช่เอกสาร PDF" in page
    for typed in ("หมายเหตุที่พิมพ์ไว้", "นายสมชาย ใจดี", "คู่มือตรวจแปลง", "20/10/2568"):
        assert f'value="{typed}"' in page
    neither = client.post(_url(service), {"file": upload("v1.pdf", pdf_bytes())})
    assert neither.status_code == 400
    assert "กรุณาเลือกคู่มือที่มีอยู่ หรือระบุชื่อคู่มือเล่มใหม่" in neither.content.decode()
    assert not StaffManualVersion.objects.exists()


def test_who_uploads_reads_and_downloads(client, people, offices, service, make_service):
    """The committee of the service's office uploads; its districts (the service is theirs too), executives and
    assessors read and download; another province gets 404 for the page and the file."""
    content = pdf_bytes()
    version = staff_manual_version_add(service=service, title="คู่มือรับคำขอ", file=upload("คู่มือ.pdf", content))
    file_url = reverse("service_standards:staff-manual-file", args=[version.pk])
    for name in ("bob", "erin", "axel"):
        client.force_login(people[name])
        page = client.get(_url(service))
        assert page.status_code == 200 and 'id="staff-manual-form"' not in page.content.decode()
        assert client.post(_url(service), {"title": "x", "file": upload("x.pdf", pdf_bytes())}).status_code == 403
        download = client.get(file_url)
        assert download.status_code == 200 and b"".join(download.streaming_content) == content
        assert download["Content-Type"] == "application/pdf"
    client.force_login(people["carol"])
    assert client.get(_url(service)).status_code == 404
    assert client.get(file_url).status_code == 404
    assert client.post(_url(service), {"title": "x", "file": upload("x.pdf", pdf_bytes())}).status_code == 404
    own = make_service(3, "working_days", office=offices["dist_b"], name="ของอำเภอ ข")
    theirs = staff_manual_version_add(service=own, title="คู่มือของอำเภอ ข", file=upload("b.pdf", pdf_bytes()))
    client.force_login(people["bob"])  # DIST-A does not see DIST-B's service
    assert client.get(reverse("service_standards:staff-manual-file", args=[theirs.pk])).status_code == 404
    assert StaffManualVersion.objects.count() == 2


def test_a_file_whose_bytes_are_not_a_pdf_is_a_download_not_shown(client, people, service):
    version = staff_manual_version_add(service=service, title="คู่มือ", file=upload("a.docx", docx_bytes()))
    client.force_login(people["alice"])
    response = client.get(reverse("service_standards:staff-manual-file", args=[version.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    assert client.post(reverse("service_standards:staff-manual-file", args=[version.pk])).status_code == 405


def test_the_page_costs_the_same_queries_for_many_manuals_and_versions(client, people, service):
    staff_manual_version_add(service=service, title="คู่มือ 1", file=upload("a.pdf", pdf_bytes()), by=people["alice"])
    client.force_login(people["alice"])
    with CaptureQueriesContext(connection) as few:
        client.get(_url(service))
    for i in range(2, 6):
        for _v in range(3):
            staff_manual_version_add(service=service, title=f"คู่มือ {i}", file=upload("a.pdf", pdf_bytes()),
                                     by=people["alice"])
    with CaptureQueriesContext(connection) as many:
        page = client.get(_url(service))
    assert page.content.decode().count('class="staff-version"') == 13
    assert len(many) == len(few)
