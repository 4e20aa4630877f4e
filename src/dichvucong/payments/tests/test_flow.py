"""The citizen's fee flow through the portal's pages, officer actions and fee state."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.catalog.models import OnlineLevel
from dichvucong.core.models import AuditLog
from dichvucong.dossiers.fees import fee_state
from dichvucong.dossiers.models import DossierStatus
from dichvucong.payments.models import Payment, PaymentStatus
from dichvucong.payments.selectors import payment_rows
from dichvucong.payments.services import payment_charge_at_submission, payment_request
from dichvucong.payments.services_fees import fee_exempt
from dichvucong.payments.tests.factories import (
    FEE,
    make_dossier,
    make_fee_procedure,
    make_officer_for,
)

pytestmark = pytest.mark.django_db


def test_fully_online_procedure_with_fee_is_charged_at_submission():
    dossier = make_dossier()
    payment = payment_charge_at_submission(dossier=dossier)
    assert payment.amount == FEE and payment.purpose == "submission"
    assert fee_state(dossier).state == "due"
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.NEW


def test_partly_online_or_free_procedures_are_not_charged_at_submission():
    partial = make_dossier(procedure=make_fee_procedure(online_level=OnlineLevel.PARTIAL))
    free = make_dossier(procedure=make_fee_procedure(amount=0))
    assert payment_charge_at_submission(dossier=partial) is None
    assert payment_charge_at_submission(dossier=free) is None
    assert fee_state(partial).state == "not_requested" and fee_state(free).state == "none"


def test_citizen_pays_through_the_demo_page_and_sees_paid(
    client, django_capture_on_commit_callbacks
):
    dossier = make_dossier()
    payment_charge_at_submission(dossier=dossier)
    client.force_login(dossier.applicant)
    page = client.get(reverse("payments:dossier_fees", args=[dossier.pk]))
    assert "Thanh toán 50.000 đồng" in page.content.decode()
    response = client.post(reverse("payments:start", args=[dossier.pk]), {"provider": "demo"})
    payment = Payment.objects.get(dossier=dossier)
    assert response.url == reverse("payments:demo_pay", args=[payment.order_ref])
    with django_capture_on_commit_callbacks(execute=True):
        back = client.post(response.url, {"action": "pay"})
    result = client.get(back.url)
    assert "Thanh toán thành công" in result.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID and payment.receipt is not None
    download = client.get(reverse("payments:receipt", args=[payment.order_ref]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_cancel_on_demo_page_shows_failed_and_allows_another_attempt(client):
    dossier = make_dossier()
    payment_charge_at_submission(dossier=dossier)
    client.force_login(dossier.applicant)
    first = client.post(reverse("payments:start", args=[dossier.pk]), {"provider": "demo"})
    back = client.post(first.url, {"action": "cancel"})
    assert "Thanh toán không thành công" in client.get(back.url).content.decode()
    second = client.post(reverse("payments:start", args=[dossier.pk]), {"provider": "demo"})
    assert second.url != first.url
    assert Payment.objects.filter(dossier=dossier).count() == 2


def test_return_page_without_ipn_shows_pending_not_paid(client, settings):
    dossier = make_dossier()
    payment = payment_charge_at_submission(dossier=dossier)
    Payment.objects.filter(pk=payment.pk).update(provider="vnpay")
    client.force_login(dossier.applicant)
    # A forged "success" redirect: the page asks the gateway (down here) and shows pending.
    page = client.get(
        reverse("payments:return"), {"vnp_TxnRef": payment.order_ref, "vnp_ResponseCode": "00"}
    )
    assert "Đang chờ xác nhận" in page.content.decode()
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_other_citizens_get_404_for_fees_return_and_demo_pages(client):
    dossier = make_dossier()
    payment = payment_charge_at_submission(dossier=dossier)
    client.force_login(make_citizen())
    assert client.get(reverse("payments:dossier_fees", args=[dossier.pk])).status_code == 404
    assert (
        client.get(
            reverse("payments:return"), {"provider": "demo", "ref": payment.order_ref}
        ).status_code
        == 404
    )
    assert client.get(reverse("payments:demo_pay", args=[payment.order_ref])).status_code == 404


def test_unknown_provider_choice_is_a_400_with_a_message(client):
    dossier = make_dossier()
    payment_charge_at_submission(dossier=dossier)
    client.force_login(dossier.applicant)
    response = client.post(reverse("payments:start", args=[dossier.pk]), {"provider": "x"})
    assert response.status_code == 400
    assert "Vui lòng chọn một hình thức thanh toán" in response.content.decode()


def test_gateway_down_shows_a_message_and_keeps_the_fee_due(client):
    dossier = make_dossier()
    payment_charge_at_submission(dossier=dossier)
    client.force_login(dossier.applicant)
    response = client.post(reverse("payments:start", args=[dossier.pk]), {"provider": "momo"})
    assert response.status_code == 503
    assert "Cổng thanh toán đang gián đoạn" in response.content.decode()
    assert fee_state(dossier).state == "due"


def test_officer_requests_payment_then_exempts_with_a_reason(client):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    officer = make_officer_for(dossier)
    client.force_login(officer)
    url = reverse("payments:officer_fees", args=[dossier.pk])
    client.post(url, {"action": "request", "request-amount": "30000", "request-note": ""})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PAYMENT_REQUESTED
    assert fee_state(dossier).due == 30000
    Payment.objects.filter(dossier=dossier).update(provider="vnpay")
    page = client.get(url).content.decode()
    assert "VNPAY (thẻ ATM, Internet Banking, QR)" in page and "<td>vnpay</td>" not in page
    client.post(url, {"action": "exempt", "exempt-reason": "Hộ nghèo theo quy định"})
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING
    state = fee_state(dossier)
    assert state.state == "exempt" and dossier.fee_exemption.officer == officer
    assert AuditLog.objects.filter(action="payment.fee_exempted", actor=officer).exists()


def test_officer_cannot_ask_for_a_fee_outside_processing(client):
    dossier = make_dossier(status=DossierStatus.RECEIVED)
    client.force_login(make_officer_for(dossier))
    response = client.post(
        reverse("payments:officer_fees", args=[dossier.pk]),
        {"action": "request", "request-amount": "30000", "request-note": ""},
    )
    assert response.status_code == 400
    assert "Không thể thực hiện thao tác này ở trạng thái hiện tại" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.RECEIVED
    assert not Payment.objects.filter(dossier=dossier).exists()


def test_officer_of_another_agency_gets_404():
    from django.test import Client

    dossier = make_dossier(status=DossierStatus.PROCESSING)
    other = make_officer_for(make_dossier())
    client = Client()
    client.force_login(other)
    assert client.get(reverse("payments:officer_fees", args=[dossier.pk])).status_code == 404


def test_officer_pages_do_not_open_a_citizens_draft(client):
    draft = make_dossier(status=DossierStatus.DRAFT, code=None, submitted_at=None)
    client.force_login(make_officer_for(draft))
    assert client.get(reverse("payments:officer_fees", args=[draft.pk])).status_code == 404
    response = client.post(
        reverse("payments:officer_fees", args=[draft.pk]),
        {"action": "exempt", "exempt-reason": "Hộ nghèo"},
    )
    assert response.status_code == 404 and fee_state(draft).state != "exempt"
    assert client.get(reverse("delivery:officer", args=[draft.pk])).status_code == 404


def test_fee_collected_at_the_counter_by_the_back_office_counts_in_fee_state():
    from dichvucong.processing.services import record_counter_payment

    dossier = make_dossier(status=DossierStatus.PROCESSING)
    officer = make_officer_for(dossier)
    payment_request(dossier=dossier, amount=FEE, actor=officer)
    assert fee_state(dossier).state == "due"
    record_counter_payment(
        dossier=dossier, actor=officer, amount=FEE, method="cash", receipt_number="BL-0001"
    )
    state = fee_state(dossier)
    assert state.state == "paid" and state.paid == FEE


def test_second_payment_for_a_settled_fee_is_flagged_for_refund():
    from dichvucong.payments.providers.demo import DemoPaymentProvider
    from dichvucong.payments.services import payment_confirm_from_ipn, payment_start

    dossier = make_dossier()
    first = payment_charge_at_submission(dossier=dossier)
    payment_start(payment=first, provider_id="demo", return_url="", ipn_url="")
    # The order's window is over: the next press opens another one, the first is paid anyway.
    Payment.objects.filter(pk=first.pk).update(started_at=first.created_at - timedelta(hours=1))
    payment_start(payment=first, provider_id="demo", return_url="", ipn_url="")
    assert Payment.objects.filter(dossier=dossier).count() == 2
    demo = DemoPaymentProvider()
    for attempt in Payment.objects.filter(dossier=dossier):
        payment_confirm_from_ipn(
            provider_id="demo", source="demo", notice=demo.notice(payment=attempt, success=True)
        )
    state = fee_state(dossier)
    assert state.state == "paid" and state.paid == FEE
    assert payment_rows(dossier).refunds_due == FEE


def test_status_6_set_by_the_back_office_can_be_paid_online(client):
    from dichvucong.processing.services import dossier_transition

    dossier = make_dossier(
        status=DossierStatus.PROCESSING,
        procedure=make_fee_procedure(online_level=OnlineLevel.PARTIAL),
    )
    officer = make_officer_for(dossier)
    dossier_transition(dossier=dossier, to=DossierStatus.PAYMENT_REQUESTED, actor=officer)
    dossier.refresh_from_db()
    assert fee_state(dossier).state == "due"
    client.force_login(dossier.applicant)
    response = client.post(reverse("payments:start", args=[dossier.pk]), {"provider": "demo"})
    back = client.post(response.url, {"action": "pay"})
    assert "Thanh toán thành công" in client.get(back.url).content.decode()
    dossier.refresh_from_db()
    assert dossier.status == DossierStatus.PROCESSING


def test_exempted_dossier_cannot_be_exempted_twice():
    from dichvucong.payments.services_fees import FeeAlreadySettled

    dossier = make_dossier(status=DossierStatus.PROCESSING)
    officer = make_officer_for(dossier)
    fee_exempt(dossier=dossier, actor=officer, reason="Người có công với cách mạng")
    with pytest.raises(FeeAlreadySettled):
        fee_exempt(dossier=dossier, actor=officer, reason="Lần hai")


def test_reconcile_command_reports_counts(capsys):
    call_command("reconcile_payments", "--older-than", "0")
    assert capsys.readouterr().out.strip() == "0"


def test_demo_provider_is_never_offered_outside_demo_mode(client, settings):
    settings.DEMO_MODE, settings.DEBUG = False, False
    dossier = make_dossier()
    payment_charge_at_submission(dossier=dossier)
    client.force_login(dossier.applicant)
    page = client.get(reverse("payments:dossier_fees", args=[dossier.pk])).content.decode()
    assert 'value="demo"' not in page and 'value="vnpay"' in page
    response = client.post(reverse("payments:start", args=[dossier.pk]), {"provider": "demo"})
    assert response.status_code == 400


def test_tracking_link_by_dossier_code_opens_the_fee_page_of_the_owner_only(client):
    dossier = make_dossier(status=DossierStatus.PAYMENT_REQUESTED)
    url = reverse("payments:pay", kwargs={"code": dossier.code})
    client.force_login(dossier.applicant)
    assert client.get(url).url == reverse("payments:dossier_fees", args=[dossier.pk])
    client.force_login(make_citizen())
    assert client.get(url).status_code == 404
