import pytest

from dichvucong.accounts.models import StaffRole
from dichvucong.accounts.permissions import staff_agency_ids
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.demo.registry import DemoReport
from dichvucong.demo.steps import staff

pytestmark = pytest.mark.django_db


def test_demo_staff_step_skips_without_agencies():
    report = DemoReport()
    staff.load(report)
    assert not report.logins and "bỏ qua" in report.lines[0]


def test_demo_staff_step_creates_four_officers_once_and_reports_their_logins(client):
    busy = make_agency()
    make_procedure(agencies=[busy])
    make_procedure(agencies=[busy])
    make_procedure(agencies=[make_agency()])
    for _ in range(2):
        report = DemoReport()
        staff.load(report)
    assert StaffRole.objects.count() == 4
    assert {login.username for login in report.logins} == {
        "canbo.motcua",
        "canbo.chuyenvien",
        "canbo.lanhdao",
        "canbo.xacminh",
    }
    login = report.logins[0]
    assert client.login(username=login.username, password=login.password)
    assert staff_agency_ids(StaffRole.objects.first().user) == {busy.pk}


def test_identity_clerks_may_verify_while_they_hold_the_role():
    from dichvucong.accounts.permissions import lands_in_back_office, may_verify_identity
    from dichvucong.accounts.services import grant_staff_role, revoke_staff_role
    from dichvucong.accounts.tests.factories import make_staff

    agency = make_agency()
    clerk = make_staff()
    role = grant_staff_role(user=clerk, agency=agency, role="identity_clerk")
    clerk = type(clerk).objects.get(pk=clerk.pk)
    assert may_verify_identity(clerk) and not lands_in_back_office(clerk)
    revoke_staff_role(staff_role=role)
    clerk = type(clerk).objects.get(pk=clerk.pk)
    assert not may_verify_identity(clerk)


def test_the_demo_identity_clerk_reaches_the_checks_from_the_officer_home(client):
    from django.urls import reverse

    make_procedure(agencies=[make_agency()])
    staff.load(DemoReport())
    clerk = next(login for login in staff.PUBLISHED_LOGINS if login[0] == "canbo.xacminh")
    assert client.login(username=clerk[0], password=clerk[1])
    response = client.get(reverse("processing:inbox"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:officer_pending")
    assert client.get(response["Location"]).status_code == 200
