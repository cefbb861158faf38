"""Backups that restore: the database and the uploaded files, with a manifest to check a restore against.

A backup is one folder:

- ``database.dump`` (PostgreSQL: ``pg_dump -Fc``) or ``database.sqlite3`` (SQLite: the online backup API),
- ``media.tar``: every file under MEDIA_ROOT, paths relative to it,
- ``manifest.json``: app version, migration state, database vendor, created at, row counts per table, every media
  file's path, size and SHA-256, and the two archives' sizes and SHA-256,
- ``SHA256SUMS``: the archives' and the manifest's checksums (``sha256sum -c SHA256SUMS`` checks them by hand too).

The row counts describe exactly the dump: on PostgreSQL they are counted in one REPEATABLE READ transaction whose
snapshot pg_dump reuses (``--snapshot``); on SQLite they are counted in the backup file itself. The database is taken
before the files, so a file uploaded meanwhile is on disk without a row (harmless), never a row without its file.

``backup_restore`` checks every checksum before it changes anything, refuses a database or media folder that is not
empty (unless forced), restores, then recounts the rows and rehashes the files against the manifest.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
SUMS = "SHA256SUMS"
MEDIA_TAR = "media.tar"
DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Thai, or English by i18n)."""


@dataclass
class RestoreReport:
    """What a restore found when it compared the restored data with the manifest."""

    tables_checked: int = 0
    rows_checked: int = 0
    files_checked: int = 0
    bytes_checked: int = 0
    table_mismatches: list[tuple[str, int, int | None]] = field(default_factory=list)
    file_mismatches: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.table_mismatches and not self.file_mismatches


# --------------------------------------------------------------------------------------------- helpers

def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _HashingReader:
    """A file object that hashes what tarfile reads from it, so every file is read once for both."""

    def __init__(self, handle):
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size=-1):
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def _vendor() -> str:
    if connection.vendor not in DUMP_NAMES:
        raise BackupError(_("ฐานข้อมูลชนิด %(vendor)s ยังสำรองด้วยคำสั่งนี้ไม่ได้ (รองรับ PostgreSQL และ SQLite)")
                          % {"vendor": connection.vendor})
    return connection.vendor


def _pg_env() -> dict[str, str]:
    """libpq's variables for the configured database: no password on a command line."""
    db = connection.settings_dict  # the test database's name in tests, not the one in settings
    env = dict(os.environ)
    for key, name in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD"),
                      ("PGDATABASE", "NAME")):
        if db.get(name):
            env[key] = str(db[name])
    return env


def _run(command: list[str], *, env: dict[str, str]) -> None:
    try:
        finished = subprocess.run(command, env=env, capture_output=True, text=True)
    except FileNotFoundError as exc:
        raise BackupError(_("ไม่พบโปรแกรม %(program)s: ติดตั้งแพ็กเกจ postgresql-client") % {"program": command[0]}) from exc
    if finished.returncode != 0:
        raise BackupError(_("%(program)s ทำงานไม่สำเร็จ: %(error)s")
                          % {"program": command[0], "error": finished.stderr.strip()[-2000:]})


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _table_names(cursor) -> list[str]:
    return sorted(connection.introspection.table_names(cursor))


def _count_rows(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - names from the catalogue, quoted
        counts[table] = cursor.fetchone()[0]
    return counts


def _migration_state(cursor) -> dict[str, str]:
    """Each app's latest applied migration (by name: Django numbers them in order)."""
    if "django_migrations" not in connection.introspection.table_names(cursor):
        return {}
    cursor.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app ORDER BY app")
    return dict(cursor.fetchall())


def _git_describe() -> str | None:
    """The code's version when it runs from a git checkout (the Docker image has no .git: None there)."""
    try:
        finished = subprocess.run(["git", "describe", "--always", "--dirty", "--tags"], cwd=settings.BASE_DIR,
                                  capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return finished.stdout.strip() or None if finished.returncode == 0 else None


# --------------------------------------------------------------------------------------------- backup

def _dump_postgresql(target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """pg_dump -Fc inside the snapshot the rows are counted in: the counts are the dump's."""
    if connection.in_atomic_block:  # pg_dump would not see this transaction's rows, nor the snapshot be fresh
        raise BackupError(_("สำรองข้อมูลระหว่างธุรกรรมที่ยังไม่ยืนยันไม่ได้"))
    with connection.cursor() as cursor:
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            tables = _table_names(cursor)
            counts = _count_rows(cursor, tables)
            migrations = _migration_state(cursor)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                  f"--file={target}"], env=_pg_env())
        finally:
            cursor.execute("ROLLBACK")
    return counts, migrations


def _dump_sqlite(target: Path) -> tuple[dict[str, int], dict[str, str]]:
    """sqlite3's online backup API (consistent while others write), then the counts from the copy itself."""
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()
    copy = sqlite3.connect(target)
    try:
        cursor = copy.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        tables = [row[0] for row in cursor.fetchall()]
        counts = _count_rows(cursor, tables)
        cursor.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app ORDER BY app"
                       if "django_migrations" in tables else "SELECT 1 WHERE 0")
        migrations = dict(cursor.fetchall())
    finally:
        copy.close()
    return counts, migrations


def _media_files(root: Path) -> list[Path]:
    if not root.is_dir():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file() and not path.is_symlink())


def _tar_media(root: Path, target: Path) -> list[dict]:
    """Every file under MEDIA_ROOT into one tar, hashed as it is read; returns the manifest's file list."""
    files = []
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as tar:
        for path in _media_files(root):
            relative = path.relative_to(root).as_posix()
            try:
                handle = open(path, "rb")
            except FileNotFoundError:  # deleted since the listing: it is not in the backup
                continue
            with handle:
                info = tar.gettarinfo(fileobj=handle, arcname=relative)
                reader = _HashingReader(handle)
                tar.addfile(info, reader)
            files.append({"path": relative, "size": info.size, "sha256": reader.digest.hexdigest()})
    return files


def _backup_write(folder: Path, *, vendor: str, now) -> None:
    """The database first, then the files, then the manifest and the checksums (last: a folder with SHA256SUMS is
    complete)."""
    dump = folder / DUMP_NAMES[vendor]
    if vendor == "postgresql":
        counts, migrations = _dump_postgresql(dump)
    else:
        counts, migrations = _dump_sqlite(dump)
    files = _tar_media(Path(settings.MEDIA_ROOT), folder / MEDIA_TAR)
    archives = {name: {"size": (folder / name).stat().st_size, "sha256": _sha256_file(folder / name)}
                for name in (dump.name, MEDIA_TAR)}
    manifest = {
        "format": FORMAT,
        "app_version": _git_describe(),
        "migrations": migrations,
        "database_vendor": vendor,
        "created_at": now.isoformat(),
        "archives": archives,
        "tables": counts,
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    sums = {**{name: meta["sha256"] for name, meta in archives.items()}, MANIFEST: _sha256_file(folder / MANIFEST)}
    (folder / SUMS).write_text("".join(f"{digest}  {name}\n" for name, digest in sums.items()), encoding="ascii")


def backup_create(*, output_dir: Path, now=None) -> Path:
    """Write a backup folder under output_dir and return its path."""
    vendor = _vendor()
    now = now or timezone.now()
    folder = Path(output_dir) / f"pmqa-backup-{timezone.localtime(now):%Y%m%d-%H%M%S}"
    if folder.exists():
        raise BackupError(_("มีโฟลเดอร์ %(folder)s อยู่แล้ว: เลือกโฟลเดอร์อื่น") % {"folder": folder})
    folder.mkdir(parents=True)
    try:
        _backup_write(folder, vendor=vendor, now=now)
    except BaseException:  # a backup that failed half-way must not pass for one: no folder at all
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


# --------------------------------------------------------------------------------------------- restore

def backup_verify(*, folder: Path) -> dict:
    """The manifest of a backup whose every checksum holds; BackupError (nothing changed) otherwise."""
    folder = Path(folder)
    if not (folder / SUMS).is_file() or not (folder / MANIFEST).is_file():
        raise BackupError(_("%(folder)s ไม่ใช่สำเนาสำรอง: ไม่พบ %(sums)s หรือ %(manifest)s")
                          % {"folder": folder, "sums": SUMS, "manifest": MANIFEST})
    expected = {}
    for line in (folder / SUMS).read_text(encoding="ascii", errors="replace").splitlines():
        digest, _sep, name = line.partition("  ")
        if name:
            expected[name] = digest
    damaged = [name for name, digest in expected.items()
               if not (folder / name).is_file() or _sha256_file(folder / name) != digest]
    if MANIFEST not in expected:
        damaged.append(MANIFEST)
    if damaged:
        raise BackupError(_("สำเนาสำรองเสียหาย (checksum ไม่ตรง): %(names)s ไม่ได้กู้คืนและไม่ได้เปลี่ยนแปลงข้อมูลใด")
                          % {"names": ", ".join(sorted(damaged))})
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    missing = [name for name in manifest.get("archives", {}) if name not in expected]
    if missing or manifest.get("format") != FORMAT:
        raise BackupError(_("สำเนาสำรองเสียหาย (checksum ไม่ตรง): %(names)s ไม่ได้กู้คืนและไม่ได้เปลี่ยนแปลงข้อมูลใด")
                          % {"names": ", ".join(missing) or MANIFEST})
    return manifest


def _database_tables() -> list[str]:
    if connection.vendor == "sqlite":  # a fresh SQLite database is a file in a folder that may not exist yet
        name = str(connection.settings_dict["NAME"])
        if not name.startswith("file:") and name != ":memory:":
            Path(name).parent.mkdir(parents=True, exist_ok=True)
    with connection.cursor() as cursor:
        return _table_names(cursor)


def _media_is_empty(root: Path) -> bool:
    return not root.exists() or not any(root.iterdir())


def _drop_all_tables() -> None:
    tables = _database_tables()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in tables:
                cursor.execute(f"DROP TABLE IF EXISTS {_quote(table)} CASCADE")
        # SQLite: the backup API below replaces the whole file, tables and all.


def _restore_postgresql(dump: Path) -> None:
    connection.close()
    _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
          f"--dbname={connection.settings_dict['NAME']}", str(dump)], env=_pg_env())


def _restore_sqlite(dump: Path) -> None:
    connection.ensure_connection()
    source = sqlite3.connect(dump)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()


def _restore_media(tar_path: Path, root: Path) -> None:
    """Unpack into a hidden folder inside MEDIA_ROOT (same disk: moves are renames), then move in."""
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=root))
    try:
        with tarfile.open(tar_path, "r") as tar:
            tar.extractall(staging, filter="data")
        for entry in root.iterdir():
            if entry != staging:
                shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
        for entry in staging.iterdir():
            entry.rename(root / entry.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def backup_compare(*, manifest: dict) -> RestoreReport:
    """Recount the database's rows and rehash MEDIA_ROOT's files against a backup's manifest."""
    report = RestoreReport()
    with connection.cursor() as cursor:
        present = set(_table_names(cursor))
        counts = _count_rows(cursor, sorted(present & set(manifest["tables"])))
    for table, expected in sorted(manifest["tables"].items()):
        found = counts.get(table)
        report.tables_checked += 1
        report.rows_checked += expected
        if found != expected:
            report.table_mismatches.append((table, expected, found))
    root = Path(settings.MEDIA_ROOT)
    for entry in manifest["files"]:
        path = root / entry["path"]
        report.files_checked += 1
        report.bytes_checked += entry["size"]
        if not path.is_file() or path.stat().st_size != entry["size"] or _sha256_file(path) != entry["sha256"]:
            report.file_mismatches.append(entry["path"])
    return report


def _migrations_unknown_here(state: dict[str, str]) -> list[str]:
    """The backup's latest migrations that this code does not have: a backup of a newer release, which `migrate`
    cannot bring this code's way. Apps no longer installed are left out (their rows stay in django_migrations)."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    installed = {config.label for config in apps.get_app_configs()}
    return sorted(f"{app}.{name}" for app, name in state.items() if app in installed and (app, name) not in known)


def backup_restore(*, folder: Path, force: bool = False) -> tuple[dict, RestoreReport]:
    """Restore a verified backup into this database and MEDIA_ROOT, then compare them with its manifest."""
    folder = Path(folder)
    manifest = backup_verify(folder=folder)
    vendor = _vendor()
    if manifest["database_vendor"] != vendor:
        raise BackupError(_("สำเนาสำรองนี้เป็นของฐานข้อมูล %(theirs)s แต่ระบบนี้ใช้ %(ours)s: กู้คืนข้ามชนิดไม่ได้")
                          % {"theirs": manifest["database_vendor"], "ours": vendor})
    newer = _migrations_unknown_here(manifest.get("migrations", {}))
    if newer:
        raise BackupError(_("สำเนาสำรองนี้มาจากรุ่นที่ใหม่กว่าโปรแกรมที่ติดตั้งอยู่ (migration ที่ไม่รู้จัก: %(names)s):"
                            " ติดตั้งรุ่นเดียวกันหรือใหม่กว่าก่อนกู้คืน ไม่ได้เปลี่ยนแปลงข้อมูลใด")
                          % {"names": ", ".join(newer)})
    root = Path(settings.MEDIA_ROOT)
    if not force:
        if _database_tables():
            raise BackupError(_("ฐานข้อมูลปลายทางมีตารางอยู่แล้ว: กู้คืนได้เฉพาะฐานข้อมูลว่าง"
                                " (สั่ง --force เพื่อลบข้อมูลเดิมทั้งหมดแล้วกู้คืน)"))
        if not _media_is_empty(root):
            raise BackupError(_("โฟลเดอร์ไฟล์แนบ %(root)s มีไฟล์อยู่แล้ว: กู้คืนได้เฉพาะโฟลเดอร์ว่าง"
                                " (สั่ง --force เพื่อลบไฟล์เดิมทั้งหมดแล้วกู้คืน)") % {"root": root})
    dump = folder / DUMP_NAMES[vendor]
    if vendor == "postgresql":
        if force:
            _drop_all_tables()
        _restore_postgresql(dump)
    else:
        _restore_sqlite(dump)
    _restore_media(folder / MEDIA_TAR, root)
    return manifest, backup_compare(manifest=manifest)
