"""The back office sees what DVCQG has not acknowledged, and leaders resend what it refused."""

import pytest
from django.urls import reverse

from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.interop.models import OutboxState
from dichvucong.interop.sync.outbox import drain_outbox
from dichvucong.interop.sync.reconcile import reconcile
from dichvucong.interop.tests.fake_portal import FakeNationalPortal
from dichvucong.processing.tests.factories import agency_officer, make_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(settings):
    fake = FakeNationalPortal()
    with fake.running():
        fake.configure(settings)
        settings.NATIONAL_SYNC_MAX_ATTEMPTS = 1
        yield fake


def test_the_dossier_page_and_inbox_say_not_synced_until_the_portal_has_it(portal, client):
    dossier = make_dossier(status=S.RECEIVED)
    client.force_login(agency_officer(dossier.agency, "specialist"))
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "Chưa đồng bộ" in page
    drain_outbox()
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "Chưa đồng bộ" not in page


def test_a_leader_sees_refused_entries_and_resends_them(portal, client):
    dossier = make_dossier(status=S.NEW)
    portal.fail_next(status=503)
    drain_outbox()
    entry = dossier.outbox.get()
    assert entry.state == OutboxState.DEAD
    reconcile()
    leader = agency_officer(dossier.agency, "leader")
    client.force_login(leader)
    inbox = client.get(reverse("processing:inbox")).content.decode()
    assert reverse("interop:sync_status") in inbox
    page = client.get(reverse("interop:sync_status")).content.decode()
    assert dossier.code in page and "HTTP 503" in page
    assert dossier.agency.name in page  # the reconciliation row of the leader's agency
    response = client.post(reverse("interop:sync_status"), {"entry": [entry.pk]}, follow=True)
    assert "Đã đưa 1 bản tin" in response.content.decode()
    entry.refresh_from_db()
    assert entry.state in (OutboxState.PENDING, OutboxState.SENT)
    assert AuditLog.objects.filter(action="interop.outbox_resend", actor=leader).exists()


def test_a_counter_officer_or_a_citizen_may_not_open_it(portal, client):
    dossier = make_dossier(status=S.NEW)
    client.force_login(agency_officer(dossier.agency, "counter"))
    assert client.get(reverse("interop:sync_status")).status_code == 403
    client.force_login(dossier.applicant)
    assert client.get(reverse("interop:sync_status")).status_code == 403


def test_a_leader_cannot_resend_another_agency_s_entries(portal, client):
    mine = make_dossier(status=S.NEW)
    theirs = make_dossier(status=S.NEW)
    portal.fail_next(times=2, status=500)
    drain_outbox()
    drain_outbox()
    entry = theirs.outbox.get()
    client.force_login(agency_officer(mine.agency, "leader"))
    client.post(reverse("interop:sync_status"), {"entry": [entry.pk, "x"]})
    entry.refresh_from_db()
    assert entry.state == OutboxState.DEAD
