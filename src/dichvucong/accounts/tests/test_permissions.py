"""accounts.permissions: identity checks refused to other roles; one answer to "back office"."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from dichvucong.accounts.models import VerificationStatus
from dichvucong.accounts.permissions import (
    back_office_home,
    lands_in_back_office,
    may_verify_identity,
)
from dichvucong.accounts.services import grant_staff_role, verify_identity_in_person
from dichvucong.accounts.tests.factories import make_citizen, make_staff
from dichvucong.catalog.tests.factories import make_agency

pytestmark = pytest.mark.django_db


def _pending():
    return make_citizen(
        verification_method="post_office", verification_level="none", verification_status="pending"
    )


@pytest.mark.parametrize("role", ["counter", "specialist", "leader", "admin", None])
def test_verifying_an_identity_refuses_every_role_but_the_identity_clerk(client, role):
    officer = make_staff(is_staff=True)
    if role:
        grant_staff_role(user=officer, agency=make_agency(), role=role)
    account = _pending()
    assert not may_verify_identity(officer)
    with pytest.raises(PermissionDenied):
        verify_identity_in_person(account=account, officer=officer)
    client.force_login(officer)
    assert client.post(reverse("accounts:officer_verify", args=[account.pk])).status_code == 403
    account.refresh_from_db()
    assert account.verification_status == VerificationStatus.PENDING


def test_one_answer_to_where_each_kind_of_user_lands():
    agency = make_agency()
    counter, clerk, both = make_staff(), make_staff(), make_staff()
    grant_staff_role(user=counter, agency=agency, role="counter")
    grant_staff_role(user=clerk, agency=agency, role="identity_clerk")
    grant_staff_role(user=both, agency=agency, role="identity_clerk")
    grant_staff_role(user=both, agency=agency, role="leader")
    superuser = make_staff(is_staff=True, is_superuser=True)
    assert [lands_in_back_office(u) for u in (counter, clerk, both, superuser)] == [
        True,
        False,
        True,
        False,
    ]
    assert back_office_home(counter) == back_office_home(both) == "/can-bo/"
    assert back_office_home(clerk) == reverse("accounts:officer_pending")
    assert back_office_home(superuser) == reverse("admin:index")
    assert back_office_home(make_citizen()) is None
