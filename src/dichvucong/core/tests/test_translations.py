"""Translation machinery: Babel-compiled catalogs, the committed .mo, English pages."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from dichvucong.core.i18n import mo_translations, po_files, read_catalog, translations

PACKAGE = Path(settings.PACKAGE_DIR)
EN_PO = PACKAGE / "locale/en/LC_MESSAGES/django.po"
TEMPLATES = [
    PACKAGE / "templates/base.html",
    PACKAGE / "templates/404.html",
    *sorted((PACKAGE / "catalog/templates/catalog").glob("*.html")),
]
_TRANSLATE = re.compile(r"""{%\s*translate\s+(["'])(.*?)\1""", re.S)
_BLOCK = re.compile(
    r"{%\s*blocktranslate[^%]*%}(.*?)(?:{%\s*plural\s*%}.*?)?"
    r"{%\s*endblocktranslate\s*%}",
    re.S,
)
_VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def template_msgids(path: Path) -> set[str]:
    source = path.read_text(encoding="utf-8")
    msgids = {match.group(2) for match in _TRANSLATE.finditer(source)}
    for match in _BLOCK.finditer(source):
        msgids.add(_VARIABLE.sub(r"%(\1)s", match.group(1)))
    return msgids


def english() -> dict:
    found = {}
    for msgid, msgstr in translations(read_catalog(EN_PO)).items():
        found[msgid[0] if isinstance(msgid, tuple) else msgid] = msgstr
    return found


def test_committed_mo_files_match_their_po_files():
    files = po_files(PACKAGE / "locale")
    assert EN_PO in files
    for po_path in files:
        assert mo_translations(po_path.with_suffix(".mo")) == translations(read_catalog(po_path))
    call_command("compile_catalogs", "--check")


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda path: path.name)
def test_every_string_of_the_public_pages_has_an_english_translation(template):
    msgids = template_msgids(template)
    assert msgids
    missing = sorted(msgids - set(english()))
    assert not missing


def test_compile_catalogs_builds_mo_files_without_gettext(settings, tmp_path):
    po_path = tmp_path / "en/LC_MESSAGES/django.po"
    po_path.parent.mkdir(parents=True)
    po_path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Trang chủ"\nmsgstr "Home"\n\n#, fuzzy\nmsgid "Chưa chắc"\nmsgstr "Unsure"\n',
        encoding="utf-8",
    )
    settings.LOCALE_PATHS = [tmp_path]
    with pytest.raises(CommandError):
        call_command("compile_catalogs", "--check")
    call_command("compile_catalogs", stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115
    assert mo_translations(po_path.with_suffix(".mo")) == {"Trang chủ": "Home"}
    call_command("compile_catalogs", "--check")


@pytest.mark.django_db
def test_the_language_switch_shows_the_home_page_in_english(client):
    vietnamese = client.get(reverse("catalog:home")).content.decode()
    assert 'lang="vi"' in vietnamese and "Cách chụp giấy tờ cho rõ" in vietnamese
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    page = client.get(reverse("catalog:home")).content.decode()
    assert 'lang="en"' in page
    for text in (
        "Public Service Portal",
        "How to photograph papers clearly",
        "Apply online",
        "Skip to main content",
        "Search administrative procedures",
    ):
        assert text in page
    assert "Cách chụp giấy tờ cho rõ" not in page


@pytest.mark.django_db
def test_the_404_page_is_translated(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get("/thu-tuc/9.999999/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
