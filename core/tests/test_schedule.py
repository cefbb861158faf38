"""Scheduled jobs do their work once per period (core.schedule), and Celery hands a task whose process died to
another (the settings the worker-killed and beat-twice drills rely on: scripts/drills/)."""
import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from importlib import import_module

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from core.models import ScheduledRun
from core.schedule import day_period, period_claim, slot_period
from core.testing.tasks import delivered
from pmqa.celery import app

UTC = timezone.get_fixed_timezone(0)


# --- Redelivery settings ---------------------------------------------------------------------------------------

def test_a_task_whose_process_died_is_redelivered_not_acknowledged():
    """acks_late alone acknowledges a task whose pool process was killed (WorkerLostError) and drops it."""
    assert app.conf.task_acks_late is True
    assert app.conf.task_reject_on_worker_lost is True
    assert app.conf.worker_prefetch_multiplier == 1


def test_the_redis_visibility_timeout_is_set_longer_than_the_longest_task():
    """Read from the settings as the stack loads them (Redis broker): two hours unless the environment says."""
    code = ("import django, json; django.setup(); from django.conf import settings; "
            "print(json.dumps(settings.CELERY_BROKER_TRANSPORT_OPTIONS))")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "pmqa.settings", "CELERY_BROKER_URL": "redis://127.0.0.1:1/0"}
    env.pop("CELERY_VISIBILITY_TIMEOUT", None)
    default = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                             cwd=django_settings.BASE_DIR)
    assert json.loads(default.stdout.splitlines()[-1]) == {"visibility_timeout": 7200}
    shortened = subprocess.run([sys.executable, "-c", code], env={**env, "CELERY_VISIBILITY_TIMEOUT": "60"},
                               capture_output=True, text=True, check=True, cwd=django_settings.BASE_DIR)
    assert json.loads(shortened.stdout.splitlines()[-1]) == {"visibility_timeout": 60}


# --- The period claim ------------------------------------------------------------------------------------------

def test_the_first_run_of_a_period_claims_it_and_a_second_run_does_nothing(db):
    assert period_claim(job="j", period="2026-11-26", task_id="beat-1") is True
    assert period_claim(job="j", period="2026-11-26", task_id="beat-2") is False  # the second beat's
    assert list(ScheduledRun.objects.values_list("job", "period", "task_id")) == [("j", "2026-11-26", "beat-1")]


def test_the_same_task_delivered_again_goes_on(db):
    """A worker died in the middle (redelivered with the same id) or the task retries itself: its period still."""
    assert period_claim(job="j", period="2026-11-26", task_id="beat-1") is True
    assert period_claim(job="j", period="2026-11-26", task_id="beat-1") is True
    assert ScheduledRun.objects.count() == 1


def test_other_periods_and_other_jobs_are_claimed_apart(db):
    assert period_claim(job="j", period="2026-11-26", task_id="a") is True
    assert period_claim(job="j", period="2026-11-27", task_id="b") is True
    assert period_claim(job="k", period="2026-11-26", task_id="c") is True
    assert ScheduledRun.objects.count() == 3


def test_a_direct_call_without_a_task_id_neither_claims_nor_is_refused(db):
    """A test, a shell or a command calling the task function: someone's deliberate run."""
    assert period_claim(job="j", period="2026-11-26", task_id="beat-1") is True
    assert period_claim(job="j", period="2026-11-26", task_id=None) is True
    assert period_claim(job="j", period="2026-11-27", task_id=None) is True
    assert ScheduledRun.objects.count() == 1


def test_the_day_is_bangkoks():
    assert day_period(datetime(2026, 11, 26, 17, 30, tzinfo=UTC)) == "2026-11-27"  # 00:30 in Bangkok
    assert day_period(datetime(2026, 11, 26, 16, 59, tzinfo=UTC)) == "2026-11-26"


def test_two_beats_offset_by_minutes_fall_into_one_slot_per_interval():
    """Beat A sends at :03, :18, :33, beat B at :10, :25, :40: each quarter of an hour has one of each."""
    start = datetime(2026, 11, 26, 10, 3, tzinfo=UTC)
    a = [slot_period(900, start + timedelta(minutes=15 * i)) for i in range(3)]
    b = [slot_period(900, start + timedelta(minutes=7 + 15 * i)) for i in range(3)]
    assert a == b == ["2026-11-26T10:00:00", "2026-11-26T10:15:00", "2026-11-26T10:30:00"]
    assert slot_period(20, datetime(2026, 11, 26, 10, 0, 39, tzinfo=UTC)) == "2026-11-26T10:00:20"


# --- Every scheduled job that must not run twice claims its period --------------------------------------------

@pytest.mark.parametrize("task_name", [
    "complaints.tasks.daily_sla_check",
    "complaints.tasks.prune_import_uploads",
    "reports.tasks.refresh_indicators",
    "reports.tasks.quarterly_summaries",
    "pmqa.workdays.tasks.seed_holidays_task",
])
def test_each_scheduled_job_runs_once_per_period_however_often_it_is_sent(task_name, db, settings):
    """What two beats do: the same entry sent twice, with two task ids; the second finds the claim."""
    entries = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == task_name]
    assert entries, f"{task_name} is not scheduled"
    import_module(task_name.rsplit(".", 1)[0].replace("pmqa.workdays", "core.workdays"))  # registers the task
    task = app.tasks[task_name]
    delivered(task, task_id="first-beat")
    delivered(task, task_id="second-beat")
    assert list(ScheduledRun.objects.filter(job=task_name).values_list("task_id", flat=True)) == ["first-beat"]


def test_only_the_heartbeat_and_the_outbox_are_left_unclaimed(settings):
    """Running them twice a minute is harmless: the heartbeat proves each worker alive, and two outbox flushes at once
    skip each other's rows (SELECT … FOR UPDATE SKIP LOCKED, core.queueing). They claim nothing."""
    claimed = {"complaints.tasks.daily_sla_check", "complaints.tasks.prune_import_uploads",
               "reports.tasks.refresh_indicators", "reports.tasks.quarterly_summaries",
               "pmqa.workdays.tasks.seed_holidays_task"}
    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} - claimed == {
        "core.tasks.worker_heartbeat", "core.tasks.outbox_flush"}
