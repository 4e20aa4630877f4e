"""Background work after a submission commits: the receipt PDF and the SMS with the code."""

import logging

from django.utils import timezone
from django_tasks import task

from dichvucong.dossiers.appointments import DATE, appointment_text
from dichvucong.notifications.messages import register_message

logger = logging.getLogger(__name__)
SMS_TEMPLATE = "dossier_submitted"
# Written with tone marks; only the SMS layer (notifications.sms_text) folds them, if configured.
SMS_DEFAULT = (
    "Hồ sơ {ma_ho_so} ({ten_thu_tuc}) đã được nộp trực tuyến lúc {nop_luc}. "
    "Hẹn trả kết quả: {han_tra}. Tra cứu tại {trang_web}"
)
register_message(
    codes=[SMS_TEMPLATE],
    channels=("sms",),
    placeholders={
        "ma_ho_so": "mã hồ sơ",
        "ten_thu_tuc": "tên thủ tục (tối đa 60 ký tự)",
        "nop_luc": "giờ và ngày nộp",
        "han_tra": "ngày hẹn trả kết quả",
        "trang_web": "địa chỉ Cổng Dịch vụ công",
    },
    # The code, the appointment and the address, plus a partly-online dossier's visit (which
    # originals, where, when): cut to one part the visit never reached the phone.
    sms_parts=3,
)


@task()
def generate_receipt(dossier_id: int) -> str:
    """Render and store the receipt of a submitted dossier (safe to retry).

    Also repairs a missing e-form PDF (normally stored in the submission's transaction).
    """
    from dichvucong.dossiers.eform_pdf import ensure_eform_pdf
    from dichvucong.dossiers.models import Dossier
    from dichvucong.dossiers.receipts import store_receipt

    dossier = Dossier.objects.select_related("procedure", "agency").filter(pk=dossier_id).first()
    if dossier is None or not dossier.code:
        return "skipped"
    ensure_eform_pdf(dossier)
    store_receipt(dossier=dossier)
    return "stored"


@task()
def send_submission_sms(dossier_id: int) -> str:
    """Text the applicant the dossier code; a failure is logged, never undoes the submission."""
    from django.conf import settings

    from dichvucong.dossiers.counter_visit import counter_visit_sms
    from dichvucong.dossiers.models import Dossier
    from dichvucong.notifications.models import SmsMessage
    from dichvucong.notifications.services import render_template, send_sms

    dossier = Dossier.objects.select_related("procedure", "agency").filter(pk=dossier_id).first()
    if dossier is None or not dossier.code or not dossier.applicant_phone:
        return "skipped"
    if SmsMessage.objects.filter(dossier_id=dossier.pk, purpose=SMS_TEMPLATE).exists():
        return "skipped"  # a retried run: the text is already queued
    when = "%d/%m/%Y %H:%M"
    context = {
        "ma_ho_so": dossier.code,
        "ten_thu_tuc": dossier.procedure.name[:60],
        "nop_luc": timezone.localtime(dossier.submitted_at).strftime(when),
        "han_tra": appointment_text(dossier, DATE),
        "trang_web": settings.SITE_URL,
    }
    try:
        text = render_template(SMS_TEMPLATE, context, default=SMS_DEFAULT)
        visit = counter_visit_sms(dossier)  # partly online: bring the originals, where, when
        if visit:
            text = f"{text.rstrip()}{'' if text.rstrip().endswith('.') else '.'} {visit}"
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


PUSH_ATTEMPTS = 5


@task()
def push_result_task(paper_id: int, attempt: int = 0) -> str:
    """Push a result kept in a citizen's store to the national store (safe to retry)."""
    from dichvucong.core.tasks import enqueue_retry
    from dichvucong.dossiers.store.exchange import push_failed, push_result
    from dichvucong.dossiers.store.national import NationalStoreError

    try:
        return push_result(paper_id=paper_id)
    except NationalStoreError as exc:
        logger.warning("pushing stored result %s failed: %s", paper_id, exc.message)
        if exc.retryable and attempt + 1 < PUSH_ATTEMPTS:
            enqueue_retry(push_result_task, attempt + 1, paper_id, attempt + 1)
            return "retrying"
        push_failed(paper_id=paper_id, reason=exc.message)
        return "failed"
