"""Reads shared by the back office: the officer's dossiers and agencies, machine roles, history
labels (the staff roles themselves are read in accounts.selectors)."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from dichvucong.accounts.models import StaffRoleKind
from dichvucong.accounts.permissions import staff_agency_ids
from dichvucong.accounts.selectors import agencies_with_role, staff_roles
from dichvucong.catalog.models import Agency
from dichvucong.dossiers.models import AttachmentKind, Dossier
from dichvucong.processing.machine import APPLICANT, SYSTEM
from dichvucong.processing.models import ExportStatus, TrackingLogExport


def actor_roles(actor, dossier: Dossier) -> set[str]:
    """Return the machine roles of an actor on a dossier (None acts as the system)."""
    if actor is None:
        return {SYSTEM}
    roles = staff_roles(actor, dossier.agency_id)
    if dossier.applicant_id is not None and dossier.applicant_id == actor.pk:
        roles.add(APPLICANT)
    return roles


def staff_dossiers(user) -> QuerySet[Dossier]:
    """Return the dossiers in the officer's agencies (never drafts)."""
    return Dossier.objects.filter(agency_id__in=staff_agency_ids(user), status__gt=0)


def staff_dossier_or_404(user, dossier_id: int) -> Dossier:
    """Return a submitted dossier of the officer's agencies, or 404 (never another's, no drafts)."""
    return get_object_or_404(
        staff_dossiers(user).select_related(
            "procedure", "procedure__field", "agency", "assignee", "received_by", "applicant"
        ),
        pk=dossier_id,
    )


def staff_agencies(user) -> QuerySet[Agency]:
    """Return the agencies the officer works in, by name."""
    return Agency.objects.filter(pk__in=staff_agency_ids(user)).order_by("name", "pk")


def counter_agency(user, wanted: str = ""):
    """Return the agency where the user works the counter (the one asked for, else the first)."""
    ids = agencies_with_role(user, {StaffRoleKind.COUNTER})
    if wanted.isdigit() and len(wanted) < 19:
        ids &= {int(wanted)}
    return Agency.objects.filter(pk__in=ids).order_by("pk").first()


def tracking_log_dossiers(*, agency, start, end) -> QuerySet[Dossier]:
    """Return the agency's submitted dossiers between two dates, for the tracking log (07)."""
    return (
        agency.dossiers.filter(
            status__gt=0, submitted_at__date__gte=start, submitted_at__date__lte=end
        )
        .select_related("procedure")
        .order_by("submitted_at", "id")
    )


def recent_tracking_logs(user, limit: int = 10) -> list[TrackingLogExport]:
    """Return the tracking logs this officer asked for lately, of agencies still theirs."""
    return list(
        TrackingLogExport.objects.filter(
            requested_by=user, agency_id__in=staff_agency_ids(user)
        ).select_related("agency")[:limit]
    )


def ready_tracking_log(user, pk: int) -> TrackingLogExport | None:
    """Return a stored tracking log if the user is an officer of its agency."""
    return TrackingLogExport.objects.filter(
        pk=pk, status=ExportStatus.READY, agency_id__in=staff_agency_ids(user)
    ).first()


def documents_with_several_photos(attachments) -> list:
    """Return the required documents the applicant photographed in several pages, in order of
    first upload: the officer may read each as one combined PDF."""
    counts: dict = {}
    for attachment in attachments:
        if (
            attachment.kind == AttachmentKind.APPLICATION
            and attachment.required_document
            and attachment.content_type.startswith("image/")
        ):
            counts[attachment.required_document] = counts.get(attachment.required_document, 0) + 1
    return [document for document, count in counts.items() if count > 1]
