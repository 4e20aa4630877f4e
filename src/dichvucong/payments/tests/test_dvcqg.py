"""The DVCQG payment platform (protocol 1.0.6) against a fake on loopback, with MaXacThuc
values worked out by hand from the fields NATIONAL.md §6 lists."""

import hashlib
import json

import pytest
from django.urls import reverse

from dichvucong.dossiers.models import AttachmentKind, DossierStatus
from dichvucong.payments.models import PaymentStatus
from dichvucong.payments.providers import PaymentGatewayError
from dichvucong.payments.providers.dvcqg import (
    CONFIRM_CHECKSUM,
    INIT_CHECKSUM,
    QUERY_CHECKSUM,
    dvcqg_checksum,
)
from dichvucong.payments.selectors import online_payment_channel
from dichvucong.payments.services import payment_reconcile
from dichvucong.payments.services_receipts import receipt_issue
from dichvucong.payments.tests.factories import FEE, start_gateway_payment
from dichvucong.payments.tests.fakes import FakeDvcqgPayment

pytestmark = pytest.mark.django_db


@pytest.fixture
def platform(settings):
    fake = FakeDvcqgPayment(
        partner=settings.DVCQG_PAY_PARTNER_CODE, secret=settings.DVCQG_PAY_SECRET
    )
    with fake.running():
        settings.DVCQG_PAY_INIT_URL = f"{fake.url}/init"
        settings.DVCQG_PAY_QUERY_URL = f"{fake.url}/query"
        settings.DVCQG_PAY_RECEIPT_URL = f"{fake.url}/bill"
        yield fake


def confirm(client, message):
    url = reverse("payments:ipn", args=["dvcqg"])
    return client.post(url, json.dumps(message), content_type="application/json").json()


# Known answers: the strings are written out field by field, in the order NATIONAL.md gives.
def test_init_checksum_is_sha256_of_the_fourteen_fields_then_the_secret():
    message = {
        "LoaiBanTin": "INIT",
        "PhienBan": "1.0.6",
        "MaDoiTac": "H56_DVC",
        "MaThamChieu": "DVC270201AB12CD34EF",
        "SoTien": "150000",
        "LoaiHinhThanhToan": "PAY",
        "MaKenhThanhToan": "1",
        "MaThietBi": "1",
        "NgonNgu": "vi-VN",
        "MaTienTe": "VND",
        "MaNganHang": "PAYMENT",
        "ThongTinGiaoDich": "Thanh toan ho so H56.22-270201-0001",
        "ThoiGianGD": "20270201054200",
        "Ip": "203.0.113.7",
    }
    by_hand = (
        "INIT|1.0.6|H56_DVC|DVC270201AB12CD34EF|150000|PAY|1|1|vi-VN|VND|PAYMENT|"
        "Thanh toan ho so H56.22-270201-0001|20270201054200|203.0.113.7|bi-mat"
    )
    assert dvcqg_checksum(message, INIT_CHECKSUM, "bi-mat") == (
        hashlib.sha256(by_hand.encode()).hexdigest()
    )
    # The same value as a literal, so a change of hashing or encoding shows too.
    assert dvcqg_checksum(message, INIT_CHECKSUM, "bi-mat") == (
        "8acf271e243f03fa05137a4f2b931a36d1083d3be58f98eee666f1a90fa5df94"
    )


def test_confirm_and_query_checksums_follow_their_own_field_lists():
    callback = {
        "LoaiBanTin": "CONFIRM",
        "MaLoi": "00",
        "MaDoiTac": "H56_DVC",
        "MaThamChieu": "DVC1",
        "SoTien": 8000,
        "MaTienTe": "VND",
        "MaGiaoDich": "GD77",
        "MaNganHang": "VCB",
        "ThoiGianGD": "20270201054500",
        "ThongTinGiaoDich": "Le phi",
        "Ip": "ignored: not a checksum field",
    }
    by_hand = "CONFIRM|00|H56_DVC|DVC1|8000|VND|GD77|VCB|20270201054500|Le phi|k"
    assert (
        dvcqg_checksum(callback, CONFIRM_CHECKSUM, "k")
        == hashlib.sha256(by_hand.encode()).hexdigest()
    )
    query = {"LoaiBanTin": "QUERY", "PhienBan": "1.0.6", "MaDoiTac": "P", "MaThamChieu": "R"}
    query["ThoiGianGD"] = "20270201054200"
    assert (
        dvcqg_checksum(query, QUERY_CHECKSUM, "k")
        == hashlib.sha256(b"QUERY|1.0.6|P|R|20270201054200|k").hexdigest()
    )


def test_init_sends_the_receipt_details_and_returns_the_platform_url(platform, settings):
    dossier, payment, url = start_gateway_payment("dvcqg")
    assert url == f"{platform.url}/thanh-toan/{payment.order_ref}"
    sent = platform.orders[payment.order_ref]
    assert sent["SoTien"] == str(FEE)
    assert sent["MaDoiTac"] == settings.DVCQG_PAY_PARTNER_CODE
    receipt = sent["ThongTinBienLai"]
    assert receipt["MaHoSo"] == dossier.code
    assert receipt["MaTTHC"] == dossier.procedure.code
    assert receipt["MaDonVi"] == dossier.agency.code
    assert receipt["HoTenNguoiNop"] == dossier.applicant_name
    assert sum(row["SoTien"] for row in receipt["PhiLePhi"]) == FEE
    assert receipt["DSKhoanNop"] == [{"NoiDung": payment.description, "SoTien": FEE}]
    assert receipt["TKThuHuong"] == settings.DVCQG_PAY_BENEFICIARY_ACCOUNT


def test_the_confirm_callback_pays_once_and_is_answered_in_the_platform_shape(platform, client):
    dossier, payment, _ = start_gateway_payment("dvcqg")
    message = platform.confirm(payment.order_ref)
    assert confirm(client, message) == {
        "MaLoi": "00",
        "MoTaLoi": "Xác nhận thành công",
        "TrangThaiGD": "1",
    }
    assert confirm(client, message)["MaLoi"] == "02"
    payment.refresh_from_db()
    dossier.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    assert payment.gateway_txn_no == message["MaGiaoDich"]
    assert dossier.status == DossierStatus.PROCESSING
    assert online_payment_channel(dossier) == 1


def test_forged_or_wrong_amount_callbacks_are_refused(platform, client):
    dossier, payment, _ = start_gateway_payment("dvcqg")
    message = platform.confirm(payment.order_ref)
    assert confirm(client, message | {"SoTien": 1})["MaLoi"] == "97"
    assert confirm(client, message | {"MaDoiTac": "OTHER"})["MaLoi"] == "97"
    assert confirm(client, platform.confirm(payment.order_ref, amount=1))["MaLoi"] == "04"
    failed = platform.confirm(payment.order_ref, code="24")
    confirm(client, failed)
    payment.refresh_from_db()
    assert payment.status != PaymentStatus.PAID
    assert online_payment_channel(dossier) == 0


def test_query_reconciles_a_payment_whose_callback_never_came(platform):
    _, payment, _ = start_gateway_payment("dvcqg")
    assert payment_reconcile(payment=payment) == "pending"
    platform.confirm(payment.order_ref)  # paid on the platform; the callback is lost
    assert payment_reconcile(payment=payment) == "paid"
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.PAID
    query = [m for m in platform.requests if m.get("LoaiBanTin") == "QUERY"][-1]
    assert query["ThoiGianGD"] == payment.start_data["ThoiGianGD"]


def test_an_unknown_order_is_reported_not_found(platform):
    _, payment, _ = start_gateway_payment("dvcqg")
    platform.orders.clear()
    assert payment_reconcile(payment=payment) == "not_found"


def test_the_receipt_is_the_platform_s_own_pdf(platform, client):
    dossier, payment, _ = start_gateway_payment("dvcqg")
    confirm(client, platform.confirm(payment.order_ref))
    attachment = receipt_issue(payment_id=payment.pk) or dossier.payments.get().receipt
    assert attachment.kind == AttachmentKind.RECEIPT
    with attachment.file.open("rb") as handle:
        assert handle.read() == FakeDvcqgPayment.RECEIPT
    bill = [m for m in platform.requests if m.get("LoaiBanTin") == "GET_BILL"]
    assert bill and bill[0]["MaThamChieu"] == payment.order_ref


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (200, b'{"error_code": "0", "message": "not json"}'),
        (200, b'{"error_code": "0", "message": "{\\"UrlThanhToan\\": \\"javascript:x\\"}"}'),
        (200, b'{"error_code": "14", "message": "Doi tac khong hop le"}'),
        (200, b"<html>maintenance</html>"),
        (502, b""),
    ],
)
def test_a_broken_platform_leaves_the_payment_open_with_a_clear_error(platform, status, body):
    platform.answer = (status, body)
    with pytest.raises(PaymentGatewayError):
        start_gateway_payment("dvcqg")


def test_the_platform_down_is_a_gateway_error(platform):
    platform.down = True
    with pytest.raises(PaymentGatewayError):
        start_gateway_payment("dvcqg")
