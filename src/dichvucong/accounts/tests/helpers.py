"""Drive the registration wizard through the test client; requests that arrive together."""

import threading

from django.urls import reverse

from dichvucong.accounts.tests.conftest import captcha_answer, latest_otp

PHONE = "0987654321"
PHONE_E164 = "+84987654321"
GOOD_PASSWORD = "Ngay-moi-2026!"


def citizen_details(**overrides) -> dict:
    return {
        "full_name": "Nguyễn Thị Lan",
        "id_number": "060195001122",
        "date_of_birth": "1995-03-08",
        "phone": PHONE,
        "email": "lan@example.vn",
    } | overrides


def start(client, account_type="citizen", method="phone"):
    return client.post(
        reverse("accounts:register"), {"account_type": account_type, "verification_method": method}
    )


def submit_details(client, data: dict, *, captcha: str | None = None):
    client.get(reverse("accounts:register_details"))
    answer = captcha_answer(client) if captcha is None else captcha
    return client.post(reverse("accounts:register_details"), data | {"captcha": answer})


def confirm_phone(client, phone: str = PHONE, **extra):
    """Type the registration OTP just sent to `phone`; return the response (every method)."""
    from dichvucong.core.vn.phones import normalise_mobile

    code = latest_otp(normalise_mobile(phone))
    return client.post(reverse("accounts:register_otp"), {"code": code} | extra)


def register_by_phone(client, **overrides):
    """Run every step of the phone-OTP registration; return the final response."""
    start(client)
    data = citizen_details(**overrides)
    response = submit_details(client, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    from dichvucong.core.vn.phones import normalise_mobile

    code = latest_otp(normalise_mobile(data["phone"]))
    client.post(reverse("accounts:register_otp"), {"code": code})
    return client.post(
        reverse("accounts:register_password"),
        {"password1": GOOD_PASSWORD, "password2": GOOD_PASSWORD},
    )


def together(workers: int, attempt) -> None:
    threads = [threading.Thread(target=attempt) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
