"""Public catalog pages: home, list with filters and pagination, detail, 404s, bad input."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from dichvucong.catalog import search as search_module
from dichvucong.catalog.models import OnlineLevel
from dichvucong.catalog.tests.factories import (
    make_agency,
    make_document,
    make_fee,
    make_field,
    make_form_template,
    make_procedure,
)

pytestmark = pytest.mark.django_db
LIST = reverse("catalog:procedure_list")


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def listed_codes(response) -> list[str]:
    return [p.code for p in response.context["page"].object_list]


def test_home_shows_search_fields_with_counts_popular_procedures_and_the_four_steps(client):
    ho_tich = make_field(code="ho-tich", name="Hộ tịch")
    make_procedure(name="Đăng ký khai sinh", field=ho_tich, popularity=900)
    make_procedure(name="Đăng ký kết hôn", field=ho_tich, popularity=500)
    make_procedure(name="Thủ tục ngừng áp dụng", field=ho_tich, is_active=False)
    response = client.get(reverse("catalog:home"))
    page = text(response)
    assert response.status_code == 200
    assert 'name="q"' in page and f'action="{LIST}"' in page
    assert re.search(r"Hộ tịch</span> <span class=\"badge-count\"[^>]*>2<", page)
    assert page.index("Đăng ký khai sinh") < page.index("Đăng ký kết hôn")
    assert "Thủ tục ngừng áp dụng" not in page
    assert len(response.context["popular"]) == 2
    for step in (
        "Tìm thủ tục, chuẩn bị hồ sơ",
        "Chụp ảnh giấy tờ",
        "Đăng nhập và nộp hồ sơ",
        "Theo dõi và nhận kết quả",
    ):
        assert step in page
    for tip in ("Đủ ánh sáng", "Đặt giấy phẳng", "Trọn cả trang", "Không mờ, không lóa"):
        assert tip in page


def test_home_lists_at_most_eight_most_used_procedures(client, django_assert_max_num_queries):
    field = make_field()
    for n in range(10):
        make_procedure(name=f"Thủ tục {n}", field=field, popularity=n)
    with django_assert_max_num_queries(4):
        response = client.get(reverse("catalog:home"))
    assert [p.popularity for p in response.context["popular"]] == [9, 8, 7, 6, 5, 4, 3, 2]


@pytest.fixture
def listed():
    ho_tich = make_field(code="ho-tich", name="Hộ tịch")
    dat_dai = make_field(code="dat-dai", name="Đất đai")
    xa = make_agency(code="000.00.31.H56", name="UBND xã An Hòa")
    so = make_agency(code="000.00.05.H56", name="Sở Tài nguyên và Môi trường")
    return {
        "birth": make_procedure(
            code="1.001193",
            name="Đăng ký khai sinh",
            field=ho_tich,
            agencies=[xa],
            popularity=30,
            accepts_post=True,
        ),
        "marriage": make_procedure(
            code="1.000894",
            name="Đăng ký kết hôn",
            field=ho_tich,
            agencies=[xa],
            popularity=20,
            online_level=OnlineLevel.PARTIAL,
        ),
        "land": make_procedure(
            code="1.003003",
            name="Đăng ký biến động đất đai",
            field=dat_dai,
            agencies=[so],
            popularity=10,
            accepts_online=False,
            online_level=OnlineLevel.INFO,
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "ho-tich"}, ["birth", "marriage"]),
        ({"agency": "000.00.05.H56"}, ["land"]),
        ({"level": "partial"}, ["marriage"]),
        ({"channel": "post"}, ["birth"]),
        ({"channel": "online"}, ["birth", "marriage"]),
        ({"q": "dang ky", "field": "dat-dai"}, ["land"]),
        ({"q": "khai sinh", "level": "full", "channel": "counter"}, ["birth"]),
    ],
)
def test_list_filters_by_field_agency_level_and_channel(client, listed, params, expected):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert listed_codes(response) == [listed[key].code for key in expected]


@pytest.mark.parametrize(
    "params",
    [
        {"field": "khong-co"},
        {"agency": "999"},
        {"level": "muc-do-9"},
        {"channel": "bo-cau"},
        {"field": ["ho-tich", "x"]},
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
    ],
)
def test_unknown_filter_values_are_ignored_with_a_normal_page(client, listed, params):
    response = client.get(LIST, params)
    assert response.status_code == 200
    assert "Tìm thấy" in text(response)
    assert len(listed_codes(response)) >= 1


@pytest.mark.parametrize(
    "query",
    [
        "k" * 10_000,
        "khai sinh " * 1000,
        '"',
        "*",
        "NEAR",
        "'",
        "%",
        'NEAR("a" "b")',
        "' OR 1=1 --",
        "\x00",
        "đăng\x00ký",
        "😀",
        "<script>alert(1)</script>",
    ],
)
def test_odd_queries_give_a_normal_vietnamese_page(client, listed, query):
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert "Thủ tục hành chính" in text(response)


def test_search_without_tone_marks_finds_the_procedure(client, listed):
    response = client.get(LIST, {"q": "dang ky khai sinh"})
    assert listed_codes(response) == ["1.001193"]
    assert "Tìm thấy 1 thủ tục" in text(response)
    assert 'value="dang ky khai sinh"' in text(response)


def test_no_result_page_suggests_what_to_try(client, listed):
    page = text(client.get(LIST, {"q": "hộ chiếu"}))
    assert "Không tìm thấy thủ tục phù hợp" in page


def test_a_very_broad_query_says_more_than_and_suggests_narrowing(client, monkeypatch):
    monkeypatch.setattr(search_module, "COUNT_CAP", 3)
    field = make_field(code="giao-thong", name="Giao thông vận tải")
    for n in range(5):
        make_procedure(name=f"Cấp đổi giấy phép lái xe {n:02d}", field=field, popularity=n)
    page = text(client.get(LIST, {"q": "giay phep"}))
    assert "Tìm thấy hơn 3 thủ tục" in page
    assert "Thêm từ khóa hoặc chọn lĩnh vực để thu hẹp kết quả." in page
    exact = text(client.get(LIST, {"q": "giay phep lai xe 04"}))
    assert "Tìm thấy 1 thủ tục" in exact and "Tìm thấy hơn" not in exact


def test_list_is_paginated_keeping_the_query(client, django_assert_max_num_queries):
    field = make_field(code="giao-thong", name="Giao thông vận tải")
    for n in range(45):
        make_procedure(name=f"Cấp đổi giấy phép lái xe {n:02d}", field=field, popularity=n)
    with django_assert_max_num_queries(7):  # fixed: no query per result
        response = client.get(LIST, {"q": "giay phep", "page": "2"})
    assert response.context["page"].paginator.count == 45
    assert [p.popularity for p in response.context["page"].object_list] == list(range(24, 4, -1))
    page = text(response)
    assert "?q=giay+phep&amp;page=3" in page and "?q=giay+phep&amp;page=1" in page
    last = client.get(LIST, {"q": "giay phep", "page": "3"})
    assert len(last.context["page"].object_list) == 5


@pytest.fixture
def birth(media_storage):
    field = make_field(code="ho-tich", name="Hộ tịch")
    agency = make_agency(name="Ủy ban nhân dân xã An Hòa", address="Số 1 Lê Lợi")
    procedure = make_procedure(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=field,
        agencies=[agency],
        processing_days=Decimal("1"),
        accepts_post=True,
        method="Nộp trực tuyến.",
        steps="Bước 1: Nộp hồ sơ.",
        conditions="Không có.",
        result="Giấy khai sinh.",
        applicants="Công dân Việt Nam",
        legal_basis="Luật Hộ tịch số 60/2014/QH13.",
    )
    template = make_form_template(name="Tờ khai đăng ký khai sinh")
    make_document(procedure, name="Tờ khai đăng ký khai sinh theo mẫu", form_template=template)
    make_document(procedure, name="Giấy chứng sinh", originals=1, copies=2)
    make_document(procedure, name="Văn bản ủy quyền", originals=0, copies=1, is_required=False)
    make_fee(procedure, name="Lệ phí đăng ký khai sinh", amount=8000)
    make_fee(procedure, name="Phí cấp bản sao trích lục", amount=1_250_000, order=2)
    return procedure, template


def test_detail_shows_everything_a_citizen_needs(client, birth, django_assert_max_num_queries):
    procedure, template = birth
    with django_assert_max_num_queries(6):
        response = client.get(reverse("catalog:procedure_detail", args=[procedure.code]))
    page = text(response)
    assert response.status_code == 200
    for expected in (
        "1.001193",
        "Đăng ký khai sinh",
        "Hộ tịch",
        "Ủy ban nhân dân xã An Hòa",
        "Toàn trình (mức độ 4)",
        "1 ngày làm việc",
        "Bước 1: Nộp hồ sơ.",
        "Nộp trực tuyến.",
        "Không có.",
        "Công dân Việt Nam",
        "Giấy khai sinh.",
        "Luật Hộ tịch số 60/2014/QH13.",
        "Giấy chứng sinh",
        "Không bắt buộc",
        "8.000 đồng",
        "1.250.000 đồng",
        "Qua bưu chính công ích",
        "Trực tiếp tại bộ phận một cửa",
    ):
        assert expected in page, expected
    download = reverse("catalog:form_download", args=[procedure.code, template.pk])
    assert f'href="{download}"' in page
    assert 'href="/nop-ho-so/1.001193/"' in page and "Nộp hồ sơ" in page


def test_partial_procedures_show_the_old_level_three_label(client):
    procedure = make_procedure(online_level=OnlineLevel.PARTIAL)
    page = text(client.get(reverse("catalog:procedure_detail", args=[procedure.code])))
    assert "Một phần (mức độ 3)" in page


def test_procedures_not_done_online_have_no_submit_button(client):
    procedure = make_procedure(online_level=OnlineLevel.INFO, accepts_online=False)
    page = text(client.get(reverse("catalog:procedure_detail", args=[procedure.code])))
    assert f"/nop-ho-so/{procedure.code}/" not in page  # the menu's picker is /nop-ho-so/
    assert "Không thu phí, lệ phí." in page


@pytest.mark.parametrize("code", ["9.999999", "khong-co", "x" * 500, "1.001193%00"])
def test_unknown_code_gives_a_vietnamese_404(client, code):
    response = client.get(f"{LIST}{code}/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in text(response)


def test_inactive_procedure_gives_404(client):
    procedure = make_procedure(is_active=False)
    response = client.get(reverse("catalog:procedure_detail", args=[procedure.code]))
    assert response.status_code == 404


def test_detail_page_in_english_formats_money_the_english_way(client, birth):
    procedure, _ = birth
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = text(client.get(reverse("catalog:procedure_detail", args=[procedure.code])))
    for expected in (
        "VND 8,000",
        "VND 1,250,000",
        "Fully online (level 4)",
        "1 working day",
        "Required documents",
        "Submit an application",
    ):
        assert expected in page, expected
