"""The demo's plans of the current year: their computed indicators hold the demo data's values."""
from decimal import Decimal

import pytest
from django.core.management import call_command

from complaints.models import Ticket
from core.plans.figures import Figure
from core.plans.models import ActionPlan
from core.testing.pdftext import pdf_text, squeezed
from networks.choices import MemberKind
from networks.models import Member
from satisfaction.selectors import rm32_bottom2_figure

pytestmark = pytest.mark.django_db


def test_the_plans_of_fy_2569_compute_rm31_rm32_from_the_demo_surveys(settings, tmp_path):
    """The seed's plans are copied to the surveys' year, months moved 14 years on, and their computed
    indicators hold values at once (the seed's own year has no survey, so it reads "-")."""
    settings.MEDIA_ROOT = tmp_path  # the demo's files (evidence of plan steps, a staff manual)
    call_command("load_demo")
    cs6 = ActionPlan.objects.get(office__code="CPN", fiscal_year=2569, cs=6)
    assert cs6.steps.order_by("order").first().planned_start.year == ActionPlan.objects.get(
        office__code="CPN", fiscal_year=2555, cs=6).steps.order_by("order").first().planned_start.year + 14
    rm31, rm32 = cs6.indicators.order_by("order")
    assert (rm31.metric, rm32.metric) == ("rm31_mean", "rm32_bottom2")
    office = cs6.office
    # The demo's 115 forms (random with a fixed seed): 548 rating answers, 84 of them a 1 or a 2.
    assert (rm31.computed_result, rm32.computed_result) == (Decimal("69.71"), Decimal("15.33"))
    assert rm32_bottom2_figure(office=office, fiscal_year=2569) == Figure(Decimal("15.33"), 84, 548)
    assert ActionPlan.objects.get(office=office, fiscal_year=2555, cs=6).indicators.first().computed_result is None


def test_the_demo_asks_for_the_provinces_pack_once_and_it_prints_every_section_of_fy_2569(settings, tmp_path):
    """`make run`'s worker builds it: here the task runs in the test. Every annual section has the demo's data."""
    from reports.models import EvidencePack, PackStatus
    from reports.sections import annual_sections
    from reports.tasks import build_evidence_pack

    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo")
    call_command("load_demo")  # again: no second pack
    pack = EvidencePack.objects.get()
    assert (pack.office.code, pack.fiscal_year, pack.cs, pack.status) == ("CPN", 2569, None, PackStatus.QUEUED)
    assert pack.requested_by.username == "assessor"
    assert [s.key for s in annual_sections(office=pack.office, fiscal_year=2569) if not s.has_data] == []
    assert build_evidence_pack(pack.pk) == PackStatus.DONE
    pack.refresh_from_db()
    assert pack.page_count > 50 and pack.pdf and pack.zip
    # What an assessor reads carries no person: no complainant's name or contact, no network member's details.
    text = squeezed(pdf_text(pack.pdf.read(), layout=False))
    for ticket in Ticket.objects.exclude(complainant_name=""):
        assert squeezed(ticket.complainant_name) not in text
        assert not ticket.complainant_contact or squeezed(ticket.complainant_contact) not in text
    people = Member.objects.filter(kind=MemberKind.PERSON)  # an organisation member's name is no one's data
    assert people.exists()
    for member in people:
        assert squeezed(member.name) not in text and (not member.phone or member.phone not in text)
    assert squeezed("ทะเบียนเรื่องร้องเรียน") in text  # the register is there, without them
