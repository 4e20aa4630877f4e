"""A catalog paper can declare that the agency obtains its data from the population database."""

import pytest

from dichvucong.catalog.importer import CatalogImportError, import_catalog
from dichvucong.catalog.models import PaperSource, RequiredDocument
from dichvucong.catalog.tests.catalog_data import catalog

pytestmark = pytest.mark.django_db


def _with_source(value) -> dict:
    data = catalog()
    data["procedures"][0]["required_documents"][1]["fetched_from"] = value
    return data


def test_the_source_is_imported_and_kept_on_reimport():
    import_catalog(_with_source("population"))
    import_catalog(_with_source("population"))
    paper = RequiredDocument.objects.get(name="Giấy chứng sinh")
    assert paper.fetched_from == PaperSource.POPULATION
    assert RequiredDocument.objects.get(name__startswith="Tờ khai").fetched_from == ""


def test_an_unknown_source_is_refused_in_vietnamese():
    with pytest.raises(CatalogImportError) as refused:
        import_catalog(_with_source("cong-an"))
    assert any("“fetched_from” chỉ nhận: population." in p for p in refused.value.problems)
