"""Dossiers filed on the (fake) national portal are opened here once, whole, and acknowledged."""

import pytest
from django.core.files.storage import default_storage

from dichvucong.catalog.tests.factories import AgencyFactory, ProcedureFactory
from dichvucong.dossiers.models import Attachment, Dossier, DossierStatus
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.interop.models import InboundDossier
from dichvucong.interop.sync.inbound import pull_national_dossiers
from dichvucong.interop.tests.fake_portal import FakeNationalPortal

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(settings, tmp_path):
    settings.STORAGES = settings.STORAGES | {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        }
    }
    fake = FakeNationalPortal()
    with fake.running():
        fake.configure(settings)
        yield fake


@pytest.fixture
def procedure():
    agency = AgencyFactory(code="000.00.22.H56")
    procedure = ProcedureFactory(agencies=[agency], code="1.001612")
    procedure.required_documents.create(name="Tờ khai", code="TK01")
    return procedure


def filed(code: str, procedure, **extra) -> dict:
    return {
        "MaHoSo": code,
        "MaTTHC": procedure.code,
        "DonViXuLy": procedure.agencies.get().code,
        "ChuHoSo": "Nguyễn Thị Hòa",
        "SoGiayToChuHoSo": "056190001234",
        "SoDienThoai": "0912345678",
        "Email": "hoa@example.vn",
        "NgayNopHoSo": "20270201054200",
        "TaiKhoanDuocXacThucVoiVNeID": 1,
        "MucDoXacThuc": 2,
        "TaiLieuNop": [
            {
                "TepDinhKemId": 1,
                "TenTepDinhKem": "to-khai.pdf",
                "MaThanhPhanHoSo": "TK01",
                "DuongDanTaiTepTin": f"{code}/1",
                "IsDeleted": False,
            }
        ],
        **extra,
    }


def test_a_filed_dossier_is_opened_with_its_code_identity_and_files(portal, procedure):
    portal.filed.append(filed("G22.99-270201-0007", procedure))
    portal.files["G22.99-270201-0007/1"] = small_pdf()
    report = pull_national_dossiers()
    assert report.opened == ["G22.99-270201-0007"]
    dossier = Dossier.objects.get(code="G22.99-270201-0007")
    assert dossier.status == DossierStatus.NEW
    assert dossier.applicant_name == "Nguyễn Thị Hòa"
    assert (dossier.applicant_identity_method, dossier.applicant_identity_level) == ("vneid", 2)
    paper = dossier.attachments.get()
    assert paper.required_document.code == "TK01" and paper.page_count == 1
    assert portal.acknowledged == ["G22.99-270201-0007"]
    # Its creation goes back to the portal like any other dossier's.
    assert dossier.outbox.get().payload["dossier"]["TaiKhoanDuocXacThucVoiVNeID"] == 1


def test_a_dossier_sent_twice_is_opened_once(portal, procedure):
    record = filed("G22.99-270201-0008", procedure)
    portal.filed.append(record)
    portal.files["G22.99-270201-0008/1"] = small_pdf()
    pull_national_dossiers()
    portal.acknowledged.clear()  # the acknowledgement was lost: the portal sends it again
    report = pull_national_dossiers()
    assert report.duplicates == ["G22.99-270201-0008"] and not report.opened
    assert Dossier.objects.filter(code="G22.99-270201-0008").count() == 1
    assert portal.acknowledged == ["G22.99-270201-0008"]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"MaTTHC": "9.999999"}, "unknown procedure"),
        ({"DonViXuLy": "000.00.99.H56"}, "does not handle"),
    ],
)
def test_a_dossier_that_cannot_be_opened_here_is_kept_aside_not_acknowledged(
    portal, procedure, change, reason
):
    portal.filed.append(filed("G22.99-270201-0009", procedure, **change))
    portal.files["G22.99-270201-0009/1"] = small_pdf()
    report = pull_national_dossiers()
    assert reason in report.refused["G22.99-270201-0009"]
    assert not Dossier.objects.filter(code="G22.99-270201-0009").exists()
    assert reason in InboundDossier.objects.get(national_code="G22.99-270201-0009").refused_reason
    assert portal.acknowledged == []


def test_a_bad_or_missing_file_leaves_nothing_half_done(portal, procedure):
    portal.filed.append(filed("G22.99-270201-0010", procedure))
    portal.files["G22.99-270201-0010/1"] = b"<html>not a pdf</html>"
    stored_before = Attachment.objects.count()
    report = pull_national_dossiers()
    assert "G22.99-270201-0010" in report.refused
    assert not Dossier.objects.filter(code="G22.99-270201-0010").exists()
    assert Attachment.objects.count() == stored_before
    assert not default_storage.exists("dossiers")  # no file was written, none left behind
    # The portal then serves the right file: the next pull opens it.
    portal.files["G22.99-270201-0010/1"] = small_pdf()
    assert pull_national_dossiers().opened == ["G22.99-270201-0010"]


def test_the_portal_down_changes_nothing(portal, procedure):
    portal.filed.append(filed("G22.99-270201-0011", procedure))
    portal.down = True
    from dichvucong.interop.national import NationalPortalError

    with pytest.raises(NationalPortalError):
        pull_national_dossiers()
    assert not Dossier.objects.filter(code="G22.99-270201-0011").exists()
