"""Garbage in any field of any account form gives a 4xx page, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from dichvucong.accounts.services import DuplicateAccountError, register_account
from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.accounts.tests.helpers import citizen_details, start

pytestmark = pytest.mark.django_db

JUNK = [
    "",
    " ",
    "x" * 5000,
    "\x00",
    "'; DROP TABLE x; --",
    "<script>alert(1)</script>",
    "１２３４５６７８９０１２",
    "-1",
    "9" * 40,
]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_every_public_form_never_gives_a_500(junk):
    client = Client(raise_request_exception=False)
    start(client)
    client.get(reverse("accounts:register_details"))
    fields = {k: junk for k in [*citizen_details(), "captcha"]}
    pages = [
        (reverse("accounts:register"), {"account_type": junk, "verification_method": junk}),
        (reverse("accounts:register_details"), fields),
        (reverse("accounts:login"), {"identifier": junk, "password": junk, "next": junk}),
        (reverse("accounts:password_reset"), {"identifier": junk, "captcha": junk}),
        (reverse("accounts:password_reset_confirm"), {"code": junk, "password1": junk}),
    ]
    for url, data in pages:
        response = client.post(url, data)
        assert response.status_code < 500, (url, response.status_code)
    assert client.get(reverse("accounts:communes_api"), {"tinh": junk}).status_code == 400


@pytest.mark.parametrize("junk", JUNK)
def test_junk_in_profile_forms_never_gives_a_500(junk):
    client = Client(raise_request_exception=False)
    client.force_login(make_citizen())
    for url, data in [
        (
            reverse("accounts:profile"),
            {"email": junk, "province_code": junk, "commune_code": junk, "address_line": junk},
        ),
        (reverse("accounts:phone_change"), {"phone": junk}),
    ]:
        assert client.post(url, data).status_code in (302, 400)


def test_second_registration_with_the_same_id_number_is_refused_by_the_service():
    data = citizen_details() | {"account_type": "citizen", "phone": "+84987654321"}
    register_account(data=data, method="phone", password="Ngay-moi-2026!")
    with pytest.raises(DuplicateAccountError, match="đã có tài khoản"):
        register_account(
            data=data | {"phone": "+84987654322"}, method="phone", password="Ngay-moi-2026!"
        )
