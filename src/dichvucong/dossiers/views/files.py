"""Files: the JSON upload endpoint, removal, and the permission-checked download views."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dichvucong.catalog.models import RequiredDocument
from dichvucong.core.audit import client_ip
from dichvucong.dossiers import selectors
from dichvucong.dossiers.errors import SubmissionError
from dichvucong.dossiers.models import Attachment, AttachmentKind, Dossier
from dichvucong.dossiers.papers import asks_upload
from dichvucong.dossiers.permissions import can_view_dossier
from dichvucong.dossiers.receipts import RECEIPT_NAME, receipt_file
from dichvucong.dossiers.services import attachment_add, attachment_remove
from dichvucong.dossiers.store.services import attachment_opened
from dichvucong.dossiers.uploads import UploadRejected
from dichvucong.dossiers.uploads.combine import combine_photos
from dichvucong.dossiers.uploads.images import BLURRY_WARNING as BLURRY
from dichvucong.dossiers.uploads.serving import private_file_headers, stored_file_response


def _wants_json(request: HttpRequest) -> bool:
    return "application/json" in request.headers.get("Accept", "")


def attachment_json(attachment: Attachment) -> dict:
    """Describe an attachment for the upload script."""
    return {
        "id": attachment.pk,
        "name": attachment.original_name,
        "size": filesizeformat(attachment.size),
        "is_image": attachment.width is not None,
        "url": reverse("dossiers:file", args=[attachment.pk]),
        "delete_url": reverse(
            "dossiers:draft_file_delete", args=[attachment.dossier_id, attachment.pk]
        ),
        "is_blurry": attachment.is_blurry,
        "warning": _upload_warning(attachment),
        "signature": attachment.signature_state,
    }


def _upload_warning(attachment: Attachment) -> str:
    """The warning the citizen sees at once: a blurry photo, or a signed PDF that fails."""
    if attachment.signature_is_bad:
        return _(
            "%(label)s: %(reason)s Vui lòng tải lên bản có chữ ký số hợp lệ trước khi nộp."
        ) % {
            "label": attachment.signature_label,
            "reason": attachment.signature_note,
        }
    return str(BLURRY) if attachment.is_blurry else ""


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Take one file for one required document; answer JSON (or redirect without script)."""
    draft = selectors.draft_of(request.user, pk)
    if int(request.META.get("CONTENT_LENGTH") or 0) > settings.UPLOAD_MAX_FILE_BYTES + 65536:
        # Refuse before Django reads (and spools to disk) a body far over the limit.
        text = _("Tệp vượt quá dung lượng cho phép (tối đa %(limit)s).") % {
            "limit": filesizeformat(settings.UPLOAD_MAX_FILE_BYTES)
        }
        return JsonResponse({"error": text}, status=413)
    document = (
        RequiredDocument.objects.active()
        .filter(pk=request.POST.get("document") or 0, procedure_id=draft.procedure_id)
        .first()
    )
    if document is not None and not asks_upload(draft, document):
        document = None  # the e-form stands in for this paper: nothing to upload
    replaces = draft.attachments.filter(pk=request.POST.get("replaces") or 0).first()
    file = request.FILES.get("file")
    try:
        if document is None or file is None:
            raise UploadRejected(_("Vui lòng chọn tệp cho thành phần hồ sơ."))
        attachment = attachment_add(
            dossier=draft,
            required_document=document,
            upload=file,
            user=request.user,
            replaces=replaces,
        )
    except (UploadRejected, SubmissionError) as exc:
        text = exc.message if isinstance(exc, UploadRejected) else exc.messages[0]
        if _wants_json(request):
            return JsonResponse({"error": text}, status=400)
        messages.error(request, text)
        return redirect("dossiers:draft_files", pk=pk)
    if _wants_json(request):
        return JsonResponse(attachment_json(attachment), status=201)
    if warning := _upload_warning(attachment):
        messages.warning(request, warning)
    return redirect("dossiers:draft_files", pk=pk)


@login_required
@require_POST
def delete(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    draft = selectors.draft_of(request.user, pk)
    attachment_remove(attachment=get_object_or_404(draft.attachments, pk=attachment_pk))
    if _wants_json(request):
        return JsonResponse({"deleted": attachment_pk})
    return redirect("dossiers:draft_files", pk=pk)


def _visible_dossier(request: HttpRequest, pk: int) -> Dossier:
    dossier = get_object_or_404(Dossier.objects.select_related("procedure", "agency"), pk=pk)
    if not can_view_dossier(request.user, dossier):
        raise Http404
    return dossier


@login_required
@require_GET
def serve(request: HttpRequest, pk: int) -> HttpResponse:
    """Send a stored file to someone allowed to see its dossier (404 for anyone else)."""
    attachment = get_object_or_404(
        Attachment.objects.select_related("dossier", "stored_paper"), pk=pk
    )
    if not can_view_dossier(request.user, attachment.dossier):
        raise Http404
    # A paper taken from a citizen's store: every look at it is audited, the owner's too.
    attachment_opened(attachment=attachment, actor=request.user, ip_address=client_ip(request))
    return stored_file_response(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        filename=attachment.original_name,
        download="tai-ve" in request.GET,
    )


@login_required
@require_GET
def receipt(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the receipt (rendered now if the background task has not stored it yet)."""
    dossier = _visible_dossier(request, pk)
    if not dossier.code:
        raise Http404
    response = FileResponse(
        receipt_file(dossier),
        as_attachment=True,
        filename=RECEIPT_NAME.format(code=dossier.code),
        content_type="application/pdf",
    )
    return private_file_headers(response)


@login_required
@require_GET
def document_pdf(request: HttpRequest, pk: int, document_pk: int) -> HttpResponse:
    """The photos of one paper combined into one PDF, for the officer."""
    dossier = _visible_dossier(request, pk)
    # Through the paper's own primary key: a foreign-key filter does not check the integer's
    # range, and a 40-digit number in the address was a 500 (SQLite overflow, PostgreSQL bigint).
    document = get_object_or_404(
        RequiredDocument.objects.filter(procedure_id=dossier.procedure_id), pk=document_pk
    )
    photos = list(
        dossier.attachments.filter(
            kind=AttachmentKind.APPLICATION, required_document=document
        ).select_related("stored_paper")
    )
    try:
        data = combine_photos(photos)
    except ValueError as exc:
        raise Http404 from exc
    for photo in photos:
        attachment_opened(attachment=photo, actor=request.user, ip_address=client_ip(request))
    name = f"{dossier.code or dossier.pk}-giay-to-{document_pk}.pdf"
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'  # see serving.INLINE_TYPES
    return private_file_headers(response)
