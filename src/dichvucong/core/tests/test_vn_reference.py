"""The national reference lists as data: 54 ethnic groups with official codes, nationalities."""

import pytest
from django.core.exceptions import ValidationError

from dichvucong.core.vn.fields import EthnicGroupField, NationalityField
from dichvucong.core.vn.reference import ETHNIC_GROUPS, NATIONALITIES


def test_the_54_ethnic_groups_carry_the_codes_01_to_54_in_the_official_order():
    codes = [code for code, _ in ETHNIC_GROUPS.choices()]
    assert codes == [f"{n:02d}" for n in range(1, 55)]
    names = dict(ETHNIC_GROUPS.choices())
    assert names["01"] == "Kinh" and names["54"] == "Ơ Đu"
    assert (names["14"], names["15"], names["19"]) == ("Chăm", "Cơ Ho", "Ra Glai")
    assert len(set(names.values())) == 54


@pytest.mark.parametrize(
    "typed,code",
    [
        ("Chăm", "14"),
        ("chăm", "14"),
        ("Cham", "14"),
        ("K'Ho", "15"),
        ("Cơ Ho", "15"),
        ("Raglai", "19"),
        ("Ra-glai", "19"),
        ("Khmer", "05"),
        ("H'Mông", "08"),
        ("14", "14"),
        ("Thổ", "21"),  # a group's own name wins over another group's other name
    ],
)
def test_a_group_is_found_by_its_name_another_name_or_its_code(typed, code):
    assert ETHNIC_GROUPS.find(typed) == code


@pytest.mark.parametrize("typed", ["", "99", "00", "Khác", "Kinh; DROP TABLE", "<b>Kinh</b>"])
def test_what_is_not_a_group_is_not_found(typed):
    assert ETHNIC_GROUPS.find(typed) == ""


def test_nationalities_are_iso_codes_with_vietnamese_names_viet_nam_first():
    choices = NATIONALITIES.choices()
    assert choices[0] == ("VN", "Việt Nam")
    codes = [code for code, _ in choices]
    assert len(codes) == len(set(codes)) == 249
    assert all(len(c) == 2 and c.isalpha() and c.isupper() for c in codes)
    assert NATIONALITIES.name("LA") == "Lào" and NATIONALITIES.find("viet nam") == "VN"
    assert NATIONALITIES.find("XK") == ""  # Kosovo has no ISO 3166-1 code


def test_an_old_free_value_still_displays_as_it_was_written():
    assert ETHNIC_GROUPS.display("14") == "Chăm"
    assert ETHNIC_GROUPS.display("Khác") == "Khác"
    assert NATIONALITIES.display("Việt Nam") == "Việt Nam"


def test_the_fields_store_the_code_and_refuse_a_forged_one_in_vietnamese():
    assert EthnicGroupField().clean("K'Ho") == "15"
    assert NationalityField().clean("Hàn Quốc") == "KR"
    with pytest.raises(ValidationError) as caught:
        EthnicGroupField().clean("77")
    assert "“77” không có trong danh mục 54 dân tộc Việt Nam" in caught.value.messages[0]
    with pytest.raises(ValidationError):
        NationalityField().clean("ZZ")


def test_the_widget_offers_every_group_in_a_datalist_and_shows_the_name_of_a_stored_code():
    html = EthnicGroupField().widget.render("dan_toc", "14", attrs={"id": "id_dan_toc"})
    assert 'list="id_dan_toc-list"' in html and '<datalist id="id_dan_toc-list">' in html
    assert 'name="dan_toc" value="Chăm"' in html  # the stored code is shown as its name
    assert html.count("<option") == 54
    assert "K&#x27;Ho" in html  # other names help the search, escaped
