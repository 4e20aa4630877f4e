import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dichvucong.demo.registry import DEMO_ACCOUNT_STEPS, DEMO_STEPS, DemoReport
from dichvucong.demo.steps import accounts

pytestmark = pytest.mark.django_db


def test_demo_citizen_is_created_once_and_can_log_in(client):
    steps = DEMO_STEPS + DEMO_ACCOUNT_STEPS  # the people come after the data
    assert steps.index("dichvucong.demo.steps.accounts") > steps.index(
        "dichvucong.demo.steps.catalog"
    )
    first, second = DemoReport(), DemoReport()
    accounts.load(first)
    accounts.load(second)
    assert get_user_model().objects.filter(id_number=accounts.CITIZEN["id_number"]).count() == 1
    login = second.logins[0]
    assert login.role == "Công dân"
    response = client.post(
        reverse("accounts:login"), {"identifier": login.username, "password": login.password}
    )
    assert response.status_code == 302
    assert "Trung bình" in client.get(reverse("accounts:profile")).content.decode()
