"""PMQA Category 3 workbench: the project package on top — settings, URLs, the API router, Celery, the home page.

It may import every layer below it (reports, the process apps, the core); nothing below imports it.
"""
from .celery import app as celery_app

__all__ = ("celery_app",)
