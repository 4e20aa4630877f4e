"""The catalog marks a paper "thay bằng tờ khai điện tử" through the import and the admin."""

import pytest
from django.urls import reverse

from dichvucong.catalog.importer import CatalogImportError, import_catalog
from dichvucong.catalog.models import RequiredDocument
from dichvucong.catalog.tests.catalog_data import catalog

pytestmark = pytest.mark.django_db


def _birth_papers(data):
    return data["procedures"][0]["required_documents"]


def test_the_import_marks_a_paper_replaced_by_the_eform_and_unmarks_it_in_place():
    data = catalog()
    _birth_papers(data)[0]["replaced_by_eform"] = True
    import_catalog(data)
    to_khai = RequiredDocument.objects.get(name="Tờ khai đăng ký khai sinh theo mẫu")
    assert to_khai.replaced_by_eform
    assert not RequiredDocument.objects.get(name="Giấy chứng sinh").replaced_by_eform

    del _birth_papers(data)[0]["replaced_by_eform"]  # left out: the default, asked as a file
    import_catalog(data)
    again = RequiredDocument.objects.get(name="Tờ khai đăng ký khai sinh theo mẫu")
    assert again.pk == to_khai.pk and not again.replaced_by_eform


def test_the_import_refuses_a_replaced_by_eform_that_is_not_true_or_false():
    data = catalog()
    _birth_papers(data)[0]["replaced_by_eform"] = "có"
    with pytest.raises(CatalogImportError) as caught:
        import_catalog(data)
    assert any("“replaced_by_eform” phải là true hoặc false" in p for p in caught.value.problems)


def test_the_admin_shows_the_flag_on_each_paper(admin_client):
    import_catalog(catalog())
    paper = RequiredDocument.objects.get(name="Giấy chứng sinh")
    url = reverse("admin:catalog_procedure_change", args=[paper.procedure_id])
    page = admin_client.get(url).content.decode()
    assert "replaced_by_eform" in page and "Thay bằng tờ khai điện tử" in page
