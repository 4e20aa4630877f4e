"""The leader's approval signs the result and the slips in a task, with visible progress."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dichvucong.dossiers.models import AttachmentKind, SignatureState, SignedCopy
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.services.signing import request_result_signatures, sign_copy
from dichvucong.dossiers.tests.helpers import document_photo, small_pdf
from dichvucong.esign.tests.helpers import use_demo_signer
from dichvucong.esign.verify import State, verify_pdf
from dichvucong.processing.services import add_result_file, approval_step, dossier_transition
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def ca_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("esign") / "demo-ca"


@pytest.fixture
def signing(settings, ca_dir):
    use_demo_signer(settings, ca_dir)


def _processing_with_result(name="kq.pdf", content=None):
    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    add_result_file(
        dossier=dossier,
        actor=team["specialist"],
        upload=SimpleUploadedFile(name, content or small_pdf()),
    )
    return team, dossier


def _copies(dossier):
    return SignedCopy.objects.filter(attachment__dossier=dossier).select_related("attachment")


def test_approval_signs_the_result_with_its_code_and_the_control_slip_after_commit(
    signing, django_capture_on_commit_callbacks
):
    team, dossier = _processing_with_result()

    with django_capture_on_commit_callbacks(execute=True):
        approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
        dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])

    result = _copies(dossier).get(attachment__kind=AttachmentKind.RESULT)
    assert result.state == SignatureState.SIGNED, result.error
    assert result.result_code == f"{dossier.code}-KQ1"
    with result.file.open("rb") as handle:
        assert verify_pdf(handle.read()).state == State.VALID
    slip = _copies(dossier).get(attachment__kind=AttachmentKind.SLIP)
    assert slip.attachment.original_name.startswith("06-")
    assert slip.state == SignatureState.SIGNED and slip.result_code is None


def test_the_signature_is_pending_until_the_task_runs_and_never_made_in_the_request(signing):
    team, dossier = _processing_with_result()

    approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
    dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])  # no commit in a test

    copy = _copies(dossier).get()
    assert copy.state == SignatureState.PENDING and not copy.file


def test_signing_twice_keeps_one_code_and_one_signed_copy(signing):
    team, dossier = _processing_with_result()
    approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
    dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    first = request_result_signatures(dossier=dossier)[0]
    signed = sign_copy(copy_id=first.pk)

    again = request_result_signatures(dossier=dossier)[0]
    assert sign_copy(copy_id=again.pk).file.name == signed.file.name
    assert _copies(dossier).count() == 1 and again.result_code == f"{dossier.code}-KQ1"


def test_a_failed_signature_is_shown_to_the_officer_with_its_reason_and_can_be_retried(
    signing, settings, client, django_capture_on_commit_callbacks
):
    team, dossier = _processing_with_result()
    settings.ESIGN_SIGNER = "pkcs12"
    settings.ESIGN_PKCS12_PATH = "/nonexistent/agency.p12"
    settings.ESIGN_PKCS12_PASSPHRASE = "x"
    with django_capture_on_commit_callbacks(execute=True):
        approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
        dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    copy = _copies(dossier).get(attachment__kind=AttachmentKind.RESULT)
    assert copy.state == SignatureState.FAILED and copy.error

    client.force_login(team["leader"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "Ký số thất bại" in page and copy.error[:30] in page

    settings.ESIGN_SIGNER = "demo"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("processing:sign_again", args=[dossier.pk, copy.attachment_id])
        )
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.state == SignatureState.SIGNED
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "Tải bản đã ký" in page
    signed = client.get(
        reverse("processing:attachment", args=[dossier.pk, copy.attachment_id]) + "?ban=da-ky"
    )
    assert verify_pdf(b"".join(signed.streaming_content)).state == State.VALID


def test_a_photo_result_is_not_signed_and_says_why(signing, django_capture_on_commit_callbacks):
    team, dossier = _processing_with_result("kq.jpg", document_photo())
    with django_capture_on_commit_callbacks(execute=True):
        approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
        dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])

    copy = _copies(dossier).get(attachment__kind=AttachmentKind.RESULT)
    assert copy.state == SignatureState.FAILED
    assert "PDF" in copy.error


def test_a_remote_service_that_fails_leaves_the_result_unsigned_until_it_is_signed_again(
    signing, settings, ca_dir, django_capture_on_commit_callbacks
):
    from dichvucong.dossiers.services.signing import retry_signature
    from dichvucong.esign.signers import current_signer
    from dichvucong.esign.tests.fake_remote import FakeRemoteSigner
    from dichvucong.esign.tests.helpers import use_remote_signer

    current_signer().get_certificate()  # the demo CA the fake signs with exists
    team, dossier = _processing_with_result()
    with FakeRemoteSigner(ca_dir) as service:
        use_remote_signer(settings, service.url)
        service.reply = "error"
        with django_capture_on_commit_callbacks(execute=True):
            approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
            dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
        copy = _copies(dossier).get(attachment__kind=AttachmentKind.RESULT)
        assert copy.state == SignatureState.FAILED and "HTTP 503" in copy.error
        assert not copy.file and not copy.sha256

        service.reply = "ok"
        with django_capture_on_commit_callbacks(execute=True):
            retry_signature(copy=copy, actor=team["leader"])
    copy.refresh_from_db()
    assert copy.state == SignatureState.SIGNED and copy.attempts == 2
    with copy.file.open("rb") as handle:
        assert verify_pdf(handle.read()).state == State.VALID


def test_every_slip_01_to_07_and_the_online_receipt_carry_the_agency_signature(
    signing, django_capture_on_commit_callbacks
):
    from dichvucong.dossiers.receipts import store_receipt
    from dichvucong.processing.models import ExportStatus
    from dichvucong.processing.services.exports import request_tracking_log
    from dichvucong.processing.slips import SLIPS, store_slip

    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    with django_capture_on_commit_callbacks(execute=True):
        for number in SLIPS:  # 01–06, each stored as the services store it
            store_slip(dossier_id=dossier.pk, slip=number, event_id=None)
        store_receipt(dossier=dossier)
        export = request_tracking_log(
            actor=team["counter"], agency_id=team["agency"].pk, start=None, end=None
        )

    copies = _copies(dossier)
    names = sorted(c.attachment.original_name[:3] for c in copies)
    assert names == ["01-", "02-", "03-", "04-", "05-", "06-", "gia"]
    for copy in copies:
        assert copy.state == SignatureState.SIGNED, (copy.attachment.original_name, copy.error)
        with copy.file.open("rb") as handle:
            verdict = verify_pdf(handle.read())
        assert verdict.state == State.VALID and verdict.last.signer, copy.attachment.original_name
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    with export.file.open("rb") as handle:
        assert verify_pdf(handle.read()).state == State.VALID  # form 07, signed in its task


def test_a_tracking_log_that_cannot_be_signed_is_marked_failed(
    signing, settings, django_capture_on_commit_callbacks
):
    from dichvucong.processing.models import ExportStatus
    from dichvucong.processing.services.exports import request_tracking_log

    team = make_team()
    settings.ESIGN_SIGNER = "pkcs12"
    settings.ESIGN_PKCS12_PATH = "/nonexistent/agency.p12"
    settings.ESIGN_PKCS12_PASSPHRASE = "x"
    with django_capture_on_commit_callbacks(execute=True):
        export = request_tracking_log(
            actor=team["counter"], agency_id=team["agency"].pk, start=None, end=None
        )

    export.refresh_from_db()
    assert export.status == ExportStatus.FAILED and "ký số" in export.error and not export.file


def test_the_dossier_page_follows_the_signing_task_until_every_copy_is_signed(signing, client):
    team, dossier = _processing_with_result()
    approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
    dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])  # task not run yet
    client.force_login(team["leader"])
    states_url = reverse("processing:signature_states", args=[dossier.pk])

    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "Đang ký số trong nền: đã ký 0/1 tài liệu." in page
    assert states_url in page and "js/signature-progress.js" in page
    before = client.get(states_url).json()
    assert before["pending"] == 1 and "Đang chờ ký số" in next(iter(before["states"].values()))

    for copy in _copies(dossier):
        sign_copy(copy_id=copy.pk)

    after = client.get(states_url).json()
    assert after["pending"] == 0 and after["line"] == "Đã ký số 1/1 tài liệu."
    assert "Tải bản đã ký" in next(iter(after["states"].values()))
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "js/signature-progress.js" not in page  # nothing left to follow


def test_the_signature_states_of_another_agencys_dossier_are_not_shown(signing, client):
    _, dossier = _processing_with_result()
    other = make_team()
    client.force_login(other["leader"])

    response = client.get(reverse("processing:signature_states", args=[dossier.pk]))

    assert response.status_code == 404


def test_with_leaders_signing_the_result_carries_the_approving_leaders_own_certificate(
    signing, settings, ca_dir, django_capture_on_commit_callbacks
):
    from dichvucong.esign.signers import current_signer
    from dichvucong.esign.tests.fake_remote import FakeRemoteSigner
    from dichvucong.esign.tests.helpers import use_remote_signer

    current_signer().get_certificate()  # the demo CA the fake issues from exists
    team, dossier = _processing_with_result()
    leader = team["leader"]
    leader.id_number = "056088001234"
    leader.save(update_fields=["id_number"])
    with FakeRemoteSigner(ca_dir, officers={leader.id_number: "Trần Văn Lãnh Đạo"}) as service:
        use_remote_signer(settings, service.url)
        settings.ESIGN_RESULTS_SIGNED_BY = "leader"
        with django_capture_on_commit_callbacks(execute=True):
            approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
            dossier_transition(dossier=dossier, to=S.DONE, actor=leader)

    result = _copies(dossier).get(attachment__kind=AttachmentKind.RESULT)
    assert result.state == SignatureState.SIGNED, result.error
    assert result.signer == "Trần Văn Lãnh Đạo"
    with result.file.open("rb") as handle:
        verdict = verify_pdf(handle.read())
    assert verdict.state == State.VALID and verdict.last.signer == "Trần Văn Lãnh Đạo"
    slip = _copies(dossier).get(attachment__kind=AttachmentKind.SLIP)  # the agency signs slips
    assert slip.state == SignatureState.SIGNED and slip.signer == "Cơ quan giải quyết TTHC (demo)"
    assert leader.id_number in service.users_seen


def test_with_leaders_signing_a_leader_without_a_remote_account_fails_with_the_reason(
    signing, settings, ca_dir, django_capture_on_commit_callbacks
):
    from dichvucong.esign.signers import current_signer
    from dichvucong.esign.tests.fake_remote import FakeRemoteSigner
    from dichvucong.esign.tests.helpers import use_remote_signer

    current_signer().get_certificate()
    team, dossier = _processing_with_result()
    with FakeRemoteSigner(ca_dir) as service:
        use_remote_signer(settings, service.url)
        settings.ESIGN_RESULTS_SIGNED_BY = "leader"
        with django_capture_on_commit_callbacks(execute=True):
            approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
            dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])

    result = _copies(dossier).get(attachment__kind=AttachmentKind.RESULT)
    assert result.state == SignatureState.FAILED and "số định danh" in result.error


def test_leaders_signing_without_the_remote_service_refuses_to_start(signing, settings):
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    settings.ESIGN_RESULTS_SIGNED_BY = "leader"  # with the demo signer

    with pytest.raises(SystemCheckError, match="ESIGN_RESULTS_SIGNED_BY=leader needs"):
        call_command("check")
