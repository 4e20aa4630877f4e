import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]


def _run_check(env_overrides: dict, data_dir: Path) -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "DEBUG", "DVC_TESTING", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    # An empty data folder: `make run` leaves var/secret_key, which the settings would read.
    env.update({"DATA_DIR": str(data_dir)}, **env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_portal_refuses_to_start_without_secret_key_when_debug_is_off(tmp_path):
    result = _run_check({"DEBUG": "0"}, tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_portal_starts_with_a_secret_key(tmp_path):
    result = _run_check({"DEBUG": "0", "SECRET_KEY": "x" * 50}, tmp_path)
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_health_check_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": {"ok": True}}}


@pytest.mark.django_db
def test_unknown_page_is_a_vietnamese_404(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.django_db
def test_form_without_csrf_token_gets_a_vietnamese_403():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post("/dang-nhap/", {"identifier": "x"})
    assert response.status_code == 403
    assert "Phiên làm việc đã hết hạn" in response.content.decode()


@pytest.mark.django_db
def test_admin_login_goes_through_the_throttled_portal_login(client):
    response = client.get("/quan-tri/login/?next=/quan-tri/")
    assert response.status_code == 302
    assert response["Location"] == "/dang-nhap/?next=/quan-tri/"


@pytest.mark.django_db
def test_signed_in_citizen_opening_the_admin_gets_403_not_a_redirect_loop(client):
    from django.contrib.auth import get_user_model

    # core sits below accounts: the user comes from the configured model, not its factories.
    client.force_login(get_user_model().objects.create_user(username="congdan", password="x"))
    response = client.get("/quan-tri/", follow=True)
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


@pytest.mark.django_db
def test_portal_stays_vietnamese_for_an_english_browser_until_the_switch_is_used(client):
    english_browser = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
    page = client.get("/", **english_browser)
    assert page["Content-Language"] == "vi"
    assert "Thủ tục hành chính" in page.content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/", **english_browser)
    assert page["Content-Language"] == "en"


@pytest.mark.django_db
def test_language_link_sets_the_cookie_and_goes_back_only_to_this_site(client):
    response = client.get("/ngon-ngu/en/?next=/thu-tuc/")
    assert response.status_code == 302 and response["Location"] == "/thu-tuc/"
    assert response.cookies["django_language"].value == "en"
    assert client.get("/")["Content-Language"] == "en"
    assert client.get("/ngon-ngu/en/?next=https://example.com/")["Location"] == "/"
    assert client.get("/ngon-ngu/xx/").status_code == 404


@pytest.mark.django_db
def test_anonymous_public_pages_set_no_cookie(client):
    for path in ("/", "/thu-tuc/", "/thu-tuc/?q=khai+sinh"):
        response = client.get(path)
        assert response.status_code == 200
        assert not response.cookies, (path, list(response.cookies))


def test_a_bare_word_as_next_on_the_language_switch_goes_home_instead_of_a_500(client):
    client.raise_request_exception = False
    response = client.get("/ngon-ngu/en/?next=abc")
    assert response.status_code == 302
    assert response["Location"] == "/"


def _deploy_check(env_overrides: dict) -> subprocess.CompletedProcess:
    dropped = {"SECRET_KEY", "DEBUG", "DVC_TESTING", "DJANGO_SETTINGS_MODULE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({"DEBUG": "0", "SECRET_KEY": "k" * 60, **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_https_switch_turns_on_redirect_secure_cookies_and_hsts_for_check_deploy():
    plain = _deploy_check({})
    without = plain.stdout + plain.stderr
    assert "security.W004" in without and "security.W008" in without  # HSTS, SSL redirect
    result = _deploy_check({"HTTPS": "1"})
    output = result.stdout + result.stderr
    for warning in ("W004", "W008", "W012", "W016"):  # HSTS, redirect, session, CSRF cookie
        assert f"security.{warning}" not in output, output
