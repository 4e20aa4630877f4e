"""A gateway whose secret is empty accepts nothing: a notice signed with "" is forged.

The postal provider's side of this is in delivery/tests/test_empty_secret.py."""

import hashlib
import hmac

import pytest

from dichvucong.core.signing import canonical_query
from dichvucong.payments.providers import InvalidSignature
from dichvucong.payments.providers.dvcqg import DvcqgPaymentProvider
from dichvucong.payments.providers.momo import RESULT_FIELDS, MomoProvider, momo_raw
from dichvucong.payments.providers.vnpay import VnpayProvider
from dichvucong.payments.tests.factories import FEE

pytestmark = pytest.mark.django_db


def _empty_key_hmac(text: str | bytes, algo=hashlib.sha256) -> str:
    data = text if isinstance(text, bytes) else text.encode()
    return hmac.new(b"", data, algo).hexdigest()


def _vnpay_forgery(ref: str) -> dict:
    params = {
        "vnp_Amount": str(FEE * 100),
        "vnp_ResponseCode": "00",
        "vnp_TmnCode": "DVCTEST1",
        "vnp_TransactionNo": "1",
        "vnp_TransactionStatus": "00",
        "vnp_TxnRef": ref,
    }
    params["vnp_SecureHash"] = _empty_key_hmac(canonical_query(params), hashlib.sha512)
    return params


def test_vnpay_refuses_a_notice_signed_with_the_empty_key(settings):
    settings.VNPAY_HASH_SECRET = ""
    with pytest.raises(InvalidSignature):
        VnpayProvider().notice_from(_vnpay_forgery("DVC1"))


def test_momo_refuses_a_notice_signed_with_the_empty_key(settings):
    settings.MOMO_SECRET_KEY = ""
    data = {"partnerCode": "MOMO", "orderId": "DVC1", "amount": FEE, "resultCode": 0}
    data["signature"] = _empty_key_hmac(
        momo_raw({"accessKey": settings.MOMO_ACCESS_KEY, **data}, RESULT_FIELDS)
    )
    with pytest.raises(InvalidSignature):
        MomoProvider().notice_from(data)


def test_dvcqg_refuses_a_checksum_made_with_the_empty_secret(settings):
    settings.DVCQG_PAY_SECRET = ""
    message = {
        "LoaiBanTin": "CONFIRM",
        "MaLoi": "00",
        "MaDoiTac": settings.DVCQG_PAY_PARTNER_CODE,
        "MaThamChieu": "DVC1",
        "SoTien": FEE,
        "MaTienTe": "VND",
        "MaGiaoDich": "1",
        "MaNganHang": "VCB",
        "ThoiGianGD": "20270201054500",
        "ThongTinGiaoDich": "Le phi",
    }
    values = [str(value) for value in message.values()] + [""]
    message["MaXacThuc"] = hashlib.sha256("|".join(values).encode()).hexdigest()
    with pytest.raises(InvalidSignature):
        DvcqgPaymentProvider().notice_from(message)
