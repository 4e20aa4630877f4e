"""The citizen chooses counter or post on the review step, before pressing Submit."""

import uuid

import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.core.vn.addresses import communes, provinces
from dichvucong.dossiers.models import ResultDelivery
from dichvucong.dossiers.services import dossier_submit, draft_create
from dichvucong.dossiers.tests.helpers import (
    ANSWERS,
    procedure_with_documents,
    small_pdf,
    upload,
)

pytestmark = pytest.mark.django_db
PROVINCE = provinces()[0][0]


def test_review_step_offers_the_choice_and_the_submitted_dossier_keeps_it(client):
    citizen = make_citizen()
    procedure, form_document, _ = procedure_with_documents()
    draft = draft_create(applicant=citizen, procedure=procedure)
    client.force_login(citizen)
    review = reverse("dossiers:draft_review", args=[draft.pk])
    choice = reverse("delivery:choice", args=[draft.pk])
    assert f"{choice}?next=" in client.get(review).content.decode()

    response = client.post(
        choice,
        {
            "next": review,
            "result_delivery": "post",
            "recipient_name": "Nguyễn Văn A",
            "phone": "0912345678",
            "province_code": PROVINCE,
            "commune_code": communes(PROVINCE)[0][0],
            "line": "12 Nguyễn Tất Thành",
        },
    )
    assert response.status_code == 302 and response["Location"] == review
    assert "12 Nguyễn Tất Thành" in client.get(review).content.decode()

    dossier = dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        idempotency_key=uuid.uuid4(),
        draft=draft,
        files=[(form_document, upload("to-khai.pdf", small_pdf()))],
    )
    assert dossier.code and dossier.result_delivery == ResultDelivery.POST
    assert dossier.delivery_address["province_code"] == PROVINCE


def test_a_foreign_next_address_is_ignored(client):
    citizen = make_citizen()
    procedure, _, _ = procedure_with_documents()
    draft = draft_create(applicant=citizen, procedure=procedure)
    client.force_login(citizen)
    response = client.post(
        reverse("delivery:choice", args=[draft.pk]),
        {"next": "https://example.com/", "result_delivery": "counter"},
    )
    assert response["Location"] == reverse("delivery:choice", args=[draft.pk])


def test_another_citizen_cannot_open_my_draft_choice(client):
    procedure, _, _ = procedure_with_documents()
    draft = draft_create(applicant=make_citizen(), procedure=procedure)
    client.force_login(make_citizen())
    assert client.get(reverse("delivery:choice", args=[draft.pk])).status_code == 404


def test_a_bare_word_as_next_goes_back_to_the_choice_instead_of_a_500(client):
    citizen = make_citizen()
    procedure, _, _ = procedure_with_documents()
    draft = draft_create(applicant=citizen, procedure=procedure)
    client.force_login(citizen)
    client.raise_request_exception = False
    response = client.post(
        reverse("delivery:choice", args=[draft.pk]), {"next": "abc", "result_delivery": "counter"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("delivery:choice", args=[draft.pk])
