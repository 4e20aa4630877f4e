"""The visitor's address behind the portal's own reverse proxies."""

import pytest
from django.test import RequestFactory

from dichvucong.core.audit import client_ip


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "10.0.0.2"),  # no proxy configured: the header is the visitor's word
        (1, "", "10.0.0.2"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.1, 203.0.113.5", "203.0.113.5"),
        (2, "198.51.100.1, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.2"),  # fewer hops than proxies: a misconfiguration
        (1, "not-an-address", "10.0.0.2"),  # the audit log stores a valid address or none
    ],
)
def test_client_ip_takes_the_address_our_proxies_saw(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
