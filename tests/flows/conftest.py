"""Fixtures of the flow tests: a process environment with no Prefect configuration anywhere."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from marketfact.flows.runtime import ENV_DEFAULTS

OWN_NAMES = {"PREFECT_HOME", "PREFECT_PROFILES_PATH"} | {n for d in ENV_DEFAULTS for n in d.names}


@pytest.fixture
def _refresh_prefect_afterwards() -> Iterator[None]:
    """Prefect's global settings follow os.environ again once monkeypatch has restored it."""
    yield
    if "prefect.context" in sys.modules:
        sys.modules["prefect.context"].refresh_global_settings_context()


@pytest.fixture
def clean_env(_refresh_prefect_afterwards: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """No Prefect configuration anywhere: empty cwd, home and cache; os.environ restored afterwards."""
    for name in list(os.environ):
        if name.startswith("PREFECT_") or name in OWN_NAMES:
            monkeypatch.delenv(name)
    for name in ("HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(name, str(tmp_path / name.lower()))
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    # configure_prefect writes os.environ directly: let monkeypatch put every promised name back.
    for name in OWN_NAMES | {"PREFECT_API_URL", "PREFECT_UI_URL"}:
        monkeypatch.setenv(name, "placeholder")
        monkeypatch.delenv(name)
    return work
