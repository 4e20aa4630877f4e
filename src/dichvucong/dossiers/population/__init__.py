"""The national population database (CSDL quốc gia về dân cư) behind a provider registry.

A provider answers one lookup shaped like NATIONAL.md §4 (request `HoVaTen`, `SoDinhDanh`,
`Nam`, `MaTichHop`, `MaDVC`, `MaCanBo`, `MaYeuCau`; answer `CongDan`). Every provider hands
back the raw `CongDan` object, which `answer.citizen_record` maps once into the portal's
names. `lookup.population_lookup` is the one caller: it logs every lookup (`PopulationLookup`).
"""

from dataclasses import dataclass

from django.conf import settings

from dichvucong.core.providers import load_provider
from dichvucong.core.text import fold


class PopulationLookupError(Exception):
    """The database could not answer (down, slow, refused, or an answer we cannot read)."""

    def __init__(self, reason: str, code: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.code = code


def query_name(full_name: str) -> str:
    """Return a name as the database is asked for it (HoVaTen): upper case, no tone marks."""
    return " ".join(fold(full_name).upper().split())


@dataclass(frozen=True)
class PopulationQuery:
    """One request, in the names of NATIONAL.md §4."""

    full_name: str  # sent as HoVaTen: upper case, tone marks removed
    id_number: str  # SoDinhDanh
    birth_year: int  # Nam
    service_code: str  # MaDVC: the procedure's national code
    requester_code: str  # MaCanBo: who asks (the account's id number or the officer's)
    request_id: str  # MaYeuCau: unique, the log row's reference


class PopulationProvider:
    """Base class: return the `CongDan` object of one person, None if not found."""

    id: str = ""
    required_settings: tuple[str, ...] = ()
    url_settings: tuple[str, ...] = ()

    def find(self, query: PopulationQuery) -> dict | None:
        raise NotImplementedError


POPULATION_PROVIDERS = {
    "demo": "dichvucong.dossiers.population.demo.DemoPopulationProvider",
    "http": "dichvucong.dossiers.population.http.HttpPopulationProvider",
}


def population_enabled() -> bool:
    """Return True when a population provider is configured (POPULATION_PROVIDER)."""
    return bool(settings.POPULATION_PROVIDER)


def get_population_provider(provider_id: str | None = None) -> PopulationProvider:
    """Return the configured (or the named) population provider."""
    provider_id = provider_id or settings.POPULATION_PROVIDER
    return load_provider(POPULATION_PROVIDERS, provider_id, kind="population")
