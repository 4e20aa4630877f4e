"""The built-in demo provider: a pay page inside the portal, no outside service."""

from typing import Any

from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dichvucong.payments.providers import GatewayNotice, IpnResult, PaymentProvider, QueryResult


class DemoPaymentProvider(PaymentProvider):
    id = "demo"
    label = _("Thanh toán thử nghiệm (demo)")

    def start(self, *, payment: Any, return_url: str, ipn_url: str, client_ip: str) -> str:
        return reverse("payments:demo_pay", args=[payment.order_ref])

    def notice(self, *, payment: Any, success: bool) -> GatewayNotice:
        """Build the notice the demo pay page's buttons stand for."""
        return GatewayNotice(
            order_ref=payment.order_ref,
            amount=payment.amount,
            success=success,
            txn_no=f"DEMO{payment.pk:08d}" if success else "",
            raw={"ref": payment.order_ref, "action": "pay" if success else "cancel"},
        )

    def parse_ipn(self, request: Any) -> GatewayNotice:
        raise NotImplementedError("The demo provider confirms from its own pay page.")

    def ipn_response(self, result: IpnResult) -> HttpResponse:
        return JsonResponse({"result": result.value})

    def return_ref(self, params: Any) -> str | None:
        return params.get("ref") if params.get("provider") == self.id else None

    def query(self, *, payment: Any) -> QueryResult:
        # Nothing outside knows about demo payments: only the pay page can settle them.
        return QueryResult(state="not_found")
