"""How passwords are stored: Argon2id at a cost the installation chooses (ARGON2_* settings)."""

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher


class TunedArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id with the memory, passes and lanes of the settings (docs/SECURITY.md, "Passwords").

    Keeps Django's algorithm name, so every stored Argon2 hash still verifies; a hash made with
    other parameters is made again with these at the holder's next login (`must_update`).
    """

    @property
    def time_cost(self) -> int:
        return settings.ARGON2_TIME_COST

    @property
    def memory_cost(self) -> int:
        return settings.ARGON2_MEMORY_KIB

    @property
    def parallelism(self) -> int:
        return settings.ARGON2_PARALLELISM
