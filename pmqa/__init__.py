"""PMQA Category 3 workbench: the project package and its shared core."""
from .celery import app as celery_app

__all__ = ("celery_app",)
