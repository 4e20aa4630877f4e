"""Only an account verified at the procedure's identity level submits; an unverified one keeps
its draft and is told why and how to finish, before pressing "Nộp hồ sơ"."""

import uuid

import pytest
from django.urls import reverse

from dichvucong.accounts.models import VerificationLevel, VerificationStatus
from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import IdentityLevel
from dichvucong.dossiers.errors import SubmissionError
from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.dossiers.services import dossier_submit, draft_create
from dichvucong.dossiers.tests.helpers import (
    ANSWERS,
    document_photo,
    procedure_with_documents,
    upload,
)

pytestmark = pytest.mark.django_db

PENDING = {
    "verification_level": VerificationLevel.NONE,
    "verification_status": VerificationStatus.PENDING,
}


def _submit(citizen, procedure, doc):
    return dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        files=[(doc, upload("to-khai.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
    )


def test_an_unverified_account_cannot_submit_and_is_told_in_vietnamese():
    procedure, doc, _ = procedure_with_documents()
    with pytest.raises(SubmissionError) as caught:
        _submit(make_citizen(**PENDING), procedure, doc)
    assert "chưa được xác minh danh tính" in caught.value.messages[0]
    assert not Dossier.objects.exclude(status=DossierStatus.DRAFT).exists()


def test_a_procedure_asking_for_the_high_level_refuses_a_medium_account():
    procedure, doc, _ = procedure_with_documents(min_identity_level=IdentityLevel.HIGH)
    with pytest.raises(SubmissionError, match="Mức độ 3"):
        _submit(make_citizen(), procedure, doc)
    high = make_citizen(verification_level=VerificationLevel.HIGH)
    assert _submit(high, procedure, doc).status == DossierStatus.NEW


def test_a_procedure_without_a_minimum_takes_an_unverified_account():
    procedure, doc, _ = procedure_with_documents(min_identity_level=IdentityLevel.NONE)
    assert _submit(make_citizen(**PENDING), procedure, doc).status == DossierStatus.NEW


def test_the_last_step_explains_before_submit_and_the_post_keeps_the_draft(client):
    citizen = make_citizen(**PENDING)
    procedure, _doc, _ = procedure_with_documents()
    draft = draft_create(applicant=citizen, procedure=procedure)
    client.force_login(citizen)
    page = client.get(reverse("dossiers:draft_review", args=[draft.pk])).content.decode()
    assert 'id="identity-gap"' in page and "chưa được xác minh danh tính" in page
    assert reverse("dossiers:draft_submit", args=[draft.pk]) not in page
    assert reverse("accounts:profile") in page
    response = client.post(
        reverse("dossiers:draft_submit", args=[draft.pk]), {"idempotency_key": str(uuid.uuid4())}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dossiers:draft_review", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == DossierStatus.DRAFT
