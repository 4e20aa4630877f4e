"""Fixtures every test gets: no state carried over from one test to the next.

`--on-date 2027-02-01T05:42:00+07:00` runs the whole suite as if the clock had been set to that
moment (it keeps ticking), so a person can check that no test depends on today's date.
"""

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--on-date",
        default="",
        metavar="ISO-MOMENT",
        help="run the whole suite with the clock moved to this moment (ISO 8601, with offset)",
    )


def pytest_configure(config):
    moment = config.getoption("--on-date")
    if moment:
        import time_machine

        traveller = time_machine.travel(moment, tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


@pytest.fixture(autouse=True)
def _fresh_process_state():
    """Start each test with an empty cache, no remembered province and the portal's language
    (a request in English leaves English active on the thread)."""
    from django.conf import settings
    from django.core.cache import cache
    from django.utils import translation

    from dichvucong.core.selectors import forget_current_province

    cache.clear()
    forget_current_province()
    translation.activate(settings.LANGUAGE_CODE)
    yield
    forget_current_province()
    translation.deactivate()
