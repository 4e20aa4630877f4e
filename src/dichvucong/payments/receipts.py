"""The electronic receipt (biên lai điện tử) of a paid fee, as a PDF."""

from django.utils import timezone

from dichvucong.core.pdf import new_pdf, official_header, paragraph, render, title_block
from dichvucong.dossiers.fees import fee_state
from dichvucong.payments.models import Payment
from dichvucong.payments.providers import provider_label


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _channel(payment: Payment) -> str:
    return provider_label(payment.provider) or "Nộp trực tiếp tại Bộ phận Một cửa"


def render_receipt(payment: Payment) -> bytes:
    """Return the receipt PDF of a paid payment."""
    dossier = payment.dossier
    paid_at = timezone.localtime(payment.paid_at or timezone.now())
    pdf = new_pdf(title=f"Biên lai {payment.order_ref}")
    official_header(pdf, agency_name=dossier.agency.name, number=payment.order_ref, when=paid_at)
    title_block(pdf, "Biên lai thu phí, lệ phí", "(Biên lai điện tử)")
    fees = fee_state(dossier)
    lines = [
        f"Người nộp: {dossier.applicant_name}",
        f"Mã hồ sơ: {dossier.code or ''}",
        f"Thủ tục: {dossier.procedure.name}",
        *(
            f"Khoản thu: {line.name}: {_money(line.unit_amount)} × {line.quantity}"
            f" = {_money(line.amount)}"
            for line in fees.lines
        ),
        f"Số tiền: {_money(payment.amount)}",
        f"Hình thức thanh toán: {_channel(payment)}",
        f"Mã giao dịch: {payment.order_ref}"
        + (f" / {payment.gateway_txn_no}" if payment.gateway_txn_no else ""),
        f"Thời điểm thanh toán: {paid_at:%H:%M ngày %d/%m/%Y}",
    ]
    if fees.postage_note:
        lines.append(fees.postage_note)
    for line in lines:
        paragraph(pdf, line)
    return render(pdf)
