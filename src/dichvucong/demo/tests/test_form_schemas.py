import json

import pytest

from dichvucong.catalog.form_schema import validate_form_schema
from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.demo.registry import DemoReport
from dichvucong.demo.steps import form_schemas
from dichvucong.dossiers.forms import SchemaForm


def _schemas() -> dict:
    return json.loads(form_schemas.DATA.read_text(encoding="utf-8"))


def test_at_least_ten_demo_procedures_have_valid_forms_that_build():
    schemas = _schemas()
    assert len(schemas) >= 10
    assert {"1.001193", "1.000894", "3.000333", "1.001612"} <= set(schemas)
    for schema in schemas.values():
        assert validate_form_schema(schema) == []
        assert SchemaForm(schema).fields


@pytest.mark.django_db
def test_the_step_fills_present_procedures_and_skips_absent_ones():
    birth = make_procedure(code="1.001193", name="Đăng ký khai sinh")
    report = DemoReport()
    form_schemas.load(report)
    birth.refresh_from_db()
    labels = [f["label"] for f in birth.form_schema]
    assert "Họ, chữ đệm, tên của trẻ" in labels
    assert report.lines[-1].startswith("Biểu mẫu điện tử: 1/")
