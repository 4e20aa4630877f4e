"""The citizen's store ("Kho dữ liệu của tôi") and "Lấy từ kho" on the upload step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dichvucong.catalog.models import RequiredDocument
from dichvucong.core.audit import client_ip
from dichvucong.dossiers import selectors
from dichvucong.dossiers.errors import SubmissionError
from dichvucong.dossiers.store import selectors as store_selectors
from dichvucong.dossiers.store.exchange import pull_from_national_store
from dichvucong.dossiers.store.forms import NationalPullForm, StoredPaperForm
from dichvucong.dossiers.store.national import national_store
from dichvucong.dossiers.store.services import (
    StoreError,
    attach_from_store,
    store_add,
    store_delete,
    stored_paper_opened,
)
from dichvucong.dossiers.uploads import UploadRejected
from dichvucong.dossiers.uploads.serving import stored_file_response


def _page(request, *, form=None, pull_form=None, status=200) -> HttpResponse:
    context = {
        "papers": store_selectors.papers_of(request.user),
        "form": form or StoredPaperForm(),
        "pull_form": pull_form or NationalPullForm(),
        "national": national_store() is not None,
    }
    return render(request, "dossiers/store/list.html", context, status=status)


@login_required
@require_GET
def store_list(request: HttpRequest) -> HttpResponse:
    """List the citizen's stored papers with their metadata; forms to add more."""
    return _page(request)


@login_required
@require_POST
def store_add_view(request: HttpRequest) -> HttpResponse:
    """Add an own paper through the upload pipeline."""
    form = StoredPaperForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        paper = store_add(
            owner=request.user,
            upload=form.cleaned_data["file"],
            details=form.details(),
            ip_address=client_ip(request),
        )
    except (UploadRejected, StoreError) as exc:
        form.add_error("file", exc.message)
        return _page(request, form=form, status=400)
    messages.success(request, _("Đã thêm “%(name)s” vào kho.") % {"name": paper.name})
    return redirect("dossiers:store")


@login_required
@require_POST
def store_pull(request: HttpRequest) -> HttpResponse:
    """Fetch a paper from the national store by its result code."""
    pull_form = NationalPullForm(request.POST)
    if not pull_form.is_valid():
        return _page(request, pull_form=pull_form, status=400)
    try:
        kept = pull_from_national_store(
            owner=request.user,
            result_code=pull_form.cleaned_data["result_code"],
            ip_address=client_ip(request),
        )
    except StoreError as exc:
        pull_form.add_error("result_code", exc.message)
        return _page(request, pull_form=pull_form, status=400)
    messages.success(
        request, _("Đã lấy “%(name)s” từ Kho dữ liệu quốc gia.") % {"name": kept[0].name}
    )
    return redirect("dossiers:store")


@login_required
@require_GET
def store_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Send the owner's stored paper (404 for anyone else); every look is audited."""
    paper = store_selectors.stored_paper_or_404(request.user, pk)
    download = "tai-ve" in request.GET
    stored_paper_opened(
        paper=paper,
        actor=request.user,
        how="download" if download else "view",
        ip_address=client_ip(request),
    )
    return stored_file_response(
        paper.file.open("rb"),
        content_type=paper.content_type,
        filename=paper.original_name,
        download=download,
    )


@login_required
@require_POST
def store_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete the owner's copy (dossiers that took it keep their file)."""
    paper = store_selectors.stored_paper_or_404(request.user, pk)
    store_delete(paper=paper, actor=request.user, ip_address=client_ip(request))
    messages.success(request, _("Đã xóa “%(name)s” khỏi kho.") % {"name": paper.name})
    return redirect("dossiers:store")


@login_required
@require_POST
def draft_reuse(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Lấy từ kho": attach a stored paper to one required paper of the draft."""
    draft = selectors.draft_of(request.user, pk)
    document = (
        RequiredDocument.objects.active()
        .filter(pk=_int(request.POST.get("document")), procedure_id=draft.procedure_id)
        .first()
    )
    paper = store_selectors.stored_paper_or_404(request.user, _int(request.POST.get("paper")))
    target = reverse("dossiers:draft_files", args=[draft.pk])
    if document is None:
        messages.error(request, _("Vui lòng chọn thành phần hồ sơ."))
        return redirect(target)
    try:
        attach_from_store(
            dossier=draft,
            required_document=document,
            paper=paper,
            user=request.user,
            ip_address=client_ip(request),
        )
    except (StoreError, SubmissionError, UploadRejected) as exc:
        messages.error(request, getattr(exc, "message", None) or exc.messages[0])
        return redirect(target)
    messages.success(request, _("Đã lấy “%(name)s” từ kho.") % {"name": paper.name})
    return redirect(f"{target}#giay-to-{document.pk}")


def _int(value) -> int:
    """A posted id as an int (0 for anything that is not a small positive number)."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 12 else 0
