import pytest
from django.urls import reverse

from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.processing.tests.factories import walk_to
from dichvucong.tracking.lookup import lookup_token, lookup_url_for, qr_png
from dichvucong.tracking.tests.factories import internal_remark, make_dossier

pytestmark = pytest.mark.django_db
URL = "/tra-cuu/"
NEUTRAL = "Không tìm thấy hồ sơ khớp với thông tin đã nhập"


@pytest.fixture
def dossier():
    d = make_dossier(
        applicant_phone="0912345678",
        applicant_id_number="001090054321",
        applicant_name="Lê Văn Tra Cứu",
        status=DossierStatus.PROCESSING,
        notes={
            DossierStatus.RECEIVED: "Đã nhận đủ giấy tờ",
            DossierStatus.PROCESSING: "Chuyển phòng Tư pháp",
        },
    )
    internal_remark(d, "Ý kiến nội bộ của cán bộ")
    return d


def test_right_code_and_phone_digits_show_the_public_view(client, dossier):
    response = client.post(URL, {"ma": dossier.code, "so": "5678"})
    page = response.content.decode()
    assert response.status_code == 200
    assert dossier.procedure.name in page
    assert "Đang xử lý" in page
    assert "Được tiếp nhận" in page
    assert "đang được cơ quan chuyên môn giải quyết" in page
    assert "Lê V. T. C." in page
    assert "Ý kiến nội bộ" not in page
    assert "Chuyển phòng Tư pháp" not in page  # notes are for the owner's page only


def test_id_number_digits_and_lowercase_spaced_code_work_too(client, dossier):
    response = client.post(URL, {"ma": f"  {dossier.code.lower()} ", "so": "4321"})
    assert dossier.procedure.name in response.content.decode()


@pytest.mark.parametrize(
    "code, factor",
    [
        ("right", "0000"),  # wrong factor
        ("000.00.99.H56-261125-9999", "5678"),  # unknown code
        ("not a code", "5678"),  # malformed code
        ("'; DROP TABLE x;--", "5678"),
        ("9" * 100_000, "5678"),  # very long input
        ("right", "5" * 10_000),
        ("right", ""),
    ],
)
def test_every_failure_gives_the_same_neutral_answer(client, dossier, code, factor):
    code = dossier.code if code == "right" else code
    response = client.post(URL, {"ma": code, "so": factor})
    page = response.content.decode()
    assert response.status_code == 400
    assert NEUTRAL in page
    assert dossier.procedure.name not in page


def test_a_draft_cannot_be_looked_up(client):
    draft = make_dossier(status=DossierStatus.DRAFT, applicant_phone="0912345678")
    # Drafts get no code today; older code numbered them, and such rows must stay hidden.
    code = f"{draft.agency.code}-261125-0001"
    Dossier.objects.filter(pk=draft.pk).update(code=code)
    response = client.post(URL, {"ma": code, "so": "5678"})
    assert NEUTRAL in response.content.decode()


def test_repeated_guessing_is_rate_limited_even_with_the_right_answer(client, dossier, settings):
    settings.LOOKUP_RATE_LIMIT = 3
    for guess in ("1111", "2222", "3333"):
        assert client.post(URL, {"ma": dossier.code, "so": guess}).status_code == 400
    response = client.post(URL, {"ma": dossier.code, "so": "5678"})
    assert response.status_code == 429
    assert "tra cứu quá nhiều lần" in response.content.decode()
    assert dossier.procedure.name not in response.content.decode()


def test_the_limit_counts_per_client_address(client, dossier, settings):
    settings.LOOKUP_RATE_LIMIT = 1
    client.post(URL, {"ma": dossier.code, "so": "1111"}, REMOTE_ADDR="10.0.0.1")
    response = client.post(URL, {"ma": dossier.code, "so": "5678"}, REMOTE_ADDR="10.0.0.2")
    assert response.status_code == 200


def test_code_in_the_url_prefills_the_form_and_still_asks_the_factor(client, dossier):
    response = client.get(URL, {"ma": dossier.code})
    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{dossier.code}"' in page
    assert dossier.procedure.name not in page


def test_signed_token_from_the_qr_opens_the_dossier_without_the_factor(client, dossier):
    path = lookup_url_for(dossier).split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert dossier.procedure.name in response.content.decode()


def test_a_token_of_another_dossier_or_a_forged_one_is_refused(client, dossier):
    other = make_dossier()
    for token in (lookup_token(other.code), "forged", "x" * 5000):
        response = client.get(URL, {"ma": dossier.code, "t": token})
        assert response.status_code == 400
        assert NEUTRAL in response.content.decode()


def test_lookup_url_and_qr_png_point_at_the_lookup(dossier, settings):
    settings.SITE_URL = "https://dichvucong.example.vn"
    url = lookup_url_for(dossier)
    assert url.startswith("https://dichvucong.example.vn/tra-cuu/?ma=")
    assert lookup_token(dossier.code) in url
    png = qr_png(dossier)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_qr_image_is_served_to_the_owner_only(client, dossier, settings):
    from dichvucong.accounts.tests.factories import make_citizen

    settings.LOGIN_URL = "/dang-nhap/"  # the accounts part owns the real login page
    url = reverse("tracking:qr", kwargs={"code": dossier.code})
    assert client.get(url).status_code == 302  # login first
    client.force_login(make_citizen())
    assert client.get(url).status_code == 404
    client.force_login(dossier.applicant)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


def test_the_cached_qr_view_is_the_same_for_every_visitor_and_sets_no_cookie(dossier):
    from django.test import Client

    path = "/" + lookup_url_for(dossier).split("://", 1)[1].split("/", 1)[1]
    first, second = Client(), Client()
    page = first.get(path)
    again = second.get(path)
    assert dossier.procedure.name in again.content.decode()
    assert again.content == page.content
    assert not again.cookies


def test_a_status_change_shows_at_once_despite_the_page_cache(client, dossier):
    path = "/" + lookup_url_for(dossier).split("://", 1)[1].split("/", 1)[1]
    assert "Đang xử lý" in client.get(path).content.decode()
    walk_to(dossier, DossierStatus.DONE)
    page = client.get(path).content.decode()
    assert "Đã xử lý xong" in page


def test_only_failed_attempts_count_towards_the_limit(client, dossier, settings):
    settings.LOOKUP_RATE_LIMIT = 2
    for _ in range(5):
        assert client.post(URL, {"ma": dossier.code, "so": "5678"}).status_code == 200
    client.post(URL, {"ma": dossier.code, "so": "0000"})
    client.post(URL, {"ma": "nonsense", "so": "0000"})
    assert client.post(URL, {"ma": dossier.code, "so": "5678"}).status_code == 429


def test_the_receipt_pdf_carries_the_lookup_qr_code(dossier):
    import io

    from pypdf import PdfReader

    from dichvucong.dossiers.receipts import render_receipt

    reader = PdfReader(io.BytesIO(render_receipt(dossier)))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Quét mã QR để tra cứu" in text
    assert sum(len(page.images) for page in reader.pages) >= 1


def test_one_dossier_code_is_limited_from_every_address_together(client, dossier, settings):
    settings.LOOKUP_CODE_RATE_LIMIT = 3
    for n, guess in enumerate(("1111", "2222", "3333")):
        response = client.post(URL, {"ma": dossier.code, "so": guess}, REMOTE_ADDR=f"10.0.1.{n}")
        assert response.status_code == 400
    response = client.post(URL, {"ma": dossier.code, "so": "5678"}, REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 429
    assert dossier.procedure.name not in response.content.decode()
    other = make_dossier(applicant_phone="0988000111", status=DossierStatus.PROCESSING)
    response = client.post(URL, {"ma": other.code, "so": "0111"}, REMOTE_ADDR="10.0.2.1")
    assert response.status_code == 200  # another code from the same address is not limited
    path = lookup_url_for(dossier).split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # the owner's QR code still opens it


def test_an_unknown_code_is_counted_like_a_real_one(client, dossier, settings):
    settings.LOOKUP_CODE_RATE_LIMIT = 2
    unknown = dossier.code[:-4] + "9999"
    answers = [
        client.post(URL, {"ma": unknown, "so": "1234"}, REMOTE_ADDR=f"10.0.3.{n}").status_code
        for n in range(3)
    ]
    assert answers == [400, 400, 429]
