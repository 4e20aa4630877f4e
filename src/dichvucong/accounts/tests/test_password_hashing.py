"""Passwords are stored with Argon2id at the configured cost; older hashes are upgraded."""

import pytest
from django.contrib.auth.hashers import Argon2PasswordHasher
from django.urls import reverse

from dichvucong.accounts.tests.factories import PASSWORD, make_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_hashers(settings):
    settings.PASSWORD_HASHERS = [
        "dichvucong.accounts.hashers.TunedArgon2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    return settings


def test_a_new_password_is_stored_with_argon2id_at_the_configured_cost(production_hashers):
    user = make_citizen()
    algorithm, variety, _version, params, *_ = user.password.split("$")
    assert (algorithm, variety) == ("argon2", "argon2id")
    assert params == "m=19456,t=2,p=1"
    assert user.check_password(PASSWORD)
    assert not user.check_password(PASSWORD + "x")


def test_a_hash_made_at_another_cost_still_logs_in_and_is_made_again(client, production_hashers):
    user = make_citizen()
    user.password = Argon2PasswordHasher().encode(PASSWORD, Argon2PasswordHasher().salt())
    user.save(update_fields=["password"])
    assert "m=102400,t=2,p=8" in user.password

    answer = client.post(
        reverse("accounts:login"), {"identifier": user.id_number, "password": PASSWORD}
    )

    assert answer.status_code == 302
    user.refresh_from_db()
    assert "m=19456,t=2,p=1" in user.password


def test_the_cost_follows_the_settings(production_hashers):
    production_hashers.ARGON2_MEMORY_KIB = 47_104
    production_hashers.ARGON2_TIME_COST = 1
    assert "$m=47104,t=1,p=1$" in make_citizen().password
