"""import_procedures carries each procedure's online form, checked by the one schema check."""

import pytest

from dichvucong.catalog.importer import CatalogImportError, import_catalog
from dichvucong.catalog.models import Procedure
from dichvucong.catalog.tests.catalog_data import catalog

pytestmark = pytest.mark.django_db
FORM = [
    {"name": "ho_ten", "label": "Họ và tên", "type": "text", "required": True},
    {"name": "gioi_tinh", "label": "Giới tính", "type": "choice", "choices": ["Nam", "Nữ"]},
]


def _with_form(schema) -> dict:
    data = catalog()
    data["procedures"][0]["form_schema"] = schema
    return data


def test_a_procedure_gets_its_form_and_a_file_without_one_keeps_it():
    import_catalog(_with_form(FORM))
    assert Procedure.objects.get(code="1.001193").form_schema == FORM

    import_catalog(catalog())  # the same catalog without "form_schema"

    assert Procedure.objects.get(code="1.001193").form_schema == FORM


def test_a_typo_in_a_form_refuses_the_file_and_names_procedure_and_row():
    bad = [FORM[0], {"name": "gioi_tinh", "label": "Giới tính", "type": "choise"}]

    with pytest.raises(CatalogImportError) as refused:
        import_catalog(_with_form(bad))

    assert refused.value.problems == [
        "Thủ tục dòng 1 (1.001193): biểu mẫu điện tử, Dòng 2 («Giới tính»): loại trường "
        "“choise” không có; các loại được hỗ trợ: text, textarea, number, date, choice, "
        "checkbox, id_number, phone, email, address, ethnicity, nationality."
    ]
    assert Procedure.objects.filter(code="1.001193").count() == 0
