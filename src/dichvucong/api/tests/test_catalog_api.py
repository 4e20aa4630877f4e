import pytest

from dichvucong.catalog.tests.factories import (
    make_document,
    make_fee,
    make_form_template,
    make_procedure,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/catalog"


@pytest.fixture
def birth(agency):
    procedure = make_procedure(
        agencies=[agency],
        code="1.001193",
        name="Đăng ký khai sinh",
        form_schema=[{"name": "so_ban_sao", "label": "Số bản sao", "type": "number"}],
    )
    make_document(procedure, name="Tờ khai đăng ký khai sinh", form_template=make_form_template())
    make_fee(procedure, name="Lệ phí đăng ký", amount=8000)
    make_fee(
        procedure, name="Bản sao trích lục", amount=3000, unit="copy", quantity_field="so_ban_sao"
    )
    return procedure


def test_search_finds_a_procedure_without_tone_marks(client, birth):
    make_procedure(name="Cấp giấy phép xây dựng")
    response = client.get(f"{BASE}/procedures", {"q": "khai sinh"})
    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["code"] for item in items] == ["1.001193"]
    assert items[0]["agency_names"] == ["UBND xã Thử Nghiệm"]


def test_cursor_pages_through_every_procedure_once(client, agency):
    codes = {make_procedure(agencies=[agency]).code for _ in range(5)}
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = client.get(f"{BASE}/procedures", params).json()
        seen += [item["code"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(codes)


@pytest.mark.parametrize("cursor", ["abc", "eyJ4IjoxfQ.0000", "." * 3])
def test_a_forged_cursor_is_a_400_problem(client, birth, cursor):
    response = client.get(f"{BASE}/procedures", {"cursor": cursor})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"].endswith("bad-cursor")
    assert "Cursor không hợp lệ" in response.json()["detail"]


def test_a_cursor_does_not_carry_over_to_other_filters(client, agency):
    for _ in range(3):
        make_procedure(agencies=[agency])
    cursor = client.get(f"{BASE}/procedures", {"limit": 1}).json()["next_cursor"]
    response = client.get(f"{BASE}/procedures", {"limit": 1, "cursor": cursor, "q": "thử"})
    assert response.status_code == 400


def test_detail_lists_papers_fees_forms_and_the_form_schema(client, birth):
    response = client.get(f"{BASE}/procedures/1.001193")
    body = response.json()
    assert response.status_code == 200
    assert body["name"] == "Đăng ký khai sinh"
    paper = body["papers"][0]
    assert paper["name"] == "Tờ khai đăng ký khai sinh"
    assert paper["form"]["download_url"].startswith("/thu-tuc/1.001193/bieu-mau/")
    assert client.get(paper["form"]["download_url"]).status_code == 200
    assert [fee["amount"] for fee in body["fees"]] == [8000, 3000]
    assert body["form_schema"][0]["name"] == "so_ban_sao"


def test_a_broken_form_schema_is_not_published(client, agency):
    make_procedure(agencies=[agency], code="2.000001", form_schema=[{"type": "no-such-type"}])
    assert client.get(f"{BASE}/procedures/2.000001").json()["form_schema"] is None


def test_unknown_procedure_is_a_vietnamese_404_problem(client):
    response = client.get(f"{BASE}/procedures/9.999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Không tìm thấy"


def test_fee_quote_is_the_same_calculation_as_the_review_step(client, birth):
    response = client.post(
        f"{BASE}/procedures/1.001193/fee-quote",
        {"channel": 2, "answers": {"so_ban_sao": 2}},
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["total"] == 8000 + 2 * 3000


def test_invalid_body_is_a_422_problem_listing_the_field_in_vietnamese(client, birth):
    response = client.post(
        f"{BASE}/procedures/1.001193/fee-quote", {"channel": 7}, content_type="application/json"
    )
    body = response.json()
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert body["errors"][0]["loc"][-1] == "channel"
    assert body["errors"][0]["msg"] == "Giá trị không thuộc các giá trị cho phép."


def test_a_body_that_is_not_json_is_a_400_problem(client, birth):
    response = client.post(
        f"{BASE}/procedures/1.001193/fee-quote", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("Nội dung yêu cầu không đọc được")


def test_fields_and_agencies_are_listed(client, birth):
    assert client.get(f"{BASE}/fields").json()[0]["procedure_count"] == 1
    assert {"code": "000.00.06.H56", "name": "UBND xã Thử Nghiệm"} in client.get(
        f"{BASE}/agencies"
    ).json()
