from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from dichvucong.accounts import throttle
from dichvucong.accounts.tests.conftest import captcha_answer, latest_otp
from dichvucong.accounts.tests.factories import PASSWORD, make_citizen, make_staff

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def _login(client, identifier, password=PASSWORD, **extra):
    return client.post(
        LOGIN,
        {"identifier": identifier, "password": password} | extra,
        REMOTE_ADDR=extra.pop("ip", "10.1.1.1"),
    )


def test_citizen_logs_in_with_id_number_or_phone_in_any_format(client):
    user = make_citizen(phone="+84912000333")
    for identifier in (user.id_number, "0912 000 333", "+84912000333"):
        response = _login(client, identifier)
        assert response.status_code == 302
        assert response["Location"] == reverse("accounts:profile")
        client.post(reverse("accounts:logout"))


def test_wrong_password_gives_one_message_for_unknown_and_known_accounts(client):
    user = make_citizen()
    known = _login(client, user.id_number, "sai-mat-khau").content.decode()
    unknown = _login(client, "060199123456", "sai-mat-khau").content.decode()
    message = "Số định danh/số điện thoại hoặc mật khẩu không đúng."
    assert message in known and message in unknown


def test_address_is_locked_after_many_failures_across_accounts(client):
    make_citizen(phone="+84912000555")
    for n in range(throttle.IP_FAILURES):
        _login(client, f"0601990{n:05d}", "sai", ip="10.5.5.5")
    assert _login(client, "0912000555", ip="10.5.5.5").status_code == 429
    assert _login(Client(), "0912000555", ip="10.5.5.6").status_code == 302


def test_behind_a_proxy_one_visitors_failures_do_not_lock_out_another(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_citizen(phone="+84912000999")

    def login(forwarded, password=PASSWORD, identifier="0912000999"):
        return Client().post(
            LOGIN,
            {"identifier": identifier, "password": password},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    for n in range(throttle.IP_FAILURES):
        login("203.0.113.5", "sai", identifier=f"0601990{n:05d}")
    assert login("203.0.113.5").status_code == 429
    assert login("203.0.113.6").status_code == 302
    # What the visitor writes in the header himself does not move him to another address.
    assert login("198.51.100.1, 203.0.113.5").status_code == 429


def test_officer_lands_in_the_workspace_and_next_is_honoured_only_when_safe(client):
    from dichvucong.accounts.services import grant_staff_role
    from dichvucong.catalog.tests.factories import make_agency

    officer = make_staff(is_staff=True)
    grant_staff_role(user=officer, agency=make_agency(), role="counter")
    response = _login(client, officer.username)
    assert response["Location"] == settings.OFFICER_HOME_URL
    assert client.get(response["Location"]).status_code == 200
    citizen = make_citizen()
    response = _login(Client(), citizen.id_number, next="/thu-tuc/")
    assert response["Location"] == "/thu-tuc/"
    response = _login(Client(), citizen.id_number, next="https://evil.example/")
    assert response["Location"] == reverse("accounts:profile")


def test_a_superuser_or_admin_without_staff_roles_lands_on_the_admin_site_not_a_403(client):
    for admin in (make_staff(is_staff=True, is_superuser=True), make_staff(is_staff=True)):
        response = _login(Client(), admin.username)
        assert response["Location"] == reverse("admin:index")
    superuser = make_staff(is_staff=True, is_superuser=True)
    client.force_login(superuser)
    assert client.get(reverse("admin:index")).status_code == 200


def test_logout_needs_post(client):
    client.force_login(make_citizen())
    # A GET asks to confirm (issue 17.9) and never logs out by itself.
    assert client.get(reverse("accounts:logout")).status_code == 200
    assert client.get(reverse("accounts:profile")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_idle_session_ends_thirty_minutes_after_use_and_is_written_at_most_once_a_minute(client):
    user = make_citizen()
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    profile = reverse("accounts:profile")

    def expiry():
        return Session.objects.get(session_key=client.session.session_key).expire_date

    with time_machine.travel(start, tick=False) as clock:
        _login(client, user.id_number)
        assert expiry() == start + timedelta(minutes=30)
        clock.shift(20)  # clicking through a form: no write
        assert client.get(profile).status_code == 200
        assert expiry() == start + timedelta(minutes=30)
        clock.shift(50)  # over a minute since the last write: the expiry moves
        assert client.get(profile).status_code == 200
        assert expiry() == start + timedelta(seconds=70, minutes=30)
        clock.shift(29 * 60 + 50)  # idle, but not for 30 minutes
        assert client.get(profile).status_code == 200
        clock.move_to(expiry() + timedelta(seconds=1))  # idle for 30 minutes: signed out
        assert client.get(profile).status_code == 302


def test_account_menu_shows_login_for_visitors_and_name_for_users(client):
    html = client.get(reverse("accounts:login")).content.decode()
    assert "Đăng ký" in html and "Đăng xuất" not in html
    client.force_login(make_citizen(full_name="Lê Thị Hoa"))
    html = client.get(reverse("accounts:profile")).content.decode()
    assert "Lê Thị Hoa" in html and "Đăng xuất" in html


def _ask_reset(client, identifier):
    client.get(reverse("accounts:password_reset"))
    return client.post(
        reverse("accounts:password_reset"),
        {"identifier": identifier, "captcha": captcha_answer(client)},
    )


def test_password_reset_by_otp(client):
    user = make_citizen(phone="+84912000666")
    response = _ask_reset(client, "0912000666")
    assert response["Location"] == reverse("accounts:password_reset_confirm")
    new = "Mot-mat-khau-moi-9"
    response = client.post(
        reverse("accounts:password_reset_confirm"),
        {"code": latest_otp("+84912000666"), "password1": new, "password2": new},
    )
    assert response["Location"] == LOGIN
    user.refresh_from_db()
    assert user.check_password(new)


def test_password_reset_lifts_the_lock_whichever_identifier_was_locked(client):
    make_citizen(phone="+84912000888")
    for _ in range(throttle.ACCOUNT_IP_FAILURES):
        _login(Client(), "0912000888", "sai", ip="10.7.0.1")
    assert _login(Client(), "0912000888", ip="10.7.0.1").status_code == 429
    _ask_reset(client, "0912000888")
    new = "Mot-mat-khau-moi-9"
    client.post(
        reverse("accounts:password_reset_confirm"),
        {"code": latest_otp("+84912000888"), "password1": new, "password2": new},
    )
    assert _login(Client(), "0912000888", new, ip="10.7.0.1").status_code == 302


def test_password_reset_does_not_reveal_whether_an_account_exists():
    make_citizen(phone="+84912000777")
    known, unknown = Client(), Client()
    answers = []
    for client, identifier in ((known, "0912000777"), (unknown, "0912000778")):
        response = _ask_reset(client, identifier)
        page = client.get(response["Location"])
        wrong = client.post(
            reverse("accounts:password_reset_confirm"),
            {
                "code": "000000",
                "password1": "Mot-mat-khau-moi-9",
                "password2": "Mot-mat-khau-moi-9",
            },
        )
        answers.append(
            (
                response.status_code,
                response["Location"],
                "Nếu thông tin trên khớp" in page.content.decode(),
                wrong.status_code,
                "Mã OTP không đúng hoặc đã hết hạn." in wrong.content.decode(),
            )
        )
    assert answers[0] == answers[1]
    assert answers[0][2] and answers[0][4]


def test_reset_request_needs_the_captcha(client):
    client.get(reverse("accounts:password_reset"))
    response = client.post(
        reverse("accounts:password_reset"), {"identifier": "0912000777", "captcha": "AAAAA"}
    )
    assert response.status_code == 400
    assert get_user_model().objects.count() == 0


def test_verification_level_is_available_to_later_parts():
    from dichvucong.accounts.selectors import has_verification_level

    medium = make_citizen()
    high = make_citizen(verification_level="high")
    pending = make_citizen(verification_level="none", verification_status="pending")
    assert has_verification_level(medium, "medium") and not has_verification_level(medium, "high")
    assert has_verification_level(high, "high")
    assert not has_verification_level(pending, "medium")


def test_a_bare_word_as_next_lands_on_the_profile_instead_of_a_500():
    citizen = make_citizen()
    response = _login(Client(raise_request_exception=False), citizen.id_number, next="abc")
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:profile")
