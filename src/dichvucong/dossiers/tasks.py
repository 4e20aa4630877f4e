"""Background work after a submission commits: the receipt PDF and the SMS with the code."""

import logging

from django.utils import timezone
from django_tasks import task

from dichvucong.core.text import fold
from dichvucong.dossiers.appointments import DATE, appointment_text
from dichvucong.notifications.messages import register_message

logger = logging.getLogger(__name__)
SMS_TEMPLATE = "dossier_submitted"
SMS_DEFAULT = (
    "Ho so {ma_ho_so} ({ten_thu_tuc}) da duoc nop truc tuyen luc {nop_luc}. "
    "Hen tra ket qua: {han_tra}. Tra cuu tai {trang_web}"
)
register_message(
    codes=[SMS_TEMPLATE],
    channels=("sms",),
    placeholders={
        "ma_ho_so": "mã hồ sơ",
        "ten_thu_tuc": "tên thủ tục (không dấu, tối đa 60 ký tự)",
        "nop_luc": "giờ và ngày nộp",
        "han_tra": "ngày hẹn trả kết quả",
        "trang_web": "địa chỉ Cổng Dịch vụ công",
    },
)


@task()
def generate_receipt(dossier_id: int) -> str:
    """Render and store the receipt of a submitted dossier (safe to retry)."""
    from dichvucong.dossiers.models import Dossier
    from dichvucong.dossiers.receipts import store_receipt

    dossier = Dossier.objects.select_related("procedure", "agency").filter(pk=dossier_id).first()
    if dossier is None or not dossier.code:
        return "skipped"
    store_receipt(dossier=dossier)
    return "stored"


@task()
def send_submission_sms(dossier_id: int) -> str:
    """Text the applicant the dossier code; a failure is logged, never undoes the submission."""
    from django.conf import settings

    from dichvucong.dossiers.models import Dossier
    from dichvucong.notifications.models import SmsMessage
    from dichvucong.notifications.services import render_template, send_sms

    dossier = Dossier.objects.select_related("procedure").filter(pk=dossier_id).first()
    if dossier is None or not dossier.code or not dossier.applicant_phone:
        return "skipped"
    if SmsMessage.objects.filter(dossier_id=dossier.pk, purpose=SMS_TEMPLATE).exists():
        return "skipped"  # a retried run: the text is already queued
    when = "%d/%m/%Y %H:%M"
    context = {
        "ma_ho_so": dossier.code,
        "ten_thu_tuc": fold(dossier.procedure.name)[:60],
        "nop_luc": timezone.localtime(dossier.submitted_at).strftime(when),
        "han_tra": fold(appointment_text(dossier, DATE)),
        "trang_web": settings.SITE_URL,
    }
    try:
        text = render_template(SMS_TEMPLATE, context, default=SMS_DEFAULT)
        send_sms(
            phone=dossier.applicant_phone,
            text=text,
            purpose=SMS_TEMPLATE,
            user=dossier.applicant,
            dossier=dossier,
        )
    except Exception:
        logger.exception("Could not queue the submission SMS of dossier %s", dossier_id)
        return "failed"
    return "queued"


@task()
def sign_copy_task(copy_id: int) -> str:
    """Sign one result, slip or receipt with the agency's signer (safe to retry)."""
    from dichvucong.dossiers.services.signing import sign_copy

    copy = sign_copy(copy_id=copy_id)
    return copy.state if copy else "missing"
