"""Issue 17.9: "Nộp hồ sơ" in the main menu opens a searchable list of the procedures that
accept online dossiers, each leading to its submission."""

import pytest
from django.urls import reverse

from dichvucong.catalog.models import OnlineLevel
from dichvucong.catalog.tests.factories import make_procedure

pytestmark = pytest.mark.django_db


def test_the_menu_leads_to_a_searchable_list_of_online_procedures(client):
    online = make_procedure(name="Đăng ký khai sinh trực tuyến")
    other = make_procedure(name="Đăng ký kết hôn trực tuyến")
    counter_only = make_procedure(
        name="Cấp giấy phép tại quầy", accepts_online=False, online_level=OnlineLevel.INFO
    )
    home = client.get(reverse("catalog:home")).content.decode()
    assert f'href="{reverse("dossiers:pick")}"' in home and "Nộp hồ sơ" in home
    page = client.get(reverse("dossiers:pick")).content.decode()
    assert online.code in page and other.code in page and counter_only.code not in page
    assert reverse("dossiers:start", args=[online.code]) in page
    found = client.get(reverse("dossiers:pick"), {"q": "khai sinh"}).content.decode()
    assert online.code in found and other.code not in found
