"""Outside demo mode there are no demo accounts, and the portal refuses to start with them."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.checks import Tags, run_checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from dichvucong.accounts.tests.factories import make_staff
from dichvucong.core.tests.worker_helpers import portal_env
from dichvucong.demo.registry import run_demo_steps
from dichvucong.demo.steps.staff import DEMO_PASSWORD

ROOT = Path(__file__).resolve().parents[4]
User = get_user_model()


def _database_checks() -> list:
    return run_checks(tags=[Tags.database], databases=["default"])


@pytest.mark.django_db
def test_without_demo_mode_the_demo_steps_create_no_accounts(settings, capsys, tmp_path):
    settings.DEMO_MODE = False
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        }
    }

    report = run_demo_steps()

    assert not report.logins
    assert not User.objects.filter(username__startswith="canbo.").exists()
    assert not User.objects.filter(username="060190001234").exists()
    assert "Tài khoản minh họa: không tạo (DEMO_MODE=0)" in report.lines


@pytest.mark.django_db
def test_a_demo_officer_with_the_published_password_fails_the_check_outside_demo_mode(settings):
    make_staff(username="canbo.lanhdao", password=DEMO_PASSWORD)
    settings.DEMO_MODE = True
    assert not _database_checks()

    settings.DEMO_MODE = False
    errors = [e for e in _database_checks() if e.id == "demo.E001"]
    assert errors and "canbo.lanhdao" in errors[0].msg
    with pytest.raises(SystemCheckError, match=r"canbo\.lanhdao"):
        call_command("check", "--database", "default")

    call_command("disable_demo_accounts")

    assert not _database_checks()
    officer = User.objects.get(username="canbo.lanhdao")
    assert not officer.is_active and not officer.has_usable_password()


@pytest.mark.django_db
def test_a_demo_account_whose_password_was_changed_does_not_block(settings):
    make_staff(username="canbo.motcua", password="Mật-khẩu-riêng-2026")
    settings.DEMO_MODE = False

    assert not _database_checks()


def test_demo_providers_outside_demo_mode_are_warned_about(settings):
    settings.DEMO_MODE, settings.SMS_PROVIDER, settings.DELIVERY_PROVIDER = False, "demo", "http"
    ids = [m.id for m in run_checks()]
    assert "demo.W001" in ids
    messages = [m.msg for m in run_checks() if m.id == "demo.W001"]
    assert any(m.startswith("SMS_PROVIDER=demo") for m in messages)
    assert not any(m.startswith("DELIVERY_PROVIDER") for m in messages)

    settings.DEMO_MODE = True
    assert not [m for m in run_checks() if m.id.startswith("demo.")]


@pytest.mark.django_db(transaction=True)
def test_runportal_refuses_to_start_outside_demo_mode_while_demo_accounts_exist():
    officer = make_staff(username="canbo.motcua")
    # Hashed as production hashes it (the suite's fast MD5 hasher is unknown there).
    officer.password = make_password(DEMO_PASSWORD, hasher="pbkdf2_sha256")
    officer.save(update_fields=["password"])
    env = portal_env(DEMO_MODE="0")

    result = subprocess.run(
        [sys.executable, "manage.py", "runportal", "--port", "1"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )

    assert result.returncode != 0
    assert "demo.E001" in result.stderr and "canbo.motcua" in result.stderr
    assert "disable_demo_accounts" in result.stderr
    assert "web started" not in result.stderr
