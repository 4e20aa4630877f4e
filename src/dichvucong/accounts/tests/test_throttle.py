"""Login limits: one counter per account whatever identifier is typed, counted before the
password is checked, and a captcha step (never a lock) once strangers tried too often."""

import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, connections
from django.test import Client, RequestFactory
from django.urls import reverse

from dichvucong.accounts import throttle
from dichvucong.accounts.tests.conftest import captcha_answer
from dichvucong.accounts.tests.factories import PASSWORD, make_citizen

LOGIN = reverse("accounts:login")
LOCKED = "thử lại sau 15 phút"
CAPTCHA = "nhập mã xác thực trong hình"


def _login(client, identifier, password=PASSWORD, ip="10.1.1.1", **extra):
    return client.post(
        LOGIN, {"identifier": identifier, "password": password} | extra, REMOTE_ADDR=ip
    )


@pytest.fixture
def evaluations(monkeypatch):
    """Record every password actually checked against an account."""
    checked: list[str] = []
    real = get_user_model().check_password

    def check_password(user, raw):
        checked.append(raw)
        time.sleep(0.02)  # hashing takes a while: requests arriving together overlap
        return real(user, raw)

    monkeypatch.setattr(get_user_model(), "check_password", check_password)
    return checked


@pytest.mark.django_db
def test_id_number_and_phone_forms_of_one_account_share_one_counter():
    user = make_citizen(phone="+84912000444")
    forms = [user.id_number, "0912000444", "+84912000444", "84 912 000 444", "0912 000 444"]
    for identifier in forms[: throttle.ACCOUNT_IP_FAILURES]:
        assert _login(Client(), identifier, "sai", ip="10.2.0.1").status_code == 400
    response = _login(Client(), user.id_number, ip="10.2.0.1")
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert _login(Client(), "0912000444", ip="10.2.0.1").status_code == 429


@pytest.mark.django_db
def test_a_stranger_locks_only_his_own_address_out_of_the_account():
    make_citizen(phone="+84912000555")
    for _ in range(throttle.ACCOUNT_IP_FAILURES + 3):
        _login(Client(), "0912000555", "sai", ip="203.0.113.7")
    assert _login(Client(), "0912000555", ip="203.0.113.7").status_code == 429
    assert _login(Client(), "0912000555", ip="198.51.100.2").status_code == 302


@pytest.mark.django_db
def test_after_many_failures_from_everywhere_the_owner_logs_in_with_the_captcha(evaluations):
    make_citizen(phone="+84912000666")
    for n in range(throttle.ACCOUNT_FAILURES + 5):
        _login(Client(), "0912000666", "sai", ip=f"203.0.113.{n}")
    owner = Client()
    first = _login(owner, "0912000666", ip="198.51.100.9")
    page = first.content.decode()
    assert first.status_code == 429 and CAPTCHA in page and LOCKED not in page
    assert 'name="captcha"' in page
    checked = len(evaluations)
    wrong = _login(owner, "0912000666", ip="198.51.100.9", captcha="ZZZZZ")
    assert wrong.status_code == 400 and len(evaluations) == checked  # not even looked at
    response = _login(owner, "0912000666", ip="198.51.100.9", captcha=captcha_answer(owner))
    assert response.status_code == 302
    assert _login(Client(), "0912000666", ip="198.51.100.10").status_code == 429  # still on


@pytest.mark.django_db
def test_attempts_arriving_while_a_password_is_checked_are_already_counted(monkeypatch):
    """Requests that overlap, one sequence on any database: each nested attempt arrives while
    the previous password is being checked."""
    user = make_citizen(phone="+84912000777")
    checked: list[int] = []
    real = get_user_model().check_password
    request = RequestFactory().post(LOGIN)

    def check_password(account, raw):
        checked.append(1)
        if len(checked) < 40:
            throttle.authenticate_throttled(
                request, identifier=user.id_number, password="sai", ip="10.9.9.9"
            )
        return real(account, raw)

    monkeypatch.setattr(get_user_model(), "check_password", check_password)
    for _ in range(40):
        throttle.authenticate_throttled(
            request, identifier=user.id_number, password="sai", ip="10.9.9.9"
        )
    assert len(checked) <= throttle.ACCOUNT_IP_FAILURES


def _together(attempts):
    barrier = threading.Barrier(len(attempts))
    answers: list[int] = []

    def run(attempt):
        try:
            barrier.wait()
            answers.append(attempt())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(a,)) for a in attempts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL"
)
def test_forty_wrong_passwords_sent_together_are_evaluated_at_most_the_limit(evaluations):
    make_citizen(phone="+84912000888")

    def attempt(ip):
        return lambda: _login(Client(), "0912000888", "sai", ip=ip).status_code

    answers = _together([attempt("10.8.0.1") for _ in range(40)])
    assert len(answers) == 40 and answers.count(400) == len(evaluations)
    assert len(evaluations) <= throttle.ACCOUNT_IP_FAILURES
    evaluations.clear()
    answers = _together([attempt(f"10.8.1.{n}") for n in range(40)])
    assert len(answers) == 40
    assert len(evaluations) <= throttle.ACCOUNT_FAILURES
