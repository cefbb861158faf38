"""A full upload disk (core.storage): a Thai refusal on the form as typed, no row, no half-written file, never a 500.

The disk is simulated under Django's FileSystemStorage._save, the way a real one fails: the file is created, part of it
is written, then the write raises ENOSPC (the full_disk drill does it for real on a tiny tmpfs: docs/operations.md).
"""
import errno
import os

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage as DjangoStorage
from django.core.files.storage import default_storage
from django.urls import reverse

from complaints.models import Attachment, Ticket
from core.plans.models import Evidence
from core.storage import MESSAGE, StorageFull
from core.testing.factories import ActionPlanFactory
from core.testing.files import image_bytes, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()  # the public form's rate limit


@pytest.fixture
def full_disk(monkeypatch):
    """Every save writes 100 bytes, then the disk is full."""
    def _save(self, name, content):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as partial:
            partial.write(b"x" * 100)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)

    monkeypatch.setattr(DjangoStorage, "_save", _save)


def _files_written(settings) -> list:
    return [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] if settings.MEDIA_ROOT.exists() else []


def test_the_storage_refuses_in_thai_and_leaves_no_partial_file(full_disk, settings):
    with pytest.raises(StorageFull) as caught:
        default_storage.save("complaints/x.pdf", ContentFile(pdf_bytes()))
    assert caught.value.messages == [MESSAGE] and caught.value.message_dict == {"__all__": [MESSAGE]}
    assert not _files_written(settings)


def test_other_errors_are_djangos(monkeypatch, settings):
    def _save(self, name, content):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(DjangoStorage, "_save", _save)
    with pytest.raises(PermissionError):
        default_storage.save("x.pdf", ContentFile(pdf_bytes()))


def test_a_file_that_was_there_before_is_not_deleted(full_disk, settings, monkeypatch):
    """Only the file this save created is removed (an overwrite in place must not lose the old one)."""
    monkeypatch.setattr(default_storage, "get_available_name", lambda name, max_length=None: name)
    (settings.MEDIA_ROOT).mkdir(parents=True)
    (settings.MEDIA_ROOT / "old.pdf").write_bytes(b"old")
    with pytest.raises(StorageFull):
        default_storage.save("old.pdf", ContentFile(pdf_bytes()))
    assert (settings.MEDIA_ROOT / "old.pdf").exists()


def test_evidence_upload_keeps_the_form_and_saves_nothing(client, people, offices, full_disk, settings):
    plan = ActionPlanFactory(office=offices["dist_a"], cs=3)
    client.force_login(people["bob"])
    response = client.post(reverse("plans:evidence-upload", args=[plan.pk]),
                           {"title": "ภาพการประชุมชี้แจง", "file": upload("ภาพ.png", image_bytes("PNG"))})
    page = response.content.decode()
    assert response.status_code == 200 and MESSAGE in page
    assert 'value="ภาพการประชุมชี้แจง"' in page  # what was typed stays
    assert not Evidence.objects.exists() and not _files_written(settings)


def test_a_citizens_complaint_with_a_file_is_refused_whole(client, offices, full_disk, settings):
    """The ticket and its attachment are one transaction: no ticket without its file, no file without its ticket."""
    response = client.post(reverse("public:submit"), {
        "kind": "complaint", "subject": "ถนนชำรุด", "detail": "หลุมใหญ่หน้าตลาด", "consent": "on",
        "office": offices["dist_a"].pk, "attachment": upload("ถนน.png", image_bytes("PNG"))})
    page = response.content.decode()
    assert response.status_code == 200 and MESSAGE in page and "หลุมใหญ่หน้าตลาด" in page
    assert not Ticket.objects.exists() and not Attachment.objects.exists() and not _files_written(settings)


def test_an_unhandled_full_disk_is_a_thai_507_not_a_500(rf, full_disk):
    """The safety net (handler500) for a view that does not show service errors on its form."""
    from pmqa.views import server_error

    try:
        raise StorageFull()
    except StorageFull:
        response = server_error(rf.get("/"))
    assert response.status_code == 507 and "พื้นที่เก็บไฟล์ของระบบเต็ม" in response.content.decode()
