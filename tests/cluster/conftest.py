"""One cluster for the cross-node tests: nginx, two web nodes, two workers, Redis, PostgreSQL.

They run on PostgreSQL only (the suite's PostgreSQL pass; on SQLite they are skipped with the
reason). When CI or E2E_REQUIRED says they must run and this machine lacks nginx, redis-server
or the Redis client, they fail instead of skipping.
"""

import json
import os
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

from cluster import Cluster, missing_parts  # noqa: E402

# Drafts the seed prepares, by test: 200 for the code counter, 40 for the node killed mid-load.
CODES_DRAFTS, KILL_DRAFTS, RECEIPT_DRAFTS = 200, 40, 12


def _required() -> bool:
    return bool(os.environ.get("E2E_REQUIRED") or os.environ.get("CI"))


@pytest.fixture(scope="session")
def cluster():
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        pytest.skip("the cluster runs on PostgreSQL (set DATABASE_URL=postgres://…)")
    missing = missing_parts()
    if missing:
        message = "cannot start the cluster, missing: " + ", ".join(missing)
        if _required():
            pytest.fail(message)
        pytest.skip(message)
    with Cluster(database_url=url) as running:
        yield running


@pytest.fixture(scope="session")
def seeded(cluster):
    """The drafts and accounts every cross-node test draws from (each its own slice)."""
    total = CODES_DRAFTS + KILL_DRAFTS + RECEIPT_DRAFTS
    out = cluster.django(f"from cluster_data import seed\nseed(drafts={total}, password_users=3)")
    data = json.loads(out.strip().splitlines()[-1])
    drafts = data["drafts"]
    data["codes"] = drafts[:CODES_DRAFTS]
    data["kill"] = drafts[CODES_DRAFTS : CODES_DRAFTS + KILL_DRAFTS]
    data["receipts"] = drafts[CODES_DRAFTS + KILL_DRAFTS :]
    return data
