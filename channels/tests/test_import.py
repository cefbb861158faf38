"""The usage import through its pages: the preview says which rows add, change or keep a count, the confirm writes
all rows or none, and importing the same file again changes nothing."""
import pytest

from channels.imports import HEADERS
from channels.models import ChannelUsage
from tests.isolation_walk import csv_file

from .factories import key

pytestmark = pytest.mark.django_db


def _upload(client, rows):
    response = client.post("/cs2/statistics/import/", {"file": csv_file("usage.csv", [HEADERS, *rows])})
    assert response.status_code == 302, response.content.decode()[:500]
    return response["Location"]


def test_a_district_imports_its_counts_and_a_second_import_of_the_same_file_changes_nothing(offices, people, client,
                                                                                           settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["bob"])
    key(people["bob"], ("DIST-A", "line", 2569, 5))
    rows = [["DIST-A", "phone", "2569", "120"], ["DIST-A", "line", "2569", "8"], ["DIST-A", "website", "๒๕๖๘", "1,500"]]
    confirm = _upload(client, rows)
    preview = client.get(confirm).content.decode()
    assert "ใหม่ 2" in preview and "เปลี่ยนจำนวน 1" in preview and "(เดิม 5)" in preview
    assert client.post(confirm).status_code == 302
    assert dict(ChannelUsage.objects.values_list("channel__code", "count")) == {"phone": 120, "line": 8,
                                                                                 "website": 1500}
    again = _upload(client, rows)
    assert "ไม่เปลี่ยน (ข้าม) 3" in client.get(again).content.decode()
    assert client.post(again).status_code == 302
    assert ChannelUsage.objects.count() == 3


def test_one_bad_row_imports_nothing_and_says_which(offices, people, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["bob"])
    confirm = _upload(client, [["DIST-A", "phone", "2569", "120"], ["PROV", "phone", "2569", "7"],
                               ["DIST-A", "phone", "2569", "abc"]])
    preview = client.get(confirm).content.decode()
    assert "แถว 3: ไม่พบหน่วยงานรหัส “PROV”" in preview and "แถว 4: จำนวนผู้ใช้ช่องทางต้องเป็นจำนวนเต็ม" in preview
    assert client.post(confirm).status_code == 422
    assert ChannelUsage.objects.count() == 0


def test_a_file_without_the_templates_columns_is_refused(offices, people, client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(people["bob"])
    response = client.post("/cs2/statistics/import/", {"file": csv_file("x.csv", [["รหัสหน่วยงาน", "จำนวน"], ["A", 1]])})
    assert response.status_code == 200 and "ไม่พบคอลัมน์: รหัสช่องทาง" in response.content.decode()


def test_the_template_downloads_with_thai_headers(people, client):
    client.force_login(people["bob"])
    assert client.get("/cs2/statistics/import/template.csv").content.decode("utf-8-sig").strip() == ",".join(HEADERS)
    assert client.get("/cs2/statistics/import/template.xlsx").status_code == 200
