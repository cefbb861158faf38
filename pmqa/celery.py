"""The Celery app. Broker and schedule come from Django settings (CELERY_*)."""
import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pmqa.settings")

app = Celery("pmqa")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def _django_logging(**kwargs):
    """The worker and beat log through the settings' LOGGING (JSON lines with the request id), not Celery's own
    format: with a receiver on this signal Celery leaves the logging configuration alone."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


# The request id travels in the task messages' headers (signal receivers, connected on import).
import core.request_id  # noqa: E402,F401
