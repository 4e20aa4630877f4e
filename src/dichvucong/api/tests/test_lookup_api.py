import pytest

from dichvucong.dossiers.models import DossierStatus
from dichvucong.tracking.tests.factories import internal_remark, make_dossier

pytestmark = pytest.mark.django_db
URL = "/api/v1/dossiers/lookup"


@pytest.fixture
def dossier(agency):
    d = make_dossier(
        agency=agency,
        applicant_phone="0912345678",
        applicant_id_number="001090054321",
        status=DossierStatus.PROCESSING,
        notes={DossierStatus.PROCESSING: "Chuyển phòng Tư pháp"},
    )
    internal_remark(d, "Ý kiến nội bộ của cán bộ")
    return d


def lookup(client, code, factor):
    return client.post(URL, {"code": code, "factor": factor}, content_type="application/json")


def test_code_and_phone_digits_give_the_status_and_public_history(client, dossier):
    response = lookup(client, dossier.code.lower(), "5678")
    body = response.json()
    assert response.status_code == 200
    assert body["status"] == {"code": "processing", "number": 4, "label": "Đang xử lý"}
    assert body["current_step"] == "Hồ sơ đang được cơ quan chuyên môn giải quyết."
    labels = [entry["label"] for entry in body["history"]]
    assert labels[-2:] == ["Được tiếp nhận", "Đang xử lý"]
    assert "Ý kiến nội bộ" not in response.content.decode()
    assert "Chuyển phòng Tư pháp" not in response.content.decode()


@pytest.mark.parametrize(
    "code, factor", [("right", "0000"), ("000.00.99.H56-261125-9999", "5678"), ("x" * 60, "5678")]
)
def test_a_failed_lookup_is_one_neutral_404(client, dossier, code, factor):
    response = lookup(client, dossier.code if code == "right" else code, factor)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith("Không tìm thấy hồ sơ khớp")


def test_guessing_one_code_from_anywhere_is_stopped_with_429(client, dossier, settings):
    settings.LOOKUP_CODE_RATE_LIMIT = 3
    answers = [lookup(client, dossier.code, f"{n:04d}").status_code for n in range(4)]
    assert answers == [404, 404, 404, 429]
    limited = lookup(client, dossier.code, "5678")  # even the right factor, once limited
    assert limited.status_code == 429
    assert limited.json()["title"] == "Quá nhiều yêu cầu"


def test_the_lookup_page_and_the_api_share_one_limit(client, dossier, settings):
    settings.LOOKUP_CODE_RATE_LIMIT = 2
    client.post("/tra-cuu/", {"ma": dossier.code, "so": "0000"})
    client.post("/tra-cuu/", {"ma": dossier.code, "so": "0001"})
    assert lookup(client, dossier.code, "5678").status_code == 429
