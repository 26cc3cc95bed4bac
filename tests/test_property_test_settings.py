"""Every property test runs without a deadline and without the too_slow health check: on a
loaded machine (CI shares two cores with other work) generating inputs or running one example
can take seconds, and a test must fail on behaviour, not on load
(``test_random_corrections_apply_exactly`` once failed with ``FailedHealthCheck: too_slow``)."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck

HERE = Path(__file__).resolve().parent
MODULES = sorted(p.stem for p in HERE.glob("test_*.py")
                 if p.name != Path(__file__).name and "@given" in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", MODULES)
def test_property_tests_ignore_the_machines_load(name):
    try:
        module = importlib.import_module(name)
    except pytest.skip.Exception:
        pytest.skip(f"{name} is skipped here")
    tests = {k: getattr(v, "_hypothesis_internal_use_settings")
             for k, v in vars(module).items() if hasattr(v, "_hypothesis_internal_use_settings")}
    assert tests, f"{name} has no property test"
    for test, settings in tests.items():
        assert settings.deadline is None, f"{name}.{test} has a deadline"
        assert HealthCheck.too_slow in settings.suppress_health_check, f"{name}.{test}: too_slow"
