"""The leader's approval queues the signature; the dossier page follows the signing task and
shows the signed copy without a reload (static/js/signature-progress.js)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import expect

from dichvucong.dossiers.models import AttachmentKind, SignedCopy
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.services import signing
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.esign.tests.helpers import use_demo_signer
from dichvucong.processing.services import add_result_file, approval_step, dossier_transition
from dichvucong.processing.tests.factories import make_dossier, make_team
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_dossier_page_shows_the_signature_once_the_worker_has_signed(
    page, live_server, login_browser, settings, tmp_path, monkeypatch
):
    use_demo_signer(settings, tmp_path / "demo-ca")
    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    add_result_file(
        dossier=dossier, actor=team["specialist"], upload=SimpleUploadedFile("kq.pdf", small_pdf())
    )
    # The worker has not picked the signing task up yet: the approval only queues it.
    with monkeypatch.context() as queue:
        queue.setattr(signing, "enqueue_on_commit", lambda *args, **kwargs: None)
        approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
        dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    copies = SignedCopy.objects.filter(attachment__dossier=dossier)
    copy = copies.get(attachment__kind=AttachmentKind.RESULT)
    pending = list(copies.filter(state="pending"))  # the result and the control slip 06
    total, signed = copies.count(), copies.count() - len(pending)

    login_browser(page, team["leader"])
    page.goto(f"{live_server.url}/can-bo/ho-so/{dossier.pk}/")
    progress = page.locator("[data-signature-progress]")
    expect(progress).to_have_text(f"Đang ký số trong nền: đã ký {signed}/{total} tài liệu.")
    expect(page.locator(f'[data-signature-for="{copy.attachment_id}"]')).to_contain_text(
        "Đang chờ ký số"
    )
    assert_accessible(page, "signing-pending")

    for waiting in pending:  # what the worker does
        signing.sign_copy(copy_id=waiting.pk)

    expect(progress).to_have_text(f"Đã ký số {total}/{total} tài liệu.", timeout=20_000)
    slot = page.locator(f'[data-signature-for="{copy.attachment_id}"]')
    expect(slot.get_by_role("link", name="Tải bản đã ký")).to_be_visible()
    expect(slot).to_contain_text(f"{dossier.code}-KQ1")
    assert_accessible(page, "signing-done")
