import pytest

from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.demo.registry import DemoReport
from dichvucong.demo.steps import staff
from dichvucong.processing.models import StaffRole
from dichvucong.processing.selectors import staff_agency_ids

pytestmark = pytest.mark.django_db


def test_demo_staff_step_skips_without_agencies():
    report = DemoReport()
    staff.load(report)
    assert not report.logins and "bỏ qua" in report.lines[0]


def test_demo_staff_step_creates_three_officers_once_and_reports_their_logins(client):
    busy = make_agency()
    make_procedure(agencies=[busy])
    make_procedure(agencies=[busy])
    make_procedure(agencies=[make_agency()])
    for _ in range(2):
        report = DemoReport()
        staff.load(report)
    assert StaffRole.objects.count() == 3
    assert {login.username for login in report.logins} == {
        "canbo.motcua",
        "canbo.chuyenvien",
        "canbo.lanhdao",
    }
    login = report.logins[0]
    assert client.login(username=login.username, password=login.password)
    assert staff_agency_ids(StaffRole.objects.first().user) == {busy.pk}


def test_officers_land_on_the_workspace_and_identity_clerks_may_verify():
    from dichvucong.accounts.selectors import is_officer
    from dichvucong.accounts.tests.factories import make_staff
    from dichvucong.processing.services import grant_staff_role, revoke_staff_role

    agency = make_agency()
    clerk = make_staff()
    role = grant_staff_role(user=clerk, agency=agency, role="identity_clerk")
    clerk = type(clerk).objects.get(pk=clerk.pk)
    assert is_officer(clerk) and clerk.has_perm("accounts.verify_identity")
    revoke_staff_role(staff_role=role)
    clerk = type(clerk).objects.get(pk=clerk.pk)
    assert not is_officer(clerk) and not clerk.has_perm("accounts.verify_identity")
