"""Factories for accounts in tests (factory_boy), and the plain `make_*` names built on them.

Staff roles are granted through `accounts.services.grant_staff_role`, as the admin grants them.
"""

import factory

from dichvucong.accounts.models import AccountType, User, VerificationLevel, VerificationStatus
from dichvucong.accounts.services import grant_staff_role

PASSWORD = "Mat-khau-thu-nghiem-2026"


class UserFactory(factory.django.DjangoModelFactory):
    """A user saved with `create_user` (hashed password `PASSWORD` unless told)."""

    class Meta:
        model = User

    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return model_class.objects.create_user(*args, **kwargs)


class CitizenFactory(UserFactory):
    username = factory.Sequence(lambda n: f"0010900{n:05d}")
    id_number = factory.SelfAttribute("username")
    phone = factory.Sequence(lambda n: f"+8491{n:07d}")
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn Thử {n}")
    account_type = AccountType.CITIZEN
    verification_level = VerificationLevel.MEDIUM
    verification_status = VerificationStatus.VERIFIED


class StaffFactory(UserFactory):
    """A back-office user; `OfficerFactory` gives one roles in an agency."""

    username = factory.Sequence(lambda n: f"canbo{n}")
    full_name = factory.Sequence(lambda n: f"Cán bộ {n}")
    is_staff = False


class OfficerFactory(StaffFactory):
    """A staff user holding `roles` (staff role names) in `agency`, granted by the service."""

    class Meta:
        skip_postgeneration_save = True

    agency = None  # popped before the user is saved; the roles are granted in it

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        agency = self._factory_agency
        for role in extracted or ():
            grant_staff_role(user=self, agency=agency, role=role)

    @classmethod
    def _create(cls, model_class, *args, agency=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        user._factory_agency = agency
        return user


def make_citizen(**overrides) -> User:
    return CitizenFactory(**overrides)


def make_staff(**overrides) -> User:
    return StaffFactory(**overrides)


def make_officer(agency, *roles: str, **overrides) -> User:
    """Create a user holding the given roles in one agency."""
    return OfficerFactory(agency=agency, roles=roles, **overrides)
