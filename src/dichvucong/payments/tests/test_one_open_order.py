"""One open gateway order per fee at a time: pressing "pay" again reuses the open order, a
different gateway or an expired window replaces it, and presses arriving together open one."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.urls import reverse

from dichvucong.dossiers.models import DossierStatus
from dichvucong.payments.models import Payment, PaymentStatus
from dichvucong.payments.providers.vnpay import VnpayProvider
from dichvucong.payments.services import PaymentStartInProgress, payment_start
from dichvucong.payments.tests.factories import make_dossier, start_gateway_payment


def _press(client, dossier, provider="vnpay"):
    return client.post(reverse("payments:start", args=[dossier.pk]), {"provider": provider})


def _started(dossier):
    return Payment.objects.filter(dossier=dossier, started_at__isnull=False)


@pytest.fixture
def gateway_calls(monkeypatch):
    """Count the orders registered at VNPay (each start() is one order at the gateway)."""
    calls: list[str] = []
    real = VnpayProvider.start

    def start(self, *, payment, **kwargs):
        calls.append(payment.order_ref)
        time.sleep(0.05)  # the gateway takes a moment: presses arriving together overlap
        return real(self, payment=payment, **kwargs)

    monkeypatch.setattr(VnpayProvider, "start", start)
    return calls


@pytest.mark.django_db
def test_pressing_pay_twice_sends_the_citizen_to_the_same_order(client, gateway_calls):
    dossier = make_dossier(status=DossierStatus.PROCESSING)
    client.force_login(dossier.applicant)
    from dichvucong.payments.services import payment_request

    payment_request(dossier=dossier, amount=50000, actor=None)
    first, second = _press(client, dossier), _press(client, dossier)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert len(gateway_calls) == 1 and _started(dossier).count() == 1
    assert _started(dossier).get().status == PaymentStatus.PENDING


@pytest.mark.django_db
def test_choosing_another_gateway_cancels_the_open_order(client, gateway_calls):
    dossier, first, _ = start_gateway_payment("vnpay")
    client.force_login(dossier.applicant)
    assert _press(client, dossier, "demo").status_code == 302
    first.refresh_from_db()
    assert first.status == PaymentStatus.CANCELLED
    assert dossier.payments.filter(status=PaymentStatus.PENDING).get().provider == "demo"


@pytest.mark.django_db
def test_an_order_whose_window_is_over_is_replaced(client, gateway_calls):
    dossier, first, url = start_gateway_payment("vnpay")
    Payment.objects.filter(pk=first.pk).update(started_at=first.started_at - timedelta(hours=1))
    client.force_login(dossier.applicant)
    response = _press(client, dossier)
    assert response["Location"] != url
    first.refresh_from_db()
    assert first.status == PaymentStatus.CANCELLED
    assert dossier.payments.filter(status=PaymentStatus.PENDING).count() == 1


@pytest.mark.django_db
def test_a_press_while_the_order_is_being_opened_waits_instead_of_opening_another(
    client, gateway_calls
):
    dossier, first, _ = start_gateway_payment("vnpay")
    Payment.objects.filter(pk=first.pk).update(start_data={})  # the gateway has not answered
    client.force_login(dossier.applicant)
    response = _press(client, dossier)
    assert response.status_code == 409
    assert "Giao dịch đang được chuyển sang cổng thanh toán" in response.content.decode()
    assert _started(dossier).count() == 1


@pytest.mark.django_db
def test_a_failed_start_may_be_retried_at_once(client, settings):
    settings.MOMO_ENDPOINT = "http://127.0.0.1:9"  # closed: MoMo cannot be reached
    dossier, _, _ = start_gateway_payment("vnpay")
    client.force_login(dossier.applicant)
    assert _press(client, dossier, "momo").status_code == 503
    assert _press(client, dossier, "momo").status_code == 503  # not "in progress" for ever
    assert dossier.payments.filter(status=PaymentStatus.PENDING).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks between threads need PostgreSQL"
)
def test_twenty_presses_arriving_together_open_one_gateway_order(gateway_calls):
    dossier, first, url = start_gateway_payment("vnpay")
    Payment.objects.filter(pk=first.pk).update(started_at=first.started_at - timedelta(hours=1))
    gateway_calls.clear()
    barrier = threading.Barrier(20)
    urls: list[str] = []
    waits: list[str] = []

    def press():
        try:
            barrier.wait()
            urls.append(
                payment_start(
                    payment=first,
                    provider_id="vnpay",
                    return_url="http://t/r",
                    ipn_url="http://t/i",
                )
            )
        except PaymentStartInProgress as exc:
            waits.append(str(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=press) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(urls) + len(waits) == 20 and urls
    assert len(gateway_calls) == 1
    assert len(set(urls)) == 1 and url not in urls
    assert dossier.payments.filter(status=PaymentStatus.PENDING).count() == 1
