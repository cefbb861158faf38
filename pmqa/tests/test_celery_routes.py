"""The proposed Celery queues (settings.CELERY_QUEUE_ROUTES, docs/scaling.md): off by default, so that workers
started without `-Q` (docker-compose, make prod-local, systemd, make run) still take every task; and every task the
app registers has a queue in the proposal, so that turning it on leaves no task behind on a queue nobody reads."""
from django.conf import settings

from pmqa.celery import app

QUEUES = {"notifications", "reports", "imports", "celery"}


def test_separate_queues_are_off_by_default():
    assert settings.CELERY_TASK_ROUTES == {}


def test_every_task_of_the_app_has_one_of_the_four_queues():
    app.autodiscover_tasks(force=True)
    # Celery's own tasks and the ones tests register for themselves (core.tests.…) are not the app's.
    ours = {name for name in app.tasks if not name.startswith("celery.") and ".tests." not in name}
    assert ours == set(settings.CELERY_QUEUE_ROUTES)
    assert {route["queue"] for route in settings.CELERY_QUEUE_ROUTES.values()} == QUEUES
    assert settings.CELERY_QUEUE_ROUTES["complaints.tasks.daily_sla_check"]["queue"] == "notifications"
    assert settings.CELERY_QUEUE_ROUTES["reports.tasks.build_evidence_pack"]["queue"] == "reports"
