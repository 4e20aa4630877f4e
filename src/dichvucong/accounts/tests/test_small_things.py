"""Issue 17.9: logout by GET asks to confirm, /favicon.ico answers, officers sign in with a
username under a fitting label."""

import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen

pytestmark = pytest.mark.django_db


def test_logout_by_get_shows_a_confirmation_and_post_logs_out(client):
    client.force_login(make_citizen())
    page = client.get("/dang-xuat/")
    assert page.status_code == 200
    assert "Bạn có muốn đăng xuất" in page.content.decode()
    assert client.post("/dang-xuat/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_favicon_is_served(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert b"<svg" in b"".join(
        response.streaming_content if response.streaming else [response.content]
    )


def test_officer_login_is_labelled_for_usernames_and_accepts_one(client, django_user_model):
    django_user_model.objects.create_user(username="motcua.demo", password="Mat-khau-2026")
    page = client.get(reverse("accounts:login") + "?next=/can-bo/").content.decode()
    assert "Tên đăng nhập cán bộ" in page and "Số định danh cá nhân hoặc số điện thoại" not in page
    citizen_page = client.get(reverse("accounts:login")).content.decode()
    assert "Số định danh cá nhân hoặc số điện thoại" in citizen_page
    response = client.post(
        reverse("accounts:login"),
        {"identifier": "motcua.demo", "password": "Mat-khau-2026", "next": "/can-bo/"},
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session
