"""Anonymous catalog pages come from the process page cache, and a catalog change shows at once."""

import pytest
from django.contrib.auth import get_user_model

from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.core import pagecache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def caching_on(settings):
    settings.CATALOG_CACHE_SECONDS = 300
    pagecache.clear()
    yield
    pagecache.clear()


def test_a_changed_procedure_shows_at_once_despite_the_page_cache(client):
    procedure = make_procedure(name="Cấp giấy phép thử nghiệm")
    url = f"/thu-tuc/{procedure.code}/"
    assert "Cấp giấy phép thử nghiệm" in client.get(url).content.decode()
    procedure.name = "Cấp lại giấy phép thử nghiệm"
    procedure.save()
    assert "Cấp lại giấy phép thử nghiệm" in client.get(url).content.decode()


def test_search_pages_are_shared_by_anonymous_visitors_only(client):
    make_procedure(name="Đăng ký khai sinh thử nghiệm")
    first = client.get("/thu-tuc/?q=khai+sinh")
    assert len(pagecache._entries) == 1
    assert client.get("/thu-tuc/?q=khai+sinh").content == first.content
    # catalog sits below accounts: the user comes from the configured model.
    citizen = get_user_model().objects.create_user(username="rieng", full_name="Lê Thị Riêng")
    client.force_login(citizen)
    own = client.get("/thu-tuc/?q=khai+sinh").content.decode()
    assert "Lê Thị Riêng" in own  # the signed-in header is never served from the shared copy


def test_a_page_that_used_a_csrf_token_is_never_shared(rf):
    from django.http import HttpResponse
    from django.middleware.csrf import get_token

    from dichvucong.catalog.cache import anonymous_page

    def render_with_token(request):
        return HttpResponse(f"<input value='{get_token(request)}'>")

    request = rf.get("/thu-tuc/")
    anonymous_page(request, lambda: render_with_token(request))
    assert not pagecache._entries
