"""The production settings are safe by default, and `check --deploy` has nothing to say about them.

Production is the environment docs/deploy.md describes: DEBUG off (the default), a long random SECRET_KEY, the
host names, and a TLS proxy in front (BEHIND_TLS_PROXY=true).
"""
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**environment, **env})


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = _manage("check", "--deploy", "--fail-level", "WARNING",
                     SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="pmqa.example.go.th",
                     CSRF_TRUSTED_ORIGINS="https://pmqa.example.go.th", BEHIND_TLS_PROXY="true",
                     DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_debug_a_missing_secret_key_stops_the_app_instead_of_using_a_known_one(tmp_path):
    result = _manage("check", DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode != 0 and "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_scripts(client):
    policy = client.get("/accounts/login/")["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'self'"


def test_behind_a_tls_proxy_browsers_are_told_to_keep_to_https(tmp_path):
    """What pmqa/settings.py makes of BEHIND_TLS_PROXY=true (docs/deploy.md), read from a fresh process."""
    result = _manage("shell", "-c", "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, "
                     "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER)",
                     SECRET_KEY=secrets.token_urlsafe(50), BEHIND_TLS_PROXY="true",
                     DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n")[-2] == "31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https')"
    plain = _manage("shell", "-c", "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS)",
                    SECRET_KEY=secrets.token_urlsafe(50), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert plain.stdout.split("\n")[-2] == "0"  # without the proxy the app may be reached over plain HTTP


# pypdf left this list with issue 14: the evidence pack merges PDFs with it (requirements.txt).
DEV_ONLY = {"pytest", "pytest_django", "playwright", "factory", "faker", "hypothesis", "xdist"}


def test_the_app_needs_nothing_from_the_development_requirements():
    """The production image installs requirements.txt only: no module outside the tests imports what only
    requirements-dev.txt brings."""
    import ast

    found = []
    for path in ROOT.glob("*/**/*.py"):
        parts = set(path.relative_to(ROOT).parts)
        if parts & {".venv", "var", "tests", "testing", "conftest.py"} or path.name.startswith("test_"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([alias.name for alias in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            found += [f"{path.relative_to(ROOT)}: {name}" for name in names if name.split(".")[0] in DEV_ONLY]
    assert found == []
    runtime = (ROOT / "requirements.txt").read_text().lower()
    assert "pytest" not in runtime and "playwright" not in runtime and "hypothesis" not in runtime
