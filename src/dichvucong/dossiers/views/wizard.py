"""The submission steps: start a draft, fill the form, attach papers, review and submit."""

import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from dichvucong.accounts.signin import signed_in_identity
from dichvucong.catalog.fees import fee_quote
from dichvucong.dossiers import papers, selectors
from dichvucong.dossiers.counter_visit import counter_visit
from dichvucong.dossiers.errors import SubmissionError
from dichvucong.dossiers.forms import (
    FormSchemaUnavailable,
    SchemaForm,
    answer_sections,
    checked_schema,
    initial_values,
    prefills,
)
from dichvucong.dossiers.forms.prefill import national_sources
from dichvucong.dossiers.identity import identity_gap
from dichvucong.dossiers.models import Channel, Dossier, DossierStatus, LookupResult
from dichvucong.dossiers.papers import obtained_paper_ids
from dichvucong.dossiers.population.lookup import needs_population, population_lookup
from dichvucong.dossiers.services import (
    dossier_submit,
    draft_create,
    draft_mark_step,
    draft_save_answers,
)
from dichvucong.dossiers.store.selectors import store_choices
from dichvucong.dossiers.uploads.sniff import ACCEPT

# What the form step says when the population database gave nothing (the citizen declares).
LOOKUP_NOTICES = {
    LookupResult.FAILED: gettext_lazy(
        "Chưa kết nối được với Cơ sở dữ liệu quốc gia về dân cư nên chưa điền sẵn được thông "
        "tin. Ông/bà vui lòng tự khai các thông tin bên dưới, hoặc quay lại sau."
    ),
    LookupResult.NOT_FOUND: gettext_lazy(
        "Không tìm thấy thông tin của ông/bà trong Cơ sở dữ liệu quốc gia về dân cư. "
        "Ông/bà vui lòng tự khai các thông tin bên dưới."
    ),
}

STEPS = {
    "form": "dossiers:draft_form",
    "files": "dossiers:draft_files",
    "review": "dossiers:draft_review",
}


def _form_unavailable(request: HttpRequest, procedure) -> HttpResponse:
    """Tell the citizen the procedure's form is being corrected (its schema failed the check)."""
    response = render(
        request, "dossiers/form_unavailable.html", {"procedure": procedure}, status=503
    )
    response["Retry-After"] = "3600"
    return response


@login_required
def start(request: HttpRequest, code: str) -> HttpResponse:
    """Show the procedure, let the citizen pick the agency and start (or resume) a draft."""
    procedure = selectors.online_procedure(code)
    try:
        checked_schema(procedure)
    except FormSchemaUnavailable:
        return _form_unavailable(request, procedure)
    agencies = list(procedure.agencies.all())
    if request.method == "POST":
        chosen = next((a for a in agencies if str(a.pk) == request.POST.get("agency")), None)
        if chosen is None and len(agencies) == 1:
            chosen = agencies[0]
        if chosen is None:
            messages.error(request, _("Vui lòng chọn cơ quan tiếp nhận hồ sơ."))
        else:
            draft = draft_create(applicant=request.user, procedure=procedure, agency=chosen)
            return redirect("dossiers:draft_form", pk=draft.pk)
    drafts = selectors.drafts_of(request.user).filter(procedure=procedure)
    return render(
        request,
        "dossiers/start.html",
        {
            "procedure": procedure,
            "papers": procedure.required_documents.active(),
            "agencies": agencies,
            "drafts": drafts,
        },
    )


@login_required
def drafts(request: HttpRequest) -> HttpResponse:
    return render(request, "dossiers/drafts.html", {"drafts": selectors.drafts_of(request.user)})


@login_required
def draft_resume(request: HttpRequest, pk: int) -> HttpResponse:
    draft = selectors.draft_of(request.user, pk)
    return redirect(STEPS.get(draft.draft_step, "dossiers:draft_form"), pk=draft.pk)


@login_required
def draft_form(request: HttpRequest, pk: int) -> HttpResponse:
    """Fill the procedure's form; every save keeps the answers on the draft."""
    draft = selectors.draft_of(request.user, pk)
    try:
        schema = checked_schema(draft.procedure)
    except FormSchemaUnavailable:
        return _form_unavailable(request, draft.procedure)
    notice = ""
    if (
        request.method == "GET"
        and not draft.population_record
        and needs_population(draft.procedure)
    ):
        notice = LOOKUP_NOTICES.get(population_lookup(dossier=draft, user=request.user), "")
    prefilled = prefills(schema, user=request.user, record=draft.population_record)
    initial = initial_values(schema, draft.form_data, prefilled=prefilled)
    if request.method == "POST":
        form = SchemaForm(schema, data=request.POST, initial=initial, prefilled=prefilled)
        valid = form.is_valid()
        draft_save_answers(dossier=draft, form=form, step="files" if valid else "form")
        if valid and "save" not in request.POST:
            return redirect("dossiers:draft_files", pk=draft.pk)
        if valid:
            messages.success(request, _("Đã lưu tờ khai."))
    else:
        form = SchemaForm(schema, initial=initial, prefilled=prefilled)
    return render(
        request,
        "dossiers/form.html",
        {"draft": draft, "form": form, "step": "form", "population_notice": notice},
    )


@login_required
def draft_files(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach the papers: one block per required document, several files each."""
    draft = selectors.draft_of(request.user, pk)
    draft_mark_step(dossier=draft, step="files")
    documents = papers.documents_with_files(draft)
    store = store_choices(request.user, [doc for doc, _files in documents])
    return render(
        request,
        "dossiers/files.html",
        {
            "draft": draft,
            "documents": [(doc, files, store.get(doc.pk, [])) for doc, files in documents],
            "filled_online": papers.papers_filled_online(draft),
            "obtained": obtained_paper_ids(draft),
            "accept": ACCEPT,
            "step": "files",
            "max_file": settings.UPLOAD_MAX_FILE_BYTES,
        },
    )


@login_required
def draft_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Show everything once more; Submit sends it for good."""
    draft = selectors.draft_of(request.user, pk)
    try:
        schema = checked_schema(draft.procedure)
    except FormSchemaUnavailable:
        return _form_unavailable(request, draft.procedure)
    draft_mark_step(dossier=draft, step="review")
    answers = draft.form_data if isinstance(draft.form_data, dict) else {}
    return render(
        request,
        "dossiers/review.html",
        {
            "draft": draft,
            "sections": answer_sections(
                schema,
                draft.form_data,
                national_sources(
                    schema, draft.form_data, user=request.user, record=draft.population_record
                ),
            ),
            "documents": papers.documents_with_files(draft),
            "obtained": obtained_paper_ids(draft),
            # What submitting will charge: the same quote _mark_submitted snapshots.
            "fees": fee_quote(procedure=draft.procedure, channel=Channel.ONLINE, data=answers),
            "key": uuid.uuid4(),
            "step": "review",
            "identity_gap": identity_gap(request.user, draft.procedure),
        },
    )


@login_required
@require_POST
def draft_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the draft; a repeated press or a retried request lands on the same dossier."""
    dossier = get_object_or_404(Dossier, pk=pk, applicant=request.user)
    if dossier.status != DossierStatus.DRAFT:
        return redirect("dossiers:submitted", pk=dossier.pk)
    try:
        key = uuid.UUID(request.POST.get("idempotency_key", ""))
    except ValueError:
        key = uuid.uuid4()
    try:
        checked_schema(dossier.procedure)
    except FormSchemaUnavailable:
        return _form_unavailable(request, dossier.procedure)
    gap = identity_gap(request.user, dossier.procedure)
    if gap:  # the service refuses too; here the applicant goes back to the page that explains
        messages.error(request, gap)
        return redirect("dossiers:draft_review", pk=pk)
    try:
        dossier = dossier_submit(
            applicant=request.user,
            procedure=dossier.procedure,
            data=dossier.form_data,
            idempotency_key=key,
            agency=dossier.agency,
            draft=dossier,
            identity=signed_in_identity(request.session),
        )
    except SubmissionError as exc:
        for message in exc.messages:
            messages.error(request, message)
        for errors in exc.field_errors.values():
            for message in errors:
                messages.error(request, message)
        target = "dossiers:draft_form" if exc.field_errors else "dossiers:draft_files"
        return redirect(target, pk=pk)
    return redirect("dossiers:submitted", pk=dossier.pk)


@login_required
def submitted(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Nộp thành công": the code at once, the appointment and the receipt."""
    dossier = get_object_or_404(
        Dossier.objects.select_related("procedure", "agency"),
        pk=pk,
        applicant=request.user,
        status__gt=DossierStatus.DRAFT,
    )
    return render(
        request, "dossiers/submitted.html", {"dossier": dossier, "visit": counter_visit(dossier)}
    )


@login_required
@require_POST
def draft_delete(request: HttpRequest, pk: int) -> HttpResponse:
    from dichvucong.dossiers.services import draft_discard

    draft_discard(dossier=selectors.draft_of(request.user, pk))
    messages.success(request, _("Đã xóa hồ sơ đang soạn."))
    return redirect("dossiers:drafts")
