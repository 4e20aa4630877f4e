"""Store checked files as attachments; delete them again if the transaction fails."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier, SignedCopy, StoredPaper
from dichvucong.dossiers.uploads.errors import UploadRejected
from dichvucong.dossiers.uploads.pipeline import CheckedFile


@contextmanager
def files_cleaned_on_failure() -> Iterator[list[str]]:
    """Yield a list to record stored names in; delete them all if the block raises.

    Put the transaction inside this block: the rollback happens first, then the files go.
    """
    stored: list[str] = []
    try:
        yield stored
    except BaseException:
        for name in stored:
            default_storage.delete(name)
        raise


def file_in_use(name: str) -> bool:
    """Return whether any row (attachment, signed copy, stored paper) still names the file."""
    return (
        Attachment.objects.filter(file=name).exists()
        or SignedCopy.objects.filter(file=name).exists()
        or StoredPaper.objects.filter(file=name).exists()
    )


def release_files(names) -> None:
    """Once the deletion commits, delete each stored file no row names any more.

    Attachments, signed copies and store papers share stored bytes ("Lấy từ kho" attaches the
    stored name again), so removing one row must never take the file from the others.
    """

    def release() -> None:
        for name in set(names):
            if name and not file_in_use(name):
                default_storage.delete(name)

    transaction.on_commit(release)


def dossier_files_size(dossier: Dossier) -> int:
    """Return the bytes already attached by the applicant."""
    total = dossier.attachments.filter(
        kind__in=(AttachmentKind.APPLICATION, AttachmentKind.SUPPLEMENT)
    ).aggregate(s=Sum("size"))
    return total["s"] or 0


def check_dossier_room(dossier: Dossier, extra: int) -> None:
    """Refuse a file that would take the dossier over its total size limit."""
    limit = settings.UPLOAD_MAX_DOSSIER_BYTES
    if dossier_files_size(dossier) + extra > limit:
        raise UploadRejected(
            _("Tổng dung lượng các tệp của hồ sơ vượt quá mức cho phép (tối đa %(limit)s).")
            % {"limit": filesizeformat(limit)}
        )


def store_checked(
    *,
    dossier: Dossier,
    checked: CheckedFile,
    stored: list[str],
    required_document=None,
    kind: str = AttachmentKind.APPLICATION,
    user=None,
) -> Attachment:
    """Write the checked bytes to storage under a random name and record the attachment."""
    attachment = Attachment(
        dossier=dossier,
        kind=kind,
        required_document=required_document,
        original_name=checked.original_name,
        content_type=checked.kind.content_type,
        extension=checked.kind.extension,
        size=checked.size,
        sha256=checked.sha256,
        width=checked.width,
        height=checked.height,
        page_count=checked.page_count,
        blur_score=checked.blur_score,
        is_blurry=checked.is_blurry,
        signature_state=checked.signature_state,
        signature_note=checked.signature_note,
        uploaded_by=user,
    )
    checked.data.seek(0)
    attachment.file.save("upload", File(checked.data), save=False)
    stored.append(attachment.file.name)
    attachment.save()
    return attachment
