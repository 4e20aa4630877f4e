"""Declare once: the form takes the citizen's data from VNeID and the population database,
says where each value came from, keeps locked values whatever is posted, logs every lookup,
and does not ask for a paper whose data was fetched."""

import io
import json
import uuid

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from pypdf import PdfReader

from dichvucong.catalog.form_schema import validate_form_schema
from dichvucong.dossiers.models import Dossier, DossierStatus, LookupResult, PopulationLookup
from dichvucong.dossiers.tests.population_fakes import (
    INTEGRATION_CODE,
    TOKEN,
    FakePopulationDatabase,
    procedure_declaring_once,
    signed_in_citizen,
)

pytestmark = pytest.mark.django_db
POPULATION = "Từ CSDL quốc gia về dân cư"
VNEID = "Từ tài khoản định danh điện tử VNeID"


@pytest.fixture
def http_population(settings):
    fake = FakePopulationDatabase()
    settings.POPULATION_PROVIDER = "http"
    settings.POPULATION_HTTP_URL = fake.url
    settings.POPULATION_HTTP_TOKEN = TOKEN
    settings.POPULATION_INTEGRATION_CODE = INTEGRATION_CODE
    settings.POPULATION_HTTP_TIMEOUT_SECONDS = 1
    with fake.running():
        yield fake


def _draft(client, user, procedure) -> Dossier:
    client.force_login(user)
    agency = procedure.agencies.first()
    response = client.post(reverse("dossiers:start", args=[procedure.code]), {"agency": agency.pk})
    return Dossier.objects.get(pk=int(response.url.rstrip("/").split("/")[-2]))


def _submit(client, draft):
    return client.post(
        reverse("dossiers:draft_submit", args=[draft.pk]), {"idempotency_key": uuid.uuid4()}
    )


def test_form_is_prefilled_with_its_sources_and_the_lookup_is_logged(client, settings):
    settings.POPULATION_PROVIDER = "demo"
    procedure, _ = procedure_declaring_once()
    citizen = signed_in_citizen()
    draft = _draft(client, citizen, procedure)
    page = client.get(reverse("dossiers:draft_form", args=[draft.pk])).content.decode()

    assert 'value="Trần Thị Minh Họa"' in page and VNEID in page
    assert 'value="1990-03-08"' in page and POPULATION in page
    assert 'value="Số 12 đường Trần Hưng Đạo"' in page
    assert '<option value="Nữ" selected>' in page
    assert "Không sửa được tại đây" in page  # the locked ones say so
    assert "Ông/bà có thể sửa nếu thông tin chưa đúng." in page
    lookup = PopulationLookup.objects.get()
    assert (lookup.requested_by, lookup.dossier, lookup.subject_id_number) == (
        citizen,
        draft,
        "068190000111",
    )
    assert lookup.provider == "demo" and lookup.result == LookupResult.FOUND
    assert procedure.code in lookup.purpose
    client.get(reverse("dossiers:draft_form", args=[draft.pk]))
    assert PopulationLookup.objects.count() == 1  # fetched once per dossier


def test_a_tampered_post_does_not_change_a_locked_value(client, settings):
    settings.POPULATION_PROVIDER = "demo"
    procedure, _ = procedure_declaring_once()
    draft = _draft(client, signed_in_citizen(), procedure)
    client.get(reverse("dossiers:draft_form", args=[draft.pk]))
    response = client.post(
        reverse("dossiers:draft_form", args=[draft.pk]),
        {
            "full_name": "Kẻ Mạo Danh",
            "id_number": "001090099999",
            "birth_date": "2001-01-01",
            "sex": "Nam",  # editable: the citizen's correction is kept
            "residence__province": "68",
            "residence__commune": "22960",
            "residence__line": "Thôn 3",
            "purpose": "Xin việc",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.form_data["full_name"] == "Trần Thị Minh Họa"
    assert draft.form_data["id_number"] == "068190000111"
    assert draft.form_data["birth_date"] == "1990-03-08"
    assert draft.form_data["sex"] == "Nam"
    # Even a draft changed behind the form's back is submitted with the fetched values.
    Dossier.objects.filter(pk=draft.pk).update(
        form_data=draft.form_data | {"full_name": "Kẻ Mạo Danh"}
    )
    assert _submit(client, draft).status_code == 302
    dossier = Dossier.objects.get(pk=draft.pk)
    assert dossier.status == DossierStatus.NEW
    assert dossier.form_data["full_name"] == "Trần Thị Minh Họa"


def test_the_fetched_paper_is_not_needed_and_the_receipt_says_where_it_came_from(client, settings):
    settings.POPULATION_PROVIDER = "demo"
    procedure, card = procedure_declaring_once()
    draft = _draft(client, signed_in_citizen(), procedure)
    client.get(reverse("dossiers:draft_form", args=[draft.pk]))
    client.post(
        reverse("dossiers:draft_form", args=[draft.pk]),
        {"sex": "Nữ", "residence__province": "68", "residence__commune": "22945",
         "residence__line": "Số 12 đường Trần Hưng Đạo", "purpose": "Xin việc"},
    )  # fmt: skip
    files = client.get(reverse("dossiers:draft_files", args=[draft.pk])).content.decode()
    assert "không cần nộp" in files
    assert _submit(client, draft).status_code == 302  # no card uploaded, still accepted
    dossier = Dossier.objects.get(pk=draft.pk)
    assert dossier.status == DossierStatus.NEW
    receipt = client.get(reverse("dossiers:receipt", args=[dossier.pk]))
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(receipt.streaming_content))).pages
    )
    assert "khai thác từ CSDL quốc gia về dân cư" in text
    # The officer reads which paper the agency obtained itself.
    from dichvucong.accounts.tests.factories import make_officer

    client.force_login(make_officer(dossier.agency, "counter"))
    officer = client.get(reverse("processing:dossier", args=[dossier.pk])).content.decode()
    assert "đã khai thác từ CSDL quốc gia về dân cư" in officer
    assert card.name in officer
    assert "Từ tài khoản định danh điện tử VNeID" in officer  # which answers were fetched
    assert POPULATION in officer


def test_a_person_not_in_the_database_declares_and_still_sends_the_paper(client, settings):
    settings.POPULATION_PROVIDER = "demo"
    procedure, _ = procedure_declaring_once()
    draft = _draft(client, signed_in_citizen("068191000999"), procedure)
    page = client.get(reverse("dossiers:draft_form", args=[draft.pk])).content.decode()
    assert "Không tìm thấy thông tin của ông/bà" in page
    assert POPULATION not in page
    assert VNEID in page  # the sign-in still vouches for the name and number
    assert PopulationLookup.objects.get().result == LookupResult.NOT_FOUND
    client.post(
        reverse("dossiers:draft_form", args=[draft.pk]),
        {"birth_date": "1991-01-02", "sex": "Nữ", "residence__province": "68",
         "residence__commune": "22945", "residence__line": "Số 2", "purpose": "Xin việc"},
    )  # fmt: skip
    response = client.post(
        reverse("dossiers:draft_submit", args=[draft.pk]),
        {"idempotency_key": uuid.uuid4()},
        follow=True,
    )
    assert "Còn thiếu giấy tờ bắt buộc: Bản sao Thẻ Căn cước" in response.content.decode()


def test_a_password_account_gets_no_vneid_values(client, settings):
    from dichvucong.accounts.tests.factories import make_citizen

    settings.POPULATION_PROVIDER = ""
    procedure, _ = procedure_declaring_once()
    draft = _draft(client, make_citizen(full_name="Trần Thị Mai"), procedure)
    page = client.get(reverse("dossiers:draft_form", args=[draft.pk])).content.decode()
    assert 'value="Trần Thị Mai"' not in page and VNEID not in page
    assert not PopulationLookup.objects.exists()  # no provider: nothing asked, nothing logged


def test_the_http_provider_sends_the_national_request_and_prefills(client, http_population):
    http_population.answers_from_demo()
    procedure, _ = procedure_declaring_once()
    draft = _draft(client, signed_in_citizen(), procedure)
    page = client.get(reverse("dossiers:draft_form", args=[draft.pk])).content.decode()
    assert 'value="Số 12 đường Trần Hưng Đạo"' in page and POPULATION in page
    (body, headers), *_ = http_population.requests
    lookup = PopulationLookup.objects.get()
    assert body == {
        "HoVaTen": "TRAN THI MINH HOA",
        "SoDinhDanh": "068190000111",
        "Nam": 1990,
        "MaTichHop": INTEGRATION_CODE,
        "MaDVC": procedure.code,
        "MaCanBo": "068190000111",
        "MaYeuCau": str(lookup.request_id),
    }
    assert headers["Authorization"] == f"Bearer {TOKEN}"
    assert (lookup.provider, lookup.result) == ("http", LookupResult.FOUND)


@pytest.mark.parametrize(
    "status, payload, delay",
    [
        (503, "Service Unavailable", 0),
        (200, "<html>not json</html>", 0),
        (200, json.dumps({"MaLoi": "0", "CongDan": "Trần Thị Minh Họa"}), 0),
        (200, json.dumps({"MaLoi": "0", "CongDan": {"SoDinhDanh": "079199000123"}}), 0),
        (200, json.dumps({"MaLoi": "99", "MoTa": "Sai mã tích hợp"}), 0),
        (200, json.dumps({"MaLoi": "1"}), 2),  # slower than the 1 s timeout
    ],
    ids=["5xx", "not-json", "not-an-object", "another-person", "refused", "timeout"],
)
def test_a_failing_database_leaves_the_form_working_with_a_notice(
    client, http_population, status, payload, delay
):
    http_population.answer = lambda body: (status, payload)
    http_population.delay = delay
    procedure, _ = procedure_declaring_once()
    draft = _draft(client, signed_in_citizen(), procedure)
    response = client.get(reverse("dossiers:draft_form", args=[draft.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Chưa kết nối được với Cơ sở dữ liệu quốc gia về dân cư" in page
    assert POPULATION not in page and 'value="Số 12 đường Trần Hưng Đạo"' not in page
    assert 'value="Trần Thị Minh Họa"' in page  # VNeID's values still come
    lookup = PopulationLookup.objects.get()
    assert lookup.result == LookupResult.FAILED and lookup.detail
    draft.refresh_from_db()
    assert draft.population_record == {}


def test_an_enabled_http_provider_without_its_secret_refuses_to_start(settings):
    settings.POPULATION_PROVIDER = "http"
    settings.POPULATION_HTTP_URL = "https://dancu.example.invalid/api"
    settings.POPULATION_HTTP_TOKEN = ""
    settings.POPULATION_INTEGRATION_CODE = INTEGRATION_CODE
    with pytest.raises(SystemCheckError, match="POPULATION_HTTP_TOKEN is empty"):
        call_command("check")


def test_the_fictitious_population_is_refused_outside_the_demo(settings):
    settings.POPULATION_PROVIDER = "demo"
    settings.DEMO_MODE = False
    settings.OIDC_PROVIDERS = []
    with pytest.raises(SystemCheckError, match=r"dossiers\.population\.E003"):
        call_command("check")


def test_the_schema_check_knows_the_new_keys():
    row = {"name": "x", "label": "X", "type": "text"}
    assert validate_form_schema([row | {"prefill": "population.permanent_address"}])
    assert validate_form_schema([row | {"editable": False}])
    assert validate_form_schema([row | {"prefill": "identity.full_name", "editable": "no"}])
    assert not validate_form_schema([row | {"prefill": "identity.full_name", "editable": False}])


def test_the_lookup_log_is_in_the_admin(client, settings):
    from dichvucong.accounts.tests.factories import make_staff

    settings.POPULATION_PROVIDER = "demo"
    procedure, _ = procedure_declaring_once()
    draft = _draft(client, signed_in_citizen(), procedure)
    client.get(reverse("dossiers:draft_form", args=[draft.pk]))
    client.force_login(make_staff(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:dossiers_populationlookup_changelist")).content.decode()
    assert "068190000111" in page and "Có dữ liệu" in page
