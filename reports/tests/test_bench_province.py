"""The bench province (reports.bench_province) at a reduced scale: every process's sections have data, in the annual
report (seed 002's 13) and in the evidence pack (all of them), and a second call adds nothing."""
import pytest
from django.apps import apps
from django.utils import timezone

from core.fiscal import fiscal_year_of
from reports.bench_province import PROVINCE, ensure_bench_province, sections_with_data
from reports.sections import ANNUAL_ORDER, annual_sections, sections_for

pytestmark = pytest.mark.django_db


def _rows() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()
            if model._meta.managed and not model._meta.proxy}


def test_every_section_of_the_annual_report_and_the_pack_has_data_and_a_second_call_adds_nothing(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    fiscal_year = fiscal_year_of(timezone.localdate())

    province = ensure_bench_province(fiscal_year=fiscal_year, scale=0.05)

    assert province.code == PROVINCE
    annual = annual_sections(office=province, fiscal_year=fiscal_year)
    assert [s.key for s in annual] == ANNUAL_ORDER
    assert [s.key for s in annual if not s.has_data] == []
    pack = sections_for(office=province, fiscal_year=fiscal_year)
    assert {s.cs for s in pack} == set(range(1, 8))
    assert [s.key for s in pack if not s.has_data] == []
    assert sections_with_data(office=province, fiscal_year=fiscal_year) == {"annual": (13, 13),
                                                                             "pack": (len(pack), len(pack))}

    before = _rows()
    assert ensure_bench_province(fiscal_year=fiscal_year, scale=0.05) == province
    assert _rows() == before
