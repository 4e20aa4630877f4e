"""Vietnamese identity and address data: CCCD, phones, enterprise codes, address codes."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dichvucong.core.vn import addresses
from dichvucong.core.vn.identity import (
    CCCD_PROVINCE_CODES,
    century_digit,
    validate_cccd,
    validate_enterprise_code,
)
from dichvucong.core.vn.phones import display_phone, normalise_mobile, normalise_phone


def test_there_are_63_province_codes_from_ha_noi_to_ca_mau():
    assert len(CCCD_PROVINCE_CODES) == 63
    assert {"001", "079", "096"} <= CCCD_PROVINCE_CODES and "003" not in CCCD_PROVINCE_CODES


@pytest.mark.parametrize(
    ("year", "female", "digit"),
    [(1990, False, 0), (1990, True, 1), (2005, False, 2), (2005, True, 3), (2100, True, 5)],
)
def test_century_digit_encodes_century_and_sex(year, female, digit):
    assert century_digit(year, female=female) == digit


@pytest.mark.parametrize(
    ("number", "born"),
    [
        ("001090000001", dt.date(1990, 1, 1)),
        ("079305123456", dt.date(2005, 6, 1)),
        ("096 185 000 001", dt.date(1985, 2, 2)),
    ],
)
def test_well_formed_cccd_numbers_pass(number, born):
    assert validate_cccd(number, born) == number.replace(" ", "")


@pytest.mark.parametrize(
    ("number", "born"),
    [
        ("00109000000", None),
        ("00109000000a", None),
        ("099090000001", None),
        ("001290000001", dt.date(1990, 1, 1)),
        ("001091000001", dt.date(1990, 1, 1)),
    ],
)
def test_malformed_cccd_numbers_fail(number, born):
    with pytest.raises(ValidationError):
        validate_cccd(number, born)


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0912345678", "+84912345678"),
        ("+84 98 123 4567", "+84981234567"),
        ("84862345678", "+84862345678"),
    ],
)
def test_mobile_numbers_are_normalised(raw, e164):
    assert normalise_mobile(raw) == e164


@pytest.mark.parametrize("raw", ["0281234567", "+14155552671", "12345", "", "abc"])
def test_landlines_foreign_and_garbage_numbers_fail(raw):
    with pytest.raises(ValidationError):
        normalise_mobile(raw)


def test_enterprise_code_has_10_or_13_digits():
    assert validate_enterprise_code("0312345678") == "0312345678"
    assert validate_enterprise_code("0312345678-001") == "0312345678001"
    for bad in ("031234567", "03123456780", "abcdefghij"):
        with pytest.raises(ValidationError):
            validate_enterprise_code(bad)


@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("0252 3847 111", "+842523847111"),
        ("028 3829 6052", "+842838296052"),
        ("0912.345.678", "+84912345678"),
    ],
)
def test_any_vietnamese_number_takes_landlines_and_mobiles(raw, e164):
    assert normalise_phone(raw) == e164


@pytest.mark.parametrize("raw", ["+14155552671", "12345", "", "abc", "1900 1234"])
def test_any_vietnamese_number_still_refuses_foreign_garbage_and_premium_numbers(raw):
    with pytest.raises(ValidationError):
        normalise_phone(raw)


def test_phones_display_in_the_national_format():
    assert display_phone("+84912345678") == "0912 345 678"
    assert display_phone("+842523847111") == "0252 3847 111"
    assert display_phone("0912345678") == "0912 345 678"
    assert display_phone("not a phone") == "not a phone"


def test_address_codes_are_zero_padded_as_vietnam_provinces_names_them():
    assert addresses.province_code("1") == addresses.province_code(1) == "01"
    assert addresses.commune_code("70") == "00070"
    assert addresses.province_code("x") == addresses.province_code("123") == ""
    assert dict(addresses.provinces())["01"] == "Thành phố Hà Nội"
    assert ("00070", "Phường Hoàn Kiếm") in addresses.communes("01")


def test_every_lookup_answers_for_the_stored_code_and_the_bare_number():
    for province in ("01", "1"):
        assert addresses.province_name(province) == "Thành phố Hà Nội"
        assert addresses.commune_in_province("00070", province)
    assert addresses.commune_name("00070") == addresses.commune_name("70") == "Phường Hoàn Kiếm"
    assert not addresses.commune_in_province("00070", "79")
    assert addresses.communes("x") == [] and addresses.province_name("") == ""
    assert (
        addresses.format_address(line="12 Hàng Bài", commune="00070", province="01")
        == "12 Hàng Bài, Phường Hoàn Kiếm, Thành phố Hà Nội"
    )
