"""Calls into the parts built beside this one, each behind the contract in ARCHITECTURE.md."""

from importlib import import_module

from django.urls import NoReverseMatch, reverse

from dichvucong.dossiers.models import Attachment, Dossier


class TransitionUnavailable(RuntimeError):
    """The processing part's status machine is not installed."""


def dossier_transition(**kwargs) -> Dossier:
    """Change the dossier's status through the one status machine of the processing part."""
    try:
        transition = import_module("dichvucong.processing.services").dossier_transition
    except (ImportError, AttributeError) as exc:
        raise TransitionUnavailable from exc
    return transition(**kwargs)


def _reverse_first(candidates: list[tuple[str, dict]]) -> str | None:
    for name, kwargs in candidates:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def drafts_url() -> str:
    """Return the submission part's drafts page."""
    return _reverse_first([("dossiers:drafts", {})]) or "/ho-so-dang-soan/"


def private_file_url(attachment: Attachment) -> str | None:
    """Return the submission part's permission-checked file URL, when it exists."""
    url = _reverse_first([("dossiers:file", {"pk": attachment.pk})])
    return f"{url}?tai-ve=1" if url else None


def receipt_url(dossier: Dossier) -> str | None:
    """Return the submission part's receipt download, when it exists."""
    if not dossier.code:
        return None
    return _reverse_first([("dossiers:receipt", {"pk": dossier.pk})])


def payment_url(dossier: Dossier) -> str | None:
    """Return the payments part's page for paying this dossier's fees, when it exists."""
    return _reverse_first([("payments:dossier_fees", {"dossier_id": dossier.pk})])
