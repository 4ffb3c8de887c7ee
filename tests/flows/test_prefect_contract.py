"""Every Prefect internal that flows/tempserver.py and flows/runtime.py rely on, checked against the installed
Prefect (3.9.1): an upgrade that moves one fails here, by name, instead of slowing or breaking the temporary
server silently. Covered elsewhere: each variable of ``ENV_DEFAULTS`` moves its setting, ``DO_NOT_TRACK``, the
heartbeat setting, uvicorn's exit code on a failed start (slow)."""

from __future__ import annotations

import inspect
import os
import sys
from pathlib import Path

import pytest
from prefect.context import refresh_global_settings_context  # imported here: it reads HOME at import

from marketfact.flows import runtime, tempserver
from marketfact.flows.runtime import configured_api_url


def _setting(path: str) -> object:
    from prefect.settings import Settings

    value: object = Settings()
    for part in path.split("."):
        value = getattr(value, part)
    reveal = getattr(value, "get_secret_value", None)  # a database URL is a secret
    return reveal() if reveal else value


def _api_url_everywhere(work: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """PREFECT_API_URL set in each settings source Prefect reads, each to its own address."""
    (work / ".env").write_text("PREFECT_API_URL=http://10.0.0.2:4200/api\n", encoding="utf-8")
    (work / "prefect.toml").write_text('[api]\nurl = "http://10.0.0.3:4200/api"\n', encoding="utf-8")
    (work / "pyproject.toml").write_text('[tool.prefect.api]\nurl = "http://10.0.0.4:4200/api"\n', encoding="utf-8")
    profiles = home / "profiles.toml"
    profiles.parent.mkdir(parents=True, exist_ok=True)
    profiles.write_text('active = "p"\n[profiles.p]\nPREFECT_API_URL = "http://10.0.0.5:4200/api"\n', encoding="utf-8")
    monkeypatch.setenv("PREFECT_HOME", str(home))
    monkeypatch.setenv("PREFECT_API_URL", "http://10.0.0.1:4200/api")


def test_settings_sources_are_read_in_prefects_order(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """runtime._user_settings copies Prefect's source order (environment, .env, prefect.toml, pyproject.toml,
    profile) to decide, without importing Prefect, whether the user configured a server: take the sources
    away from the top one by one and both must name the same address each time."""
    _api_url_everywhere(clean_env, clean_env.parent / "prefect-home", monkeypatch)
    seen = []
    for remove in (
        lambda: monkeypatch.delenv("PREFECT_API_URL"),
        *((lambda f=f: (clean_env / f).unlink()) for f in (".env", "prefect.toml", "pyproject.toml")),
    ):
        ours, prefects = configured_api_url(), _setting("api.url")
        assert ours == prefects, f"Prefect's settings-source order changed: Prefect reads {prefects}, we {ours}"
        seen.append(ours)
        remove()
    assert configured_api_url() == _setting("api.url") == "http://10.0.0.5:4200/api"  # the profile, last
    assert seen == [f"http://10.0.0.{i}:4200/api" for i in range(1, 5)]


def test_the_default_profiles_file_is_where_prefect_looks(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(clean_env / "h"))
    assert runtime._profiles_path(os.environ) == _setting("profiles_path")
    monkeypatch.setenv("PREFECT_PROFILES_PATH", str(clean_env / "p.toml"))
    assert runtime._profiles_path(os.environ) == _setting("profiles_path")


@pytest.mark.parametrize(
    ("names", "path", "value"),
    [
        (runtime._EPHEMERAL_NAMES, "server.ephemeral.enabled", "false"),
        (("PREFECT_UI_ENABLED",), "server.ui.enabled", "false"),
    ],
)
def test_the_variables_the_server_start_reads_or_sets_move_prefects_settings(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch, names: tuple[str, ...], path: str, value: str
) -> None:
    for name in names:
        unset = _setting(path)
        monkeypatch.setenv(name, value)
        moved = _setting(path)
        monkeypatch.delenv(name)
        assert str(moved).lower() == value, f"{name} no longer sets Prefect's {path}"
        assert moved != unset, f"{name} no longer sets Prefect's {path}"


def test_the_temporary_server_is_launched_as_prefect_launches_its_own() -> None:
    """_SERVE runs uvicorn on ``create_app`` as a factory with the variables Prefect's own temporary server
    (``SubprocessASGIServer``) sets; ``create_app`` reads two of them to act as that server."""
    from prefect.server.api import server

    launch = inspect.getsource(server.SubprocessASGIServer._run_uvicorn_command)
    assert "prefect.server.api.server:create_app" in launch
    assert "--factory" in launch
    assert "from prefect.server.api.server import create_app" in tempserver._SERVE
    assert "factory=True" in tempserver._SERVE
    launch_here = inspect.getsource(tempserver.TemporaryServer._launch)
    for name in ("PREFECT_UI_ENABLED", "PREFECT__SERVER_EPHEMERAL", "PREFECT__SERVER_FINAL"):
        assert f'"{name}"' in launch, name
        assert f"{name}=" in launch_here, name
    create = inspect.getsource(server.create_app)
    assert 'os.getenv("PREFECT__SERVER_EPHEMERAL")' in create
    assert 'os.getenv("PREFECT__SERVER_FINAL")' in create
    assert {"ephemeral", "final"} <= set(inspect.signature(server.create_app).parameters)


def test_uvicorn_exits_with_the_code_the_server_relaunches_on() -> None:
    from uvicorn.config import STARTUP_FAILURE

    assert tempserver.TemporaryServer._UVICORN_STARTUP_FAILURE == STARTUP_FAILURE


def test_refreshing_prefects_settings_context_reads_os_environ_again(
    clean_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prefect.settings import get_current_settings

    (clean_env / "home").mkdir()
    monkeypatch.setenv("PREFECT_HOME", str(clean_env / "home"))

    os.environ["PREFECT_API_URL"] = "http://10.0.0.9:4200/api"
    try:
        refresh_global_settings_context()
        assert get_current_settings().api.url == "http://10.0.0.9:4200/api"
    finally:
        del os.environ["PREFECT_API_URL"]
        refresh_global_settings_context()
    assert get_current_settings().api.url is None


@pytest.mark.parametrize(("module", "name", "timeout"), tempserver.PREFECT_WORKERS)
def test_the_workers_drained_before_the_server_stops_exist(module: str, name: str, timeout: float | None) -> None:
    """stop() drains these (errors suppressed there, so a rename would only cost time at exit: caught here).
    Their loggers are named after the class, and their wait is narrated by the line stop() filters out."""
    import importlib

    from prefect._internal.concurrency import services

    worker = getattr(importlib.import_module(module), name)
    assert isinstance(inspect.getattr_static(worker, "drain_all"), classmethod)
    assert "timeout" in inspect.signature(worker.drain_all).parameters
    assert issubclass(worker, services._QueueServiceBase)
    source = inspect.getsource(services._QueueServiceBase)
    assert 'logging.getLogger(f"{type(self).__name__}")' in source
    assert '"Still processing items' in inspect.getsource(services)
    assert sys.modules[module] is not None
    worker.drain_all(timeout=timeout)  # nothing to drain: returns at once
