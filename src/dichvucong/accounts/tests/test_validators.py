import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from dichvucong.accounts.validators import (
    CCCD_PROVINCE_CODES,
    century_digit,
    normalise_vn_mobile,
    validate_cccd,
    validate_enterprise_code,
)


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
    assert normalise_vn_mobile(raw) == e164


@pytest.mark.parametrize("raw", ["0281234567", "+14155552671", "12345", "", "abc"])
def test_landlines_foreign_and_garbage_numbers_fail(raw):
    with pytest.raises(ValidationError):
        normalise_vn_mobile(raw)


def test_enterprise_code_has_10_or_13_digits():
    assert validate_enterprise_code("0312345678") == "0312345678"
    assert validate_enterprise_code("0312345678-001") == "0312345678001"
    for bad in ("031234567", "03123456780", "abcdefghij"):
        with pytest.raises(ValidationError):
            validate_enterprise_code(bad)
