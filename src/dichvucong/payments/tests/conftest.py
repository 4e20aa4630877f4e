"""Every outside endpoint points at a closed loopback port unless a test starts a fake."""

import pytest

CLOSED = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def _loopback_only(settings, tmp_path):
    settings.VNPAY_PAY_URL = f"{CLOSED}/paymentv2/vpcpay.html"
    settings.VNPAY_API_URL = f"{CLOSED}/merchant_webapi/api/transaction"
    settings.MOMO_ENDPOINT = CLOSED
    settings.DVCQG_PAY_INIT_URL = f"{CLOSED}/init"
    settings.DVCQG_PAY_QUERY_URL = f"{CLOSED}/query"
    settings.DVCQG_PAY_RECEIPT_URL = f"{CLOSED}/bill"
    settings.VNPOST_ENDPOINT = CLOSED
    settings.PAYMENT_HTTP_TIMEOUT_SECONDS = 5
    settings.VNPAY_TMN_CODE = "DVCTEST1"
    settings.VNPAY_HASH_SECRET = "VNPAYSECRETFORTESTS0123456789AB"
    settings.MOMO_PARTNER_CODE, settings.MOMO_ACCESS_KEY = "MOMO", "F8BBA842ECF85"
    settings.MOMO_SECRET_KEY = "K951B6PE1waDMi640xX08PD3vg6EkVlz"
    settings.DVCQG_PAY_PARTNER_CODE, settings.DVCQG_PAY_SECRET = "H56_DVC", "dvcqg-test-secret"
    settings.DVCQG_PAY_BENEFICIARY_ACCOUNT = "0123456789"
    settings.DVCQG_PAY_BENEFICIARY_BANK = "970415"
    settings.DVCQG_PAY_BENEFICIARY_NAME = "Kho bạc Nhà nước tỉnh"
    settings.VNPOST_TOKEN, settings.VNPOST_CALLBACK_SECRET = "vnpost-token", "vnpost-secret"
    settings.PAYMENT_PROVIDERS = ["demo", "vnpay", "momo", "dvcqg"]
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        }
    }
