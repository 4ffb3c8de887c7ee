"""Fixtures for the data-quality tests: one Great Expectations context for the whole session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def quality_run():  # type: ignore[no-untyped-def]
    """One QualityRun (one ephemeral GX context, suites built once) shared by the tests."""
    from marketfact.checks.quality.runner import QualityRun

    return QualityRun()


@pytest.fixture(scope="session")
def instruments(snapshot):  # type: ignore[no-untyped-def]
    """The snapshot's instrument table."""
    return snapshot.instruments()
