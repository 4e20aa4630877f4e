"""Issue 17.9: links follow PORT when SITE_URL is unset, and a command run in a new shell after
`make run` finds the signing key `make run` wrote (no "SECRET_KEY must be set")."""

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[3]
PRINT = "from django.conf import settings as s; print(s.SITE_URL); print(s.SECRET_KEY)"


def _settings(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "SITE_URL", "PORT", "DEBUG", "DVC_TESTING", "DATA_DIR"}
    }
    clean |= {"DJANGO_SETTINGS_MODULE": "dichvucong.settings", "PYTHONPATH": str(SRC)}
    clean |= {"DATA_DIR": str(tmp_path)} | env
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRINT}"],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_site_url_follows_port(tmp_path):
    done = _settings(tmp_path, DEBUG="1", PORT="8811")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "http://127.0.0.1:8811"


def test_a_new_shell_uses_the_key_make_run_wrote(tmp_path):
    assert "SECRET_KEY must be set" in _settings(tmp_path).stderr
    (tmp_path / "secret_key").write_text("key-from-make-run\n", encoding="utf-8")
    done = _settings(tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1] == "key-from-make-run"
