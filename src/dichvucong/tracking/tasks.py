"""Background sending of the citizen's status emails."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_dossier_email(to: str, subject: str, body: str) -> int:
    """Send one status email (plain text)."""
    return send_mail(subject=subject[:200], message=body, from_email=None, recipient_list=[to])
