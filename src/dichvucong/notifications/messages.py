"""Message templates: the one placeholder dialect, the placeholders of each message, one filler.

Every SMS, e-mail and in-app text the portal sends from a template writes its placeholders as
`{ten_bien}`: a Vietnamese name in lower case between single braces, nothing else (no `%(x)s`,
no `{{ x }}`, no `{x:>5}` or `{x.y}`: a template is admin-edited text, never a format string).
The app that sends a message declares its placeholders here (`register_message`, imported in
its `AppConfig.ready()`); the admin refuses a template that uses any other, and the renderer
in `notifications.services` falls back to the default text instead of failing at send time.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
OLD_DIALECTS = re.compile(r"%\(\w+\)[sd]|\{\{[^{}]*\}\}")
SENTENCE_END = (".", "!", "?", "…")


@dataclass(frozen=True)
class MessageKind:
    """A message sent from the templates with this code, and the placeholders it fills."""

    code: str
    channels: tuple[str, ...]
    placeholders: dict[str, str]  # name -> what it stands for (Vietnamese)
    sms_parts: int = 1  # how many SMS parts its text may take before it is cut


_KINDS: dict[str, MessageKind] = {}


def register_message(*, codes, channels, placeholders: dict[str, str], sms_parts: int = 1) -> None:
    """Declare the templates `codes` (sent on `channels`), the placeholders they may use and
    how many SMS parts their text may take (one unless it must carry more than a notice)."""
    for code in codes:
        _KINDS[code] = MessageKind(code, tuple(channels), dict(placeholders), sms_parts)


def sms_parts(purpose: str) -> int:
    """Return how many SMS parts a message sent for `purpose` (its template code) may take."""
    kind = _KINDS.get(purpose)
    return kind.sms_parts if kind else 1


def message_kind(code: str) -> MessageKind | None:
    """Return the declared message of a template code, or None."""
    return _KINDS.get(code)


def message_kinds() -> list[MessageKind]:
    """Return every declared message, by code."""
    return [_KINDS[code] for code in sorted(_KINDS)]


def placeholder_help(kind: MessageKind) -> str:
    """Return the placeholders of a message as one line of help text."""
    return "; ".join(f"{{{name}}}: {meaning}" for name, meaning in kind.placeholders.items())


def template_problems(text: str, placeholders) -> list[str]:
    """Return what is wrong with a template's text (Vietnamese), empty when it can be used."""
    problems = []
    allowed = set(placeholders)
    for old in OLD_DIALECTS.findall(text):
        problems.append(
            _("“%(old)s” không dùng được: viết biến trong một cặp ngoặc nhọn, ví dụ {ma_ho_so}.")
            % {"old": old}
        )
    if problems:
        return problems
    for name in PLACEHOLDER.findall(text):
        if not NAME.match(name) or name not in allowed:
            problems.append(
                _("Biến “{%(name)s}” không có trong mẫu này. Các biến dùng được: %(allowed)s.")
                % {"name": name, "allowed": ", ".join(f"{{{a}}}" for a in placeholders) or "—"}
            )
    if "{" in PLACEHOLDER.sub("", text) or "}" in PLACEHOLDER.sub("", text):
        problems.append(_("Dấu ngoặc nhọn { } chỉ dùng để viết biến, ví dụ {ma_ho_so}."))
    return problems


def fill(text: str, context: dict) -> str:
    """Put the context's values in the placeholders (a missing value is left empty).

    A value that already ends a sentence swallows the template's own full stop after it, so a
    reason typed as "Thiếu bản sao." never gives "Thiếu bản sao..".
    """
    pieces, last = [], 0
    for match in PLACEHOLDER.finditer(text):
        value = str(context.get(match.group(1), "")).rstrip()
        pieces.append(text[last : match.start()])
        pieces.append(value)
        last = match.end()
        if value.endswith(SENTENCE_END) and text.startswith(".", last):
            last += 1
    pieces.append(text[last:])
    return "".join(pieces)
