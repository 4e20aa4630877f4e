"""A dossier filed on the (fake) national portal is opened here, officers process it in Chromium,
and every step reaches the portal once and in order, across a drainer that died mid-send."""

import pytest
from playwright.sync_api import expect

from dichvucong.catalog.tests.factories import ProcedureFactory
from dichvucong.dossiers.models import Dossier
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.interop.sync import outbox
from dichvucong.interop.sync.inbound import pull_national_dossiers
from dichvucong.interop.sync.outbox import drain_outbox
from dichvucong.interop.tests.fake_portal import FakeNationalPortal
from dichvucong.processing.tests.factories import make_team
from tests.e2e.a11y import assert_accessible

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
CODE = "G22.99-270201-0042"


@pytest.fixture
def portal(settings):
    fake = FakeNationalPortal()
    with fake.running():
        fake.configure(settings)
        yield fake


def _act(page, action: str, **fields) -> None:
    form = page.locator(f'form[data-action="{action}"]')
    for name, value in fields.items():
        form.locator(f'[name="{name}"]').fill(value)
    form.get_by_role("button").click()
    expect(page.locator(".message--success")).to_be_visible()


def _as(page, login_browser, user) -> None:
    page.context.clear_cookies()
    login_browser(page, user)


def test_a_national_dossier_is_processed_here_and_reported_back_in_order(
    page, live_server, login_browser, portal, monkeypatch, settings
):
    team = make_team()
    procedure = ProcedureFactory(agencies=[team["agency"]])
    procedure.required_documents.create(name="Tờ khai đăng ký", code="TK01")
    portal.filed.append(
        {
            "MaHoSo": CODE,
            "MaTTHC": procedure.code,
            "DonViXuLy": team["agency"].code,
            "ChuHoSo": "Trần Thị Ánh",
            "SoGiayToChuHoSo": "056190004321",
            "SoDienThoai": "0912000111",
            "NgayNopHoSo": "20270201054200",
            "TaiKhoanDuocXacThucVoiVNeID": 1,
            "MucDoXacThuc": 2,
            "TaiLieuNop": [
                {
                    "TenTepDinhKem": "to-khai.pdf",
                    "MaThanhPhanHoSo": "TK01",
                    "DuongDanTaiTepTin": f"{CODE}/1",
                }
            ],
        }
    )
    portal.files[f"{CODE}/1"] = small_pdf()
    assert pull_national_dossiers().opened == [CODE]  # what the worker's timer does
    dossier = Dossier.objects.get(code=CODE)
    url = f"{live_server.url}/can-bo/ho-so/{dossier.pk}/"

    # The counter finds it among the new dossiers, with its national code and its paper.
    _as(page, login_browser, team["counter"])
    page.goto(f"{live_server.url}/can-bo/")
    page.get_by_role("link", name=CODE).click()
    expect(page.get_by_text("to-khai.pdf")).to_be_visible()
    expect(page.get_by_text("Chưa đồng bộ")).to_be_visible()
    assert_accessible(page, "counter-national-dossier")
    _act(page, "receive")
    _act(page, "start_processing")

    # The drainer sends what happened so far, then dies after the portal answered.
    real_push = outbox._push

    def push_then_die(batch):
        real_push(batch)
        raise SystemExit("worker killed")

    monkeypatch.setattr(outbox, "_push", push_then_die)
    with pytest.raises(SystemExit):
        drain_outbox()
    monkeypatch.setattr(outbox, "_push", real_push)
    settings.NATIONAL_SYNC_LEASE_SECONDS = 0  # by the time the worker restarts, it has expired

    # The specialist uploads the result and submits it; the leader approves; the counter returns.
    _as(page, login_browser, team["specialist"])
    page.goto(url)
    page.set_input_files(
        "#result-file",
        files=[{"name": "ket-qua.pdf", "mimeType": "application/pdf", "buffer": small_pdf()}],
    )
    page.get_by_role("button", name="Tải lên kết quả").click()
    expect(page.locator(".message--success")).to_be_visible()
    _act(page, "submit_for_approval", note="Đề nghị phê duyệt")
    _as(page, login_browser, team["leader"])
    page.goto(url)
    _act(page, "approve")
    _as(page, login_browser, team["counter"])
    page.goto(url)
    _act(page, "return_result")
    expect(page.locator("[data-status]")).to_have_text("Đã trả kết quả")

    for _ in range(3):  # the restarted worker drains (twice more: nothing left to send)
        drain_outbox()
    page.goto(url)
    expect(page.get_by_text("Chưa đồng bộ")).to_have_count(0)
    assert_accessible(page, "counter-national-dossier-synced")

    expected = [e.payload["progress"]["TrangThai"] for e in dossier.outbox.order_by("id")]
    assert portal.statuses(CODE) == expected  # every step, once, in order
    changes = [s for i, s in enumerate(expected) if i == 0 or s != expected[i - 1]]
    assert changes == ["receiving", "new", "processing", "releasing", "done"]
    assert portal.dossiers[CODE]["TrangThaiHoSo"] == "done"
    assert Dossier.objects.get(pk=dossier.pk).status == S.RETURNED
