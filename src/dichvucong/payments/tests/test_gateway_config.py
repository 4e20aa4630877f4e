"""A gateway is enabled whole or not at all: system checks refuse a half-configured one, and
the IPN and return URLs of a provider that is not enabled answer 404."""

import json

import pytest
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from dichvucong.core.signing import hmac_hex
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.services import payment_charge_at_submission
from dichvucong.payments.tests.factories import make_dossier, start_gateway_payment

pytestmark = pytest.mark.django_db


def _ids() -> set[str]:
    return {message.id for message in checks.run_checks(include_deployment_checks=True)}


def test_a_fully_configured_portal_passes_its_checks(settings):
    settings.VNPAY_PAY_URL = "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    settings.VNPAY_API_URL = "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction"
    settings.MOMO_ENDPOINT = "https://gateway.example.vn"
    settings.DVCQG_PAY_INIT_URL = "https://thanhtoan.example.vn/init"
    settings.DVCQG_PAY_QUERY_URL = "https://thanhtoan.example.vn/query"
    settings.DVCQG_PAY_RECEIPT_URL = "https://thanhtoan.example.vn/bill"
    assert not {i for i in _ids() if i.split(".")[0] in ("payments", "delivery", "notifications")}


@pytest.mark.parametrize(
    "setting", ["VNPAY_TMN_CODE", "VNPAY_HASH_SECRET", "VNPAY_PAY_URL", "VNPAY_API_URL"]
)
def test_an_enabled_gateway_without_its_merchant_id_secret_or_urls_refuses_to_start(
    settings, setting
):
    setattr(settings, setting, "")
    assert "payments.E001" in _ids()
    with pytest.raises(SystemCheckError, match=setting):
        call_command("check", "--deploy")


@pytest.mark.parametrize(
    ("provider", "setting"),
    [
        ("momo", "MOMO_SECRET_KEY"),
        ("momo", "MOMO_PARTNER_CODE"),
        ("dvcqg", "DVCQG_PAY_SECRET"),
        ("dvcqg", "DVCQG_PAY_BENEFICIARY_ACCOUNT"),
        ("dvcqg", "DVCQG_PAY_RECEIPT_URL"),
    ],
)
def test_every_gateway_is_checked(settings, provider, setting):
    settings.PAYMENT_PROVIDERS = [provider]
    setattr(settings, setting, "")
    with pytest.raises(SystemCheckError, match=setting):
        call_command("check")


def test_a_disabled_gateway_needs_no_settings_and_a_typo_is_refused(settings):
    settings.PAYMENT_PROVIDERS = ["demo"]
    settings.VNPAY_HASH_SECRET = settings.MOMO_SECRET_KEY = ""
    assert "payments.E001" not in _ids()
    settings.PAYMENT_PROVIDERS = ["demo", "vnpayy"]
    assert "payments.E002" in _ids()


def test_a_gateway_url_that_is_not_a_url_is_refused(settings):
    settings.MOMO_ENDPOINT = "test-payment.momo.vn"
    with pytest.raises(SystemCheckError, match="MOMO_ENDPOINT is not an http"):
        call_command("check")


def test_postal_and_sms_providers_are_checked_too(settings):
    settings.DELIVERY_PROVIDER = "vnpost"
    settings.VNPOST_CALLBACK_SECRET = ""
    settings.SMS_PROVIDER = "http"
    settings.SMS_HTTP_URL = "https://sms.example.vn/send"
    settings.SMS_HTTP_USERNAME, settings.SMS_HTTP_PASSWORD = "dvc", ""
    settings.SMS_BRANDNAME = "DVC"
    ids = _ids()
    assert {"delivery.E001", "notifications.E001"} <= ids


def test_plain_http_gateway_urls_are_warned_about_in_the_deploy_check(settings):
    settings.VNPAY_PAY_URL = "http://sandbox.vnpayment.vn/paymentv2/vpcpay.html"
    assert "payments.W001" in _ids()
    assert "payments.W001" not in {m.id for m in checks.run_checks()}


def test_ipn_and_return_of_a_provider_that_is_not_enabled_answer_404(settings, client):
    settings.PAYMENT_PROVIDERS = ["demo", "vnpay"]
    response = client.post(
        reverse("payments:ipn", args=["momo"]), "{}", content_type="application/json"
    )
    assert response.status_code == 404
    dossier = make_dossier()
    payment = payment_charge_at_submission(dossier=dossier)
    client.force_login(dossier.applicant)
    answer = client.get(
        reverse("payments:return"), {"partnerCode": "MOMO", "orderId": payment.order_ref}
    )
    assert answer.status_code == 404


def test_a_gateway_listed_without_its_secret_is_not_offered_and_its_ipn_is_404(settings, client):
    dossier, payment, _ = start_gateway_payment("vnpay")
    settings.VNPAY_HASH_SECRET = ""
    response = client.get(reverse("payments:ipn", args=["vnpay"]), {"vnp_TxnRef": "x"})
    assert response.status_code == 404
    client.force_login(dossier.applicant)
    page = client.get(reverse("payments:dossier_fees", args=[dossier.pk])).content.decode()
    assert 'value="vnpay"' not in page and 'value="momo"' in page
    start = client.post(reverse("payments:start", args=[dossier.pk]), {"provider": "vnpay"})
    assert start.status_code == 400
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PENDING


def test_demo_return_page_is_404_when_the_demo_provider_is_off(settings, client):
    settings.DEMO_MODE = settings.DEBUG = False
    dossier = make_dossier()
    payment = payment_charge_at_submission(dossier=dossier)
    client.force_login(dossier.applicant)
    answer = client.get(reverse("payments:return"), {"provider": "demo", "ref": payment.order_ref})
    assert answer.status_code == 404


def test_postal_callback_of_a_provider_that_is_not_the_configured_one_answers_404(settings, client):
    settings.DELIVERY_PROVIDER = "demo"
    body = json.dumps({"order_code": "GH1", "status": "delivered"}).encode()
    signature = hmac_hex(settings.VNPOST_CALLBACK_SECRET, body)
    response = client.post(
        reverse("delivery:callback", args=["vnpost"]),
        body,
        content_type="application/json",
        headers={"X-Signature": signature},
    )
    assert response.status_code == 404
