from io import BytesIO

import pytest
from pypdf import PdfReader

from dichvucong.dossiers.models import Attachment, AttachmentKind
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.notifications.models import MessageTemplate, SmsMessage
from dichvucong.processing.services import dossier_transition
from dichvucong.processing.slips import tracking
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


def _pdf_text(attachment) -> str:
    with attachment.file.open("rb") as handle:
        reader = PdfReader(BytesIO(handle.read()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _slip(dossier, prefix):
    return Attachment.objects.filter(
        dossier=dossier, kind=AttachmentKind.SLIP, original_name__startswith=prefix
    ).latest("id")


def test_receiving_sends_an_sms_and_stores_the_receipt_and_control_sheet(
    django_capture_on_commit_callbacks,
):
    team = make_team()
    dossier = make_dossier(agency=team["agency"], applicant_name="Nguyễn Thị Đào")
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    sms = SmsMessage.objects.get(dossier_id=dossier.pk)
    assert dossier.code in sms.text and "đã được tiếp nhận" in sms.text
    receipt = _pdf_text(_slip(dossier, "01-"))
    assert "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ" in receipt
    assert "Nguyễn Thị Đào" in receipt and dossier.code in receipt
    assert "Lê Thị Một Cửa" in receipt
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in _pdf_text(_slip(dossier, "06-"))


def test_supplement_request_tells_the_citizen_what_is_missing_in_sms_and_slip_02(
    django_capture_on_commit_callbacks,
):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(
            dossier=dossier,
            to=S.SUPPLEMENT_REQUESTED,
            actor=team["counter"],
            note="Ảnh chụp căn cước bị lóa",
            data={"documents": ["Căn cước công dân mặt sau"]},
        )
    sms = SmsMessage.objects.get(dossier_id=dossier.pk)
    assert "Căn cước công dân mặt sau" in sms.text and ".." not in sms.text
    text = _pdf_text(_slip(dossier, "02-"))
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert "Căn cước công dân mặt sau" in text and "Ảnh chụp căn cước bị lóa" in text


def test_refusal_and_stop_slips_carry_the_reason(django_capture_on_commit_callbacks):
    team = make_team()
    refused = make_dossier(agency=team["agency"])
    stopped = make_dossier(agency=team["agency"], status=S.PROCESSING)
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(
            dossier=refused,
            to=S.NOT_RECEIVED,
            actor=team["counter"],
            note="Không thuộc thẩm quyền giải quyết của xã",
        )
        dossier_transition(
            dossier=stopped,
            to=S.STOPPED,
            actor=team["leader"],
            note="Người dân đề nghị dừng để điều chỉnh nội dung",
        )
    assert "Không thuộc thẩm quyền giải quyết của xã" in _pdf_text(_slip(refused, "03-"))
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in _pdf_text(_slip(refused, "03-"))
    text = _pdf_text(_slip(stopped, "05-"))
    assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in text and "điều chỉnh nội dung" in text
    assert "Không thuộc thẩm quyền" in SmsMessage.objects.get(dossier_id=refused.pk).text


def test_payment_request_sms_gives_the_amount(django_capture_on_commit_callbacks):
    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(
            dossier=dossier,
            to=S.PAYMENT_REQUESTED,
            actor=team["specialist"],
            data={"amount": 150000},
        )
    assert "150.000 đồng" in SmsMessage.objects.get(dossier_id=dossier.pk).text


def test_admin_edited_template_replaces_the_default_text(django_capture_on_commit_callbacks):
    MessageTemplate.objects.create(
        code="dossier_received", channel="sms", body="UBND xã đã nhận hồ sơ {ma_ho_so}."
    )
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    with django_capture_on_commit_callbacks(execute=True):
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    assert (
        SmsMessage.objects.get(dossier_id=dossier.pk).text
        == f"UBND xã đã nhận hồ sơ {dossier.code}."
    )


def test_nothing_is_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks):
    team = make_team()
    dossier = make_dossier(agency=team["agency"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    assert callbacks and not SmsMessage.objects.exists()


def test_tracking_log_lists_the_agency_dossiers():
    from datetime import date

    team = make_team()
    first = make_dossier(agency=team["agency"], applicant_name="Võ Thị Ửng")
    content = tracking.build_log(
        agency=team["agency"],
        start=date(2026, 1, 1),
        end=date(2026, 12, 31),
        dossiers=team["agency"].dossiers.select_related("procedure"),
    )
    text = PdfReader(BytesIO(content)).pages[0].extract_text()
    assert "SỔ THEO DÕI HỒ SƠ" in text and "Võ Thị Ửng" in text and first.code[:10] in text


def test_apology_is_recorded_sent_and_printed_as_form_04(django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from dichvucong.processing.services import extend_deadline

    team = make_team()
    dossier = make_dossier(
        agency=team["agency"], status=S.PROCESSING, due_at=timezone.now() - timedelta(hours=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        extend_deadline(
            dossier=dossier,
            actor=team["leader"],
            new_due_at=timezone.now() + timedelta(days=3),
            reason="Chờ kết quả xác minh của Công an xã",
        )
    text = _pdf_text(_slip(dossier, "04-"))
    assert "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT" in text
    new_due = timezone.localtime(dossier.extensions.get().new_due_at)
    flat = " ".join(text.split())
    assert "đề nghị gia hạn thời gian giải quyết hồ sơ đến" in flat
    assert f"{new_due:%d/%m/%Y}" in flat
    assert "Chờ kết quả xác minh của Công an xã" in " ".join(text.split())
    sms = SmsMessage.objects.get(dossier_id=dossier.pk)
    assert "xin lỗi" in sms.text and "hẹn trả kết quả mới" in sms.text


def test_control_sheet_names_actions_that_keep_the_status_in_vietnamese():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from dichvucong.dossiers.tests.helpers import small_pdf
    from dichvucong.processing.services import add_result_file
    from dichvucong.processing.slips import control

    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    add_result_file(
        dossier=dossier, actor=team["specialist"], upload=SimpleUploadedFile("kq.pdf", small_pdf())
    )
    text = PdfReader(BytesIO(control.build(dossier))).pages[0].extract_text()
    assert "Tải lên văn bản kết quả" in text and "result_uploaded" not in text


CIRCULAR_TITLES = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
    "05": "Thông báo dừng giải quyết hồ sơ",
    "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
}


def test_slips_01_to_07_carry_the_titles_of_circular_03_2025():
    from django.utils import timezone

    from dichvucong.processing.slips import SLIPS

    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    for number, title in CIRCULAR_TITLES.items():
        pdf = PdfReader(BytesIO(SLIPS[number].build(dossier)))
        text = " ".join(pdf.pages[0].extract_text().split())
        assert f"Mẫu số {number}" in text and title.upper() in text, number
    today = timezone.localdate()
    log = tracking.build_log(agency=team["agency"], start=today, end=today, dossiers=[dossier])
    text = " ".join(PdfReader(BytesIO(log)).pages[0].extract_text().split())
    assert "SỔ THEO DÕI HỒ SƠ" in text and "07" in text
