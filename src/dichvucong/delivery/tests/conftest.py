"""Share the payments tests' loopback-only settings."""

from dichvucong.payments.tests.conftest import _loopback_only  # noqa: F401
