"""Reads the submission pages share."""

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from dichvucong.catalog.models import Procedure, RequiredDocument
from dichvucong.dossiers.models import (
    Attachment,
    Dossier,
    DossierStatus,
)


def online_procedure(code: str) -> Procedure:
    """Return the active procedure that takes online dossiers, or 404."""
    procedure = get_object_or_404(
        Procedure.objects.prefetch_related("agencies"), code=code, is_active=True
    )
    if not procedure.can_submit_online:
        from django.http import Http404

        raise Http404
    return procedure


def drafts_of(user) -> QuerySet[Dossier]:
    """Return the user's drafts, the most recently touched first."""
    return (
        Dossier.objects.filter(applicant=user, status=DossierStatus.DRAFT)
        .select_related("procedure", "agency")
        .annotate(file_count=Count("attachments"))
        .order_by("-updated_at")
    )


def draft_of(user, pk: int) -> Dossier:
    """Return one of the user's drafts, or 404 (another person's draft does not exist)."""
    return get_object_or_404(
        Dossier.objects.select_related("procedure", "agency"),
        pk=pk,
        applicant=user,
        status=DossierStatus.DRAFT,
    )


def dossier_papers(dossier: Dossier) -> QuerySet[RequiredDocument]:
    """Return the papers a dossier shows: the active ones, and retired ones it has files for."""
    has_files = Attachment.objects.filter(dossier=dossier, required_document=OuterRef("pk"))
    return dossier.procedure.required_documents.filter(Q(is_active=True) | Exists(has_files))


def signed_result(code: str):
    """Return the signed copy of the result with this `<Mã hồ sơ>-KQ<n>` code, or None."""
    from dichvucong.dossiers.models import SignatureState, SignedCopy

    return (
        SignedCopy.objects.select_related("attachment__dossier__agency")
        .filter(result_code=code, state=SignatureState.SIGNED)
        .first()
    )


def signed_copy_by_hash(sha256: str):
    """Return the signed copy the portal stored with exactly these bytes, or None."""
    from dichvucong.dossiers.models import SignatureState, SignedCopy

    return (
        SignedCopy.objects.select_related("attachment__dossier__agency")
        .filter(sha256=sha256, state=SignatureState.SIGNED)
        .first()
    )


def signatures_of(dossier) -> dict:
    """Return the dossier's signed copies keyed by attachment id (for the officer's page)."""
    from dichvucong.dossiers.models import SignedCopy

    return {c.attachment_id: c for c in SignedCopy.objects.filter(attachment__dossier=dossier)}
