"""National reference lists kept as data in `core/vn/data/`: ethnic groups and nationalities.

- `ETHNIC_GROUPS`: the 54 ethnic groups with the General Statistics Office's two-digit codes
  (Kinh "01" … Ơ Đu "54", "Danh mục các dân tộc Việt Nam", Decision 1019/QĐ-TCTK of
  12 Nov 2008, which renumbered the list of Decision 121-TCTK/PPCĐ of 1979), with other names.
- `NATIONALITIES`: ISO 3166-1 alpha-2 codes with their Vietnamese names, "Việt Nam" first.

What the portal stores is the code; people read the name. `find(text)` turns what a person
typed or picked (a code, the name, another name, with or without tone marks) into the code.
"""

import csv
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from dichvucong.core.text import fold

DATA_DIR = Path(__file__).resolve().parent / "data"
_SEPARATORS = str.maketrans("", "", " -'’‘`.")


def _key(text: str) -> str:
    """Spelling-insensitive key: NFC, lower case, no spaces, hyphens or apostrophes."""
    return unicodedata.normalize("NFC", str(text)).lower().translate(_SEPARATORS)


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    other_names: tuple[str, ...] = ()


class ReferenceList:
    """One list read from a CSV file (columns `code`, `name`, optional `other_names` split by ;)."""

    def __init__(self, filename: str) -> None:
        self.path = DATA_DIR / filename

    @cached_property
    def entries(self) -> tuple[Entry, ...]:
        with self.path.open(encoding="utf-8", newline="") as handle:
            return tuple(
                Entry(
                    code=row["code"].strip(),
                    name=row["name"].strip(),
                    other_names=tuple(
                        n.strip() for n in (row.get("other_names") or "").split(";") if n.strip()
                    ),
                )
                for row in csv.DictReader(handle)
            )

    @cached_property
    def _by_code(self) -> dict[str, Entry]:
        return {e.code: e for e in self.entries}

    @cached_property
    def _tiers(self) -> list[dict[str, set[str]]]:
        """Lookup tables, most certain first: names, other names, then both without tone marks."""
        tiers: list[dict[str, set[str]]] = [{}, {}, {}, {}]
        for entry in self.entries:
            tiers[0].setdefault(_key(entry.name), set()).add(entry.code)
            tiers[2].setdefault(fold(_key(entry.name)), set()).add(entry.code)
            for text in entry.other_names:
                tiers[1].setdefault(_key(text), set()).add(entry.code)
                tiers[3].setdefault(fold(_key(text)), set()).add(entry.code)
        return tiers

    def choices(self) -> list[tuple[str, str]]:
        """Return (code, name) of every entry in the list's order."""
        return [(e.code, e.name) for e in self.entries]

    def name(self, code) -> str:
        """Return the name of a code, or '' when it is not in the list."""
        entry = self._by_code.get(str(code if code is not None else "").strip().upper())
        return entry.name if entry else ""

    def find(self, text) -> str:
        """Return the code a person meant by `text` (code, name or other name), or ''."""
        text = str(text if text is not None else "").strip()
        if not text:
            return ""
        if text.upper() in self._by_code:
            return text.upper()
        key = _key(text)
        for number, tier in enumerate(self._tiers):
            codes = tier.get(fold(key) if number >= 2 else key, set())
            if len(codes) == 1:
                return next(iter(codes))
        return ""

    def display(self, value) -> str:
        """Return a stored value as people read it: the name of a code, else the value as kept
        (answers written before the field used this list, e.g. "Kinh", stay readable)."""
        if value in (None, ""):
            return ""
        return self.name(value) or str(value)


ETHNIC_GROUPS = ReferenceList("ethnic_groups.csv")
NATIONALITIES = ReferenceList("nationalities.csv")
