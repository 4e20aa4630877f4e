from django.core import checks

from dichvucong.catalog.form_schema import FIELD_TYPES
from dichvucong.core.vn.addresses import communes, provinces
from dichvucong.dossiers.forms import SchemaForm, answer_sections, answers
from dichvucong.dossiers.forms.registry import FORM_FIELD_TYPES

SCHEMA = [
    {"name": "home", "label": "Nơi cư trú", "type": "address", "required": True},
    {"name": "born", "label": "Ngày sinh", "type": "date", "required": True},
    {"name": "phone", "label": "Điện thoại", "type": "phone", "required": True},
    {"name": "mail", "label": "Thư điện tử", "type": "email"},
]


def _province_and_commune():
    province = dict(provinces())
    code = next(c for c, n in province.items() if n.endswith("Hà Nội"))
    return code, communes(code)[0][0]


def test_address_takes_a_commune_of_the_chosen_province_only():
    province, commune = _province_and_commune()
    other = next(c for c, _ in provinces() if c != province)
    data = {
        "home__province": other,
        "home__commune": commune,
        "home__line": "Số 1",
        "born": "2000-01-02",
        "phone": "0912 345 678",
    }
    form = SchemaForm(SCHEMA, data=data)
    assert not form.is_valid()
    assert form.errors["home__commune"] == ["Xã/phường không thuộc tỉnh/thành phố đã chọn."]
    form = SchemaForm(SCHEMA, data={**data, "home__province": province})
    assert form.is_valid(), form.errors
    stored = answers(form)
    assert stored["home"] == {"province": province, "commune": commune, "line": "Số 1"}
    assert stored["born"] == "2000-01-02"
    assert stored["phone"] == "+84912345678"
    rows = {a.label: a.text for a in answer_sections(SCHEMA, stored)[0].answers}
    assert rows["Nơi cư trú"].endswith("Thành phố Hà Nội")
    assert rows["Ngày sinh"] == "02/01/2000"
    assert rows["Điện thoại"] == "0912 345 678"


def test_wrong_values_get_vietnamese_messages():
    form = SchemaForm(SCHEMA, data={"born": "2999-01-01", "phone": "12345", "mail": "abc"})
    assert not form.is_valid()
    assert form.errors["born"] == ["Ngày không được sau ngày hôm nay."]
    assert "Số điện thoại không hợp lệ" in form.errors["phone"][0]
    assert form.errors["mail"] == ["Địa chỉ thư điện tử không hợp lệ."]
    assert form.errors["home__province"] == ["Vui lòng nhập thông tin này."]


def test_both_halves_of_the_field_type_registry_name_the_same_types():
    assert set(FIELD_TYPES) == set(FORM_FIELD_TYPES)
    assert not [m for m in checks.run_checks() if m.id == "dossiers.E001"]


def test_answers_without_a_row_and_rows_of_old_broken_schemas_still_read():
    schema = [
        {"name": "so_ban", "label": "Số bản", "type": "number"},
        {"name": "cu", "type": "choise"},  # old data: no label, unknown type
        "not a row",
    ]
    data = {"so_ban": 2, "cu": "x", "noi_dung": "Xin cấp bản sao", "khac": ""}

    sections = answer_sections(schema, data)

    assert [(s.title, [(a.label, a.text) for a in s.answers]) for s in sections] == [
        ("", [("Số bản", "2"), ("cu", "x")]),
        ("Thông tin khác", [("Nội dung yêu cầu", "Xin cấp bản sao")]),
    ]


def test_a_dossier_opened_without_the_form_lists_only_what_it_holds():
    schema = [{"name": "so_ban", "label": "Số bản", "type": "number"}]

    sections = answer_sections(schema, {"noi_dung": "Xin cấp bản sao"})

    assert [(s.title, [(a.label, a.text) for a in s.answers]) for s in sections] == [
        ("", [("Nội dung yêu cầu", "Xin cấp bản sao")])
    ]
