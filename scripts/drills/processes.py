"""What the Celery-side drills (worker_killed, beat_twice) need beyond stack.py: which process is doing a given
piece of work, killing it or its whole tree, launching a worker, a second beat or gunicorn exactly as
scripts/prod_local.sh does, and reading what the logs say. Standard library only, like stack.py.

Which process is running a task: its database connection says so. PostgreSQL's pg_stat_activity names the client
port of the backend running a query; /proc/net/tcp maps that port to a socket inode, and /proc/PID/fd to the
process holding it. That finds the one pool child (or gunicorn worker) in the middle of the work, in milliseconds,
where `celery inspect active` takes seconds.
"""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import Counter
from pathlib import Path

from stack import REPO, Stack


def children(pid: int) -> list[int]:
    """The direct children of `pid` (the pool processes of a Celery worker, the workers of gunicorn)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


def alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    try:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                target = os.readlink(fd)
            except OSError:
                continue
            if target.startswith("socket:["):
                inodes.add(target[8:-1])
    except OSError:
        pass
    return inodes


def _local_port_by_inode(remote_port: int) -> dict[str, int]:
    """{socket inode: local port} of every TCP connection to `remote_port` on this machine."""
    ports = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            parts = line.split()
            local, remote, inode = parts[1], parts[2], parts[9]
            if int(remote.rsplit(":", 1)[1], 16) == remote_port:
                ports[inode] = int(local.rsplit(":", 1)[1], 16)
    return ports


def db_ports(stack: Stack, pids: list[int]) -> dict[int, int]:
    """{client port: pid} of the PostgreSQL connections that the processes `pids` hold."""
    by_inode = _local_port_by_inode(stack.pg_port)
    return {by_inode[inode]: pid for pid in pids for inode in _socket_inodes(pid) if inode in by_inode}


def process_running(stack: Stack, pids: list[int], query_like: str) -> int | None:
    """Which of `pids` has a database session whose current (or last, within a transaction) statement matches
    `query_like` (an SQL LIKE pattern); None when none does now."""
    ports = db_ports(stack, pids)
    if not ports:
        return None
    rows = stack.sql(
        "SELECT client_port FROM pg_stat_activity WHERE client_port IN (%s) AND query LIKE '%s' "
        "AND state <> 'idle'" % (",".join(map(str, ports)), query_like.replace("'", "''")))
    for line in rows.splitlines():
        if line.strip() and int(line) in ports:
            return ports[int(line)]
    return None


def kill(pids: list[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def wait_gone(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if not any(alive(pid) for pid in pids):
            return True
        time.sleep(0.1)
    return False


def wait_until(condition, seconds: float, every: float = 1.0):
    """Call `condition` until it returns something true or `seconds` pass; its last value."""
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(every)


# --- Launching as prod_local.sh does -------------------------------------------------------------------------

def launch(stack: Stack, name: str, command: list[str], **extra_env: str) -> int:
    """In its own session, output appended to log/NAME.log, pid written to run/NAME.pid (prod_local.sh's `launch`)."""
    log = open(stack.dir / "log" / f"{name}.log", "ab")
    process = subprocess.Popen(command, cwd=REPO, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                               env=stack.environ(**extra_env), start_new_session=True)
    log.close()
    (stack.dir / "run" / f"{name}.pid").write_text(f"{process.pid}\n")
    return process.pid


def worker_command(stack: Stack, name: str) -> list[str]:
    concurrency = os.environ.get("CELERY_CONCURRENCY", "2")
    return [stack.celery, "-A", "pmqa", "worker", "--loglevel=info", f"--concurrency={concurrency}",
            f"--hostname={name}@%h"]


def beat_command(stack: Stack) -> list[str]:
    return [stack.celery, "-A", "pmqa", "beat", "--loglevel=info"]


def web_command(stack: Stack) -> list[str]:
    workers = os.environ.get("PMQA_PROD_WEB_WORKERS", "3")
    return [str(REPO / ".venv" / "bin" / "gunicorn"), "pmqa.wsgi:application",
            f"--bind=127.0.0.1:{stack.url.rsplit(':', 1)[1]}", f"--workers={workers}", "--timeout=120",
            "--access-logfile=-"]


def worker_names(stack: Stack) -> list[str]:
    return sorted(path.stem for path in (stack.dir / "run").glob("worker*.pid"))


def stop_gracefully(pid: int, seconds: float = 60) -> None:
    """TERM (a Celery worker's warm shutdown: running tasks finish), then KILL after `seconds`."""
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    if not wait_gone([pid], seconds):
        kill([pid] + children(pid))
        wait_gone([pid], 10)


def restart_workers(stack: Stack, **extra_env: str) -> list[int]:
    """Every Celery worker stopped (warm) and started again with prod_local.sh's command (plus `extra_env`)."""
    pids = []
    for name in worker_names(stack):
        pid = stack.pid(name)
        if pid and alive(pid):
            stop_gracefully(pid)
        pids.append(launch(stack, name, worker_command(stack, name), **extra_env))
    return pids


def wait_workers_ready(stack: Stack, since: dict[str, int], seconds: float = 120) -> bool:
    """Each worker's log says `ready.` after the offsets in `since` (log name -> size)."""
    def ready():
        return all("ready." in log_text(stack, name, since.get(name, 0)) for name in worker_names(stack))
    return bool(wait_until(ready, seconds))


# --- Logs ------------------------------------------------------------------------------------------------------

def log_sizes(stack: Stack) -> dict[str, int]:
    return {path.stem: path.stat().st_size for path in (stack.dir / "log").glob("*.log")}


def log_text(stack: Stack, name: str, offset: int = 0) -> str:
    path = stack.dir / "log" / f"{name}.log"
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.read().decode("utf-8", "replace")
    except OSError:
        return ""


def worker_logs_since(stack: Stack, since: dict[str, int]) -> str:
    return "\n".join(log_text(stack, name, since.get(name, 0)) for name in worker_names(stack))



# --- A slow mail server --------------------------------------------------------------------------------------

class SlowMailServer:
    """An SMTP server on 127.0.0.1 that takes `delay` seconds to accept each message (a real mail server's round
    trip, which gives a drill time to kill a worker in the middle of sending) and counts the messages it accepted
    per (recipient, Message-ID): what people actually received, independent of any log."""

    def __init__(self, delay: float = 0.1):
        import socketserver
        import threading

        server = self
        self.delay, self.received, self.lock = delay, Counter(), threading.Lock()

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 drill ESMTP\r\n")
                recipients = []
                while line := self.rfile.readline():
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO"):
                        self.wfile.write(b"250 drill\r\n")
                    elif verb == b"MAIL":
                        recipients = []
                        self.wfile.write(b"250 OK\r\n")
                    elif verb == b"RCPT":
                        recipients.append(line.split(b":", 1)[1].strip().strip(b"<>").decode())
                        self.wfile.write(b"250 OK\r\n")
                    elif verb == b"DATA":
                        self.wfile.write(b"354 go on\r\n")
                        message_id = ""
                        while (data := self.rfile.readline()) and data != b".\r\n":
                            if data.lower().startswith(b"message-id:"):
                                message_id = data.split(b":", 1)[1].strip().decode()
                        time.sleep(server.delay)
                        with server.lock:
                            server.received.update((recipient, message_id) for recipient in recipients)
                        self.wfile.write(b"250 OK queued\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:  # RSET, NOOP
                        self.wfile.write(b"250 OK\r\n")

        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def env(self) -> dict[str, str]:
        """The workers' environment that sends their e-mail here."""
        return {"EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend", "EMAIL_HOST": "127.0.0.1",
                "EMAIL_PORT": str(self.port), "EMAIL_USE_TLS": "false"}

    def take(self) -> Counter:
        with self.lock:
            received, self.received = self.received, Counter()
        return received

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
