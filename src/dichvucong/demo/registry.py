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
    "dichvucong.demo.steps.accounts",
    "dichvucong.demo.steps.staff",
]


def run_demo_steps() -> DemoReport:
    """Run every demo step in order and return what they report."""
    report = DemoReport()
    for dotted in DEMO_STEPS:
        import_module(dotted).load(report)
    return report
