"""How a fee line is named in the national systems' messages (payment platform, dossier sync)."""

from dichvucong.catalog.fees import FeeLine, national_fee_code, national_fee_kind


def test_a_le_phi_is_lephi_and_any_other_charge_phi():
    assert (
        national_fee_kind(FeeLine(name=" Lệ phí đăng ký hộ tịch", unit_amount=8000, quantity=1))
        == "LePhi"
    )
    assert (
        national_fee_kind(FeeLine(name="Phí thẩm định hồ sơ", unit_amount=50000, quantity=1))
        == "Phi"
    )
    assert (
        national_fee_kind(FeeLine(name="Phí cấp bản sao (lệ phí)", unit_amount=2000, quantity=1))
        == "Phi"
    )


def test_the_fee_code_is_the_procedure_code_and_the_line_number():
    assert national_fee_code("1.001193", 1) == "1.001193.01"
    assert national_fee_code("1.001193", 12) == "1.001193.12"
