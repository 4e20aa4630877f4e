"""The password-reset page tells nothing about an account before its OTP is verified, and
is rate-limited."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from dichvucong.accounts import throttle
from dichvucong.accounts.tests.conftest import captcha_answer, latest_otp
from dichvucong.accounts.tests.factories import make_citizen

pytestmark = pytest.mark.django_db
CONFIRM = reverse("accounts:password_reset_confirm")


def _ask_reset(client, identifier, ip="10.3.3.3"):
    client.get(reverse("accounts:password_reset"), REMOTE_ADDR=ip)
    return client.post(
        reverse("accounts:password_reset"),
        {"identifier": identifier, "captcha": captcha_answer(client)},
        REMOTE_ADDR=ip,
    )


def _errors(response) -> list[str]:
    page = response.content.decode()
    return re.findall(r"<li>([^<]+)</li>", page) + re.findall(r'role="alert">([^<]+)<', page)


def test_the_page_answers_the_same_whether_or_not_the_phone_is_the_accounts():
    user = make_citizen(phone="+84912000321")
    answers = []
    for identifier in (user.id_number, "060199999999"):
        client = Client()
        _ask_reset(client, identifier)
        # The visitor tries the phone he suspects belongs to this ID number as the password.
        guess = "+84 912 000 321"
        response = client.post(CONFIRM, {"code": "000000", "password1": guess, "password2": guess})
        answers.append((response.status_code, _errors(response)))
        assert "số điện thoại hoặc số định danh" not in response.content.decode()
    assert answers[0] == answers[1]
    assert "Mã OTP không đúng hoặc đã hết hạn." in answers[0][1]


def test_the_accounts_own_rules_apply_once_the_code_was_right_without_asking_it_again(client):
    user = make_citizen(phone="+84912000322")
    _ask_reset(client, "0912000322")
    code = latest_otp("+84912000322")
    own_phone = "+84 912 000 322"
    refused = client.post(CONFIRM, {"code": code, "password1": own_phone, "password2": own_phone})
    page = refused.content.decode()
    assert refused.status_code == 400 and "số điện thoại hoặc số định danh" in page
    assert 'name="code"' not in page
    new = "Mot-mat-khau-moi-9"
    done = client.post(CONFIRM, {"password1": new, "password2": new})
    assert done["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.check_password(new)


def test_the_reset_page_is_rate_limited_per_address(monkeypatch):
    monkeypatch.setattr(throttle, "RESET_CONFIRM_LIMIT", 3)
    make_citizen(phone="+84912000323")
    client = Client()
    _ask_reset(client, "0912000323", ip="10.4.4.4")
    data = {"code": "000000", "password1": "Mot-mat-khau-9", "password2": "Mot-mat-khau-9"}
    answers = [client.post(CONFIRM, data, REMOTE_ADDR="10.4.4.4").status_code for _ in range(4)]
    assert answers == [400, 400, 400, 429]
    code = latest_otp("+84912000323")
    right = client.post(CONFIRM, data | {"code": code}, REMOTE_ADDR="10.4.4.4")
    assert right.status_code == 429  # even the right code waits: nothing is checked
    other = Client()
    _ask_reset(other, "0912000323", ip="10.4.4.5")
    assert other.post(CONFIRM, data, REMOTE_ADDR="10.4.4.5").status_code == 400
