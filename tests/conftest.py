"""Fixtures for the cross-app tests in this folder: the demo data, Debian's Chromium, and the
database settings a Celery worker thread needs.

App tests keep their own fixtures next to them; only what spans apps or needs a browser or a
broker lives here.
"""
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

# Sync Playwright runs an event loop in the test thread, and Django refuses ORM calls from a thread
# with a running loop unless told it is safe. The tests are single-threaded, so it is. Set at
# import: the check reads the environment at each ORM call, before any fixture could set it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # the tests run as root, where Chromium's sandbox will not start
    "--headless",
    "--disable-gpu",
    # No calls home: the machine has no internet and a test must not wait on one.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Debian's Chromium instead of Playwright's own download (`playwright install` is not possible here)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A browser set up as the app's users' are: Thai language, Bangkok time.

    Chromium otherwise sends Accept-Language en-US, and LocaleMiddleware then switches Django's own
    messages and <html lang> to English.
    """
    return {**browser_context_args, "locale": "th-TH", "timezone_id": "Asia/Bangkok"}


def _integration_run() -> bool:
    return os.environ.get("CELERY_BROKER_URL", "").startswith("redis://")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings):
    """On SQLite, an integration run puts the test database in a file, not in memory.

    The Celery worker runs in a thread of the test process and opens its own connection; Django's
    shared-cache in-memory test database would lock against the test's connection. A file in WAL
    mode (as the settings configure SQLite) lets both work. Other runs keep the fast in-memory one.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if _integration_run() and database["ENGINE"] == "django.db.backends.sqlite3":
        name = Path(os.environ.get("TMPDIR", "/tmp")) / f"pmqa-test-integration-{os.getpid()}.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(name)
    return django_db_modify_db_settings


@pytest.fixture
def demo(db):
    """The demo data set (core.demo): offices, one user per role, the seven FY 2555 plans of CPN.

    Returns `users` by username, CPN's FY 2555 `plans` by CS number and the demo `password`.
    (The root conftest's fast password hasher keeps load_demo's five users quick.)
    """
    from core.demo import DEMO_PASSWORD, load_demo
    from core.plans.models import ActionPlan
    from stakeholders.demo import load_demo as load_demo_groups

    users = {user.username: user for user, _label in load_demo()}
    load_demo_groups()  # the groups a questionnaire or a channel is linked to
    plans = {p.cs: p for p in ActionPlan.objects.filter(office__code="CPN", fiscal_year=2555)}
    return SimpleNamespace(users=users, plans=plans, password=DEMO_PASSWORD)


# Generated bad input (hypothesis): the same examples on every run ("ci"), so a failure in CI is the failure a
# developer sees; HYPOTHESIS_PROFILE=explore draws new ones. No example database is written into the checkout.
from hypothesis import settings as hypothesis_settings  # noqa: E402

hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("explore", database=None, print_blob=True)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
