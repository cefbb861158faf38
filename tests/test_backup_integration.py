"""Backup and restore end to end on PostgreSQL, the way an operator runs them: `manage.py backup` in one process,
`manage.py restore` in another, into a second, freshly created database and an empty media folder.

Runs in the integration stage (scripts/test.sh starts a throwaway PostgreSQL); skipped on SQLite, where
core/tests/test_backup.py covers the same in-process.
"""
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection

from core.tests.test_backup import FILES, seed_backup_data

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="needs PostgreSQL: DATABASE_URL=postgres://... (scripts/test.sh integration)"),
    # The commands run in other processes: they see only committed rows.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TARGET = "pmqa_restore_target"


def _url(name: str) -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def _admin(sql: str) -> None:
    with psycopg.connect(_url("postgres"), autocommit=True) as admin:
        admin.execute(sql)


def _manage(*args: str, database: str, media: Path, var: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DEBUG": "true", "DATABASE_URL": _url(database), "MEDIA_ROOT": str(media),
           "PMQA_VAR_DIR": str(var)}
    return subprocess.run([sys.executable, "manage.py", *args], cwd=django_settings.BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.fixture
def fresh_database():
    _admin(f"DROP DATABASE IF EXISTS {TARGET} WITH (FORCE)")
    _admin(f"CREATE DATABASE {TARGET}")
    yield TARGET
    _admin(f"DROP DATABASE IF EXISTS {TARGET} WITH (FORCE)")


def _rows(database: str, table: str) -> int:
    with psycopg.connect(_url(database)) as target:
        return target.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]


def test_backup_restored_into_a_fresh_postgresql_database_and_media_folder_matches_row_counts_and_checksums(
        people, offices, settings, tmp_path, fresh_database):
    """Data in several apps and uploaded files; backup, restore elsewhere, every count and checksum equal."""
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_backup_data(people, offices)
    source = connection.settings_dict["NAME"]

    made = _manage("backup", "--output", str(tmp_path / "backups"), database=source, media=tmp_path / "media",
                   var=tmp_path / "var")
    assert made.returncode == 0, made.stderr
    (folder,) = (tmp_path / "backups").iterdir()
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["database_vendor"] == "postgresql"
    assert manifest["tables"]["plans_evidence"] == 2 and manifest["tables"]["complaints_ticket"] == 1

    fresh_media = tmp_path / "restored-media"
    restored = _manage("restore", str(folder), database=fresh_database, media=fresh_media, var=tmp_path / "var2")
    assert restored.returncode == 0, restored.stderr + restored.stdout
    tables = len(manifest["tables"])
    assert f"ตาราง: ตรงกัน {tables} จาก {tables} ตาราง" in restored.stdout
    assert "ไฟล์แนบ: ตรงกัน 2 จาก 2 ไฟล์" in restored.stdout

    # Checked here too, independently of restore's own comparison.
    for table, count in manifest["tables"].items():
        assert _rows(fresh_database, table) == count, table
    assert sorted(hashlib.sha256(path.read_bytes()).hexdigest() for path in fresh_media.rglob("*") if path.is_file()
                  ) == sorted(hashlib.sha256(content).hexdigest() for content in FILES.values())
    # The restored database is one the app migrates and runs on.
    migrated = _manage("migrate", "--check", database=fresh_database, media=fresh_media, var=tmp_path / "var2")
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr


def test_a_damaged_dump_is_refused_before_the_fresh_database_is_touched(
        people, offices, settings, tmp_path, fresh_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    seed_backup_data(people, offices)
    call_command("backup", output=str(tmp_path / "backups"), stdout=io.StringIO())
    (folder,) = (tmp_path / "backups").iterdir()
    with open(folder / "database.dump", "r+b") as dump:
        dump.seek(100)
        byte = dump.read(1)
        dump.seek(100)
        dump.write(bytes([byte[0] ^ 0xFF]))

    refused = _manage("restore", str(folder), database=fresh_database, media=tmp_path / "restored-media",
                      var=tmp_path / "var2")
    assert refused.returncode == 1
    assert "สำเนาสำรองเสียหาย (checksum ไม่ตรง): database.dump" in refused.stderr
    with psycopg.connect(_url(fresh_database)) as target:
        assert target.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0] == 0
    assert not (tmp_path / "restored-media").exists()
