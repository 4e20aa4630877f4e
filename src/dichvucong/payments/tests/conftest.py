"""Every outside endpoint points at a closed loopback port unless a test starts a fake."""

import pytest

CLOSED = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def _loopback_only(settings, tmp_path):
    settings.VNPAY_PAY_URL = f"{CLOSED}/paymentv2/vpcpay.html"
    settings.VNPAY_API_URL = f"{CLOSED}/merchant_webapi/api/transaction"
    settings.MOMO_ENDPOINT = CLOSED
    settings.PAYGOV_ENDPOINT = CLOSED
    settings.VNPOST_ENDPOINT = CLOSED
    settings.PAYMENT_HTTP_TIMEOUT_SECONDS = 5
    settings.VNPAY_TMN_CODE = "DVCTEST1"
    settings.VNPAY_HASH_SECRET = "VNPAYSECRETFORTESTS0123456789AB"
    settings.MOMO_PARTNER_CODE, settings.MOMO_ACCESS_KEY = "MOMO", "F8BBA842ECF85"
    settings.MOMO_SECRET_KEY = "K951B6PE1waDMi640xX08PD3vg6EkVlz"
    settings.PAYGOV_MERCHANT_CODE, settings.PAYGOV_SECRET = "DVC_H56", "paygov-test-secret"
    settings.VNPOST_TOKEN, settings.VNPOST_CALLBACK_SECRET = "vnpost-token", "vnpost-secret"
    settings.PAYMENT_PROVIDERS = ["demo", "vnpay", "momo", "paygov"]
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        }
    }
