"""Settings for the test suite: the production settings with test switches set first."""

import os

os.environ.setdefault("DVC_TESTING", "1")
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("DEMO_MODE", "1")
# Signing is off by default in tests (it costs time); the signing tests switch it on.
os.environ.setdefault("ESIGN_SIGNER", "")
# The DVCQG outbox is drained by the tests that are about it (interop/tests), not after every
# event of every test.
os.environ.setdefault("NATIONAL_SYNC_DRAIN_ON_COMMIT", "0")

from dichvucong.settings import *  # noqa: F403

# A file (not in-memory) SQLite test database, so tests with parallel worker threads see one
# database with real locking (the in-memory shared cache fails with "table is locked").
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATA_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / f"test-{os.getpid()}.sqlite3")}  # noqa: F405
