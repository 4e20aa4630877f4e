"""The public verification page of signed results: open one by its code, or upload a PDF."""

import hashlib

from django import forms
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from dichvucong.core import ratelimit
from dichvucong.dossiers.selectors import signed_copy_by_hash, signed_result
from dichvucong.esign.verify import State, verify_pdf

MAX_BYTES = 20 * 1024 * 1024
LIMIT_PER_HOUR = 60


class VerifyForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("Mã kết quả"), max_length=80, required=False)
    file = forms.FileField(label=gettext_lazy("Hoặc tải lên tệp PDF đã ký"), required=False)

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 20 MB)."))
        return upload

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("file"):
            raise forms.ValidationError(_("Vui lòng nhập mã kết quả hoặc chọn tệp PDF."))
        return data


def _throttled(request) -> bool:
    ip = request.META.get("REMOTE_ADDR", "")
    return ratelimit.hit(f"verify:{ip}", seconds=3600) > LIMIT_PER_HOUR


@require_http_methods(["GET", "POST"])
def verify(request):
    """Check an uploaded PDF's signatures, or send a code to its result's page."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST":
        if _throttled(request):
            context["error"] = _("Bạn đã kiểm tra quá nhiều lần. Vui lòng thử lại sau.")
            return render(request, "tracking/verify.html", context, status=429)
        if not form.is_valid():
            return render(request, "tracking/verify.html", context, status=400)
        upload = form.cleaned_data.get("file")
        if upload is None:
            return verify_result(request, form.cleaned_data["code"].strip())
        data = upload.read(MAX_BYTES + 1)
        verdict = verify_pdf(data)
        copy = signed_copy_by_hash(hashlib.sha256(data).hexdigest())
        context.update(verdict=verdict, copy=copy, uploaded=True)
        status = 400 if verdict.state == State.UNREADABLE else 200
        return render(request, "tracking/verify.html", context, status=status)
    return render(request, "tracking/verify.html", context)


def verify_result(request, code: str):
    """Show a signed result by its code, with the verdict on the stored signed copy.

    Only the signature's facts are shown (agency, signer, time, fingerprint), never the
    document or the citizen: codes follow the dossier codes and can be guessed."""
    if _throttled(request):
        context = {"form": VerifyForm(), "error": _("Bạn đã kiểm tra quá nhiều lần.")}
        return render(request, "tracking/verify.html", context, status=429)
    copy = signed_result(code)
    if copy is None:
        raise Http404(_("Không tìm thấy kết quả có mã này."))
    with copy.file.open("rb") as handle:
        verdict = verify_pdf(handle.read())
    context = {"form": VerifyForm(), "verdict": verdict, "copy": copy, "code": code}
    return render(request, "tracking/verify.html", context)
