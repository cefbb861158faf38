"""manage.py load_bench_data: the bench's department for make prod-local, idempotent."""
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from complaints.models import Ticket
from core.offices.models import Office

pytestmark = pytest.mark.django_db


def test_loads_the_department_once():
    out = StringIO()
    call_command("load_bench_data", "--tickets", "60", "--offices", "20", "--years", "1", stdout=out)
    assert Office.objects.filter(code__startswith="BENCH-D").count() == 20
    assert Ticket.objects.filter(reference__startswith="B-").count() == 60
    assert Ticket.objects.filter(reference__startswith="B-", handler__isnull=True).count() == 0
    call_command("load_bench_data", "--tickets", "60", "--offices", "20", "--years", "1", stdout=out)
    assert Ticket.objects.filter(reference__startswith="B-").count() == 60
    assert "เรื่องร้องเรียนเพิ่ม 0 เรื่อง" in out.getvalue()


def test_refuses_a_department_too_small():
    with pytest.raises(CommandError):
        call_command("load_bench_data", "--offices", "3")
