"""core.forms.QuickSelect writes the same HTML as Django's Select (it only skips the per-option templates), and
the office drop-downs that list a whole department use it: the public complaint form and the register's filter."""
import pytest
from django import forms
from django.urls import reverse

from complaints.forms import PublicTicketForm
from core.forms import QuickSelect

CHOICES = [("", "ทุก <หน่วยงาน>"), (1, 'ชุมพร & "ท่าแซะ"'), ("กลุ่ม", [(2, "ก"), (3, "ข")]), (4, "ค")]
ATTRS = {"class": "form-select", "disabled": True, "data-off": False, "data-none": None, "aria-label": "<x>"}


@pytest.mark.parametrize("value", [None, "", 1, "3", [4], "ไม่มี"])
def test_the_same_html_as_djangos_select(value):
    ours = QuickSelect(attrs=ATTRS, choices=CHOICES).render("office", value, attrs={"id": "id_office"})
    django = forms.Select(attrs=ATTRS, choices=CHOICES).render("office", value, attrs={"id": "id_office"})
    assert ours == django


def test_the_office_fields_that_list_a_department_use_it(client, offices, people):
    assert isinstance(PublicTicketForm().fields["office"].widget, QuickSelect)
    page = client.get(reverse("public:submit"))
    assert f'<option value="{offices["dist_a"].pk}">' in page.content.decode()
    client.force_login(people["alice"])
    from complaints.filters import TicketFilter

    assert isinstance(TicketFilter(data={}, user=people["alice"]).form.fields["office"].widget, QuickSelect)
