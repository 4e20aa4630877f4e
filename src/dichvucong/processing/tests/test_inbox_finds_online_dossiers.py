"""A dossier submitted online through the real service is found in the officer inbox by name."""

import uuid

import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.tests.factories import make_agency
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import (
    ANSWERS,
    document_photo,
    procedure_with_documents,
    upload,
)
from dichvucong.processing.tests.factories import make_officer

pytestmark = pytest.mark.django_db


def test_the_counter_officer_finds_an_online_dossier_by_the_applicants_name(client):
    agency = make_agency()
    procedure, doc, _ = procedure_with_documents(agencies=[agency])
    citizen = make_citizen(full_name="Võ Thị Hồng Nhung")
    dossier = dossier_submit(
        applicant=citizen,
        procedure=procedure,
        data=ANSWERS,
        files=[(doc, upload("to-khai.jpg", document_photo()))],
        idempotency_key=uuid.uuid4(),
    )
    client.force_login(make_officer(agency, "counter"))
    url = reverse("processing:inbox")
    for typed in ("Võ Thị Hồng Nhung", "hong nhung", citizen.id_number):
        response = client.get(url, {"tab": "moi", "q": typed})
        assert response.status_code == 200
        assert [d.code for d in response.context["rows"]] == [dossier.code], typed
        assert dossier.code in response.content.decode()
    assert client.get(url, {"tab": "moi", "q": "Trần Văn Khác"}).context["rows"] == []
