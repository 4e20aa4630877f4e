import pytest

from dichvucong.api.clients import create_api_client
from dichvucong.api.tests.conftest import bearer
from dichvucong.catalog.tests.factories import make_agency
from dichvucong.core.models import AuditLog
from dichvucong.dossiers.models import Dossier, DossierStatus
from dichvucong.tracking.tests.factories import make_dossier

pytestmark = pytest.mark.django_db
BASE = "/api/v1/agency/dossiers"


@pytest.fixture
def new_dossier(agency):
    return make_dossier(agency=agency, status=DossierStatus.NEW)


def change(client, token, code, **body):
    return client.post(
        f"{BASE}/{code}/status", body, content_type="application/json", **bearer(token)
    )


def test_the_agency_lists_its_dossiers_newest_first_page_by_page(client, agency, agency_token):
    mine = [make_dossier(agency=agency, status=DossierStatus.NEW).code for _ in range(3)]
    make_dossier(agency=make_agency(), status=DossierStatus.NEW)  # another agency's
    first = client.get(BASE, {"limit": 2}, **bearer(agency_token)).json()
    second = client.get(
        BASE, {"limit": 2, "cursor": first["next_cursor"]}, **bearer(agency_token)
    ).json()
    codes = [d["code"] for d in first["items"] + second["items"]]
    assert codes == list(reversed(mine))
    assert second["next_cursor"] is None
    assert first["items"][0]["status"]["code"] == "receiving"


def test_status_filter_uses_the_national_codes(client, agency, agency_token, new_dossier):
    make_dossier(agency=agency, status=DossierStatus.RECEIVED)
    body = client.get(BASE, {"status": "receiving"}, **bearer(agency_token)).json()
    assert [d["code"] for d in body["items"]] == [new_dossier.code]


@pytest.mark.parametrize("header", [None, "Bearer dvc_wrong", "Basic abc", "Bearer "])
def test_without_a_valid_token_the_answer_is_401(client, header, agency_token):
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = client.get(BASE, **extra)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json()["title"] == "Chưa xác thực"


def test_a_revoked_token_stops_working(client, agency):
    from dichvucong.api.clients import revoke_api_client

    api_client, token = create_api_client(
        name="Cũ", agency=agency, scopes=["dossiers:read"], roles=["counter"]
    )
    revoke_api_client(client=api_client)
    assert client.get(BASE, **bearer(token)).status_code == 401


def test_another_agencys_dossier_is_a_404(client, agency_token):
    other = make_dossier(agency=make_agency(), status=DossierStatus.NEW)
    assert client.get(f"{BASE}/{other.code}", **bearer(agency_token)).status_code == 404
    response = change(client, agency_token, other.code, to="new")
    assert response.status_code == 404
    assert Dossier.objects.get(pk=other.pk).status == DossierStatus.NEW


def test_a_token_without_the_write_scope_gets_403(client, agency, new_dossier):
    _c, reader = create_api_client(
        name="Báo cáo", agency=agency, scopes=["dossiers:read"], roles=["counter"]
    )
    assert client.get(f"{BASE}/{new_dossier.code}", **bearer(reader)).status_code == 200
    response = change(client, reader, new_dossier.code, to="new")
    assert response.status_code == 403
    assert "dossiers:write" in response.json()["detail"]
    assert Dossier.objects.get(pk=new_dossier.pk).status == DossierStatus.NEW


def test_receiving_through_the_api_goes_through_the_machine_and_is_audited(
    client, agency_token, new_dossier
):
    response = change(client, agency_token, new_dossier.code, to="new", expected="receiving")
    body = response.json()
    assert response.status_code == 200
    assert body["status"]["code"] == "new"
    assert body["history"][-1]["label"] == "Được tiếp nhận"
    dossier = Dossier.objects.get(pk=new_dossier.pk)
    assert dossier.status == DossierStatus.RECEIVED
    assert dossier.due_at is not None  # the machine gave the appointment
    row = AuditLog.objects.filter(action="dossier.receive", target_id=str(dossier.pk)).get()
    assert row.actor.api_client.name == "Phần mềm một cửa"


def test_a_move_the_machine_does_not_have_is_a_409_problem(client, agency_token, new_dossier):
    response = change(client, agency_token, new_dossier.code, to="done")
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith("Không thể chuyển hồ sơ từ")


def test_a_stale_expected_status_is_a_409(client, agency_token, new_dossier):
    response = change(client, agency_token, new_dossier.code, to="new", expected="processing")
    assert response.status_code == 409
    assert "vừa được người khác cập nhật" in response.json()["detail"]


def test_a_role_the_service_user_does_not_hold_is_a_403(client, agency, agency_token):
    received = make_dossier(agency=agency, status=DossierStatus.PROCESSING)
    # Stopping needs a specialist or leader; this client's service user is the counter.
    response = change(client, agency_token, received.code, to="unresolved", note="Sai thẩm quyền")
    assert response.status_code == 403
    assert "không có quyền" in response.json()["detail"]


def test_a_refusal_needs_a_reason(client, agency_token, new_dossier):
    response = change(client, agency_token, new_dossier.code, to="denied")
    assert response.status_code == 400
    assert response.json()["detail"] == "Vui lòng nhập lý do."


def test_an_unknown_status_code_is_a_422(client, agency_token, new_dossier):
    response = change(client, agency_token, new_dossier.code, to="finished")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"][-1] == "to"


def test_forwarding_to_processing_names_a_specialist_of_the_agency(client, agency):
    from dichvucong.accounts.tests.factories import make_officer

    specialist = make_officer(agency, "specialist", username="cv.tuphap")
    outsider = make_officer(make_agency(), "specialist", username="cv.khac")
    received = make_dossier(agency=agency, status=DossierStatus.RECEIVED)
    _c, token = create_api_client(
        name="Một cửa", agency=agency, scopes=["dossiers:write"], roles=["counter"]
    )
    refused = change(client, token, received.code, to="processing", assignee_username="cv.khac")
    assert refused.status_code == 400
    assert refused.json()["detail"] == "Chuyên viên được chọn không thuộc cơ quan này."
    moved = change(client, token, received.code, to="processing", assignee_username="cv.tuphap")
    assert moved.status_code == 200
    assert Dossier.objects.get(pk=received.pk).assignee == specialist
    assert outsider.pk != specialist.pk
