"""Reads shared by the back office: staff scope, roles, and the officer inbox."""

from django.db.models import QuerySet

from dichvucong.catalog.models import Agency
from dichvucong.dossiers.models import AttachmentKind, Dossier
from dichvucong.processing.machine import APPLICANT, SYSTEM
from dichvucong.processing.models import (
    ExportStatus,
    StaffRole,
    StaffRoleKind,
    TrackingLogExport,
)


def staff_agency_ids(user) -> set[int]:
    """Return the ids of the agencies whose dossiers this officer may see and act on."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_staff_agency_ids", None)
    if cached is None:
        cached = set(StaffRole.objects.filter(user=user).values_list("agency_id", flat=True))
        user._staff_agency_ids = cached
    return set(cached)


def is_officer(user) -> bool:
    """Tell whether the user holds any staff role."""
    return bool(staff_agency_ids(user))


def staff_roles(user, agency_id: int) -> set[str]:
    """Return the roles this user holds in one agency."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        StaffRole.objects.filter(user=user, agency_id=agency_id).values_list("role", flat=True)
    )


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


def specialists_of(agency_id: int):
    """Return the users holding the specialist role in an agency."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(staff_roles__agency_id=agency_id, staff_roles__role="specialist")
        .order_by("full_name", "username")
    )


def staff_agencies(user) -> QuerySet[Agency]:
    """Return the agencies the officer works in, by name."""
    return Agency.objects.filter(pk__in=staff_agency_ids(user)).order_by("name", "pk")


def counter_agency(user, wanted: str = ""):
    """Return the agency where the user works the counter (the one asked for, else the first)."""
    agencies = Agency.objects.filter(
        staff_roles__user=user, staff_roles__role=StaffRoleKind.COUNTER
    ).order_by("pk")
    if wanted.isdigit() and len(wanted) < 19:
        agencies = agencies.filter(pk=int(wanted))
    return agencies.first()


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
