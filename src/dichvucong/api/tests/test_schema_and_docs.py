import pytest
from django.core.management import call_command

from dichvucong.api.clients import client_for_token
from dichvucong.api.models import ApiClient
from dichvucong.api.openapi import committed_schema_text, generated_schema_text
from dichvucong.core.models import AuditLog
from dichvucong.processing.selectors import actor_roles
from dichvucong.tracking.tests.factories import make_dossier


def test_the_committed_openapi_file_is_what_the_code_generates():
    # Regenerate with `make openapi` (manage.py write_openapi) after changing the API.
    assert committed_schema_text() == generated_schema_text()


@pytest.mark.django_db
def test_the_served_schema_is_the_committed_one_and_errors_are_problem_json(client):
    import json

    served = client.get("/api/v1/openapi.json").json()
    assert served == json.loads(committed_schema_text())
    status = served["paths"]["/api/v1/agency/dossiers/{code}/status"]["post"]["responses"]
    assert set(status) == {"200", "400", "401", "403", "404", "409", "422"}
    assert list(status["409"]["content"]) == ["application/problem+json"]


@pytest.mark.django_db
def test_the_docs_are_served_at_api_docs(client):
    response = client.get("/api/docs", follow=True)
    assert response.status_code == 200
    assert b"swagger-ui" in response.content


@pytest.mark.django_db
def test_create_api_client_prints_the_token_once_and_stores_only_its_digest(agency, capsys):
    call_command(
        "create_api_client",
        agency=agency.code,
        name="Phần mềm chuyên ngành",
        scopes=["dossiers:read"],
        roles=["specialist"],
    )
    token = capsys.readouterr().out.strip().splitlines()[-1]
    stored = ApiClient.objects.get()
    assert token.startswith("dvc_") and token not in str(stored.__dict__)
    assert client_for_token(token) == stored
    assert stored.service_user.has_usable_password() is False
    dossier = make_dossier(agency=agency)
    assert actor_roles(stored.service_user, dossier) == {"specialist"}
    assert AuditLog.objects.filter(action="api_client.create").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options",
    [
        {"agency": "000.00.99.H99", "scopes": ["dossiers:read"]},
        {"scopes": ["dossiers:delete"]},
        {"scopes": ["dossiers:read"], "roles": ["admin"]},
    ],
)
def test_create_api_client_refuses_unknown_agency_scope_or_role(agency, options):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_client", **{"agency": agency.code, "name": "X", **options})
    assert not ApiClient.objects.exists()


@pytest.mark.django_db
def test_an_unknown_api_path_is_a_problem_not_the_portals_html_page(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "Không có điểm cuối API này; xem /api/docs."
