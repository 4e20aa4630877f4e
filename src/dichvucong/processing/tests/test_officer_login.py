import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import PASSWORD
from dichvucong.processing.tests.factories import make_team

pytestmark = pytest.mark.django_db


def test_an_officer_with_only_a_staff_role_lands_in_the_workspace(client):
    counter = make_team()["counter"]
    assert not counter.is_staff
    response = client.post(
        reverse("accounts:login"), {"identifier": counter.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/can-bo/"
