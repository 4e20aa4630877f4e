"""The receipt "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" (form 01, Circular 03/2025/TT-VPCP).

The one form-01 renderer: issued at online submission (stored as `giay-tiep-nhan-<code>.pdf`)
and at reception by the counter (`processing.slips` stores it as `01-…`).
"""

import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from dichvucong.core.pdf import (
    form_number,
    new_pdf,
    official_header,
    paragraph,
    render,
    signature,
    title_block,
)
from dichvucong.core.selectors import current_province
from dichvucong.dossiers.appointments import SPELLED_OUT, appointment_text
from dichvucong.dossiers.fees import fee_state
from dichvucong.dossiers.forms.display import dossier_answers, write_answers
from dichvucong.dossiers.lookup_link import qr_png
from dichvucong.dossiers.models import (
    Attachment,
    AttachmentKind,
    Channel,
    Dossier,
    ResultDelivery,
)
from dichvucong.dossiers.papers import filled_online, obtained_paper_ids
from dichvucong.dossiers.selectors import dossier_papers
from dichvucong.dossiers.services.signing import request_signature

RECEIPT_TITLE = "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"
RECEIPT_NAME = "giay-tiep-nhan-{code}.pdf"
EFORM_LINE = "Tờ khai điện tử (đã điền trực tuyến)"


def _when(moment) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def _documents(dossier: Dossier) -> list[str]:
    counts: dict[int | None, int] = {}
    for attachment in dossier.attachments.filter(kind=AttachmentKind.APPLICATION):
        counts[attachment.required_document_id] = counts.get(attachment.required_document_id, 0) + 1
    obtained = obtained_paper_ids(dossier)
    lines = []
    for n, document in enumerate(dossier_papers(dossier), start=1):
        if filled_online(dossier, document) and document.pk not in counts:
            lines.append(f"{n}. {EFORM_LINE}")
        elif document.pk in counts:
            lines.append(f"{n}. {document.name} (bản điện tử: {counts.pop(document.pk)} tệp)")
        elif document.pk in obtained:
            lines.append(f"{n}. {document.name} (khai thác từ CSDL quốc gia về dân cư)")
    others = sum(counts.values())
    if others:
        lines.append(f"{len(lines) + 1}. Giấy tờ khác (bản điện tử: {others} tệp)")
    return lines or ["(Không có thành phần hồ sơ đính kèm)"]


def _money(amount: int) -> str:
    return f"{amount:,}".replace(",", ".") + " đồng"


def _fees(dossier: Dossier) -> str:
    fees = fee_state(dossier)
    if fees.state == "none":
        return "Không thu phí"
    parts = "; ".join(
        f"{line.name} {_money(line.unit_amount)} × {line.quantity}" for line in fees.lines
    )
    settled = {
        "paid": "đã nộp",
        "exempt": "được miễn",
    }.get(fees.state, f"còn phải nộp {_money(fees.outstanding)}")
    return f"{_money(fees.total)} ({parts}) — {settled}"


def render_receipt(dossier: Dossier, *, receiver: str | None = None) -> bytes:
    """Return form 01 of a dossier as PDF bytes; signed by `receiver` when an officer received it.

    Without a receiver it is the receipt issued automatically at online submission.
    """
    province = current_province()
    received = dossier.received_at or dossier.submitted_at
    pdf = new_pdf(title=f"{RECEIPT_TITLE} {dossier.code}")
    form_number(pdf, "01")
    official_header(
        pdf,
        agency_name=dossier.agency.name,
        parent_name=dossier.agency.parent.name if dossier.agency.parent_id else "",
        number=dossier.code,
        place=getattr(province, "name", ""),
        when=timezone.localtime(received) if received else None,
    )
    title_block(pdf, RECEIPT_TITLE, f"Mã hồ sơ: {dossier.code}")
    paragraph(pdf, f"{dossier.agency.name} tiếp nhận hồ sơ của:")
    paragraph(pdf, f"Ông/bà: {dossier.applicant_name}")
    if dossier.applicant_id_number:
        paragraph(pdf, f"Số định danh cá nhân: {dossier.applicant_id_number}")
    paragraph(pdf, f"Địa chỉ: {dossier.applicant_address or '…'}")
    paragraph(
        pdf,
        f"Số điện thoại: {dossier.applicant_phone or '…'}    "
        f"Thư điện tử: {dossier.applicant_email or '…'}",
    )
    paragraph(
        pdf,
        f"Nội dung yêu cầu giải quyết: {dossier.procedure.name} "
        f"(mã thủ tục {dossier.procedure.code})",
    )
    write_answers(pdf, dossier_answers(dossier), heading="Nội dung tờ khai:")
    paragraph(pdf, "1. Thành phần hồ sơ nộp gồm:", bold=True)
    for line in _documents(dossier):
        paragraph(pdf, f"    {line}")
    paragraph(pdf, "2. Số lượng hồ sơ: 01 (bộ)")
    days = dossier.procedure.processing_days
    days_text = f"{days.normalize():f} ngày làm việc" if days is not None else "theo quy định"
    paragraph(pdf, f"3. Thời gian giải quyết hồ sơ theo quy định là: {days_text}")
    paragraph(pdf, f"4. Thời gian nhận hồ sơ: {_when(received) if received else '…'}")
    due = appointment_text(dossier, SPELLED_OUT) or "theo quy định"
    paragraph(pdf, f"5. Thời gian trả kết quả giải quyết hồ sơ: {due}")
    where = (
        "Nhận qua dịch vụ bưu chính công ích"
        if dossier.result_delivery == ResultDelivery.POST
        else f"Bộ phận Một cửa — {dossier.agency.name}"
    )
    paragraph(pdf, f"6. Đăng ký nhận kết quả tại: {where}")
    paragraph(pdf, f"7. Phí, lệ phí: {_fees(dossier)}")
    postage = fee_state(dossier).postage_note
    if postage:
        paragraph(pdf, f"    {postage}")
    if dossier.channel == Channel.ONLINE and receiver is None:
        how = (
            "Hình thức nộp: trực tuyến qua Cổng Dịch vụ công. Giấy này được lập tự động "
            "khi hồ sơ được nộp thành công; mọi thay đổi sẽ được thông báo tới người nộp."
        )
    else:
        how = f"Hình thức nộp: {dossier.get_channel_display().lower()}."
    paragraph(pdf, how)
    paragraph(pdf, "Quét mã QR để tra cứu tình trạng hồ sơ (không cần nhập 4 số cuối):")
    pdf.image(io.BytesIO(qr_png(dossier, box_size=4)), x=pdf.l_margin, w=32)
    if receiver is not None:
        signature(pdf, "Người tiếp nhận", receiver)
    return render(pdf)


def store_receipt(*, dossier: Dossier) -> Attachment:
    """Render and store the receipt once (a retried task finds the one already stored)."""
    existing = dossier.attachments.filter(
        kind=AttachmentKind.SLIP, original_name__startswith="giay-tiep-nhan-"
    ).first()
    if existing is not None:
        return existing
    data = render_receipt(dossier)
    name = RECEIPT_NAME.format(code=dossier.code)
    attachment = Attachment(
        dossier=dossier,
        kind=AttachmentKind.SLIP,
        original_name=name,
        content_type="application/pdf",
        extension=".pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        page_count=1,
    )
    attachment.file.save(name, ContentFile(data), save=False)
    try:
        with transaction.atomic():
            attachment.save()
            request_signature(attachment=attachment)
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


def receipt_file(dossier: Dossier):
    """Open the stored receipt for streaming, storing it first if the task has not run yet."""
    return store_receipt(dossier=dossier).file.open("rb")
