"""Which papers a dossier asks of the citizen: the one home of the rule.

A paper is not asked as an upload when the dossier's e-form stands in for it
(`RequiredDocument.replaced_by_eform`, filed online or by post, the procedure has an e-form:
`filled_online`), and a required paper is not needed when the agency already holds its data:
a paper declared `fetched_from = population` (catalog) once the population database answered
for this dossier (`Dossier.population_record`, written by dossiers.population.lookup).
"""

from dichvucong.catalog.models import PaperSource, RequiredDocument
from dichvucong.dossiers.models import Attachment, AttachmentKind, Channel, Dossier
from dichvucong.dossiers.selectors import dossier_papers


def filled_online(dossier: Dossier, document: RequiredDocument) -> bool:
    """Return True when the dossier's e-form stands in for this paper (it is not uploaded).

    A paper marked "thay bằng tờ khai điện tử" in the catalog, in a dossier filed online
    (or by post) for a procedure that has an e-form. `asks_upload` is the upload step's side of it.
    """
    return (
        document.replaced_by_eform
        and dossier.channel != Channel.COUNTER
        and bool(dossier.procedure.form_schema)
    )


def asks_upload(dossier: Dossier, document: RequiredDocument) -> bool:
    """Return True when the online upload step asks the applicant for files of this paper."""
    return not filled_online(dossier, document)


def papers_filled_online(dossier: Dossier) -> list[RequiredDocument]:
    """Return the papers the dossier's e-form stands in for (shown, never asked as uploads)."""
    return [doc for doc in dossier_papers(dossier) if filled_online(dossier, doc)]


def documents_with_files(dossier: Dossier) -> list[tuple]:
    """Return (required document, its attachments) for each paper the upload step asks."""
    files: dict[int | None, list[Attachment]] = {}
    for attachment in dossier.attachments.filter(kind=AttachmentKind.APPLICATION):
        files.setdefault(attachment.required_document_id, []).append(attachment)
    return [
        (doc, files.get(doc.pk, []))
        for doc in dossier_papers(dossier)
        if asks_upload(dossier, doc) or doc.pk in files
    ]


def obtained_paper_ids(dossier: Dossier) -> set[int]:
    """Return the ids of the dossier's papers whose data was fetched from a national database."""
    if not dossier.population_record:
        return set()
    return set(
        dossier_papers(dossier)
        .filter(fetched_from=PaperSource.POPULATION)
        .values_list("pk", flat=True)
    )


def missing_papers(dossier: Dossier) -> list[RequiredDocument]:
    """Return the required papers the citizen has neither attached nor been spared."""
    attached = set(
        dossier.attachments.filter(kind=AttachmentKind.APPLICATION).values_list(
            "required_document_id", flat=True
        )
    )
    spared = obtained_paper_ids(dossier)
    return [
        document
        for document in dossier.procedure.required_documents.active()
        if document.is_required
        and document.pk not in attached
        and document.pk not in spared
        and asks_upload(dossier, document)
    ]
