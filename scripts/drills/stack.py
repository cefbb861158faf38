"""The local production stack (scripts/prod_local.sh) as the drills see it: its environment, its processes, its
services, and small helpers to ask it things. Standard library only: the drills run with the project's venv but
never import Django (they talk to the stack from outside, as an operator would)."""
from __future__ import annotations

import http.client
import json
import os
import random
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
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


# --- A browser, and load ------------------------------------------------------------------------------------------
# http.client rather than urllib: one connection per request as a browser's form post would be, redirects not
# followed (a session that is lost shows as a redirect to the sign-in page), cookies kept per Browser, and a Unix
# socket for a drill's own gunicorn (no port to clash with another engineer's stack).

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DEMO_PASSWORD = "demo-pmqa-2569"  # manage.py load_demo's users (committee, office, executive, assessor, admin)


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float):
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self._path)


@dataclass
class Response:
    status: int  # 0: no answer (refused, reset, timed out)
    headers: dict
    text: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    """One person: cookies, CSRF tokens from the pages, an address of their own in X-Forwarded-For (believed only
    when the stack trusts a proxy: TRUSTED_PROXY_COUNT)."""

    def __init__(self, url: str = "", *, unix_socket: str | None = None, address: str | None = None,
                 timeout: float = 15):
        parsed = urlparse(url or "http://127.0.0.1")
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.unix_socket, self.address, self.timeout = unix_socket, address, timeout
        self.cookies: dict[str, str] = {}

    def _connection(self):
        if self.unix_socket:
            return _UnixConnection(self.unix_socket, self.timeout)
        return http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)

    def request(self, method: str, path: str, *, fields: dict | None = None, files: dict | None = None,
                headers: dict | None = None) -> Response:
        headers = {"Host": "127.0.0.1", **(headers or {})}
        if self.address:
            headers["X-Forwarded-For"] = self.address
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            body, headers["Content-Type"] = _multipart(fields or {}, files or {})
            headers["Referer"] = f"http://127.0.0.1{path}"
        start = time.perf_counter()
        conn = self._connection()
        try:
            conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            text = raw.read().decode("utf-8", "replace")
            status, got = raw.status, {k.lower(): v for k, v in raw.getheaders()}
            for value in raw.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
        except (OSError, http.client.HTTPException):
            status, got, text = 0, {}, ""
        finally:
            conn.close()
        return Response(status, got, text, time.perf_counter() - start)

    def get(self, path: str, **kwargs) -> Response:
        return self.request("GET", path, **kwargs)

    def post_form(self, page: str, fields: dict, files: dict | None = None, action: str | None = None) -> Response:
        """GET the page for its CSRF token, then POST the form (to `action`, default the page itself)."""
        got = self.get(page)
        token = CSRF_RE.search(got.text)
        if not token:
            return got if got.status != 200 else Response(0, {}, "no CSRF token on the page", got.seconds)
        return self.request("POST", action or page, fields={"csrfmiddlewaretoken": token.group(1), **fields},
                            files=files)

    def login(self, username: str, password: str = DEMO_PASSWORD) -> bool:
        done = self.post_form("/accounts/login/", {"username": username, "password": password})
        return done.status == 302 and "/accounts/login/" not in done.location


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    """multipart/form-data: fields {name: value}, files {name: (filename, bytes, content type)}."""
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@dataclass
class Hit:
    start: float
    end: float
    kind: str
    status: int
    lost_session: bool = False

    @property
    def failed(self) -> bool:
        return self.status == 0 or self.status >= 500 or self.lost_session


class Load:
    """`threads` people, each cycling through a day's mix until stopped, every response recorded (start, end, kind,
    status). The committee member signs in once and every thread uses that session. Phases are marked by the drill
    (`phase("during")`); `report()` says per phase (of the answer) how many requests got a 5xx or no answer, the
    slowest, and the longest time the whole load went without one good answer."""

    def __init__(self, stack: "Stack", threads: int = 20):
        self.stack, self.threads = stack, threads
        self.hits: list[Hit] = []
        self.phases: list[tuple[str, float]] = []
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._workers: list[threading.Thread] = []
        self.login_failures = 0
        self.complaints_received = 0

    # What the day looks like, from the demo data (manage.py load_demo): the committee of CPN and its register.
    def _targets(self) -> dict:
        sql = self.stack.sql
        return {
            "ticket": sql("select t.reference from complaints_ticket t join offices_office o on o.id = t.office_id "
                          "where o.code = 'CPN' or o.path like (select path from offices_office where code = 'CPN')"
                          " || '%' order by t.id desc limit 1"),
            "survey": sql("select public_key from satisfaction_surveyround where not requires_token "
                          "order by ends_on desc limit 1"),
            "office": sql("select id from offices_office where code = 'CPN'"),
        }

    def phase(self, name: str) -> None:
        self.phases.append((name, time.monotonic()))

    def _record(self, kind: str, response: Response, start: float, lost: bool = False) -> None:
        with self._lock:
            self.hits.append(Hit(start, time.monotonic(), kind, response.status, lost))

    def _person(self, number: int, targets: dict) -> None:
        browser = Browser(self.stack.url, address=f"10.77.{number // 250}.{number % 250 + 1}")
        browser.cookies = dict(self._session)  # the committee member's session, signed in once by start()
        logged_in = bool(self._session)
        mix = [("register", "/cs3/"), ("ticket", f"/cs3/t/{targets['ticket']}/"), ("home", "/"),
               ("complaint_form", "/public/"), ("complaint_post", None), ("survey", f"/survey/{targets['survey']}/")]
        public = Browser(self.stack.url, address=browser.address)
        rng = random.Random(number)
        while not self._stop.is_set():
            kind, path = rng.choice(mix)
            start = time.monotonic()
            if kind == "complaint_post":
                response = public.post_form("/public/", {
                    "kind": "complaint", "office": targets["office"], "subject": f"ไฟถนนดับ (drill {number})",
                    "detail": "ไฟถนนดับทั้งซอย ขอให้ซ่อมด้วย", "consent": "on", "website": ""})
                if response.status == 200 and "/public/track/?code=" in response.text:
                    with self._lock:
                        self.complaints_received += 1
                self._record(kind, response, start)
            elif kind in ("register", "ticket"):
                response = browser.get(path)
                self._record(kind, response, start,
                             lost=logged_in and response.status == 302 and "/accounts/login/" in response.location)
            else:
                response = public.get(path)
                self._record(kind, response, start)
            self._stop.wait(rng.uniform(0.05, 0.3))

    def start(self) -> "Load":
        targets = self._targets()
        # One sign-in shared by every thread: twenty password hashes at once would take the 2-CPU machine longer
        # than the page timeout (the sign-in is not what the drills test; keeping the session through them is).
        committee = Browser(self.stack.url)
        for _ in range(3):
            if committee.login("committee"):
                break
            self.login_failures += 1
        self._session = committee.cookies if "sessionid" in committee.cookies else {}
        self.phase("before")
        for number in range(self.threads):
            worker = threading.Thread(target=self._person, args=(number, targets), daemon=True)
            worker.start()
            self._workers.append(worker)
        return self

    def stop(self) -> None:
        self._stop.set()
        for worker in self._workers:
            worker.join(timeout=30)
        self.phase("end")

    def _phase_of(self, at: float) -> str:
        name = self.phases[0][0]
        for phase, since in self.phases:
            if at >= since:
                name = phase
        return name

    def failures(self, phase: str | None = None, *, status: int | None = None) -> int:
        """Failed requests (5xx, no answer, a lost session), of one phase: the phase in which the answer came."""
        return sum(1 for h in self.hits if h.failed and (phase is None or self._phase_of(h.end) == phase)
                   and (status is None or h.status == status))

    def longest_gap(self) -> tuple[float, str]:
        """The longest time with no good answer to anyone (seconds, and the phase it began in)."""
        good = sorted(h.end for h in self.hits if not h.failed)
        edges = [self.phases[0][1], *good, self.phases[-1][1]]
        gap, at = max(((b - a, a) for a, b in zip(edges, edges[1:])), default=(0.0, edges[0]))
        return gap, self._phase_of(at)

    def report(self) -> list[str]:
        lines = [f"load: {self.threads} people (committee on the register and a ticket, the public home page, the "
                 f"complaint form GET and POST, the survey answer page); {len(self.hits)} requests, "
                 f"{self.complaints_received} complaints received; phases by when the answer came"]
        for (name, since), (_, until) in zip(self.phases, self.phases[1:]):
            hits = [h for h in self.hits if self._phase_of(h.end) == name]
            if not hits:
                continue
            statuses: dict[int, int] = {}
            for h in hits:
                statuses[h.status] = statuses.get(h.status, 0) + 1
            slowest = max(h.end - h.start for h in hits)
            lost = sum(1 for h in hits if h.lost_session)
            errors = sum(1 for h in hits if h.status >= 500)
            lines.append(f"  {name:<7} {until - since:5.0f} s  {len(hits):5d} requests  5xx {errors:4d}"
                         f"  no answer {sum(1 for h in hits if h.status == 0):4d}  sessions lost {lost}"
                         f"  slowest {slowest:5.2f} s  statuses {dict(sorted(statuses.items()))}")
        gap, where = self.longest_gap()
        lines.append(f"  longest time without a good answer: {gap:.1f} s (from the '{where}' phase)")
        return lines


@contextmanager
def load(stack: "Stack", threads: int = 20):
    """with load(stack) as running: … running.phase("during") … — the mix runs for the block's duration."""
    running = Load(stack, threads).start()
    try:
        yield running
    finally:
        running.stop()
