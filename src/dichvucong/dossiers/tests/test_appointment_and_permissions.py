import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache

from dichvucong.accounts.tests.factories import make_citizen, make_staff
from dichvucong.core.calendar import OVERRIDES_CACHE_KEY
from dichvucong.dossiers.appointments import appointment_at
from dichvucong.dossiers.models import Dossier
from dichvucong.dossiers.permissions import can_view_dossier
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import (
    ANSWERS,
    document_photo,
    procedure_with_documents,
    upload,
)
from dichvucong.notifications.models import MessageChannel, MessageTemplate, SmsMessage

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_dossier_sent_after_hours_counts_from_the_next_working_morning():
    # Another test's calendar override may linger in the cache after its rollback.
    cache.delete(OVERRIDES_CACHE_KEY)
    procedure, _, _ = procedure_with_documents(processing_days=1)
    friday_evening = datetime(2026, 11, 27, 19, 30, tzinfo=HCM)
    assert appointment_at(procedure, friday_evening) == datetime(2026, 11, 30, 17, 0, tzinfo=HCM)
    tuesday_morning = datetime(2026, 12, 1, 9, 0, tzinfo=HCM)
    assert appointment_at(procedure, tuesday_morning) == datetime(2026, 12, 2, 9, 0, tzinfo=HCM)


def _submitted(citizen):
    procedure, doc, _ = procedure_with_documents()
    return dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        files=[(doc, upload("a.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
    )


def test_the_sms_uses_the_template_edited_in_the_admin(django_capture_on_commit_callbacks):
    MessageTemplate.objects.create(
        code="dossier_submitted",
        channel=MessageChannel.SMS,
        body="DVC: ho so {ma_ho_so}, hen tra {han_tra}.",
    )
    with django_capture_on_commit_callbacks(execute=True):
        dossier = _submitted(make_citizen())
    dossier.refresh_from_db()
    text = SmsMessage.objects.get(dossier_id=dossier.pk).text
    # Stored with tone marks; only the SMS layer folds them (issue 17.9).
    assert text == f"DVC: ho so {dossier.code}, hen tra Hẹn khi tiếp nhận hồ sơ."


def test_only_the_owner_a_superuser_or_staff_of_the_agency_may_view():
    from dichvucong.accounts.services import grant_staff_role

    owner = make_citizen()
    dossier = _submitted(owner)
    officer, outsider, clerk = make_staff(), make_staff(), make_staff()
    grant_staff_role(user=officer, agency=dossier.agency, role="counter")
    grant_staff_role(user=clerk, agency=dossier.agency, role="identity_clerk")
    assert can_view_dossier(owner, dossier)
    assert can_view_dossier(officer, dossier)
    assert not can_view_dossier(outsider, dossier)
    assert not can_view_dossier(clerk, dossier)  # the identity clerk checks ID papers only
    assert not can_view_dossier(make_citizen(), dossier)
    assert can_view_dossier(make_staff(is_superuser=True), dossier)
    draft = Dossier.objects.get(pk=dossier.pk)
    draft.status = 0
    assert not can_view_dossier(officer, draft)  # officers never see a citizen's draft
