"""Which papers a dossier still needs from the citizen: the one home of the rule.

A required paper is needed unless the agency already holds its data: a paper declared
`fetched_from = population` (catalog) is not needed once the population database answered
for this dossier (`Dossier.population_record`, written by dossiers.population.lookup).
"""

from dichvucong.catalog.models import PaperSource, RequiredDocument
from dichvucong.dossiers.models import AttachmentKind, Dossier
from dichvucong.dossiers.selectors import dossier_papers


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
        if document.is_required and document.pk not in attached and document.pk not in spared
    ]
