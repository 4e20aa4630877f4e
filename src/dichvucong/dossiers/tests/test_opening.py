"""One path opens a dossier: what online submission writes (counter intake: processing tests)."""

import uuid

import pytest

from dichvucong.accounts.signin import SignedInIdentity
from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.core.models import AuditLog
from dichvucong.core.text import search_text
from dichvucong.dossiers.models import DossierEvent, DossierStatus
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import (
    ANSWERS,
    document_photo,
    procedure_with_documents,
    upload,
)

pytestmark = pytest.mark.django_db


def test_an_online_dossier_is_searchable_by_name_id_number_and_procedure():
    citizen = make_citizen(full_name="Võ Thị Hồng Nhung", id_number="079190001234")
    procedure, doc, _ = procedure_with_documents(name="Chứng thực bản sao từ bản chính")
    dossier = dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        files=[(doc, upload("a.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
    )
    dossier.refresh_from_db()
    for words in ("vo thi hong nhung", "079190001234", "chung thuc ban sao"):
        assert words in dossier.search_text
    assert search_text(dossier.code) in dossier.search_text
    event = DossierEvent.objects.get(dossier=dossier)
    assert (event.action, event.from_status, event.to_status) == (
        "submitted",
        DossierStatus.DRAFT,
        DossierStatus.NEW,
    )
    assert AuditLog.objects.filter(action="dossier.submitted").count() == 1


def _submit(citizen, **kwargs):
    procedure, doc, _ = procedure_with_documents()
    return dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        files=[(doc, upload("a.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
        **kwargs,
    )


def test_a_dossier_records_the_national_sign_in_it_was_submitted_with():
    dossier = _submit(make_citizen(), identity=SignedInIdentity("vneid", 2))
    dossier.refresh_from_db()
    assert (dossier.applicant_identity_method, dossier.applicant_identity_level) == ("vneid", 2)


def test_a_dossier_submitted_after_a_password_login_says_so():
    dossier = _submit(make_citizen())
    dossier.refresh_from_db()
    assert (dossier.applicant_identity_method, dossier.applicant_identity_level) == (
        "password",
        None,
    )
