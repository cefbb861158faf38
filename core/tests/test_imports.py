"""An upload kept between an import's preview and its confirm: its owner's, bound to what it is for, and gone on time.

Bob uploads; Carol (another office) and Bob under another round must find nothing, exactly as for a token that never
existed. Both processes' imports keep their uploads this way (their own tests walk the pages).
"""
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.imports import ImportRejected, UploadFolder

pytestmark = pytest.mark.django_db

FOLDER = UploadFolder("test-imports", max_bytes=1024)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _two_rows(path):
    return {"columns": ["a"]}, iter([[2, ["x"]], [3, ["y"]]])


def _keep(user, **bound):
    return FOLDER.keep(file=SimpleUploadedFile("rows.csv", b"a\nx\ny\n"), user=user, read=_two_rows, **bound)


def test_an_upload_is_found_only_by_its_owner_and_under_what_it_is_bound_to(people):
    upload = _keep(people["bob"], round=7)
    found = FOLDER.find(token=upload.token, user=people["bob"], round=7)
    assert (found.name, found.bound, list(found.store())) == ("rows.csv", {"round": 7}, [[2, ["x"]], [3, ["y"]]])
    assert FOLDER.find(token=upload.token, user=people["carol"], round=7) is None
    assert FOLDER.find(token=upload.token, user=people["bob"], round=8) is None
    assert FOLDER.find(token="../" + upload.token[3:], user=people["bob"], round=7) is None
    assert sorted(p.name for p in upload.folder.iterdir()) == ["owner.json", "rows.jsonl.gz"], "the rows, not the file"


def test_a_refused_file_leaves_nothing_behind(people):
    with pytest.raises(ImportRejected, match="รับเฉพาะไฟล์ .xlsx หรือ .csv"):
        FOLDER.keep(file=SimpleUploadedFile("rows.txt", b"a"), user=people["bob"], read=_two_rows)
    with pytest.raises(ImportRejected, match="ไฟล์ใหญ่เกิน 0 MB"):
        FOLDER.keep(file=SimpleUploadedFile("rows.csv", b"a" * 1025), user=people["bob"], read=_two_rows)
    with pytest.raises(ImportRejected, match="ไม่พบข้อมูลในไฟล์"):
        FOLDER.keep(file=SimpleUploadedFile("rows.csv", b"a\n"), user=people["bob"],
                    read=lambda path: ({"columns": ["a"]}, iter([])))

    def refusing(path):
        raise ImportRejected(["ไม่พบคอลัมน์: a"])

    with pytest.raises(ImportRejected, match="ไม่พบคอลัมน์"):
        FOLDER.keep(file=SimpleUploadedFile("rows.csv", b"b\n1\n"), user=people["bob"], read=refusing)
    assert not any(FOLDER.root.iterdir())


def test_an_upload_expires_and_is_removed_once_confirmed_or_cancelled(people, monkeypatch):
    upload, other = _keep(people["bob"]), _keep(people["bob"])
    upload.discard()
    assert FOLDER.find(token=upload.token, user=people["bob"]) is None
    later = timezone.now() + timedelta(hours=25)
    monkeypatch.setattr("core.imports.timezone.now", lambda: later)
    assert FOLDER.find(token=other.token, user=people["bob"]) is None
    FOLDER.prune()  # as the next upload (and, for tickets, the nightly task) does
    assert not any(FOLDER.root.iterdir())
