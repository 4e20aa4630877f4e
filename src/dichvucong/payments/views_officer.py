"""Officer page for a dossier's fees: request payment (4→6), waive (counter fees: back office)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from dichvucong.accounts.permissions import may_request_fee, may_waive_fee
from dichvucong.dossiers.fees import fee_state
from dichvucong.dossiers.models import Dossier
from dichvucong.payments.forms import ExemptionForm, PaymentRequestForm
from dichvucong.payments.selectors import payment_rows
from dichvucong.payments.services import (
    officer_may_request_payment,
    payment_request_by_officer,
)
from dichvucong.payments.services_fees import (
    FeeAlreadySettled,
    fee_exempt,
)
from dichvucong.processing.machine import RoleNotAllowed, TransitionError
from dichvucong.processing.selectors import staff_dossier_or_404

FORMS = {"request": PaymentRequestForm, "exempt": ExemptionForm}


def _act(action: str, dossier: Dossier, user, data: dict) -> str:
    if action == "request":
        payment_request_by_officer(
            dossier=dossier, amount=data["amount"], actor=user, note=data["note"]
        )
        return _("Đã gửi yêu cầu thực hiện nghĩa vụ tài chính.")
    fee_exempt(dossier=dossier, actor=user, reason=data["reason"])
    return _("Đã ghi nhận miễn phí, lệ phí.")


@login_required
def officer_fees(request: HttpRequest, dossier_id: int) -> HttpResponse:
    """Show and change the fees of a dossier of the officer's agency."""
    dossier = staff_dossier_or_404(request.user, dossier_id)
    default_amount = fee_state(dossier).outstanding or None
    forms = {
        name: cls(prefix=name, initial={"amount": default_amount}) for name, cls in FORMS.items()
    }
    status = 200
    action = request.POST.get("action", "")
    if request.method == "POST" and action in FORMS:
        forms[action] = FORMS[action](request.POST, prefix=action)
        if forms[action].is_valid():
            try:
                messages.success(
                    request, _act(action, dossier, request.user, forms[action].cleaned_data)
                )
                return redirect("payments:officer_fees", dossier_id=dossier.pk)
            except RoleNotAllowed as exc:  # the buttons are hidden; a crafted POST lands here
                forms[action].add_error(None, str(exc))
                status = exc.status_code
            except (TransitionError, FeeAlreadySettled, ValueError):
                forms[action].add_error(
                    None, _("Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.")
                )
        status = 400 if status == 200 else status
    return render(
        request,
        "payments/officer_fees.html",
        {
            "dossier": dossier,
            "fees": fee_state(dossier),
            "payments": payment_rows(dossier),
            "forms": forms,
            "can_request": officer_may_request_payment(dossier)
            and may_request_fee(request.user, dossier),
            "can_exempt": may_waive_fee(request.user, dossier),
        },
        status=status,
    )
