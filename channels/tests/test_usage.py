"""The three-year statistics table: district counts roll up to the province, keyed counts are never mixed with
what the system counts, the counted part is kept with its data version, and the page costs the same queries for
3 channels as for 12."""
from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from channels import usage
from channels.models import Channel
from channels.selectors import channel_by_code
from complaints.tests.factories import make_ticket
from satisfaction.choices import ResponseSource
from satisfaction.services import questionnaire_create, responses_record, round_create

from .factories import key, make_channel

pytestmark = pytest.mark.django_db
YEARS = [2567, 2568, 2569]


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def _cell(table, code, year):
    row = next(r for r in table.rows if r.channel and r.channel.code == code)
    return row.cells[table.fiscal_years.index(year)]


def test_district_counts_roll_up_to_the_province_and_the_department(offices, people):
    key(people["root"], ("DIST-A", "phone", 2569, 100), ("DIST-B", "phone", 2569, 50), ("PROV", "phone", 2569, 10),
        ("DIST-A", "phone", 2568, 7), ("OTHER", "phone", 2569, 1000))
    prov = usage.usage_table(office=offices["prov"], fiscal_years=YEARS)
    assert (_cell(prov, "phone", 2569).keyed, _cell(prov, "phone", 2568).keyed) == (160, 7)
    assert _cell(prov, "phone", 2567).keyed is None  # nothing keyed: not zero
    assert _cell(usage.usage_table(office=offices["dist_a"], fiscal_years=YEARS), "phone", 2569).keyed == 100
    assert _cell(usage.usage_table(office=offices["dept"], fiscal_years=YEARS), "phone", 2569).keyed == 1160
    assert prov.totals[2].keyed == 160
    assert prov.totals[0].keyed is None  # no office keyed anything in FY 2567: the total is no data too


def test_keyed_counts_are_never_mixed_with_counted_complaints_and_responses(offices, people):
    """Two phone complaints at DIST-A in FY 2569 and one in FY 2568; three survey forms of a PROV round, two keyed
    from paper (documents) and one answered online (website): shown beside the keyed counts, never added in."""
    key(people["root"], ("DIST-A", "phone", 2569, 100), ("PROV", "document", 2569, 30))
    for received_on in (date(2026, 4, 10), date(2026, 5, 11), date(2025, 9, 30)):
        make_ticket(office=offices["dist_a"], received_on=received_on, channel="phone")
    questionnaire = questionnaire_create(office=offices["prov"], title="แบบสอบถาม", scale_max=5,
                                         items=[{"code": "q1", "text": "พอใจ"}])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบที่ 1")
    responses_record(survey=survey, forms=[{"q1": 5}, {"q1": 4}], source=ResponseSource.ENTRY)
    responses_record(survey=survey, forms=[{"q1": 3}], source=ResponseSource.PUBLIC)
    year = usage.current_year()
    table = usage.usage_table(office=offices["prov"], fiscal_years=[2568, 2569, year])
    assert (_cell(table, "phone", 2569).keyed, _cell(table, "phone", 2569).complaints) == (100, 2)
    assert _cell(table, "phone", 2568).complaints == 1 and _cell(table, "phone", 2568).keyed is None
    assert (_cell(table, "document", year).responses, _cell(table, "website", year).responses) == (2, 1)
    assert _cell(table, "document", 2569).keyed == 30
    assert table.totals[1].keyed == 130 and table.totals[1].complaints == 2
    # The other province's table counts none of it.
    other = usage.usage_table(office=offices["other"], fiscal_years=[2569, year])
    assert all(cell.complaints == cell.responses == 0 and cell.keyed is None for row in other.rows for cell in row.cells)


def test_counted_figures_follow_a_change_and_a_slow_count_is_served_stale_until_recounted(offices, monkeypatch):
    make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 10), channel="phone")
    assert _cell(usage.usage_table(office=offices["prov"], fiscal_years=YEARS), "phone", 2569).complaints == 1
    make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 11), channel="phone")
    assert _cell(usage.usage_table(office=offices["prov"], fiscal_years=YEARS), "phone", 2569).complaints == 2
    monkeypatch.setattr(usage.KEPT, "recount_while_waiting", -1)  # every count now counts as slow
    monkeypatch.setattr(usage, "_queue_recount", lambda **kwargs: None)
    make_ticket(office=offices["dist_a"], received_on=date(2026, 4, 12), channel="phone")
    stale = usage.usage_table(office=offices["prov"], fiscal_years=YEARS)
    assert stale.stale and _cell(stale, "phone", 2569).complaints == 2
    usage.counted_recount(office_id=offices["prov"].pk, fiscal_years=YEARS)  # what the background task does
    fresh = usage.usage_table(office=offices["prov"], fiscal_years=YEARS)
    assert not fresh.stale and _cell(fresh, "phone", 2569).complaints == 3


def test_a_districts_own_channel_shows_in_its_provinces_table_but_not_in_another_districts(offices, people):
    radio = make_channel(office=offices["dist_a"], code="radio-a", name="วิทยุชุมชนอำเภอ ก")
    key(people["root"], ("DIST-A", "radio-a", 2569, 40))
    assert _cell(usage.usage_table(office=offices["prov"], fiscal_years=YEARS), "radio-a", 2569).keyed == 40
    assert radio.pk not in {r.channel.pk for r in usage.usage_table(office=offices["dist_b"], fiscal_years=YEARS).rows}


def _statistics_queries(client, url) -> int:
    client.get(url)  # sessions, permissions, and the counted part kept in the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_statistics_page_costs_the_same_queries_for_3_and_12_channels(offices, people, client,
                                                                         django_assert_num_queries):
    client.force_login(people["alice"])
    url = "/cs2/statistics/?office=PROV&fiscal_year=2569"
    Channel.objects.filter(office__isnull=True).exclude(code__in=["office", "phone", "line"]).update(is_active=False)
    key(people["root"], ("DIST-A", "phone", 2569, 100))
    few = _statistics_queries(client, url)
    for n in range(9):
        make_channel(office=offices["prov"], code=f"extra-{n}")
        key(people["root"], ("PROV", f"extra-{n}", 2569, n + 1))
    many = _statistics_queries(client, url)
    assert len([r for r in usage.usage_table(office=offices["prov"], fiscal_years=YEARS).rows]) == 12
    assert few == many
    with django_assert_num_queries(many):
        client.get(url)


def test_response_channels_follow_how_the_form_came(offices):
    questionnaire = questionnaire_create(office=offices["prov"], title="แบบสอบถาม", scale_max=5,
                                         items=[{"code": "q1", "text": "พอใจ"}])
    survey = round_create(questionnaire=questionnaire, office=offices["prov"], title="รอบที่ 1")
    codes = {}
    for source in ResponseSource.values:
        [response] = responses_record(survey=survey, forms=[{"q1": 5}], source=source)
        codes[source] = response.channel.code if response.channel else None
    assert codes == {"public": "website", "entry": "document", "import": "document", "api": None}
    [named] = responses_record(survey=survey, forms=[{"q1": 5}], source=ResponseSource.API,
                               channels=[channel_by_code("line")])
    assert named.channel.code == "line"
