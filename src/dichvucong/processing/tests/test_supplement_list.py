"""A supplement request lists the papers one by one with their reasons, for the officer, the
citizen and the SMS; a second request is flagged to the officer before it is sent."""

import pytest
from django.urls import reverse

from dichvucong.catalog.models import RequiredDocument
from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.notifications.models import SmsMessage
from dichvucong.processing.services import dossier_transition, resume_status
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]])
    birth = RequiredDocument.objects.create(procedure=procedure, name="Giấy chứng sinh", order=1)
    marriage = RequiredDocument.objects.create(
        procedure=procedure, name="Giấy chứng nhận kết hôn", order=2
    )
    dossier = make_dossier(agency=team["agency"], procedure=procedure)
    return team, dossier, birth, marriage


def test_the_officer_ticks_papers_with_reasons_and_the_citizen_sees_the_same_list(
    client, setup, django_capture_on_commit_callbacks
):
    team, dossier, birth, marriage = setup
    client.force_login(team["counter"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert f'name="paper" value="{birth.pk}"' in page and "Giấy tờ khác" in page
    assert "data-second-supplement" not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("processing:transition", args=[dossier.pk]),
            {
                "to": S.SUPPLEMENT_REQUESTED,
                "expected_status": S.NEW,
                "paper": [str(birth.pk), str(marriage.pk)],
                f"reason_{birth.pk}": "Ảnh bị mờ.",
                f"reason_{marriage.pk}": "Thiếu trang 2",
                "other_paper": "Sổ hộ khẩu cũ",
                "other_reason": "Để đối chiếu nơi cư trú",
                "note": "",
            },
        )
    assert response.status_code == 302
    event = dossier.events.get(to_status=S.SUPPLEMENT_REQUESTED)
    lines = [
        "Giấy chứng sinh: Ảnh bị mờ.",
        "Giấy chứng nhận kết hôn: Thiếu trang 2",
        "Sổ hộ khẩu cũ: Để đối chiếu nơi cư trú",
    ]
    assert event.data["documents"] == lines
    assert event.data["required_document_ids"] == [birth.pk, marriage.pk]
    sms = SmsMessage.objects.get(dossier_id=dossier.pk).text
    assert "Giấy chứng sinh; Giấy chứng nhận kết hôn; Sổ hộ khẩu cũ" in sms
    assert ".." not in sms and len(sms) < 200
    client.force_login(dossier.applicant)
    page = client.get(reverse("tracking:my_dossier", kwargs={"ref": dossier.code})).content
    for line in lines:
        assert line in page.decode()


def test_a_request_without_papers_is_refused_in_vietnamese(client, setup):
    team, dossier, _birth, _marriage = setup
    client.force_login(team["counter"])
    response = client.post(
        reverse("processing:transition", args=[dossier.pk]),
        {"to": S.SUPPLEMENT_REQUESTED, "expected_status": S.NEW, "note": ""},
    )
    assert response.status_code == 400
    assert "Vui lòng chọn giấy tờ cần bổ sung" in response.content.decode()


def test_the_officer_is_warned_before_a_second_request(client, setup):
    team, dossier, birth, _marriage = setup
    dossier = dossier_transition(
        dossier=dossier,
        to=S.SUPPLEMENT_REQUESTED,
        actor=team["counter"],
        note="Ảnh mờ",
        data={"documents": ["Giấy chứng sinh: Ảnh mờ"], "required_document_ids": [birth.pk]},
    )
    dossier = dossier_transition(
        dossier=dossier, to=resume_status(dossier), actor=dossier.applicant
    )
    client.force_login(team["counter"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "data-second-supplement" in page and "Quyết định 766" in page
