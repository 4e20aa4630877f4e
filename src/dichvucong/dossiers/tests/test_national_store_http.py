"""The `http` national store provider against a fake store on loopback (real HTTP)."""

import base64
import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import StoredPaper, StoredPaperOrigin
from dichvucong.dossiers.store.exchange import pull_from_national_store
from dichvucong.dossiers.store.services import StoreError, store_checked_paper
from dichvucong.dossiers.tasks import PUSH_ATTEMPTS, push_result_task
from dichvucong.dossiers.tests.fake_national_store import FakeNationalStore
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.dossiers.uploads import check_upload

pytestmark = pytest.mark.django_db
CODE = "000.00.06.H56-261125-0007-KQ1"


@pytest.fixture
def store(settings):
    with FakeNationalStore() as fake:
        settings.NATIONAL_STORE_PROVIDER = "http"
        settings.NATIONAL_STORE_PULL_URL = f"{fake.url}/pull"
        settings.NATIONAL_STORE_PUSH_URL = f"{fake.url}/push"
        settings.NATIONAL_STORE_TOKEN = "bi-mat"
        yield fake


def _answer(data: bytes) -> dict:
    return {
        "DanhSachGiayToKetQua": [
            {
                "MaKetQua": CODE,
                "TenGiayTo": "Giấy chứng nhận đăng ký kết hôn",
                "SoKyHieu": "12/2026/KH",
                "CoQuanChuQuan": "UBND xã Hàm Thắng",
                "DanhSachTepDinhKem": [
                    {"TenTep": "ket-hon.pdf", "DuongDan": base64.b64encode(data).decode()}
                ],
            }
        ]
    }


def test_a_pull_asks_for_the_owners_code_and_keeps_the_answers_paper(store):
    citizen = make_citizen(id_number="001090012345", full_name="Trần Thị Mai")
    data = small_pdf()
    store.reply["/pull"] = (200, _answer(data))

    paper = pull_from_national_store(owner=citizen, result_code=CODE)[0]

    request = store.requests[0]
    assert request["auth"] == "Bearer bi-mat"
    assert request["body"]["SoDinhDanhChuSoHuu"] == "001090012345"
    assert request["body"]["HoTenNguoiYeuCau"] == "Trần Thị Mai"
    assert request["body"]["DanhSachDanhMucKetQua"] == [{"MaKetQua": CODE, "SoKyHieu": ""}]
    assert paper.origin == StoredPaperOrigin.NATIONAL
    assert (paper.name, paper.number, paper.issuer) == (
        "Giấy chứng nhận đăng ký kết hôn",
        "12/2026/KH",
        "UBND xã Hàm Thắng",
    )
    with paper.file.open("rb") as handle:
        assert handle.read() == data


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        ((200, {"error_code": 1, "message": "Sai mã"}), "từ chối yêu cầu: Sai mã"),
        ((503, {"message": "bảo trì"}), "Không kết nối được"),
        ((200, "<html>"), "không đúng định dạng"),
        (
            (
                200,
                {
                    "DanhSachGiayToKetQua": [
                        {
                            "MaKetQua": CODE,
                            "DanhSachTepDinhKem": [{"TenTep": "a.pdf", "DuongDan": "%%%"}],
                        }
                    ]
                },
            ),
            "không đúng định dạng",
        ),
        ((200, {"DanhSachGiayToKetQua": []}), "Không tìm thấy"),
        ((200, _answer(b"MZ\x90\x00 not a paper")), "Định dạng tệp không được chấp nhận"),
    ],
)
def test_a_refusal_an_outage_or_a_bad_answer_is_a_vietnamese_message(store, reply, words):
    store.reply["/pull"] = reply
    with pytest.raises(StoreError, match=words):
        pull_from_national_store(owner=make_citizen(), result_code=CODE)
    assert not StoredPaper.objects.exists()


def _kept_result(citizen) -> StoredPaper:
    data = small_pdf()
    checked = check_upload(io.BytesIO(data), name="kq.pdf", size=len(data))
    return store_checked_paper(
        owner=citizen,
        checked=checked,
        origin=StoredPaperOrigin.RESULT,
        details={"name": "Giấy khai sinh", "number": CODE, "result_code": CODE},
    )


def test_a_result_is_pushed_once_with_its_file(store):
    citizen = make_citizen(id_number="001090012345")
    paper = _kept_result(citizen)

    assert push_result_task.call(paper.pk) == "pushed"
    assert push_result_task.call(paper.pk) == "skipped"

    (request,) = store.requests
    item = request["body"]["DanhSachGiayToKetQua"][0]
    assert request["body"]["SoDinhDanhChuSoHuu"] == "001090012345"
    assert item["MaKetQua"] == CODE and item["TenGiayTo"] == "Giấy khai sinh"
    with paper.file.open("rb") as handle:
        assert base64.b64decode(item["DanhSachTepDinhKem"][0]["DuongDan"]) == handle.read()
    paper.refresh_from_db()
    assert paper.national_pushed_at is not None and paper.national_code == "QG-1"


def test_a_push_during_an_outage_is_retried_then_recorded_as_failed(store):
    paper = _kept_result(make_citizen())
    store.reply["/push"] = (503, {"message": "bảo trì"})

    push_result_task.enqueue(paper.pk)  # the immediate test backend runs the retries at once

    assert len(store.requests) == PUSH_ATTEMPTS
    paper.refresh_from_db()
    assert paper.national_pushed_at is None
    assert AuditLog.objects.filter(action="store.national_push_failed").count() == 1


def test_the_http_store_without_its_token_refuses_to_start(settings):
    settings.NATIONAL_STORE_PROVIDER = "http"
    settings.NATIONAL_STORE_PULL_URL = "https://kho.example.gov.vn/pull"
    settings.NATIONAL_STORE_PUSH_URL = "https://kho.example.gov.vn/push"
    settings.NATIONAL_STORE_TOKEN = ""
    with pytest.raises(SystemCheckError, match=r"store\.E001"):
        call_command("check")
    settings.NATIONAL_STORE_PROVIDER = "kho-la"
    with pytest.raises(SystemCheckError, match=r"store\.E002"):
        call_command("check")
