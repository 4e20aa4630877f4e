"""One placeholder dialect: refused in the admin when wrong, never a failure at send time."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from dichvucong.notifications.messages import fill, message_kinds, template_problems
from dichvucong.notifications.models import MessageChannel, MessageTemplate
from dichvucong.notifications.services import render_template

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    admin = get_user_model().objects.create_superuser("quantri", password="Quan-tri-2026!")
    client.force_login(admin)
    return client


def _post(admin_client, template, body, **extra):
    url = reverse("admin:notifications_messagetemplate_change", args=[template.pk])
    data = {
        "code": template.code,
        "channel": template.channel,
        "body": body,
        "subject": "",
        "description": template.description,
    } | extra
    return admin_client.post(url, data)


@pytest.mark.parametrize(
    "body, says",
    [
        ("Ma OTP {ma_otp}", "Biến “{ma_otp}” không có trong mẫu này"),
        ("Ma OTP %(ma)s", "“%(ma)s” không dùng được"),
        ("Ma OTP {{ ma }}", "“{{ ma }}” không dùng được"),
        ("Ma OTP {ma.__class__}", "không có trong mẫu này"),
        ("Ma OTP {ma", "Dấu ngoặc nhọn"),
    ],
)
def test_the_admin_refuses_a_placeholder_the_message_does_not_have(admin_client, body, says):
    template = MessageTemplate.objects.get(code="otp-registration", channel="sms")
    response = _post(admin_client, template, body)
    assert response.status_code == 200
    assert says in response.content.decode()
    template.refresh_from_db()
    assert "{ma}" in template.body


def test_the_admin_refuses_a_channel_the_message_is_not_sent_on(admin_client):
    template = MessageTemplate.objects.get(code="otp-registration", channel="sms")
    response = _post(admin_client, template, "Ma {ma}", channel="email")
    assert "không được gửi qua kênh" in response.content.decode()


def test_the_admin_page_lists_the_placeholders_of_the_template(admin_client):
    template = MessageTemplate.objects.get(code="dossier_status_9", channel="in_app")
    url = reverse("admin:notifications_messagetemplate_change", args=[template.pk])
    page = admin_client.get(url).content.decode()
    assert "{ma_ho_so}" in page and "{duong_dan}" in page and "{ma}:" not in page


def test_a_stored_template_with_an_unknown_placeholder_sends_the_default(caplog):
    MessageTemplate.objects.create(
        code="dossier_received", channel=MessageChannel.SMS, body="Hồ sơ {code} đã nhận."
    )
    text = render_template(
        "dossier_received", {"ma_ho_so": "H56-0007"}, default="Đã nhận hồ sơ {ma_ho_so}."
    )
    assert text == "Đã nhận hồ sơ H56-0007."
    assert "dossier_received" in caplog.text


def test_a_value_that_ends_a_sentence_does_not_double_the_full_stop():
    text = fill("Cần bổ sung: {ly_do}. Vui lòng nộp.", {"ly_do": "Thiếu bản sao CCCD."})
    assert text == "Cần bổ sung: Thiếu bản sao CCCD. Vui lòng nộp."
    assert fill("Hẹn trả: {han_tra}.", {"han_tra": "05/12/2026"}) == "Hẹn trả: 05/12/2026."


def test_every_seeded_template_uses_its_declared_placeholders():
    kinds = {kind.code: kind for kind in message_kinds()}
    for template in MessageTemplate.objects.all():
        kind = kinds[template.code]
        assert template.channel in kind.channels
        assert template_problems(template.body, kind.placeholders) == [], template.code


def test_the_migration_moves_old_spellings_to_the_one_dialect():
    migration = importlib.import_module(
        "dichvucong.notifications.migrations.0003_one_placeholder_dialect"
    )
    old = "Ho so {code} (%(procedure)s), hen {{ due }}. Ma {ma}"
    assert migration._one_dialect(old) == "Ho so {ma_ho_so} ({ten_thu_tuc}), hen {han_tra}. Ma {ma}"


def test_the_architecture_doc_lists_the_placeholders_of_every_message():
    import re
    from pathlib import Path

    doc = (Path(__file__).parents[4] / "docs" / "ARCHITECTURE.md").read_text()
    section = doc.split("## Message templates and their placeholders")[1].split("\n## ")[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    for kind in message_kinds():
        code = re.sub(r"_\d+$", "_1", kind.code) if "status_" in kind.code else kind.code
        (row,) = [row for row in rows if f"`{code}`" in row]
        assert set(re.findall(r"\{(\w+)\}", row.split("|")[-2])) == set(kind.placeholders)
        assert set(row.split("|")[2].replace(",", " ").split()) == set(kind.channels)
