"""A worker killed in the middle of the daily deadline check and of an import confirm.

The daily check (complaints.tasks.daily_sla_check) runs on a Celery worker. The drill restarts the workers to send
their e-mail to a mail server of its own on 127.0.0.1 that takes 0.1 s a message (a real server's round trip: it
gives time to kill mid-send) and counts what each address received. It sends the check for a working day nobody has
checked yet (four weeks ahead, so that the stack's open tickets are overdue), waits until it is part-way through
sending, finds the pool process doing it (its database session is marking digests delivered) and SIGKILLs it.
Held when Celery hands the task out again (task_reject_on_worker_lost), the rerun sends the digests the dead
process had not, each address received exactly as many digests as it has claims (one per kind: none twice, none
lost), every claim ends delivered and the daily_check heartbeat is written.
Then the harder case: the whole worker (parent and pool) is SIGKILLed mid-send and started again as
prod_local.sh starts it. Nothing acknowledges or rejects its message then: Redis hands it out again only once it
has been unacknowledged for the visibility timeout (two hours in production: docs/deploy.md). For the drill the
workers are restarted with CELERY_VISIBILITY_TIMEOUT=30 first and with the stack's own setting afterwards.

An import confirm is not a Celery task: the preview page's POST writes every row in the web request, in one
transaction (core.import_views, complaints.imports.tickets_import). So the drill kills the gunicorn worker in the
middle of that request (while its transaction is inserting tickets) and, the harder case, the whole gunicorn
(master and workers), started again with prod_local.sh's command. Held when no ticket of the file exists after
the kill, the upload still waits on its preview page, confirming again writes every row once, and a second
confirm or a second upload of the same file writes nothing more.
"""
from __future__ import annotations

import datetime as dt
import http.cookiejar
import io
import re
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter

from processes import (
    SlowMailServer,
    alive,
    children,
    kill,
    launch,
    log_sizes,
    process_running,
    restart_workers,
    wait_gone,
    wait_until,
    wait_workers_ready,
    web_command,
    worker_command,
    worker_logs_since,
    worker_names,
)
from stack import REPO, Result, Stack

NAME = "worker_killed"
TITLE = ("a worker killed mid daily check and mid import confirm: the check runs again, no digest twice; "
         "the import all or nothing")

DRILL_VISIBILITY_TIMEOUT = "30"
MAIL_DELAY = 0.1
IMPORT_ROWS = 20_000
IMPORT_USER, IMPORT_PASSWORD = "bench-committee", "bench-pass-123"


def drill(stack: Stack) -> Result:
    lines: list[str] = []
    held = True
    days = _unchecked_working_days(stack, 2)
    mail = SlowMailServer(delay=MAIL_DELAY)
    try:
        lines.append(f"the workers restarted to send e-mail to a drill mail server on 127.0.0.1:{mail.port} that "
                     f"takes {MAIL_DELAY} s a message (instead of the console), counting what each person receives")
        _restart(stack, **mail.env())
        held &= _daily_check(stack, lines, mail, day=days[0], whole=False)
        lines.append(f"the workers restarted with CELERY_VISIBILITY_TIMEOUT={DRILL_VISIBILITY_TIMEOUT} as well "
                     "(drill only; the stack's own is 7200 s)")
        _restart(stack, **mail.env(), CELERY_VISIBILITY_TIMEOUT=DRILL_VISIBILITY_TIMEOUT)
        held &= _daily_check(stack, lines, mail, day=days[1], whole=True)
    finally:
        ready = _restart(stack)
        mail.close()
        lines.append(f"the workers restarted with the stack's own settings: {'ready' if ready else 'NOT READY'}")
        held &= ready
    held &= _import_confirm(stack, lines, whole=False)
    held &= _import_confirm(stack, lines, whole=True)
    return Result(NAME, held, lines)


def _restart(stack: Stack, **env: str) -> bool:
    sizes = log_sizes(stack)
    restart_workers(stack, **env)
    return wait_workers_ready(stack, sizes)


# --- The daily deadline check --------------------------------------------------------------------------------

def _unchecked_working_days(stack: Stack, n: int) -> list[str]:
    """The next `n` weekdays from four weeks ahead that are no holiday and that no check has run for."""
    taken = set(stack.sql("SELECT date::text FROM workdays_holiday UNION SELECT DISTINCT day::text FROM "
                          "complaints_notificationlog UNION SELECT period FROM core_scheduledrun "
                          "WHERE job = 'complaints.tasks.daily_sla_check'").split())
    day, found = dt.date.today() + dt.timedelta(days=28), []
    while len(found) < n:
        if day.weekday() < 5 and day.isoformat() not in taken:
            found.append(day.isoformat())
        day += dt.timedelta(days=1)
    return found


def _digests(stack: Stack, day: str) -> tuple[int, int]:
    total, delivered = stack.sql(f"SELECT count(*), count(delivered_at) FROM complaints_notificationlog "
                                 f"WHERE day = '{day}'").split("|")
    return int(total), int(delivered)


def _call(stack: Stack, task: str, args: str) -> str:
    out = subprocess.run([stack.celery, "-A", "pmqa", "call", task, f"--args={args}"], cwd=REPO,
                         env=stack.environ(), text=True, capture_output=True, check=True)
    return out.stdout.strip().splitlines()[-1]


def _daily_check(stack: Stack, lines: list[str], mail: SlowMailServer, *, day: str, whole: bool) -> bool:
    what = "the whole worker (parent and pool)" if whole else "the pool process"
    since = log_sizes(stack)
    mail.take()
    started = stack.sql("SELECT now()")
    task_id = _call(stack, "complaints.tasks.daily_sla_check", f'["{day}"]')
    lines.append(f"[daily check {day}] task {task_id} sent; waiting until a third of its digests are delivered")
    workers = {name: stack.pid(name) for name in worker_names(stack)}
    victim = caught = None
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        total, delivered = _digests(stack, day)
        if total and max(1, total // 3) <= delivered < total:  # a third of the way or more
            pool = [child for pid in workers.values() if pid for child in children(pid)]
            victim = process_running(stack, pool, "%complaints_notificationlog%")
            if victim:
                caught = (delivered, total)
                break
        if total and delivered == total:
            break
        time.sleep(0.05)
    if victim is None:
        lines.append(f"[daily check {day}] did not catch it mid-send ({_digests(stack, day)}): not killed")
        return False
    name, parent = next((n, p) for n, p in workers.items() if p and victim in children(p))
    targets = [parent, *children(parent)] if whole else [victim]
    kill(targets)
    killed_at = time.monotonic()
    wait_gone(targets)
    lines.append(f"[daily check {day}] SIGKILL {what} of {name} (pids {', '.join(map(str, targets))}) with "
                 f"{caught[0]} of {caught[1]} claimed digests delivered")
    if whole:
        launch(stack, name, worker_command(stack, name), **mail.env(),
               CELERY_VISIBILITY_TIMEOUT=DRILL_VISIBILITY_TIMEOUT)
        lines.append(f"[daily check {day}] {name} started again as prod_local.sh starts it")
    else:
        respawned = wait_until(lambda: len(children(parent)) >= 2 and alive(parent), 30, 0.5)
        lines.append(f"[daily check {day}] {name}'s parent lives and {'respawned' if respawned else 'did NOT respawn'}"
                     f" a pool process: {children(parent)}")

    def finished():
        total, delivered = _digests(stack, day)
        beat = stack.sql(f"SELECT count(*) FROM core_heartbeat WHERE name = 'daily_check' AND at > '{started}'")
        return total and delivered == total and beat == "1"

    done = wait_until(finished, 400 if whole else 120, 1)
    took = time.monotonic() - killed_at
    total, delivered = _digests(stack, day)
    logs = worker_logs_since(stack, since)
    received = logs.count(f"[{task_id}] received")
    succeeded = len(re.findall(rf"\[{task_id}\] succeeded", logs))
    emails = mail.take()
    # One digest per person and kind: someone may have a due-soon and an overdue digest, so an address may appear
    # as often as it has claims, no more, no less.
    expected = Counter(dict(
        line.split("|") for line in stack.sql(
            "SELECT u.email, count(*) FROM complaints_notificationlog n JOIN offices_user u ON u.id = n.recipient_id "
            f"WHERE n.day = '{day}' GROUP BY u.email").splitlines()))
    expected = Counter({address: int(n) for address, n in expected.items()})
    # What a person's mailbox shows: one message per Message-ID (the digest's id is fixed per person, day and kind,
    # and mail servers drop a second copy of an id). Copies of one id are what the server accepted twice: at most the
    # one digest in flight when the process died (accepted by the server, not yet marked delivered).
    digests = Counter(address for address, _message_id in emails)
    copies = {message_id: n for (_address, message_id), n in emails.items() if n > 1}
    twice = {address: n for address, n in digests.items() if n > expected.get(address, 0)}
    lost = {address: n for address, n in expected.items() if digests.get(address, 0) < n}
    lines.append(f"[daily check {day}] task received {received} times, succeeded {succeeded}; rerun finished "
                 f"{took:.0f} s after the kill" + (" (redelivered after the visibility timeout)" if whole else ""))
    lines.append(f"[daily check {day}] claims {total}, delivered {delivered}; the mail server accepted "
                 f"{sum(emails.values())} messages, {len(emails)} distinct digests to {len(digests)} people; a "
                 f"digest twice: {len(twice)} {twice or ''}; never sent: {len(lost)} {lost or ''}")
    lines.append(f"[daily check {day}] copies of one message accepted twice: {len(copies)} {copies or ''}"
                 + (" (the one in flight at the kill: the same Message-ID, so the mailbox shows it once)"
                    if copies else ""))
    ok = bool(done) and received >= 2 and succeeded == 1 and not twice and not lost and len(copies) <= 1
    lines.append(f"[daily check {day}] heartbeat written after the rerun: {'yes' if done else 'NO'} -> "
                 f"{'held' if ok else 'DID NOT HOLD'}")
    return ok


# --- The import confirm --------------------------------------------------------------------------------------

class Browser:
    """A signed-in session against the stack: cookies, the CSRF token of the last form, no redirects followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, stack: Stack):
        self.stack = stack
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect)

    def request(self, path: str, data: bytes | None = None, headers: dict | None = None,
                timeout: float = 600) -> tuple[int, str, dict]:
        request = urllib.request.Request(self.stack.url + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace"), dict(response.headers)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace"), dict(exc.headers)

    @staticmethod
    def csrf(page: str) -> str:
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if not match:
            raise RuntimeError("no CSRF token on the page")
        return match.group(1)

    def login(self) -> None:
        _status, page, _headers = self.request("/accounts/login/")
        body = urllib.parse.urlencode({"username": IMPORT_USER, "password": IMPORT_PASSWORD,
                                       "csrfmiddlewaretoken": self.csrf(page)}).encode()
        status, _page, _headers = self.request("/accounts/login/", body)
        if status != 302:
            raise RuntimeError(f"cannot sign in as {IMPORT_USER}: HTTP {status}")

    def post_form(self, path: str, fields: dict, page: str) -> tuple[int, str, dict]:
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf(page)}).encode()
        return self.request(path, body)

    def upload(self, path: str, filename: str, content: bytes) -> tuple[int, str, dict]:
        _status, page, _headers = self.request(path)
        boundary = uuid.uuid4().hex
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
                 f"{self.csrf(page)}\r\n".encode(),
                 f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode(),
                 content, f"\r\n--{boundary}--\r\n".encode()]
        return self.request(path, b"".join(parts), {"Content-Type": f"multipart/form-data; boundary={boundary}"})


def _sheet(browser: Browser, stack: Stack, prefix: str) -> bytes:
    """IMPORT_ROWS new tickets on the import's own template, for offices the signed-in committee may import for."""
    import openpyxl  # the project's venv has it (the drills never import Django, but may read a spreadsheet)

    status, _page, _headers = browser.request("/cs3/import/")
    if status != 200:
        raise RuntimeError(f"/cs3/import/ answered {status}")
    template = urllib.request.Request(stack.url + "/cs3/import/template.xlsx")
    with browser.opener.open(template, timeout=60) as response:
        book = openpyxl.load_workbook(io.BytesIO(response.read()))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    offices = stack.sql(
        "SELECT o.code FROM offices_office o, offices_office mine, offices_user u WHERE u.username = "
        f"'{IMPORT_USER}' AND mine.id = u.office_id AND o.path LIKE mine.path || '%' ORDER BY o.id LIMIT 40").split()
    channel = stack.sql("SELECT code FROM channels_channel WHERE is_active AND office_id IS NULL ORDER BY id LIMIT 1")
    received = (dt.date.today() - dt.timedelta(days=5))
    for n in range(IMPORT_ROWS):
        row = {
            "office": offices[n % len(offices)], "source_ref": f"{prefix}{n:05d}", "kind": "ข้อร้องเรียน",
            "channel": channel, "received_on": received, "subject": f"ไฟฟ้าส่องสว่างดับ จุดที่ {n}",
            "detail": "ไฟฟ้าส่องสว่างริมถนนดับหลายดวง ขอให้ซ่อมแซม (ข้อมูลทดสอบการซ้อมรับมือเหตุขัดข้อง)",
        }
        sheet.append([row.get(_FIELDS.get(title), None) for title in header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The template's Thai headers (complaints.resources.TicketResource) of the columns the drill fills.
_FIELDS = {"รหัสหน่วยงาน": "office", "เลขอ้างอิงต้นทาง": "source_ref", "ประเภทเรื่อง": "kind", "ช่องทาง": "channel",
           "วันที่รับเรื่อง": "received_on", "เรื่อง": "subject", "รายละเอียด": "detail"}


def _imported(stack: Stack, prefix: str) -> int:
    return int(stack.sql(f"SELECT count(*) FROM complaints_ticket WHERE source_ref LIKE '{prefix}%'"))


def _import_confirm(stack: Stack, lines: list[str], *, whole: bool) -> bool:
    what = "the whole gunicorn (master and workers)" if whole else "the gunicorn worker serving it"
    prefix = f"DRILL-{uuid.uuid4().hex[:6]}-"
    browser = Browser(stack)
    browser.login()
    content = _sheet(browser, stack, prefix)
    status, _page, headers = browser.upload("/cs3/import/", "drill.xlsx", content)
    if status != 302:
        lines.append(f"[import] the upload answered {status}, not a redirect to its preview")
        return False
    preview = urllib.parse.urlparse(headers["Location"]).path
    _status, page, _headers = browser.request(preview)
    lines.append(f"[import] {IMPORT_ROWS:,}-row file ({len(content) / 1e6:.1f} MB) uploaded; preview {preview}")

    answer: dict = {}

    def confirm():
        try:
            answer["result"] = browser.post_form(preview, {}, page)
        except OSError as exc:  # the connection closed under it: what a browser shows as an error page
            answer["result"] = (f"no answer ({type(exc).__name__})",)

    thread = threading.Thread(target=confirm, daemon=True)
    master = stack.pid("web")
    thread.start()
    victim = None
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and thread.is_alive():
        victim = process_running(stack, children(master), 'INSERT INTO "complaints_%')
        if victim:
            break
        time.sleep(0.05)
    if victim is None:
        thread.join(600)
        lines.append(f"[import] the confirm was not caught while inserting: {answer.get('result', ('?',))[0]}")
        return False
    targets = [master, *children(master)] if whole else [victim]
    kill(targets)
    wait_gone(targets)
    thread.join(60)
    got = answer.get("result", ("no answer",))[0]
    lines.append(f"[import] SIGKILL {what} (pids {', '.join(map(str, targets))}) while it inserted tickets; "
                 f"the browser got: {got}")
    if whole:
        launch(stack, "web", web_command(stack))
        lines.append("[import] gunicorn started again as prod_local.sh starts it")
    healthy = stack.wait_healthy(90)
    after_kill = _imported(stack, prefix)
    status, page, _headers = browser.request(preview)
    waiting = status == 200
    lines.append(f"[import] after the kill: {after_kill} of the file's tickets in the database; its preview page "
                 f"answers {status} ({'the upload still waits for a confirm' if waiting else 'gone'})"
                 f"; web healthy: {healthy}")
    status, _page2, _headers = browser.post_form(preview, {}, page)
    retried = _imported(stack, prefix)
    status_again, _page3, _headers = browser.request(preview)
    lines.append(f"[import] confirmed again: HTTP {status}, {retried:,} tickets; the preview now answers "
                 f"{status_again}")
    status, _page, headers = browser.upload("/cs3/import/", "drill.xlsx", content)
    second = urllib.parse.urlparse(headers.get("Location", "")).path
    _s, page, _h = browser.request(second)
    status2, _p, _h = browser.post_form(second, {}, page)
    twice = _imported(stack, prefix)
    lines.append(f"[import] the same file uploaded and confirmed once more: HTTP {status2}, still {twice:,} tickets")
    ok = (healthy and after_kill == 0 and waiting and retried == IMPORT_ROWS and status_again == 404
          and twice == IMPORT_ROWS)
    lines.append(f"[import] all or nothing, once: {'held' if ok else 'DID NOT HOLD'}")
    return ok
