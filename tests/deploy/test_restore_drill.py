"""The backup-and-restore drill of docs/DEPLOYMENT.md, run on a small PostgreSQL database.

deploy/backup.sh dumps the database and copies the media; the database and the folder are then
destroyed; deploy/restore.sh brings both back into a new database and folder. Every dossier
and every stored file (photos, PDFs, receipts) must be back, byte for byte.
"""

import hashlib
import os
import secrets
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _url(base: str, name: str) -> str:
    return urlunsplit(urlsplit(base)._replace(path=f"/{name}"))


def _admin(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(_url(base, "postgres"), autocommit=True) as conn:
        conn.execute(sql)


def _rows(url: str, sql: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def _run(cmd: list[str], env: dict) -> None:
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"{cmd[:3]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"


def _files(url: str, media: Path) -> dict[str, str]:
    """Every stored file the database names (papers, receipts), with the SHA-256 of its bytes."""
    names = [name for (name,) in _rows(url, "SELECT file FROM dossiers_attachment")]
    found = {}
    for name in names:
        path = media / name
        found[name] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    return found


@pytest.fixture
def postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the restore drill runs on PostgreSQL (set DATABASE_URL=postgres://…)")
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        if os.environ.get("CI") or os.environ.get("E2E_REQUIRED"):
            pytest.fail("pg_dump/pg_restore not found (apt-get install postgresql-client)")
        pytest.skip("pg_dump/pg_restore not found")
    return url


def test_backup_then_restore_brings_back_every_dossier_and_file(postgres_url, tmp_path):
    name = f"dvc_drill_{secrets.token_hex(4)}"
    source, restored = _url(postgres_url, name), _url(postgres_url, f"{name}_restored")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "dichvucong.settings",
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "bench")]),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DATA_DIR": str(tmp_path / "live"),
        "DATABASE_URL": source,
        "TASKS_BACKEND": "immediate",  # receipts are rendered and stored at once
        "DEMO_MODE": "0",
        "ESIGN_SIGNER": "",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DVC_TESTING", None)
    media = tmp_path / "live" / "media"
    _admin(postgres_url, f'CREATE DATABASE "{name}"')
    try:
        _run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], env)
        seed = "import django; django.setup()\nfrom cluster_data import submitted_dossiers\n"
        _run([sys.executable, "-c", seed + "submitted_dossiers(6)"], env)
        dossiers = _rows(source, "SELECT id, code, status FROM dossiers_dossier ORDER BY id")
        files = _files(source, media)
        assert len(dossiers) == 6
        assert len(files) >= 12 and all(files.values())  # 2 papers each, plus receipts

        backup = tmp_path / "backup"
        _run(["bash", "deploy/backup.sh", str(backup)], env | {"MEDIA_ROOT": str(media)})
        # The disaster: the database and the media folder are gone.
        _admin(postgres_url, f'DROP DATABASE "{name}" WITH (FORCE)')
        shutil.rmtree(tmp_path / "live")

        _admin(postgres_url, f'CREATE DATABASE "{name}_restored"')
        back_media = tmp_path / "restored" / "media"
        restore_env = env | {"DATABASE_URL": restored, "MEDIA_ROOT": str(back_media)}
        _run(["bash", "deploy/restore.sh", str(backup)], restore_env)

        assert _rows(restored, "SELECT id, code, status FROM dossiers_dossier ORDER BY id") == (
            dossiers
        )
        assert _files(restored, back_media) == files
        # The restored database is at the code's schema: nothing left to migrate.
        restore_env["DATA_DIR"] = str(tmp_path / "restored")
        _run([sys.executable, "manage.py", "migrate", "--check", "-v0"], restore_env)
    finally:
        for db in (name, f"{name}_restored"):
            _admin(postgres_url, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
