"""Fixtures shared by the core tests."""

import pytest
import time_machine

# 05:42 on Wednesday 2 December in Vietnam, while the UTC date is still the 1st.
FIXED_MOMENT = "2026-12-01T22:42:00+00:00"


@pytest.fixture
def fixed_clock():
    """Every moment a test compares is counted from one fixed, ticking moment."""
    with time_machine.travel(FIXED_MOMENT, tick=True):
        yield
