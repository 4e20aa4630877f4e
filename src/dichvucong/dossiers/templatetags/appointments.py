from django import template

from dichvucong.dossiers.appointments import DATE, DATE_TIME, appointment_text

register = template.Library()


@register.filter
def appointment(dossier, style: str = "") -> str:
    """Show a dossier's appointment ("Trong ngày …" for 0 days); `"date"` leaves out the hour."""
    return appointment_text(dossier, DATE if style == "date" else DATE_TIME)
