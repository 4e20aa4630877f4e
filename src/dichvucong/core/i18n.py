"""Translation catalogs compiled with Babel, so no gettext tools are needed on the server."""

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po


def po_files(locale_dir: Path) -> list[Path]:
    """Return every `<lang>/LC_MESSAGES/*.po` under a locale directory."""
    return sorted(locale_dir.glob("*/LC_MESSAGES/*.po"))


def read_catalog(po_path: Path) -> Catalog:
    """Parse a .po file, keeping its language from the directory name."""
    locale = po_path.parent.parent.name
    with po_path.open("rb") as handle:
        return read_po(handle, locale=locale)


def compile_po(po_path: Path) -> Path:
    """Write the .mo next to a .po file (fuzzy entries are left out, as msgfmt does)."""
    catalog = read_catalog(po_path)
    mo_path = po_path.with_suffix(".mo")
    with mo_path.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    return mo_path


def translations(catalog: Catalog) -> dict:
    """Return {msgid: msgstr} of the translated, non-fuzzy messages of a catalog."""
    result = {}
    for message in catalog:
        if not message.id or message.fuzzy or not any(_as_tuple(message.string)):
            continue
        result[_hashable(message.id)] = _hashable(message.string)
    return result


def mo_translations(mo_path: Path) -> dict:
    """Return {msgid: msgstr} stored in a compiled .mo file (header left out)."""
    with mo_path.open("rb") as handle:
        return translations(read_mo(handle))


def _hashable(value):
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _as_tuple(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)
