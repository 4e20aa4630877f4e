import pytest
from django.test import RequestFactory

from dichvucong.core.redirects import safe_next


@pytest.mark.parametrize(
    "value,expected",
    [
        ("/thu-tuc/?q=khai+sinh", "/thu-tuc/?q=khai+sinh"),
        ("http://testserver/ca-nhan/", "/ca-nhan/"),
        ("abc", "/"),  # a bare word: redirect() would look it up as a view name
        ("thu-tuc/", "/"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("", "/"),
    ],
)
def test_next_is_kept_only_as_a_path_of_this_site(value, expected):
    request = RequestFactory().get("/", {"next": value})
    assert safe_next(request, default="/") == expected
