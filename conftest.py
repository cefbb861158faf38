"""Personas shared by every test module (healthchecks-style: named people with known reach).

- department (DEPT) → province (PROV) → districts (DIST-A, DIST-B); another province (OTHER).
- alice: committee at PROV (sees PROV, DIST-A, DIST-B)
- bob: office staff at DIST-A (sees only DIST-A)
- carol: office staff at OTHER (sees only OTHER)
- erin: executive at PROV; axel: assessor at PROV; root: superuser with no office
"""
import pytest


def pytest_configure(config):
    """The default broker and result backend of `make run` and the tests are folders (kombu's filesystem transport,
    Celery's file backend): make them, so that a bare `pytest` in a fresh clone works as `make test` does."""
    from django.conf import settings

    for folder in ("queue", "processed", "results", "control"):
        (settings.VAR_DIR / "celery" / folder).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2's deliberate slowness is for attackers, not for test fixtures."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _counts_are_quick(monkeypatch):
    """Kept figures (core.kept) are recounted while the reader waits in tests, however busy the machine: whether a
    count is "quick" is a timing, and a test must not depend on one. A test of the slow path sets the limit itself."""
    from channels.usage import KEPT as CHANNEL_COUNTS
    from complaints.dashboard_cache import KEPT as DASHBOARD
    from reports.executive import KEPT as EXECUTIVE
    from service_standards.dashboard import KEPT as CS7_DASHBOARD

    for kept in (CHANNEL_COUNTS, DASHBOARD, CS7_DASHBOARD, EXECUTIVE):
        monkeypatch.setattr(kept, "recount_while_waiting", 60.0)


@pytest.fixture
def offices(db):
    from core.testing.factories import OfficeFactory

    dept = OfficeFactory(code="DEPT", name="กรมทดสอบ")
    prov = OfficeFactory(code="PROV", name="สำนักงานจังหวัดทดสอบ", parent=dept)
    return {
        "dept": dept,
        "prov": prov,
        "dist_a": OfficeFactory(code="DIST-A", name="สำนักงานอำเภอ ก", parent=prov),
        "dist_b": OfficeFactory(code="DIST-B", name="สำนักงานอำเภอ ข", parent=prov),
        "other": OfficeFactory(code="OTHER", name="สำนักงานจังหวัดอื่น", parent=dept),
    }


@pytest.fixture
def people(offices, django_user_model):
    from core.testing.factories import UserFactory

    root = django_user_model.objects.create_superuser("root", "root@example.go.th", "root-pass-123")
    return {
        "alice": UserFactory(username="alice", office=offices["prov"], role="committee"),
        "bob": UserFactory(username="bob", office=offices["dist_a"], role="office_staff"),
        "carol": UserFactory(username="carol", office=offices["other"], role="office_staff"),
        "erin": UserFactory(username="erin", office=offices["prov"], role="executive"),
        "axel": UserFactory(username="axel", office=offices["prov"], role="assessor"),
        "admin": UserFactory(username="admin", office=offices["dept"], role="administrator"),
        "root": root,
    }


@pytest.fixture(scope="module")
def redis_worker():
    """An embedded Celery worker (solo pool, a thread of this process) on the real Redis broker, for the
    integration tests: it has its own database connection, so tests using it must commit for real."""
    from celery.contrib.testing.tasks import ping  # noqa: F401  registers celery.ping, used as a barrier
    from celery.contrib.testing.worker import start_worker

    from pmqa.celery import app

    assert not app.conf.task_always_eager, "CELERY_TASK_ALWAYS_EAGER is on: the tasks would not reach the worker"
    assert app.conf.result_backend.startswith("redis://"), app.conf.result_backend
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30) as worker:
        yield worker
