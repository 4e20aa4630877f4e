"""The officer's day: each role's own queue and the "Trình phê duyệt" step inside status 4."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from dichvucong.dossiers.models import DossierStatus as S
from dichvucong.dossiers.tests.helpers import small_pdf
from dichvucong.processing.allowed import allowed_actions
from dichvucong.processing.machine import RoleNotAllowed, TransitionError
from dichvucong.processing.services import add_result_file, approval_step, dossier_transition
from dichvucong.processing.slips import control
from dichvucong.processing.tests.factories import make_dossier, make_team

pytestmark = pytest.mark.django_db


def _processed(team):
    dossier = make_dossier(agency=team["agency"])
    dossier = dossier_transition(dossier=dossier, to=S.RECEIVED, actor=team["counter"])
    dossier = dossier_transition(
        dossier=dossier,
        to=S.PROCESSING,
        actor=team["counter"],
        data={"assignee_id": team["specialist"].pk},
    )
    add_result_file(
        dossier=dossier,
        actor=team["specialist"],
        upload=SimpleUploadedFile("ket-qua.pdf", small_pdf()),
    )
    return dossier


def test_the_leader_approves_only_after_the_specialist_submitted_and_may_send_it_back():
    team = make_team()
    dossier = _processed(team)
    with pytest.raises(TransitionError, match="trình phê duyệt"):
        dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    with pytest.raises(RoleNotAllowed):
        approval_step(dossier=dossier, action="submit_for_approval", actor=team["counter"])
    dossier = approval_step(
        dossier=dossier, action="submit_for_approval", actor=team["specialist"], note="Đã thẩm định"
    )
    assert dossier.status == S.PROCESSING and dossier.awaiting_approval
    assert "approve" in allowed_actions(team["leader"], dossier)
    assert "submit_for_approval" not in allowed_actions(team["specialist"], dossier)
    with pytest.raises(TransitionError, match="lý do"):
        approval_step(dossier=dossier, action="return_for_rework", actor=team["leader"])
    dossier = approval_step(
        dossier=dossier, action="return_for_rework", actor=team["leader"], note="Sai ngày sinh"
    )
    assert dossier.status == S.PROCESSING and not dossier.awaiting_approval
    assert "approve" not in allowed_actions(team["leader"], dossier)
    approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])
    dossier = dossier_transition(dossier=dossier, to=S.DONE, actor=team["leader"])
    assert dossier.status == S.DONE and not dossier.awaiting_approval
    steps = [e.action for e in dossier.events.order_by("created_at", "id")]
    assert steps[-4:] == [
        "submit_for_approval",
        "return_for_rework",
        "submit_for_approval",
        "approve",
    ]


def test_a_submission_without_a_result_file_is_refused():
    team = make_team()
    dossier = make_dossier(agency=team["agency"], status=S.PROCESSING)
    with pytest.raises(TransitionError, match="văn bản kết quả"):
        approval_step(dossier=dossier, action="submit_for_approval", actor=team["specialist"])


def test_each_role_lands_on_its_own_queue(client):
    team = make_team()
    new = make_dossier(agency=team["agency"])
    mine = _processed(team)
    waiting = _processed(team)
    approval_step(dossier=waiting, action="submit_for_approval", actor=team["specialist"])
    expected = {
        "counter": ("moi", [new.code]),
        "specialist": ("duoc-giao", [mine.code]),
        "leader": ("cho-phe-duyet", [waiting.code]),
    }
    for role, (slug, codes) in expected.items():
        client.force_login(team[role])
        response = client.get(reverse("processing:inbox"))
        assert response.context["tab"].slug == slug, role
        assert [row.code for row in response.context["rows"]] == codes, role
        counts = {tab.slug: count for tab, count in response.context["tabs"]}
        assert counts[slug] == 1


def test_the_steps_are_buttons_on_the_page_and_lines_of_the_history_and_slip_06(client):
    team = make_team()
    dossier = _processed(team)
    url = reverse("processing:dossier", args=[dossier.pk])
    client.force_login(team["specialist"])
    page = client.get(url).content.decode()
    assert 'data-action="submit_for_approval"' in page
    step_url = reverse("processing:approval_step", args=[dossier.pk, "submit_for_approval"])
    assert client.post(step_url, {"note": ""}).status_code == 302
    assert client.post(step_url, {"note": ""}).status_code == 409  # already submitted
    client.force_login(team["leader"])
    page = client.get(url).content.decode()
    assert 'data-action="approve"' in page and 'data-action="return_for_rework"' in page
    assert "Trình phê duyệt" in page  # the history line
    back = reverse("processing:approval_step", args=[dossier.pk, "return_for_rework"])
    assert client.post(back, {"note": ""}).status_code == 400
    assert client.post(back, {"note": "Thiếu chữ ký"}).status_code == 302
    assert (
        client.post(reverse("processing:approval_step", args=[dossier.pk, "xoa"])).status_code
        == 404
    )
    dossier.refresh_from_db()
    text = PdfReader(BytesIO(control.build(dossier))).pages[0].extract_text()
    assert "Trình phê duyệt" in text and "Trả lại để xử lý lại" in text
