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


def test_the_officer_menu_item_opens_the_page_each_officer_works_on(client):
    from dichvucong.accounts.services import grant_staff_role
    from dichvucong.accounts.tests.factories import make_citizen, make_staff

    team = make_team()
    clerk = make_staff()
    grant_staff_role(user=clerk, agency=team["agency"], role="identity_clerk")
    for user, link in (
        (team["counter"], reverse("processing:inbox")),
        (clerk, reverse("accounts:officer_pending")),
    ):
        client.force_login(user)
        page = client.get(reverse("tracking:lookup")).content.decode()
        assert f'<a href="{link}">Cán bộ</a>' in page
        assert client.get(link).status_code == 200
    client.force_login(make_citizen())
    assert ">Cán bộ</a>" not in client.get(reverse("tracking:lookup")).content.decode()
