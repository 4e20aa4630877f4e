"""The data migrations give dossiers opened before the fee snapshot their snapshot and ledger."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("catalog", "0005_fee_channel_unit_quantity"),
    ("dossiers", "0002_fee_lines_and_settlements"),
    ("payments", "0001_payments_fees_exemptions"),
    ("processing", "0003_tracking_log_export"),
]
AFTER = [
    ("dossiers", "0003_backfill_fee_snapshot"),
    ("payments", "0002_backfill_fee_settlements"),
    ("processing", "0004_backfill_counter_fee_settlements"),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def rewound():
    """Run the test from just before the backfills, and leave every app migrated to its latest."""
    yield _migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_old_dossiers_get_their_snapshot_and_their_settlements(rewound):
    apps = rewound
    field = apps.get_model("catalog", "Field").objects.create(code="f", name="Hộ kinh doanh")
    agency = apps.get_model("catalog", "Agency").objects.create(
        code="000.00.01.H56", name="UBND xã", level="commune"
    )
    procedure = apps.get_model("catalog", "Procedure").objects.create(
        code="1.001612", name="Đăng ký thành lập hộ kinh doanh", field=field
    )
    Fee = apps.get_model("catalog", "Fee")
    Fee.objects.create(procedure=procedure, name="Trực tiếp", amount=50000, channel="counter")
    Fee.objects.create(procedure=procedure, name="Trực tuyến", amount=150000, channel="online")
    Dossier = apps.get_model("dossiers", "Dossier")
    common = {"procedure": procedure, "agency": agency, "applicant_name": "A", "status": 4}
    online = Dossier.objects.create(code="X-1", channel=2, **common)
    counter = Dossier.objects.create(code="X-2", channel=1, fee_total=200000, **common)
    draft = Dossier.objects.create(code=None, channel=2, **{**common, "status": 0})
    apps.get_model("payments", "Payment").objects.create(
        dossier=online, purpose="submission", order_ref="R1", amount=150000, status="paid"
    )
    apps.get_model("processing", "CounterPayment").objects.create(
        dossier=counter, amount=50000, method="cash", receipt_number="BL-1"
    )

    apps = _migrate(AFTER)
    Dossier = apps.get_model("dossiers", "Dossier")
    assert Dossier.objects.get(pk=online.pk).fee_total == 150000
    assert Dossier.objects.get(pk=counter.pk).fee_total == 50000
    assert Dossier.objects.get(pk=draft.pk).fee_lines == []
    ledger = apps.get_model("dossiers", "FeeSettlement").objects.order_by("kind")
    assert [(s.dossier_id, s.kind, s.amount) for s in ledger] == [
        (counter.pk, "counter", 50000),
        (online.pk, "online", 150000),
    ]
