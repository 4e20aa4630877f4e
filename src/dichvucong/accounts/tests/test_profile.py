import pytest
from django.test import Client
from django.urls import reverse

from dichvucong.accounts.tests.conftest import latest_otp
from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.core.vn import addresses

pytestmark = pytest.mark.django_db
PROFILE = reverse("accounts:profile")


def test_profile_needs_login(client):
    response = client.get(PROFILE)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_profile_shows_personal_data_and_verification_level(client):
    user = make_citizen(full_name="Võ Văn Kiệt", phone="+84912000888", verification_method="phone")
    client.force_login(user)
    html = client.get(PROFILE).content.decode()
    for text in (
        "Võ Văn Kiệt",
        user.id_number,
        "0912 000 888",
        "Trung bình",
        "Thuê bao di động",
        "Đã xác minh",
    ):
        assert text in html


def test_contact_address_uses_todays_province_and_commune(client):
    user = make_citizen()
    client.force_login(user)
    commune_code, commune = addresses.communes("68")[0]
    response = client.post(
        PROFILE,
        {
            "email": "moi@example.vn",
            "province_code": "68",
            "commune_code": commune_code,
            "address_line": "Số 1",
        },
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.email, user.province_code, user.commune_code) == (
        "moi@example.vn",
        "68",
        commune_code,
    )
    html = client.get(PROFILE).content.decode()
    assert commune in html and "Lâm Đồng" in html


def test_commune_of_another_province_and_bad_email_are_refused_and_kept(client):
    user = make_citizen()
    client.force_login(user)
    hanoi_commune = addresses.communes("01")[0][0]
    response = client.post(
        PROFILE,
        {
            "email": "sai@",
            "province_code": "68",
            "commune_code": hanoi_commune,
            "address_line": "Số 2",
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "Xã/phường không thuộc tỉnh/thành phố đã chọn." in html
    assert "Địa chỉ thư điện tử không hợp lệ." in html
    assert 'value="Số 2"' in html and 'value="sai@"' in html


def test_communes_endpoint_lists_the_communes_of_a_province(client):
    data = client.get(reverse("accounts:communes_api"), {"tinh": "68"}).json()
    assert data["tinh"] == "68" and len(data["xa"]) > 50
    assert {"ma", "ten"} <= set(data["xa"][0])
    assert client.get(reverse("accounts:communes_api"), {"tinh": "999"}).status_code == 400
    assert client.get(reverse("accounts:communes_api")).status_code == 400


def test_phone_change_goes_through_an_otp_to_the_new_number(client):
    user = make_citizen(phone="+84912000999")
    client.force_login(user)
    response = client.post(reverse("accounts:phone_change"), {"phone": "0987 111 222"})
    assert response["Location"] == reverse("accounts:phone_change_confirm")
    bad = client.post(reverse("accounts:phone_change_confirm"), {"code": "12345x"})
    assert bad.status_code == 400 and "Mã OTP gồm 6 chữ số." in bad.content.decode()
    client.post(reverse("accounts:phone_change_confirm"), {"code": latest_otp("+84987111222")})
    user.refresh_from_db()
    assert user.phone == "+84987111222"


def test_phone_change_to_a_number_in_use_is_refused(client):
    make_citizen(phone="+84987333444")
    client.force_login(make_citizen())
    response = client.post(reverse("accounts:phone_change"), {"phone": "0987333444"})
    assert response.status_code == 400
    assert "đã được dùng cho tài khoản khác" in response.content.decode()


def test_profile_forms_enforce_csrf():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_citizen())
    assert client.post(PROFILE, {"email": "a@b.vn"}).status_code == 403
