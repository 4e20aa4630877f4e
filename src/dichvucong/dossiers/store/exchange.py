"""The store's exchange with the national store: pull papers by result code, push results."""

import io
import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from dichvucong.core.audit import audit_log
from dichvucong.dossiers.store.models import StoredPaper, StoredPaperOrigin
from dichvucong.dossiers.store.national import (
    NationalFile,
    NationalPaper,
    NationalStoreError,
    PullRequest,
    national_store,
)
from dichvucong.dossiers.store.services import StoreError, store_checked_paper
from dichvucong.dossiers.uploads import UploadRejected, check_upload

logger = logging.getLogger(__name__)


def pull_from_national_store(*, owner, result_code: str, ip_address=None) -> list[StoredPaper]:
    """Fetch the owner's paper with this result code from the national store into the store."""
    provider = national_store()
    if provider is None:
        raise StoreError(_("Chưa kết nối Kho dữ liệu quốc gia."))
    code = (result_code or "").strip()[:80]
    if not code:
        raise StoreError(_("Vui lòng nhập mã kết quả."))
    if not owner.id_number:
        raise StoreError(_("Tài khoản chưa có số định danh cá nhân để tra Kho dữ liệu quốc gia."))
    request = PullRequest(
        owner_id_number=owner.id_number,
        requester_name=owner.get_full_name() or owner.username,
        requester_id_number=owner.id_number,
        result_codes=[(code, "")],
    )
    try:
        answer = provider.pull(request)
    except NationalStoreError as exc:
        raise StoreError(exc.message) from exc
    files = [(paper, f) for paper in answer for f in paper.files]
    if not files:
        raise StoreError(_("Không tìm thấy giấy tờ có mã kết quả này trong Kho dữ liệu quốc gia."))
    kept = []
    for paper, national_file in files:
        try:
            checked = check_upload(
                io.BytesIO(national_file.data),
                name=national_file.name,
                size=len(national_file.data),
            )
        except UploadRejected as exc:
            raise StoreError(exc.message) from exc
        details = {
            "name": paper.name[:500],
            "number": paper.number[:100],
            "issuer": paper.issuer[:255],
            "result_code": paper.result_code[:80],
            "national_code": paper.result_code[:100],
        }
        kept.append(
            store_checked_paper(
                owner=owner,
                checked=checked,
                origin=StoredPaperOrigin.NATIONAL,
                details=details,
                ip_address=ip_address,
            )
        )
    return kept


def push_result(*, paper_id: int) -> str:
    """Send one kept result to the national store once (the task's service; safe to retry)."""
    provider = national_store()
    paper = StoredPaper.objects.select_related("owner").filter(pk=paper_id).first()
    if provider is None or paper is None or paper.national_pushed_at or not paper.result_code:
        return "skipped"
    with paper.file.open("rb") as handle:
        data = handle.read()
    national = NationalPaper(
        result_code=paper.result_code,
        name=paper.name,
        number=paper.number,
        issuer=paper.issuer,
        files=[NationalFile(name=f"{paper.result_code}{paper.extension}", data=data)],
    )
    reference = provider.push(owner_id_number=paper.owner.id_number or "", paper=national)
    with transaction.atomic():
        StoredPaper.objects.filter(pk=paper.pk).update(
            national_pushed_at=timezone.now(), national_code=reference[:100]
        )
        audit_log(
            action="store.national_push",
            target=paper,
            data={"provider": provider.id, "reference": reference},
        )
    return "pushed"


def push_failed(*, paper_id: int, reason: str) -> None:
    """Record that a result could not be pushed (after the last attempt), for the audit view."""
    paper = StoredPaper.objects.filter(pk=paper_id).first()
    if paper is not None:
        audit_log(action="store.national_push_failed", target=paper, data={"reason": reason})
