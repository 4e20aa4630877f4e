"""Every file of the damaged-file corpus through every upload path, over HTTP.

A refused file gets a 4xx (or the page's error message) in Vietnamese and leaves nothing stored;
an accepted file is stored clean: its type sniffed from its bytes, metadata stripped, the archive
behind a polyglot image gone, a name without path or NUL. Never a 500.
"""

import io
import re

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from dichvucong.accounts.tests.factories import make_citizen
from dichvucong.dossiers.models import Attachment, Dossier
from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import procedure_with_documents
from dichvucong.dossiers.uploads.sniff import sniff
from dichvucong.processing.tests.factories import make_dossier, make_team
from dichvucong.tracking.tests.factories import make_event
from tests.faults.conftest import is_vietnamese, no_server_error, record, stored_files
from tests.faults.corpus import cases

pytestmark = [pytest.mark.django_db, pytest.mark.faults]
CASES = cases()
JSON = {"HTTP_ACCEPT": "application/json"}


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def _file(case):
    return SimpleUploadedFile(case.name, case.data, content_type="application/octet-stream")


def _draft_path():
    """A signed-in citizen's draft at the file step; send() posts to the upload endpoint."""
    citizen = make_citizen()
    procedure, doc, _ = procedure_with_documents()
    client = _client(citizen)
    client.post(
        reverse("dossiers:start", args=[procedure.code]),
        {"agency": procedure.agencies.first().pk},
    )
    draft = Dossier.objects.get(applicant=citizen, status=S.DRAFT)

    def send(case):
        response = client.post(
            reverse("dossiers:draft_upload", args=[draft.pk]),
            {"document": doc.pk, "file": _file(case)},
            **JSON,
        )
        message = response.json().get("error", "") if response.status_code < 500 else ""
        return response, message, response.status_code == 201

    return draft, send


def _supplement_path():
    """A citizen's dossier asked for a supplement; send() posts to the supplement page."""
    from dichvucong.tracking.tests.factories import make_dossier as make_tracked

    citizen = make_citizen()
    dossier = make_tracked(applicant=citizen, status=S.SUPPLEMENT_REQUESTED)
    make_event(dossier, from_status=S.PROCESSING, to_status=S.SUPPLEMENT_REQUESTED, note="Thiếu")
    client = _client(citizen)

    def send(case):
        response = client.post(
            reverse("tracking:supplement", kwargs={"ref": dossier.code}), {"other": _file(case)}
        )
        if response.status_code >= 500:
            return response, "", False
        errors = [str(m) for m in get_messages(response.wsgi_request) if "error" in m.tags]
        return response, " ".join(errors), response.status_code == 302 and not errors

    return dossier, send


def _result_path():
    """A specialist of the dossier's agency; send() posts to the result upload."""
    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    client = _client(team["specialist"])

    def send(case):
        response = client.post(
            reverse("processing:result_upload", args=[dossier.pk]), {"file": _file(case)}
        )
        text = response.content.decode() if response.status_code < 500 else ""
        return response, text, response.status_code == 302

    return dossier, send


PATHS = {"draft": _draft_path, "supplement": _supplement_path, "result": _result_path}


def _assert_clean(attachment: Attachment, case) -> None:
    with attachment.file.open("rb") as handle:
        data = handle.read()
    kind = sniff(data[:32])
    assert kind is not None and kind.content_type == attachment.content_type
    name = attachment.original_name
    assert name and len(name) <= 255
    assert not {"/", "\\", "\x00"} & set(name), name
    if attachment.width is not None:
        with Image.open(io.BytesIO(data)) as image:
            assert not image.getexif(), "metadata kept"
            assert "exif" not in image.info and "xmp" not in image.info
        assert b"PK\x03\x04" not in data and b"<script" not in data, "polyglot kept"


@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_file_is_refused_in_vietnamese_or_stored_clean(case, path, _media_in_tmp):
    dossier, send = PATHS[path]()
    before = set(Attachment.objects.filter(dossier=dossier).values_list("pk", flat=True))
    files_before = stored_files(_media_in_tmp)
    response, message, accepted = send(case)
    record(f"upload:{case.family}", response)
    no_server_error(response, f"{path} {case.id}")
    added = list(Attachment.objects.filter(dossier=dossier).exclude(pk__in=before))
    if accepted:
        assert case.expect != "refused", f"{case.id} was accepted on {path}"
        assert len(added) == 1, "accepted but not stored once"
        _assert_clean(added[0], case)
    else:
        assert case.expect != "accepted", f"{case.id} was refused on {path}: {message}"
        assert 400 <= response.status_code < 500 or response.status_code == 302
        assert is_vietnamese(message), f"no Vietnamese message: {message[:200]!r}"
        assert not added, "a refused file left an attachment"
        assert stored_files(_media_in_tmp) == files_before, "a refused file left bytes in storage"


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_file_added_to_the_store_is_refused_in_vietnamese_or_stored_clean(
    case, _media_in_tmp
):
    from dichvucong.dossiers.models import StoredPaper

    citizen = make_citizen()
    files_before = stored_files(_media_in_tmp)
    response = _client(citizen).post(
        reverse("dossiers:store_add"), {"name": "Giấy tờ", "file": _file(case)}
    )
    record(f"upload:{case.family}", response)
    no_server_error(response, f"store {case.id}")
    added = list(StoredPaper.objects.filter(owner=citizen))
    if response.status_code == 302:
        assert case.expect != "refused", f"{case.id} was accepted into the store"
        assert len(added) == 1, "accepted but not stored once"
        _assert_clean(added[0], case)
    else:
        errors = re.findall(
            r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode()
        )
        message = re.sub(r"<[^>]+>", " ", " ".join(errors)).strip()
        assert case.expect != "accepted", f"{case.id} was refused by the store: {message}"
        assert response.status_code == 400 and message and is_vietnamese(message), message
        assert not added, "a refused file left a stored paper"
        assert stored_files(_media_in_tmp) == files_before, "a refused file left bytes in storage"
