"""How the person in this session proved who they are (the one home of the session key).

National sign-in (dichvucong.interop) records the provider and the level of assurance it
vouched for; a password login leaves nothing, which reads as ("password", None). The opening
service copies this onto each dossier the session submits.
"""

from dataclasses import dataclass

SESSION_KEY = "signed_in_identity"


@dataclass(frozen=True)
class SignedInIdentity:
    method: str
    level: int | None = None


PASSWORD = SignedInIdentity("password")


def remember_sign_in(session, *, method: str, level: int | None) -> None:
    """Record, after login(), that this session signed in through `method` at `level`."""
    session[SESSION_KEY] = {"method": method, "level": level}


def signed_in_identity(session) -> SignedInIdentity:
    """Return how this session's user signed in (a password login when nothing was recorded)."""
    value = session.get(SESSION_KEY) if session is not None else None
    if not isinstance(value, dict) or not value.get("method"):
        return PASSWORD
    level = value.get("level")
    return SignedInIdentity(str(value["method"]), level if isinstance(level, int) else None)
