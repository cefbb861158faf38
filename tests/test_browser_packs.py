"""The evidence pack flow the issue names, in Chromium: an assessor opens the packs page, starts a pack of CS4, watches
the progress bar move while the build runs outside the request (a thread standing in for the Celery worker, its
stages slowed down so the bar can be seen), sees the ready message, and downloads the PDF and the ZIP, whose content
is checked (the evidence PDF's own text inside the pack, the original files in the ZIP)."""
import io
import threading
import time
import zipfile

import pytest
from django.db import connection
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from reports import packs
from reports.models import EvidencePack
from reports.tests import pack_fakes
from tests.test_browser import login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def worker(monkeypatch):
    """Builds each queued pack in a thread, as the worker would; each stage held a moment so the bar moves visibly."""
    threads = []
    slow = packs._progress

    def held(pack, progress, stage, **fields):
        slow(pack, progress, stage, **fields)
        time.sleep(0.4)

    def run(pack_id):
        try:
            packs.pack_build(pack=EvidencePack.objects.select_related("office").get(pk=pack_id))
        finally:
            connection.close()

    def queue(pack_id):
        thread = threading.Thread(target=run, args=(pack_id,), daemon=True)
        threads.append(thread)
        thread.start()

    monkeypatch.setattr(packs, "_progress", held)
    monkeypatch.setattr("reports.views_packs.queue_pack", queue)
    yield threads
    for thread in threads:
        thread.join(timeout=60)


def test_an_assessor_starts_a_pack_watches_it_and_downloads_the_pdf_and_the_zip(page: Page, live_server, demo,
                                                                                 settings, tmp_path, monkeypatch,
                                                                                 worker):
    settings.MEDIA_ROOT = tmp_path / "media"
    pack_fakes.install(monkeypatch)
    login(page, live_server, "assessor", demo.password)
    page.goto(f"{live_server.url}/reports/packs/?office=CPN&fiscal_year=2555")
    expect(page.get_by_role("heading", level=1)).to_have_text("ชุดหลักฐานสำหรับผู้ตรวจประเมิน")
    page.locator("#id_cs").select_option("4")
    page.get_by_role("button", name="สร้างชุดหลักฐาน").click()

    row = page.locator("tr.pack").first
    bar = row.locator(".pack-bar")
    expect(bar).to_be_visible()
    seen = set()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and row.get_attribute("data-status") != "done":
        seen.add(int(bar.text_content().strip().rstrip("%") or 0))
        time.sleep(0.3)
    assert len({value for value in seen if 0 < value < 100}) >= 2, f"the bar did not move: {sorted(seen)}"
    expect(row.locator(".pack-message")).to_contain_text("ชุดหลักฐานพร้อมดาวน์โหลดแล้ว")
    expect(row.locator(".pack-working")).to_be_hidden()
    screenshot(page, "evidence-pack-ready.png")

    pdf = page.request.get(live_server.url + row.locator(".pack-pdf").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "ชุดหลักฐาน" in text
    assert pack_fakes.EVIDENCE_TEXT.replace(" ", "") in text.replace(" ", "")

    archive = page.request.get(live_server.url + row.locator(".pack-zip").get_attribute("href"))
    assert archive.ok
    names = zipfile.ZipFile(io.BytesIO(archive.body())).namelist()
    assert "ดัชนีหลักฐาน.xlsx" in names
    assert "CS4 การสร้างเครือข่ายและกิจกรรมสร้างความสัมพันธ์/order.docx" in names
