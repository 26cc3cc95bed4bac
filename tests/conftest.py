"""Shared fixtures. Keep this file small: one fixture per shared, expensive resource."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def tei_schema():
    """The compiled tei_all RELAX NG schema, loaded once per test session (~7 s)."""
    from edition.validate import relaxng_schema

    return relaxng_schema()
