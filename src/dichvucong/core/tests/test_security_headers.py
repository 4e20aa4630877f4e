"""Content-Security-Policy on every page, no inline code in templates, personal pages not cached."""

import re
from itertools import count
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db
PACKAGE = Path(settings.PACKAGE_DIR)
TEMPLATES = sorted(PACKAGE.rglob("templates/**/*.html"))
# A <script> with code in it (not src=, not a JSON data block) and without the nonce.
_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*\bnonce=)(?![^>]*json)[^>]*>", re.I)
_INLINE_STYLE = re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.I)
_ATTRIBUTES = re.compile(r"""\s(?:style|on[a-z]+)\s*=\s*["']""", re.I)


def _policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_template_has_inline_code_the_policy_would_refuse(template):
    source = template.read_text(encoding="utf-8")
    assert not _INLINE_SCRIPT.search(source)
    assert not _INLINE_STYLE.search(source)
    assert not _ATTRIBUTES.search(source), "use a class (static/css) or static/js instead"


def test_public_pages_carry_a_policy_without_inline_code(client):
    for url in ("/", reverse("accounts:login"), "/khong-co-trang-nay/"):
        response = client.get(url)
        policy = _policy(response)
        assert policy["default-src"] == "'self'"
        assert policy["script-src"] == "'self'"  # no 'unsafe-inline', no CDN
        assert "'unsafe-inline'" not in policy["style-src"]
        assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"


def test_citizen_and_officer_pages_are_private_and_not_stored(client):
    client.force_login(_user())
    for url in (reverse("accounts:profile"), reverse("tracking:my_dossiers")):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"
        assert "script-src 'self'" in response["Content-Security-Policy"]
    client.force_login(_user(is_staff=True))
    response = client.get(settings.OFFICER_HOME_URL, follow=True)
    assert response["Cache-Control"] == "private, no-store"


def test_anonymous_catalog_pages_stay_cacheable_and_a_public_view_keeps_its_own_header(client):
    assert "Cache-Control" not in client.get("/")
    client.force_login(_user())
    response = client.get("/api/dia-ban/xa/?tinh=68")
    assert "public" in response.get("Cache-Control", "public")


def test_the_500_page_style_carries_the_nonce_of_its_policy(rf):
    from dichvucong.core.middleware import SecurityHeadersMiddleware
    from dichvucong.core.views import server_error

    request = rf.get("/")
    response = SecurityHeadersMiddleware(server_error)(request)
    nonce = re.search(r'<style nonce="([^"]+)"', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in _policy(response)["style-src"]


def _user(**extra):
    """A signed-in visitor (core sits below accounts: no accounts factory here)."""
    n = next(_numbers)
    return get_user_model().objects.create_user(username=f"khach{n}", password="x", **extra)


_numbers = count(1)
