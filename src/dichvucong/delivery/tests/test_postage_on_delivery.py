"""Issue 17.1: postage is "thu khi nhận" — collected by the postman, said so on the choice page,
the fee pages, the officer's page and form 01, and never added to the amount paid online."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from dichvucong.delivery.tests.test_delivery import address
from dichvucong.dossiers.fees import fee_state
from dichvucong.dossiers.models import DossierStatus
from dichvucong.dossiers.receipts import render_receipt
from dichvucong.payments.tests.factories import make_dossier, make_officer_for

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_postage_is_announced_as_collected_on_delivery_everywhere(client):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    client.force_login(dossier.applicant)
    choice = reverse("delivery:choice", args=[dossier.pk])
    assert "thu khi nhận" in client.get(choice).content.decode()
    before = fee_state(dossier).total
    assert client.post(choice, address()).status_code == 302
    dossier.refresh_from_db()
    fees = fee_state(dossier)
    assert fees.postage_on_delivery == 35000 and fees.total == before  # not in the amount due
    page = client.get(reverse("payments:dossier_fees", args=[dossier.pk])).content.decode()
    assert "35.000 đồng do nhân viên bưu điện thu khi giao kết quả" in page
    assert "35.000 đồng do nhân viên bưu điện thu khi giao kết quả" in " ".join(
        _text(render_receipt(dossier)).split()
    )
    client.force_login(make_officer_for(dossier))
    officer = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "thu khi nhận" in officer


def test_no_postage_note_for_a_counter_result():
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    assert fee_state(dossier).postage_note == ""


def test_the_delivery_address_is_prefilled_from_the_profile(client):
    from dichvucong.accounts.tests.factories import make_citizen
    from dichvucong.delivery.tests.test_delivery import COMMUNE, PROVINCE

    citizen = make_citizen(
        province_code=PROVINCE, commune_code=COMMUNE, address_line="34 Trần Hưng Đạo"
    )
    dossier = make_dossier(status=DossierStatus.PROCESSING, applicant=citizen)
    client.force_login(citizen)
    page = client.get(reverse("delivery:choice", args=[dossier.pk])).content.decode()
    assert 'value="34 Trần Hưng Đạo"' in page
    assert f'<option value="{COMMUNE}" selected>' in page
