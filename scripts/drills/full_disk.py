"""A full disk for uploads: a tiny tmpfs (mount -t tmpfs -o size=4m) filled to the last byte is the media folder of a
gunicorn started for the drill (the stack's own settings and database, its own Unix socket, so no port and no files
of the stack are touched). Then the three upload forms are used: a committee member's evidence file on an action
plan, a citizen's complaint with a photo on the public form, and a photo on a CS4 activity (no API endpoint takes a
file). Held when each answers a clear Thai message (core.storage.StorageFull) with what was typed still in the form,
no 5xx, no row added (no row pointing to a missing or truncated file), and nothing but the filler on the disk."""
from __future__ import annotations

import os
import random
import subprocess
import time
from pathlib import Path

from stack import REPO, Browser, Result, Stack

NAME = "full_disk"
TITLE = "A full disk for uploads: a clear Thai error, the form as typed, nothing half-written"
FULL = "พื้นที่เก็บไฟล์ของระบบเต็ม"
DISK_SIZE = "4m"


def _png(size: int) -> bytes:
    """A PNG signature and header followed by noise: enough for the upload check (core.files), too big to fit."""
    head = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x02\x00\x00\x00\x90wS\xde"
    return head + random.Random(7).randbytes(size)


def _fill(folder: Path) -> int:
    """Write zeros into folder/filler until the disk refuses; returns the bytes written."""
    written = 0
    with open(folder / "filler", "wb") as filler:
        block = b"\0" * 65536
        try:
            while True:
                filler.write(block)
                filler.flush()
                written += len(block)
        except OSError:
            pass
    # The last block may have been cut short: top it up byte by byte so that not one byte is left.
    try:
        with open(folder / "filler", "ab", buffering=0) as filler:
            while filler.write(b"\0"):
                written += 1
    except OSError:
        pass
    return written


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def drill(stack: Stack) -> Result:
    lines: list[str] = []
    mount = stack.dir / "drill-full-disk"
    sock = stack.dir / "run" / "drill-full-disk.sock"
    mount.mkdir(exist_ok=True)
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={DISK_SIZE},mode=0755", "tmpfs", str(mount)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        return Result(NAME, False, [f"could not mount a tmpfs on {mount} (root needed): {mounted.stderr.strip()}"])
    web = None
    try:
        filled = _fill(mount)
        free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
        lines.append(f"tmpfs of {DISK_SIZE} mounted on {mount}, filled with {filled} bytes ({free} bytes free)")
        sock.unlink(missing_ok=True)
        log = open(stack.dir / "log" / "drill-full-disk.log", "ab")
        # The stack's environment with the full disk as MEDIA_ROOT; the public form's hourly limit raised for this
        # process only (the other drills' load has used 127.0.0.1's ten complaints an hour).
        web = subprocess.Popen([str(REPO / ".venv" / "bin" / "gunicorn"), "pmqa.wsgi:application",
                                f"--bind=unix:{sock}", "--workers=1", "--timeout=60"], cwd=REPO, stdout=log,
                               stderr=subprocess.STDOUT, env=stack.environ(MEDIA_ROOT=str(mount),
                                                                           PUBLIC_SUBMIT_RATE="1000/h"),
                               start_new_session=True)
        browser = Browser(unix_socket=str(sock))
        for _ in range(120):
            if browser.get("/health/").status:
                break
            time.sleep(0.5)
        lines.append(f"a gunicorn for the drill (pid {web.pid}) on {sock}, MEDIA_ROOT={mount}")
        if not browser.login("committee"):
            return Result(NAME, False, [*lines, "the demo committee user could not sign in"])
        office = stack.sql("select id from offices_office where code = 'CPN'")
        plan = stack.sql(f"select id from plans_actionplan where office_id = {office} order by fiscal_year desc, "
                         "id limit 1")
        activity = stack.sql("select a.id from networks_activity a join networks_network n on n.id = a.network_id "
                             f"where n.office_id = {office} order by a.id limit 1")
        counts_sql = ("select (select count(*) from plans_evidence) || ' ' || (select count(*) from "
                      "complaints_attachment) || ' ' || (select count(*) from complaints_ticket) || ' ' || "
                      "(select count(*) from networks_activityphoto)")
        before = stack.sql(counts_sql)
        held = True
        picture = _png(300_000)

        title = "ภาพการประชุมชี้แจงแผน (ทดสอบดิสก์เต็ม)"
        got = browser.post_form(f"/plans/{plan}/evidence/", {"title": title, "step": ""},
                                files={"file": ("ประชุม.png", picture, "image/png")})
        ok = got.status == 200 and FULL in got.text and title in got.text
        held &= ok
        lines.append(f"evidence on action plan {plan}: HTTP {got.status}, Thai message: {FULL in got.text}, "
                     f"title kept in the form: {title in got.text} -> {'held' if ok else 'NOT held'}")

        citizen = Browser(unix_socket=str(sock))
        subject = f"ถนนชำรุดหน้าตลาด (ทดสอบดิสก์เต็ม {int(time.time())})"
        got = citizen.post_form("/public/", {"kind": "complaint", "office": office, "subject": subject,
                                             "detail": "หลุมใหญ่หน้าตลาด รถจักรยานยนต์ล้มบ่อย", "consent": "on",
                                             "website": ""}, files={"attachment": ("ถนน.png", picture, "image/png")})
        no_ticket = stack.sql(f"select count(*) from complaints_ticket where subject = '{subject}'") == "0"
        ok = got.status == 200 and FULL in got.text and subject in got.text and no_ticket
        held &= ok
        lines.append(f"a citizen's complaint with a photo: HTTP {got.status}, Thai message: {FULL in got.text}, "
                     f"subject kept: {subject in got.text}, no ticket saved: {no_ticket} -> "
                     f"{'held' if ok else 'NOT held'}")

        got = browser.post_form(f"/cs4/activities/{activity}/", {"caption": "ผู้เข้าร่วมกิจกรรม"},
                                files={"photo": ("กิจกรรม.png", picture, "image/png")},
                                action=f"/cs4/activities/{activity}/photos/")
        shown = browser.get(f"/cs4/activities/{activity}/") if got.status == 302 else got
        ok = got.status == 302 and FULL in shown.text
        held &= ok
        lines.append(f"a photo on CS4 activity {activity}: HTTP {got.status}, then the activity page says so in Thai: "
                     f"{FULL in shown.text} -> {'held' if ok else 'NOT held'}")
        lines.append("API: no endpoint takes a file (no FileField in any serializer), so nothing to upload there")

        after = stack.sql(counts_sql)
        left = _files(mount)
        ok = after == before and left == ["filler"]
        held &= ok
        lines.append(f"rows (evidence, attachments, tickets, photos) {before} -> {after}; files on the disk: {left} "
                     f"-> {'nothing half-written, no row without its file' if ok else 'NOT clean'}")
        return Result(NAME, held, lines)
    finally:
        if web is not None:
            web.terminate()
            try:
                web.wait(timeout=30)
            except subprocess.TimeoutExpired:
                web.kill()
        sock.unlink(missing_ok=True)
        subprocess.run(["umount", str(mount)], capture_output=True)
        try:
            mount.rmdir()
        except OSError:
            pass
