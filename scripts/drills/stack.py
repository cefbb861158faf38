"""The local production stack (scripts/prod_local.sh) as the drills see it: its environment, its processes, its
services, and small helpers to ask it things. Standard library only: the drills run with the project's venv but
never import Django (they talk to the stack from outside, as an operator would)."""
from __future__ import annotations

import json
import os
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]


@dataclass
class Result:
    """What one drill did and whether the stack held: `lines` are printed under the drill's name."""
    name: str
    held: bool
    lines: list[str] = field(default_factory=list)


class Stack:
    def __init__(self, prod_dir: str | None = None):
        self.dir = Path(prod_dir or os.environ.get("PMQA_PROD_DIR") or REPO / ".prod-local").resolve()
        self.env = self._read_env(self.dir / "env")
        self.url = self.env["PMQA_SITE_URL"].rstrip("/")
        database = urlparse(self.env["DATABASE_URL"])
        self.pg_port = database.port
        self.redis_port = urlparse(self.env["CELERY_BROKER_URL"]).port
        self.python = str(REPO / ".venv" / "bin" / "python")
        self.celery = str(REPO / ".venv" / "bin" / "celery")

    @staticmethod
    def _read_env(path: Path) -> dict[str, str]:
        if not path.exists():
            raise SystemExit(f"{path} not found: start the stack with `make prod-local` first")
        env = {}
        for line in path.read_text().splitlines():
            if line and not line.startswith("#") and "=" in line:
                key, value = line.split("=", 1)
                env[key] = value
        return env

    def environ(self, **extra: str) -> dict[str, str]:
        """The stack's environment (for manage.py, celery, psql) on top of ours."""
        return {**os.environ, **self.env, **extra}

    # --- processes -------------------------------------------------------------------------------------------
    def pid(self, name: str) -> int | None:
        """The pid in run/NAME.pid (web, beat, worker1, worker2 …), or None."""
        try:
            return int((self.dir / "run" / f"{name}.pid").read_text().strip())
        except (OSError, ValueError):
            return None

    def prod_local(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(REPO / "scripts" / "prod_local.sh"), *args], cwd=REPO, text=True,
                              capture_output=True, env={**os.environ, "PMQA_PROD_DIR": str(self.dir)})

    def services(self, *args: str) -> subprocess.CompletedProcess:
        """scripts/services.sh with the stack's own ports and folder."""
        return subprocess.run([str(REPO / "scripts" / "services.sh"), *args], cwd=REPO, text=True,
                              capture_output=True,
                              env={**os.environ, "PMQA_SERVICES_DIR": str(self.dir / "services"),
                                   "PMQA_PG_PORT": str(self.pg_port), "PMQA_REDIS_PORT": str(self.redis_port)})

    def manage(self, *args: str, check: bool = True, timeout: float | None = 600) -> subprocess.CompletedProcess:
        return subprocess.run([self.python, "manage.py", *args], cwd=REPO, text=True, capture_output=True,
                              env=self.environ(), check=check, timeout=timeout)

    def sql(self, query: str) -> str:
        """One statement through psql (tuples only, unaligned), as the stack's database user."""
        out = subprocess.run(["psql", self.env["DATABASE_URL"], "-At", "-v", "ON_ERROR_STOP=1", "-c", query],
                             text=True, capture_output=True, check=True)
        return out.stdout.strip()

    # --- HTTP ------------------------------------------------------------------------------------------------
    def get(self, path: str, timeout: float = 10) -> tuple[int, float]:
        """(status, seconds) of a GET; status 0 when nothing answered."""
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(self.url + path, timeout=timeout) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
        except (urllib.error.URLError, OSError):
            status = 0
        return status, time.perf_counter() - start

    def health(self) -> tuple[int, dict]:
        try:
            with urllib.request.urlopen(self.url + "/health/", timeout=10) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as exc:
            return exc.code, json.load(exc)
        except (urllib.error.URLError, OSError, ValueError):
            return 0, {}

    def wait_healthy(self, seconds: float = 90) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.health()[0] == 200:
                return True
            time.sleep(1)
        return False
