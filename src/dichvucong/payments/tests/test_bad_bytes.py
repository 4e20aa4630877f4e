"""Callbacks with bytes that are not UTF-8 are refused with a 4xx, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from dichvucong.payments.views import GATEWAYS

pytestmark = pytest.mark.django_db
BAD = b'{"orderId": "\xff\xfe\xc3(", "amount": 1}'


@pytest.mark.parametrize("provider_id", GATEWAYS)
@pytest.mark.parametrize("content_type", ["application/json", "application/x-www-form-urlencoded"])
def test_an_ipn_with_invalid_utf8_is_a_4xx(settings, provider_id, content_type):
    settings.PAYMENT_PROVIDERS = ["demo", provider_id]
    client = Client(raise_request_exception=False)
    url = reverse("payments:ipn", args=[provider_id])
    response = client.post(url, BAD, content_type=content_type)
    assert response.status_code < 500  # the gateway's own 'invalid' answer, or a 400


def test_a_return_with_invalid_utf8_in_the_query_is_not_a_500(client):
    from dichvucong.accounts.tests.factories import make_citizen

    client.force_login(make_citizen())
    client.raise_request_exception = False
    response = client.get(reverse("payments:return") + "?vnp_TxnRef=%FF%FE&orderId=%C3%28")
    assert response.status_code in (400, 404)
