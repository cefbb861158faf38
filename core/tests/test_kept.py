"""Kept figures (core.kept): served while the data version matches, redone at once when the count is quick, served
stale with one queued recount when it is slow, and out of date on a new day for figures of a day."""
from datetime import date

import pytest
from django.core.cache import cache

from core.kept import KeptFigures

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    cache.clear()
    state = {"version": 1, "counts": 0, "queued": []}

    def count():
        state["counts"] += 1
        return state["counts"]

    kept = KeptFigures("test-kept", version=lambda: state["version"],
                       queue=lambda **params: state["queued"].append(params))
    yield kept, state, count
    cache.clear()


def test_figures_are_kept_until_the_data_changes_and_a_quick_count_is_redone_at_once(world):
    kept, state, count = world
    assert kept.get({"office_id": 1}, count=count).value == 1
    assert kept.get({"office_id": 1}, count=count).value == 1  # the same version: not counted again
    assert kept.get({"office_id": 2}, count=count).value == 2  # another entry
    state["version"] = 2
    again = kept.get({"office_id": 1}, count=count)
    assert (again.value, again.stale, state["queued"]) == (3, False, [])


def test_a_slow_count_is_served_stale_and_recounted_once_after_the_commit(world, django_capture_on_commit_callbacks):
    kept, state, count = world
    kept.get({"office_id": 1}, count=count)
    kept.recount_while_waiting = -1  # every count is slow now
    state["version"] = 2
    with django_capture_on_commit_callbacks(execute=True):
        first, second = kept.get({"office_id": 1}, count=count), kept.get({"office_id": 1}, count=count)
    assert (first.value, first.stale, second.stale) == (1, True, True)
    assert state["queued"] == [{"office_id": 1}]  # one recount queued for both readers
    kept.recount({"office_id": 1}, count=count)
    fresh = kept.get({"office_id": 1}, count=count)
    assert (fresh.value, fresh.stale) == (2, False)


def test_figures_of_a_day_are_out_of_date_the_next_day(world, django_capture_on_commit_callbacks):
    kept, state, count = world
    kept.get({"office_id": 1}, count=count, day=date(2026, 11, 25))
    assert kept.get({"office_id": 1}, count=count, day=date(2026, 11, 25)).value == 1
    kept.recount_while_waiting = -1
    with django_capture_on_commit_callbacks(execute=True):
        next_day = kept.get({"office_id": 1}, count=count, day=date(2026, 11, 26))
    assert next_day.stale and state["queued"] == [{"office_id": 1, "day": date(2026, 11, 26)}]


def test_a_broker_that_is_down_lets_the_next_reader_queue_again(world, django_capture_on_commit_callbacks):
    kept, state, count = world
    tried = []

    def down(**params):
        tried.append(params)
        raise ConnectionError("broker down")

    kept.queue = down
    kept.get({"office_id": 1}, count=count)
    kept.recount_while_waiting, state["version"] = -1, 2
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert kept.get({"office_id": 1}, count=count).stale
    assert len(tried) == 2
