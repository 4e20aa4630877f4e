"""The one check of a procedure's form schema, shared by the admin, the importer and the forms."""

import json
from pathlib import Path

from dichvucong.catalog.form_schema import FIELD_TYPES, validate_form_schema

DEMO = Path(__file__).resolve().parents[2] / "demo" / "data" / "form_schemas.json"


def test_every_demo_schema_passes_and_so_does_an_empty_one():
    for schema in json.loads(DEMO.read_text(encoding="utf-8")).values():
        assert validate_form_schema(schema) == []
    assert validate_form_schema([]) == []


def test_each_problem_names_its_row_in_vietnamese():
    problems = validate_form_schema(
        [
            {"name": "ho_ten", "label": "Họ và tên", "type": "text", "requried": True},
            {"name": "ho_ten", "label": "Giới tính", "type": "choise"},
            {"name": "so_ban", "label": "Số bản", "type": "number", "min": 5, "max": 1},
            {"name": "noi_o", "label": "Nơi ở", "type": "text", "prefill": "address"},
            {"name": "ly_do", "label": "Lý do", "type": "choice", "choices": ["A", "A"]},
            {"name": "2x", "type": "email"},
        ]
    )

    assert problems == [
        "Dòng 1 («Họ và tên»): khóa không dùng được với loại “text”: requried.",
        "Dòng 2 («Giới tính»): mã trường “ho_ten” bị trùng.",
        "Dòng 2 («Giới tính»): loại trường “choise” không có; các loại được hỗ trợ: "
        + ", ".join(FIELD_TYPES)
        + ".",
        "Dòng 3 («Số bản»): “min” không được lớn hơn “max”.",
        "Dòng 4 («Nơi ở»): nguồn điền sẵn “address” không dùng được cho loại “text”.",
        "Dòng 5 («Lý do»): lựa chọn “A” bị lặp.",
        "Dòng 6 («2x»): mã trường “name” phải gồm chữ không dấu, chữ số và dấu gạch dưới "
        "(không có “__”).",
        "Dòng 6 («2x»): thiếu nhãn “label”.",
    ]


def test_choices_may_be_codes_with_labels():
    row = {
        "name": "gioi_tinh",
        "label": "Giới tính",
        "type": "choice",
        "choices": [{"value": "M", "label": "Nam"}, {"value": "F"}],
    }
    assert validate_form_schema([row]) == [
        "Dòng 1 («Giới tính»): lựa chọn thứ 2 thiếu nhãn “label”."
    ]


def test_a_schema_that_is_not_a_list_is_refused():
    assert validate_form_schema({"name": "x"}) == [
        "Biểu mẫu điện tử phải là một danh sách các trường."
    ]
