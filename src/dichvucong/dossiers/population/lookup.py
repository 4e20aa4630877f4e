"""The one caller of the population database: look a dossier's applicant up, log it, keep it.

Every lookup writes one `PopulationLookup` row (who, when, which dossier, why, provider,
result), found or not, failed or not. A failure never stops the citizen: the form is shown
with nothing prefilled from the database and a notice to declare the data themselves.
"""

import logging
import uuid

from django.db import transaction

from dichvucong.catalog.form_schema import prefill_origin
from dichvucong.catalog.models import PaperSource
from dichvucong.dossiers.models import Dossier, LookupResult, PopulationLookup
from dichvucong.dossiers.population import (
    PopulationLookupError,
    PopulationQuery,
    get_population_provider,
    population_enabled,
    query_name,
)
from dichvucong.dossiers.population.answer import citizen_record

logger = logging.getLogger(__name__)

PREFILL_PURPOSE = "Điền sẵn tờ khai, miễn nộp giấy tờ đã có dữ liệu (thủ tục {code})"


def needs_population(procedure) -> bool:
    """Return True when the procedure's form or papers take data from the population database."""
    schema = procedure.form_schema if isinstance(procedure.form_schema, list) else []
    if any(
        isinstance(row, dict) and prefill_origin(row.get("prefill")) == "population"
        for row in schema
    ):
        return True
    return (
        procedure.required_documents.active().filter(fetched_from=PaperSource.POPULATION).exists()
    )


def population_lookup(*, dossier: Dossier, user, purpose: str = "") -> str | None:
    """Look the applicant up for this dossier; return the LookupResult (None: not asked).

    Not asked when no provider is configured or the account lacks the number, name or
    date of birth the database is asked by."""
    if not population_enabled():
        return None
    id_number = getattr(user, "id_number", "") or ""
    full_name = getattr(user, "full_name", "") or ""
    born = getattr(user, "date_of_birth", None)
    if not (id_number and full_name and born):
        return None
    provider = get_population_provider()
    request_id = uuid.uuid4()
    query = PopulationQuery(
        full_name=query_name(full_name),
        id_number=id_number,
        birth_year=born.year,
        service_code=dossier.procedure.code,
        requester_code=getattr(user, "username", "") or "",
        request_id=str(request_id),
    )
    record, detail = None, ""
    try:
        answer = provider.find(query)
        if answer is not None:
            record = citizen_record(answer, id_number=id_number)
        result = LookupResult.FOUND if record is not None else LookupResult.NOT_FOUND
    except PopulationLookupError as exc:
        logger.warning("Population lookup %s failed: %s", request_id, exc.reason)
        result, detail = LookupResult.FAILED, exc.reason
    with transaction.atomic():
        PopulationLookup.objects.create(
            requested_by=user,
            dossier=dossier,
            subject_id_number=id_number,
            purpose=purpose or PREFILL_PURPOSE.format(code=dossier.procedure.code),
            provider=provider.id,
            request_id=request_id,
            result=result,
            detail=detail[:255],
        )
        if record is not None:
            dossier.population_record = record
            Dossier.objects.filter(pk=dossier.pk).update(population_record=record)
    return result
