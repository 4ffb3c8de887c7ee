"""Shared fixtures: the shipped snapshot and the seed claim file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Great Expectations and Prefect must not phone home from tests.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# Prefect's own temporary server gives up after 20 s of start-up; a CI machine under load (seen: load
# average 14 on 2 cores) needs longer. The tests check what the server does, not how fast it starts.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

# CI (.ci/run sets CI=1) draws the same hypothesis examples on every run, so a landing never fails on a
# case no one has seen; at a desk, hypothesis explores anew each time and remembers what failed (.hypothesis/).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "examples" / "deepseek-2025-01.yaml"


@pytest.fixture(scope="session")
def snapshot():  # type: ignore[no-untyped-def]
    """The real market-data snapshot shipped with the project."""
    from marketfact.market.snapshot import SnapshotSource

    return SnapshotSource()


@pytest.fixture(scope="session")
def seed_claims():  # type: ignore[no-untyped-def]
    """The five claims of the seed article."""
    from marketfact.claims.load import load_claims

    return load_claims(SEED)


_PREFECT_ENVIRON = ("PREFECT_API_URL", "PREFECT_UI_URL")


@pytest.fixture(autouse=True, scope="module")
def _prefect_server_environ_is_restored():  # type: ignore[no-untyped-def]
    """A test module that starts a Prefect server in this process must leave the environment as it found it:
    the commands later tests run as subprocesses inherit ``os.environ``, and a URL of a stopped server there
    makes every one of them fail with 'Failed to reach API'. Per module, not per test: a module may keep one
    server for its tests (the desk's runner does, until its fixture stops it)."""
    before = {name: os.environ.get(name) for name in _PREFECT_ENVIRON}
    yield
    after = {name: os.environ.get(name) for name in _PREFECT_ENVIRON}
    for name, value in before.items():  # restore first, so one leak does not fail the tests after it
        os.environ.pop(name, None)
        if value is not None:
            os.environ[name] = value
    assert after == before, f"the test left a Prefect server's address in os.environ: {after}"
