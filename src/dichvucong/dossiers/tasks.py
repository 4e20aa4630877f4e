"""Background work after a submission commits: the receipt PDF and the SMS with the code."""

import logging

from django.utils import timezone
from django_tasks import task

from dichvucong.core.text import fold
from dichvucong.dossiers.appointments import DATE, appointment_text

logger = logging.getLogger(__name__)
SMS_TEMPLATE = "dossier_submitted"
SMS_DEFAULT = (
    "Ho so {code} ({procedure}) da duoc nop truc tuyen luc {submitted}. "
    "Hen tra ket qua: {due}. Tra cuu tai {site}"
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
        "code": dossier.code,
        "procedure": fold(dossier.procedure.name)[:60],
        "submitted": timezone.localtime(dossier.submitted_at).strftime(when),
        "due": fold(appointment_text(dossier, DATE)),
        "site": settings.SITE_URL,
    }
    try:
        text = render_template(SMS_TEMPLATE, context, default=SMS_DEFAULT)
        visit = counter_visit_sms(dossier)  # partly online: bring the originals, where, when
        if visit:
            text = f"{text} {fold(visit)}"
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
