import threading
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import close_old_connections, connection

from dichvucong.catalog.tests.factories import make_agency
from dichvucong.dossiers.codes import allocate_dossier_code

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.django_db
def test_codes_count_per_agency_and_restart_each_local_day():
    agency = make_agency(code="000.00.06.H56")
    other = make_agency(code="000.00.07.H56")
    morning = datetime(2026, 11, 25, 8, 0, tzinfo=HCM)
    assert allocate_dossier_code(agency=agency, moment=morning) == "000.00.06.H56-261125-0001"
    assert allocate_dossier_code(agency=agency, moment=morning) == "000.00.06.H56-261125-0002"
    assert allocate_dossier_code(agency=other, moment=morning) == "000.00.07.H56-261125-0001"
    # 23:30 UTC on the 25th is already the 26th in Việt Nam.
    late_utc = datetime(2026, 11, 25, 23, 30, tzinfo=ZoneInfo("UTC"))
    assert allocate_dossier_code(agency=agency, moment=late_utc) == "000.00.06.H56-261126-0001"


@pytest.mark.django_db(transaction=True)
def test_parallel_workers_never_get_the_same_code():
    agency = make_agency()
    moment = datetime(2026, 11, 25, 9, 0, tzinfo=HCM)
    codes: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(8)

    def worker():
        try:
            start.wait()
            for _ in range(10):
                codes.append(allocate_dossier_code(agency=agency, moment=moment))
        except BaseException as exc:
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(codes) == 80
    assert len(set(codes)) == 80
    assert max(codes).endswith("-0080")
