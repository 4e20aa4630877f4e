"""The procedure list's search and filters: unknown values are dropped, never errors.

Plain validation rather than a Django form: the agency list can hold hundreds of entries and
this runs on every search, so choices are checked against sets and options drawn in Python.
"""

from functools import lru_cache

from django.http import QueryDict
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from dichvucong.catalog.models import OnlineLevel

CHANNEL_CHOICES = [
    ("counter", _("Trực tiếp")),
    ("online", _("Trực tuyến")),
    ("post", _("Bưu chính công ích")),
]
FILTER_LABELS = {
    "field": _("Lĩnh vực"),
    "agency": _("Cơ quan thực hiện"),
    "level": _("Mức độ trực tuyến"),
    "channel": _("Cách nộp hồ sơ"),
}


class ProcedureFilters:
    """The validated query and filters of a procedure list request."""

    def __init__(
        self, params: QueryDict, *, fields: list[tuple[str, str]], agencies: list[tuple[str, str]]
    ) -> None:
        self.choices = {
            "field": fields,
            "agency": agencies,
            "level": list(OnlineLevel.choices),
            "channel": CHANNEL_CHOICES,
        }
        query = params.get("q", "").strip()
        self.values = {"query": "" if "\x00" in query else query}
        for name, choices in self.choices.items():
            value = params.get(name, "")
            self.values[name] = value if value in {code for code, _ in choices} else ""

    def filters(self) -> dict[str, str]:
        """Return the valid values only; an unknown value counts as no filter."""
        return dict(self.values)

    def select_filters(self) -> list[dict]:
        """Return the select boxes to draw: name, label and the rendered options."""
        return [
            {
                "name": name,
                "label": FILTER_LABELS[name],
                "options": _options_html([("", _("Tất cả")), *choices], self.values[name]),
            }
            for name, choices in self.choices.items()
        ]


def _options_html(choices, selected: str) -> str:
    return _options_html_cached(tuple((str(v), str(label)) for v, label in choices), selected)


@lru_cache(maxsize=512)
def _options_html_cached(choices: tuple, selected: str) -> str:
    # The same few option lists are drawn on every search page; build each once per process.
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, mark_safe(" selected") if value == selected else "", label)
            for value, label in choices
        ),
    )
