"""Cached catalog fragments: reused while the catalog is unchanged, fresh after any change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dichvucong.catalog.cache import bump_catalog_version, catalog_version
from dichvucong.catalog.models import Procedure
from dichvucong.catalog.search_fields import refresh_search_fields
from dichvucong.catalog.tests.factories import make_procedure

pytestmark = pytest.mark.django_db
LIST = reverse("catalog:procedure_list")


def catalog_queries(client, url, params=None) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return [q["sql"] for q in captured.captured_queries if "catalog_" in q["sql"]]


@pytest.mark.parametrize("url", [LIST, reverse("catalog:home")])
def test_a_repeated_page_is_served_without_catalog_queries(client, url):
    make_procedure(name="Đăng ký khai sinh")
    assert catalog_queries(client, url, {"q": "khai sinh"})
    assert catalog_queries(client, url, {"q": "khai sinh"}) == []


def test_an_edited_procedure_shows_at_once(client):
    procedure = make_procedure(name="Đăng ký khai sinh")
    assert "Đăng ký khai sinh" in client.get(LIST).content.decode()
    procedure.name = "Đăng ký khai sinh lưu động"
    refresh_search_fields(procedure)
    procedure.save()
    page = client.get(LIST, {"q": "luu dong"}).content.decode()
    assert "Đăng ký khai sinh lưu động" in page
    assert "Đăng ký khai sinh lưu động" in client.get(LIST).content.decode()


def test_bulk_changes_show_after_bumping_the_version(client):
    procedure = make_procedure(name="Đăng ký khai sinh")
    client.get(LIST)
    Procedure.objects.filter(pk=procedure.pk).update(is_active=False)
    bump_catalog_version()
    assert "Đăng ký khai sinh" not in client.get(LIST).content.decode()


def test_pages_work_with_the_cache_turned_off(client, settings):
    settings.CATALOG_CACHE_SECONDS = 0
    make_procedure(name="Đăng ký khai sinh")
    assert catalog_queries(client, LIST)
    assert catalog_queries(client, LIST)


def test_fragments_cached_while_an_import_was_uncommitted_are_retired_at_commit(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        make_procedure(name="Đăng ký khai sinh")
        make_procedure(name="Đăng ký kết hôn")
        # What another process may cache now (old rows, since it cannot see these yet)
        # is keyed by this version.
        during = catalog_version()
    assert len(callbacks) == 1  # one bump on commit, however many rows changed
    assert catalog_version() != during
