"""Form schema fields for phones and ID numbers follow the portal's one rule for each."""

from dichvucong.dossiers.forms import SchemaForm, answers

SCHEMA = [
    {"name": "owner_id", "label": "Số định danh cá nhân", "type": "id_number", "required": True},
    {"name": "business_phone", "label": "Điện thoại hộ kinh doanh", "type": "phone"},
]


def test_an_optional_business_phone_takes_a_landline():
    form = SchemaForm(SCHEMA, data={"owner_id": "060190001234", "business_phone": "0252 3847 111"})
    assert form.is_valid(), form.errors
    assert answers(form)["business_phone"] == "+842523847111"


def test_an_optional_phone_may_stay_empty_but_not_be_garbage():
    form = SchemaForm(SCHEMA, data={"owner_id": "060190001234", "business_phone": ""})
    assert form.is_valid(), form.errors
    form = SchemaForm(SCHEMA, data={"owner_id": "060190001234", "business_phone": "12345"})
    assert not form.is_valid()
    assert "Số điện thoại không hợp lệ" in form.errors["business_phone"][0]


def test_id_number_with_no_province_of_birth_is_refused_as_at_registration():
    # "099" is no province's code: registration refuses it, so the dossier form must too.
    form = SchemaForm(SCHEMA, data={"owner_id": "099090000001"})
    assert not form.is_valid()
    assert "mã tỉnh nơi đăng ký khai sinh" in form.errors["owner_id"][0]
    form = SchemaForm(SCHEMA, data={"owner_id": "060 190 001 234"})
    assert form.is_valid(), form.errors
    assert answers(form)["owner_id"] == "060190001234"
