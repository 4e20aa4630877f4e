"""docs/ARCHITECTURE.md names code that exists: every dotted name in its tables imports, and
every call written with its parameters has those parameters (keyword-only after `*`)."""

import importlib
import inspect
import re
from pathlib import Path

import pytest

DOC = Path(__file__).parents[4] / "docs" / "ARCHITECTURE.md"
APPS = (
    "core", "catalog", "accounts", "notifications", "dossiers", "processing", "tracking",
    "payments", "delivery", "api", "demo",
)  # fmt: skip
CODE = re.compile(r"`([^`]+)`")
DOTTED = re.compile(rf"^((?:{'|'.join(APPS)})(?:\.\w+)+)(\(([^)]*)\))?")


def _table_rows() -> list[str]:
    return [line for line in DOC.read_text().splitlines() if line.startswith("| ")]


def _named() -> list[tuple[str, str | None]]:
    found = {}
    for row in _table_rows():
        for span in CODE.findall(row):
            match = DOTTED.match(span.strip())
            if match:
                found.setdefault((match.group(1), match.group(3)), None)
    return list(found)


CHECK_ID = re.compile(r"^(\w+)\.[EW]\d{3}$")
PATH = re.compile(r"^(\w+(?:/\w+)*)\.py$")
BARE_CALL = re.compile(r"^(\w+)\(([^)]*)\)")


def _source_of_app(app: str) -> str:
    root = DOC.parents[1] / "src" / "dichvucong" / app
    return "".join(path.read_text() for path in root.rglob("*.py") if "tests" not in path.parts)


def _resolve(dotted: str):
    from django.apps import apps

    if CHECK_ID.match(dotted):  # a system check's id: some check of that app reports it
        app = CHECK_ID.match(dotted).group(1)
        assert f'"{dotted}"' in _source_of_app(app), f"no system check {dotted}"
        return None
    app, _, rest = dotted.partition(".")
    if "." not in rest and rest[:1].isupper():  # a model, as app_label.Model
        return apps.get_model(app, rest)
    if "." not in rest:  # a permission, as app_label.codename
        codenames = {
            codename
            for model in apps.get_app_config(app).get_models()
            for codename, _label in model._meta.permissions
        }
        if rest in codenames:
            return None
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            target = importlib.import_module("dichvucong." + ".".join(parts[:cut]))
        except ModuleNotFoundError:
            continue
        for attribute in parts[cut:]:
            target = getattr(target, attribute)
        return target
    raise ImportError(dotted)


def _documented_parameters(text: str) -> list[tuple[str, bool]]:
    """Return (name, keyword_only) for each identifier parameter written in the doc."""
    parameters, keyword_only = [], False
    for piece in text.split(","):
        piece = piece.strip()
        if piece == "*":
            keyword_only = True
            continue
        name = re.split(r"[=:]", piece)[0].strip()
        if name.isidentifier():
            parameters.append((name, keyword_only))
    return parameters


def _bare_calls() -> list[tuple[str, str, str]]:
    """Return (module, name, arguments) for calls written next to a module's path."""
    found = {}
    for row in _table_rows():
        spans = [span.strip() for span in CODE.findall(row)]
        modules = [
            "dichvucong." + PATH.match(span).group(1).replace("/", ".")
            for span in spans
            if PATH.match(span) and span.split("/")[0] in APPS
        ]
        for span in spans:
            call = BARE_CALL.match(span)
            if call and modules:
                found.setdefault((tuple(modules), call.group(1), call.group(2)), None)
    return list(found)


def _check_parameters(target, dotted: str, arguments: str | None) -> None:
    if arguments is None or not callable(target) or "…" in arguments or "..." in arguments:
        return
    signature = inspect.signature(target)
    for name, keyword_only in _documented_parameters(arguments):
        assert name in signature.parameters, f"{dotted} has no parameter {name}"
        kind = signature.parameters[name].kind
        if keyword_only:
            assert kind is inspect.Parameter.KEYWORD_ONLY, f"{dotted}: {name} is not keyword-only"


@pytest.mark.parametrize("modules, name, arguments", _bare_calls())
def test_every_call_named_beside_a_module_path_is_in_that_module(modules, name, arguments):
    owners = [module for module in map(importlib.import_module, modules) if hasattr(module, name)]
    assert owners, f"{name} is in none of {modules}"
    _check_parameters(getattr(owners[0], name), name, arguments)


@pytest.mark.parametrize("dotted, arguments", _named(), ids=lambda value: value or "")
def test_every_name_in_the_architecture_tables_exists_with_its_parameters(dotted, arguments):
    _check_parameters(_resolve(dotted), dotted, arguments)


def test_the_layers_drawn_in_the_doc_are_the_import_linter_contract():
    import tomllib

    config = tomllib.loads((DOC.parents[1] / "pyproject.toml").read_text())
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    configured = [
        sorted(name.strip().removeprefix("dichvucong.") for name in layer.split("|"))
        for layer in contract["layers"]
    ]
    drawing = DOC.read_text().split("```")[1].strip().splitlines()
    drawn = [sorted(line.split("  ")[0].replace(" ", "").split("|")) for line in drawing]
    assert drawn == configured
