import pytest

from dichvucong.catalog.models import RequiredDocument
from dichvucong.catalog.search_fields import refresh_search_fields
from dichvucong.catalog.tests.factories import make_field, make_procedure

pytestmark = pytest.mark.django_db


def test_name_and_body_are_folded_separately():
    procedure = make_procedure(
        code="1.001193",
        name="Đăng ký KHAI SINH",
        field=make_field(name="Hộ tịch"),
        steps="Nộp tờ khai tại Ủy ban nhân dân",
        result="Giấy khai sinh",
    )
    RequiredDocument.objects.create(procedure=procedure, name="Giấy chứng sinh")

    refresh_search_fields(procedure)

    assert procedure.search_name == "1 001193 dang ky khai sinh"
    assert "nop to khai tai uy ban nhan dan" in procedure.search_body
    assert "giay chung sinh" in procedure.search_body and "ho tich" in procedure.search_body
    assert "dang ky khai sinh" not in procedure.search_body
