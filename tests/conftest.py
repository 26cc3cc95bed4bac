"""Shared fixtures. Keep this file small: one fixture per shared, expensive resource."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

# Property tests check what a function does, not how fast the machine is: on a loaded machine
# (CI shares two cores with other work) input generation and single examples can take seconds.
# No deadline and no too_slow health check, for every property test; the number of examples,
# which is what the checks rest on, is unchanged.
settings.register_profile("edition", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("edition")
# For the same reason the tests that guard against quadratic time bound the CPU time of their own
# process (time.process_time), which other work on the machine does not stretch, not the wall time.


@pytest.fixture(scope="session")
def tei_schema():
    """The compiled tei_all RELAX NG schema, loaded once per test session (~7 s)."""
    from edition.publish.validate import relaxng_schema

    return relaxng_schema()
