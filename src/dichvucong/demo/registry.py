"""The ordered steps that load the demo province; each step is idempotent."""

from dataclasses import dataclass, field
from importlib import import_module


@dataclass
class DemoLogin:
    """A demo account to print for people trying the portal."""

    role: str
    username: str
    password: str


@dataclass
class DemoReport:
    """What the demo steps loaded, for the command to print."""

    lines: list[str] = field(default_factory=list)
    logins: list[DemoLogin] = field(default_factory=list)


# Each module exposes `load(report: DemoReport) -> None`. Order matters: data first, people next.
DEMO_STEPS = [
    "dichvucong.demo.steps.province",
    "dichvucong.demo.steps.catalog",
    "dichvucong.demo.steps.form_schemas",
]
# The demo people log in with passwords printed for everyone: created only with DEMO_MODE=1.
DEMO_ACCOUNT_STEPS = [
    "dichvucong.demo.steps.accounts",
    "dichvucong.demo.steps.staff",
]


def run_demo_steps() -> DemoReport:
    """Run every demo step in order (the accounts only in demo mode); return what they report."""
    from django.conf import settings

    report = DemoReport()
    steps = DEMO_STEPS + (DEMO_ACCOUNT_STEPS if settings.DEMO_MODE else [])
    for dotted in steps:
        import_module(dotted).load(report)
    if not settings.DEMO_MODE:
        report.lines.append("Tài khoản minh họa: không tạo (DEMO_MODE=0)")
    return report


def published_logins() -> list[tuple[str, str]]:
    """Return (username, password) of every demo account whose password is published."""
    return [
        login for dotted in DEMO_ACCOUNT_STEPS for login in import_module(dotted).PUBLISHED_LOGINS
    ]
