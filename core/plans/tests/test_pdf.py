"""The action plan PDF as an assessor reads it: seed 000's columns, BE months, every step, every page."""
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from core.demo import load_demo
from core.offices.models import User
from core.plans.models import ActionPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def cs6_pdf(client, tmp_path):
    load_demo()
    client.force_login(User.objects.get(username="assessor"))
    plan = ActionPlan.objects.get(office__code="CPN", fiscal_year=2555, cs=6)
    response = client.get(reverse("plans:pdf", args=[plan.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    path = tmp_path / "plan.pdf"
    path.write_bytes(response.content)
    return path


def pdftotext(path, *args) -> str:
    return subprocess.run(["pdftotext", "-layout", *args, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_every_step_and_the_seed_columns_are_printed(cs6_pdf):
    text = pdftotext(cs6_pdf)
    assert "สำนักงานเกษตรจังหวัดชุมพร ปี ๒๕๕๕" in text
    assert "RM 3.1 ร้อยละความพึงพอใจของผู้รับบริการ" in text
    for heading in ["กิจกรรม/ขั้นตอน(A2)", "เริ่มต้น", "สิ้นสุด", "ผู้รับผิดชอบ", "ผู้เกี่ยวข้อง", "งบประมาณ"]:
        assert heading in text
    for step in ActionPlan.objects.get(fiscal_year=2555, cs=6).steps.all():
        opening = f"{step.order}.{step.activity.split()[0][:12]}"  # the start of the first printed line
        assert opening in text, opening
    assert "เม.ย. 55" in text and "ก.ย. 55" in text


def test_landscape_a4_in_th_sarabunpsk_with_the_header_on_every_page(cs6_pdf):
    reader = PdfReader(cs6_pdf)
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    fonts = subprocess.run(["pdffonts", str(cs6_pdf)], capture_output=True, text=True, check=True).stdout
    assert "TH-SarabunPSK" in fonts
    last = str(len(reader.pages))
    assert "กิจกรรม/ขั้นตอน(A2)" in pdftotext(cs6_pdf, "-f", last, "-l", last)
    assert f"หน้า {last} / {last}" in pdftotext(cs6_pdf, "-f", last, "-l", last)
