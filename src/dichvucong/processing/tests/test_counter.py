import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dichvucong.catalog.models import Fee, OnlineLevel
from dichvucong.catalog.tests.factories import make_procedure
from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import Channel, Dossier, DossierEvent
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.processing.machine import RoleNotAllowed, TransitionError
from dichvucong.processing.services import (
    add_result_file,
    approval_step,
    counter_create_dossier,
    dossier_transition,
    record_counter_payment,
    record_originals_checked,
)
from dichvucong.processing.tests.factories import make_dossier, make_officer, make_team

pytestmark = pytest.mark.django_db


def test_counter_officer_registers_a_walk_in_citizen_with_a_code_and_appointment(client):
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]])
    Fee.objects.create(procedure=procedure, name="Lệ phí", amount=8000)
    client.force_login(team["counter"])
    response = client.post(
        reverse("processing:counter_create"),
        {
            "procedure": procedure.pk,
            "name": "Đặng Văn Quầy",
            "phone": "0912345678",
            "result_delivery": "counter",
            "id_number": "",
            "email": "",
            "address": "",
            "note": "Xin cấp bản sao trích lục",
        },
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get(applicant_name="Đặng Văn Quầy")
    assert dossier.channel == Channel.COUNTER and dossier.status == S.RECEIVED
    assert dossier.code.startswith(team["agency"].code + "-")
    assert dossier.due_at is not None and dossier.fee_total == 8000
    assert AuditLog.objects.filter(action="dossier.counter_create").exists()


def test_counter_form_rejects_bad_phone_with_a_vietnamese_message(client):
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]])
    client.force_login(team["counter"])
    response = client.post(
        reverse("processing:counter_create"),
        {
            "procedure": procedure.pk,
            "name": "Đặng Văn Quầy",
            "phone": "12ab",
            "result_delivery": "counter",
        },
    )
    assert response.status_code == 400
    assert "Số điện thoại di động Việt Nam không hợp lệ" in response.content.decode()
    assert not Dossier.objects.exists()


def test_only_counter_officers_register_walk_ins():
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]])
    with pytest.raises(RoleNotAllowed):
        counter_create_dossier(
            actor=team["specialist"],
            agency=team["agency"],
            procedure=procedure,
            applicant={"name": "A"},
        )


def test_partly_online_result_needs_originals_and_counter_fee_before_hand_over():
    team = make_team()
    procedure = make_procedure(
        agencies=[team["agency"]], online_level=OnlineLevel.PARTIAL, fees=[50000]
    )
    dossier = make_dossier(agency=team["agency"], procedure=procedure, status=S.PROCESSING)
    add_result_file(
        dossier=dossier, actor=team["specialist"], upload=SimpleUploadedFile("kq.pdf", small_pdf())
    )
    approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
    dossier = dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    with pytest.raises(TransitionError, match="đối chiếu bản gốc"):
        dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])
    dossier = record_originals_checked(dossier=dossier, actor=team["counter"])
    with pytest.raises(TransitionError, match="phí"):
        dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])
    record_counter_payment(
        dossier=dossier,
        actor=team["counter"],
        amount=50000,
        method="cash",
        receipt_number="BL-0001234",
    )
    dossier = dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])
    assert dossier.status == S.RETURNED
    assert AuditLog.objects.filter(
        action="dossier.counter_payment", data__receipt_number="BL-0001234"
    ).exists()


def _walk_in(client, **fields):
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]])
    client.force_login(team["counter"])
    data = {"procedure": procedure.pk, "name": "Đặng Văn Quầy", "result_delivery": "counter"}
    return client.post(reverse("processing:counter_create"), data | fields)


def test_counter_takes_a_mobile_as_people_say_it_and_stores_it_for_sms(client):
    response = _walk_in(client, phone="0912 345 678", id_number="060 190 001 234")
    assert response.status_code == 302
    dossier = Dossier.objects.get(applicant_name="Đặng Văn Quầy")
    assert dossier.applicant_phone == "+84912345678"
    assert dossier.applicant_id_number == "060190001234"


def test_counter_refuses_an_id_number_that_registration_refuses(client):
    response = _walk_in(client, id_number="099090000001")
    assert response.status_code == 400
    assert "mã tỉnh nơi đăng ký khai sinh" in response.content.decode()
    assert not Dossier.objects.exists()


def test_a_counter_dossier_is_opened_by_the_same_service():
    agency = make_team()["agency"]
    procedure = make_procedure(agencies=[agency], name="Đăng ký khai sinh")
    officer = make_officer(agency, "counter")
    dossier = counter_create_dossier(
        actor=officer,
        agency=agency,
        procedure=procedure,
        applicant={"name": " Đặng Văn Quầy ", "id_number": "079190005678", "phone": "0912345678"},
    )
    dossier.refresh_from_db()
    assert dossier.applicant_name == "Đặng Văn Quầy"
    assert (dossier.channel, dossier.status) == (Channel.COUNTER, S.RECEIVED)
    assert dossier.received_by == officer and dossier.received_at == dossier.submitted_at
    # Typed at the counter: no sign-in vouches for the applicant.
    assert (dossier.applicant_identity_method, dossier.applicant_identity_level) == (
        "counter",
        None,
    )
    for words in ("dang van quay", "079190005678", "0912345678", "dang ky khai sinh"):
        assert words in dossier.search_text
    event = DossierEvent.objects.get(dossier=dossier)
    assert (event.action, event.from_status, event.to_status) == (
        "receive",
        None,
        S.RECEIVED,
    )
    assert AuditLog.objects.filter(action="dossier.counter_create").count() == 1


def test_counter_intake_charges_the_counter_row_and_the_copies_asked():
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]])
    Fee.objects.create(
        procedure=procedure, name="Lệ phí (trực tiếp)", amount=50000, channel="counter"
    )
    Fee.objects.create(
        procedure=procedure, name="Lệ phí (trực tuyến)", amount=150000, channel="online"
    )
    Fee.objects.create(
        procedure=procedure,
        name="Phí cấp bản sao (nếu có yêu cầu)",
        amount=8000,
        unit="copy",
        quantity_field="paper_copies",
        is_optional=True,
    )
    dossier = counter_create_dossier(
        actor=team["counter"],
        agency=team["agency"],
        procedure=procedure,
        applicant={"name": "Đặng Văn Quầy"},
        form_data={"paper_copies": 2},
    )
    assert dossier.fee_total == 50000 + 16000
    assert [line["name"] for line in dossier.fee_lines] == [
        "Lệ phí (trực tiếp)",
        "Phí cấp bản sao (nếu có yêu cầu)",
    ]


def test_a_history_entry_named_like_a_payment_does_not_settle_the_fee():
    from dichvucong.dossiers.models import DossierEvent

    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]], online_level=OnlineLevel.PARTIAL)
    Fee.objects.create(procedure=procedure, name="Lệ phí", amount=50000)
    dossier = make_dossier(agency=team["agency"], procedure=procedure, status=S.DONE)
    dossier = record_originals_checked(dossier=dossier, actor=team["counter"])
    DossierEvent.objects.create(dossier=dossier, action="fee_paid", note="Đã nộp")
    with pytest.raises(TransitionError, match="phí"):
        dossier_transition(dossier=dossier, to=S.RETURNED, actor=team["counter"])


def test_counter_form_takes_the_copies_the_fee_is_charged_by(client):
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]])
    Fee.objects.create(procedure=procedure, name="Lệ phí đăng ký", amount=0)
    Fee.objects.create(
        procedure=procedure,
        name="Phí cấp bản sao (nếu có yêu cầu)",
        amount=8000,
        unit="copy",
        quantity_field="paper_copies",
        is_optional=True,
    )
    client.force_login(team["counter"])
    response = client.post(
        reverse("processing:counter_create"),
        {
            "procedure": procedure.pk,
            "name": "Đặng Văn Quầy",
            "result_delivery": "counter",
            "copies": "2",
        },
    )
    assert response.status_code == 302
    dossier = Dossier.objects.get(applicant_name="Đặng Văn Quầy")
    assert dossier.fee_total == 16000 and dossier.form_data["paper_copies"] == 2


def test_the_officer_page_writes_fee_amounts_with_thousands_dots(client):
    team = make_team()
    procedure = make_procedure(agencies=[team["agency"]], fees=[1250000])
    dossier = make_dossier(agency=team["agency"], procedure=procedure, status=S.DONE)
    client.force_login(team["counter"])
    page = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    fees = page.split("data-fee-state=", 1)[1].split("</td>", 1)[0]
    assert "1.250.000 đ" in fees and "Còn phải nộp 1.250.000 đ" in fees
    assert "1250000" not in fees
