"""Every kind of page, anonymous, citizen and each officer role, on a phone and a desktop:
axe-core finds no serious or critical violation and no page scrolls sideways."""

import pytest

from dichvucong.accounts.tests.factories import make_citizen, make_officer
from dichvucong.catalog.models import OnlineLevel
from dichvucong.catalog.tests.factories import (
    make_agency,
    make_document,
    make_fee,
    make_field,
    make_procedure,
)
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.processing.tests.factories import make_dossier, make_team
from tests.e2e.a11y import assert_accessible
from tests.e2e.test_submission_journey import SCHEMA

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _world() -> dict:
    """A procedure with papers and fees, a citizen with a submitted dossier and a draft, a team."""
    agency = make_agency(name="Ủy ban nhân dân xã An Hòa", code="000.00.06.H56")
    procedure = make_procedure(
        code="1.001193",
        name="Đăng ký khai sinh",
        field=make_field(code="ho-tich", name="Hộ tịch"),
        agencies=[agency],
        online_level=OnlineLevel.FULL,
        form_schema=SCHEMA,
        steps="Nộp tờ khai và giấy chứng sinh.",
    )
    make_document(
        procedure,
        name="Giấy chứng sinh",
        note="Trường hợp không có giấy chứng sinh thì nộp văn bản của người làm chứng.",
    )
    make_fee(procedure, name="Lệ phí đăng ký khai sinh", amount=8000)
    make_procedure(name="Đăng ký kết hôn", field=procedure.field, agencies=[agency])
    citizen = make_citizen(full_name="Lê Thị Hoa", id_number="001190054321")
    team = make_team(agency)
    dossier = make_dossier(agency=agency, procedure=procedure, applicant=citizen)
    draft = make_dossier(agency=agency, procedure=procedure, applicant=citizen, status=S.DRAFT)
    clerk = make_officer(agency, "identity_clerk", full_name="Đỗ Văn Xác Minh")
    return {"citizen": citizen, "team": team, "dossier": dossier, "draft": draft, "clerk": clerk}


def _check(page, step: str, failures: list[str]) -> None:
    try:
        assert_accessible(page, step)
    except AssertionError as failure:  # report every page, not only the first
        failures.append(str(failure))


def _visit(page, url: str, step: str, failures: list[str]) -> None:
    page.goto(url)
    _check(page, step, failures)


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
def test_every_page_kind_passes_axe_and_fits_the_screen(browser, live_server, login_browser, width):
    world = _world()
    dossier, draft, team = world["dossier"], world["draft"], world["team"]
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 844})
    page = context.new_page()
    base = live_server.url
    failures: list[str] = []
    try:
        for step, path in [
            ("home", "/"),
            ("catalog-list", "/thu-tuc/"),
            ("catalog-search", "/thu-tuc/?q=khai+sinh"),
            ("catalog-filter", "/thu-tuc/?field=ho-tich&level=full"),
            ("catalog-empty", "/thu-tuc/?q=zzzz"),
            ("procedure", "/thu-tuc/1.001193/"),
            ("lookup", "/tra-cuu/"),
            ("lookup-result", f"/tra-cuu/?ma={dossier.code}"),
            ("login", "/dang-nhap/"),
            ("register", "/dang-ky/"),
            ("reset", "/quen-mat-khau/"),
            ("verify", "/xac-thuc/"),
            ("verify-result", f"/xac-thuc/{dossier.code}/"),
            ("not-found", "/khong-co-trang-nay/"),
            ("demo-sms-outbox", "/dev/sms/"),
        ]:
            _visit(page, base + path, f"{width}-anon-{step}", failures)
        # Registration's second step, with the captcha and its alternatives.
        page.goto(f"{base}/dang-ky/")
        page.get_by_label("Công dân").check()
        page.get_by_label("Thuê bao di động").check()
        page.get_by_role("button", name="Tiếp tục").click()
        _check(page, f"{width}-anon-register-details", failures)
        page.get_by_role("link", name="Trả lời câu hỏi thay cho hình").click()
        _check(page, f"{width}-anon-register-details-question", failures)

        login_browser(page, world["citizen"])
        for step, path in [
            ("profile", "/tai-khoan/"),
            ("pick", "/nop-ho-so/"),
            ("start", "/nop-ho-so/1.001193/"),
            ("drafts", "/ho-so-dang-soan/"),
            ("wizard-form", f"/ho-so-dang-soan/{draft.pk}/to-khai/"),
            ("wizard-files", f"/ho-so-dang-soan/{draft.pk}/giay-to/"),
            ("wizard-review", f"/ho-so-dang-soan/{draft.pk}/xem-lai/"),
            ("my-dossiers", "/ho-so-cua-toi/"),
            ("my-dossier", f"/ho-so-cua-toi/{dossier.code}/"),
            ("notices", "/thong-bao/"),
            ("delivery-choice", f"/ho-so/{dossier.pk}/nhan-ket-qua/"),
            ("fees", f"/thanh-toan/ho-so/{dossier.pk}/"),
        ]:
            _visit(page, base + path, f"{width}-citizen-{step}", failures)
        # The form step with every error shown: the summary and the marked fields.
        page.goto(f"{base}/ho-so-dang-soan/{draft.pk}/to-khai/")
        page.locator("form [required]").evaluate_all(
            "els => els.forEach(e => e.removeAttribute('required'))"
        )
        page.get_by_role("button", name="Lưu và tiếp tục").click()
        _check(page, f"{width}-citizen-wizard-form-errors", failures)

        for role in ("counter", "specialist", "leader"):
            page.context.clear_cookies()
            login_browser(page, team[role])
            for step, path in [
                ("inbox", "/can-bo/"),
                ("dossier", f"/can-bo/ho-so/{dossier.pk}/"),
                ("counter-intake", "/can-bo/tiep-nhan-truc-tiep/"),
                ("tracking-log", "/can-bo/so-theo-doi/"),
                ("fees", f"/can-bo/ho-so/{dossier.pk}/phi-le-phi/"),
                ("delivery", f"/can-bo/ho-so/{dossier.pk}/buu-chinh/"),
            ]:
                _visit(page, base + path, f"{width}-{role}-{step}", failures)
        _visit(page, f"{base}/can-bo/dong-bo-dvcqg/", f"{width}-leader-national-sync", failures)
        page.context.clear_cookies()
        login_browser(page, world["clerk"])
        _visit(page, f"{base}/can-bo/xac-minh/", f"{width}-clerk-verification-queue", failures)
    finally:
        context.close()
    assert not failures, "\n".join(failures)
