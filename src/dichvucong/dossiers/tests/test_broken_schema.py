"""A form schema that fails the check (old data, a typo) never reaches a citizen as a 500."""

import logging
import uuid

import pytest
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.errors import SubmissionError
from dichvucong.dossiers.models import Dossier
from dichvucong.dossiers.services import dossier_submit
from dichvucong.dossiers.tests.helpers import SCHEMA, procedure_with_documents

pytestmark = pytest.mark.django_db
UPDATING = "Biểu mẫu của thủ tục đang được cập nhật"


def _break(procedure, row: dict) -> None:
    procedure.form_schema = [*SCHEMA, row]
    procedure.save(update_fields=["form_schema"])


@pytest.mark.parametrize(
    "row",
    [
        {"name": "ngay", "label": "Ngày cấp", "type": "ngay"},  # unknown type
        {"name": "gioi_tinh", "label": "Giới tính", "type": "choice"},  # choices missing
        {"name": "ghi_chu", "type": "text"},  # label missing
    ],
)
def test_a_broken_schema_shows_the_updating_page_on_every_step(client, row, caplog):
    citizen = make_citizen()
    procedure, _, _ = procedure_with_documents()
    client.force_login(citizen)
    start = client.post(
        reverse("dossiers:start", args=[procedure.code]),
        {"agency": procedure.agencies.get().pk},
    )
    draft = Dossier.objects.get(pk=int(start.url.rstrip("/").split("/")[-2]))
    _break(procedure, row)

    with caplog.at_level(logging.ERROR):
        pages = [
            client.get(reverse("dossiers:start", args=[procedure.code])),
            client.get(reverse("dossiers:draft_form", args=[draft.pk])),
            client.post(reverse("dossiers:draft_form", args=[draft.pk]), {"full_name": "A"}),
            client.get(reverse("dossiers:draft_review", args=[draft.pk])),
            client.post(
                reverse("dossiers:draft_submit", args=[draft.pk]),
                {"idempotency_key": str(uuid.uuid4())},
            ),
        ]

    for page in pages:
        assert page.status_code == 503
        assert UPDATING in page.content.decode()
    assert procedure.code in caplog.text and "invalid" in caplog.text


def test_the_service_refuses_a_broken_schema_in_vietnamese():
    citizen = make_citizen()
    procedure, _, _ = procedure_with_documents()
    _break(procedure, {"name": "x", "label": "X", "type": "choise"})

    with pytest.raises(SubmissionError) as refused:
        dossier_submit(
            applicant=citizen, procedure=procedure, data={}, idempotency_key=uuid.uuid4()
        )

    assert refused.value.messages == [f"{UPDATING}."]
