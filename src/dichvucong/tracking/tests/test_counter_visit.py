"""A partly-online applicant is told exactly what to bring, where and when: on the success
page, on their dossier page and in the SMS; a fully online one is not."""

import pytest
from django.urls import reverse

from dichvucong.catalog.models import OnlineLevel, RequiredDocument
from dichvucong.catalog.tests.factories import make_agency, make_procedure
from dichvucong.dossiers.tasks import send_submission_sms
from dichvucong.notifications.models import SmsMessage
from dichvucong.notifications.services import sent_text
from dichvucong.processing.tests.factories import make_dossier

pytestmark = pytest.mark.django_db


def _dossier(level):
    agency = make_agency(address="Số 1 Trần Hưng Đạo, phường Phan Thiết", phone="0252 3822 111")
    procedure = make_procedure(agencies=[agency], online_level=level)
    RequiredDocument.objects.create(procedure=procedure, name="Giấy chứng sinh", originals=1)
    RequiredDocument.objects.create(procedure=procedure, name="Bản sao sổ hộ khẩu", originals=0)
    return make_dossier(agency=agency, procedure=procedure, applicant_phone="0912345678")


def test_the_success_page_the_dossier_page_and_the_sms_say_what_to_bring(client):
    dossier = _dossier(OnlineLevel.PARTIAL)
    client.force_login(dossier.applicant)
    for url in (
        reverse("dossiers:submitted", args=[dossier.pk]),
        reverse("tracking:my_dossier", kwargs={"ref": dossier.code}),
    ):
        page = client.get(url).content.decode()
        assert 'id="counter-visit"' in page, url
        assert "Giấy chứng sinh" in page and "Số 1 Trần Hưng Đạo" in page
        assert "07:00–11:30, 13:30–17:00" in page and "0252 3822 111" in page
        visit = page.split('id="counter-visit"', 1)[1].split("</section>", 1)[0]
        assert "Bản sao sổ hộ khẩu" not in visit  # no original to compare
    send_submission_sms.call(dossier.pk)
    message = SmsMessage.objects.get(dossier_id=dossier.pk)
    sms = message.text  # folded only by the SMS layer
    assert "mang bản gốc Giấy chứng sinh (1 bản chính) đến Số 1 Trần Hưng Đạo" in sms
    assert "Bản sao sổ hộ khẩu" not in sms
    # The phone gets all of it: the message may take three parts, not cut at 160 characters.
    sent = sent_text(message)
    assert len(sent) > 160 and not sent.endswith("...")
    assert "den So 1 Tran Hung Dao, phuong Phan Thiet de doi chieu" in sent
    assert sent.endswith("(07:00-11:30, 13:30-17:00).")


def test_a_fully_online_dossier_asks_for_no_visit(client):
    dossier = _dossier(OnlineLevel.FULL)
    client.force_login(dossier.applicant)
    page = client.get(reverse("dossiers:submitted", args=[dossier.pk])).content.decode()
    assert 'id="counter-visit"' not in page
    send_submission_sms.call(dossier.pk)
    assert "bản gốc" not in SmsMessage.objects.get(dossier_id=dossier.pk).text.lower()
