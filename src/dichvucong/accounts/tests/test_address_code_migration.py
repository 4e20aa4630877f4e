"""The data migration that stores every account's address codes zero-padded."""

from importlib import import_module

import pytest
from django.apps import apps

from dichvucong.accounts.tests.factories import make_citizen

pytestmark = pytest.mark.django_db
migration = import_module("dichvucong.accounts.migrations.0003_pad_address_codes")


def test_unpadded_codes_are_padded_and_the_profile_names_the_place():
    old = make_citizen(province_code="1", commune_code="70")
    new = make_citizen(province_code="01", commune_code="00070")
    none = make_citizen(province_code="", commune_code="")
    migration.pad_user_codes(apps, None)
    for user in (old, new):
        user.refresh_from_db()
        assert (user.province_code, user.commune_code) == ("01", "00070")
    none.refresh_from_db()
    assert (none.province_code, none.commune_code) == ("", "")
