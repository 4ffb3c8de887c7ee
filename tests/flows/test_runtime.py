"""flows.runtime: Prefect's start-up defaults respect the user's settings; the early server really serves."""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

import pytest

from marketfact.flows import runtime
from marketfact.flows.runtime import ENV_DEFAULTS, configure_prefect, configured_api_url, prefect_env_defaults


def test_sets_every_promised_variable_when_nothing_is_configured(clean_env: Path, tmp_path: Path) -> None:
    home = tmp_path / "prefect-home"
    configure_prefect(home)
    assert os.environ["PREFECT_HOME"] == str(home)
    assert home.is_dir()
    for default in ENV_DEFAULTS:
        assert os.environ[default.names[0]] == default.value, default.names
    assert "PREFECT_PROFILES_PATH" not in os.environ  # the user has no profiles to keep


def test_relative_home_is_made_absolute(clean_env: Path) -> None:
    configure_prefect(Path(".prefect"))
    assert os.environ["PREFECT_HOME"] == str(clean_env / ".prefect")


def test_default_home_is_a_versioned_user_cache(clean_env: Path, tmp_path: Path) -> None:
    from importlib.metadata import version

    configure_prefect()
    expected = tmp_path / "xdg_cache_home" / "marketfact" / f"prefect-{version('prefect')}"
    assert os.environ["PREFECT_HOME"] == str(expected)


def test_user_environment_wins(clean_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "mine"))
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "true")
    monkeypatch.setenv("DO_NOT_TRACK", "0")
    # A legacy spelling counts as set too: the canonical one must not be added beside it.
    monkeypatch.setenv("PREFECT_API_BLOCKS_REGISTER_ON_START", "true")
    configure_prefect(tmp_path / "ours")
    assert os.environ["PREFECT_HOME"] == str(tmp_path / "mine")
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "true"
    assert os.environ["DO_NOT_TRACK"] == "0"
    assert "PREFECT_SERVER_REGISTER_BLOCKS_ON_START" not in os.environ
    assert os.environ["PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED"] == "false"  # still defaulted


@pytest.mark.parametrize(
    ("filename", "text"),
    [
        ("prefect.toml", '[server]\nanalytics_enabled = true\n[api]\nurl = "http://10.1.2.3:4200/api"\n'),
        (
            "pyproject.toml",
            '[tool.prefect.server]\nanalytics_enabled = true\n[tool.prefect.api]\nurl = "http://10.1.2.3:4200/api"\n',
        ),
        (
            ".env",
            "# a comment\nexport PREFECT_SERVER_ANALYTICS_ENABLED=true\nPREFECT_API_URL='http://10.1.2.3:4200/api'\n",
        ),
    ],
)
def test_settings_in_project_files_win(clean_env: Path, filename: str, text: str) -> None:
    (clean_env / filename).write_text(text, encoding="utf-8")
    defaults = prefect_env_defaults(Path("/unused"))
    assert "PREFECT_SERVER_ANALYTICS_ENABLED" not in defaults
    assert "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED" in defaults
    assert configured_api_url() == "http://10.1.2.3:4200/api"
    assert runtime.start_temporary_server() is None  # the configured server is used untouched


def test_user_profiles_are_kept_and_read(clean_env: Path, tmp_path: Path) -> None:
    profiles = tmp_path / "home" / ".prefect" / "profiles.toml"
    profiles.parent.mkdir(parents=True)
    profiles.write_text(
        'active = "work"\n[profiles.work]\nPREFECT_API_URL = "http://10.9.9.9:4200/api"\n'
        "PREFECT_SERVER_ANALYTICS_ENABLED = true\n[profiles.other]\nPREFECT_UI_URL = 'x'\n",
        encoding="utf-8",
    )
    configure_prefect(tmp_path / "ours")
    assert os.environ["PREFECT_PROFILES_PATH"] == str(profiles)  # moving PREFECT_HOME must not lose it
    assert "PREFECT_SERVER_ANALYTICS_ENABLED" not in os.environ
    assert configured_api_url() == "http://10.9.9.9:4200/api"
    assert configured_api_url({"PREFECT_PROFILE": "other"}) is None


def test_ephemeral_mode_switched_off_starts_no_server(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "false")
    assert runtime.start_temporary_server() is None


def test_every_name_is_understood_by_the_installed_prefect(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each variable (and each legacy spelling) really moves the Prefect setting it is meant for."""
    from prefect.settings import Settings

    accessors = {
        "PREFECT_SERVER_ANALYTICS_ENABLED": "server.analytics_enabled",
        "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "server.services.triggers.enabled",
        "PREFECT_SERVER_REGISTER_BLOCKS_ON_START": "server.register_blocks_on_start",
        "PREFECT_SERVER_MEMOIZE_BLOCK_AUTO_REGISTRATION": "server.memoize_block_auto_registration",
        "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "server.ephemeral.startup_timeout_seconds",
    }

    def read(path: str) -> object:
        value: object = Settings()
        for part in path.split("."):
            value = getattr(value, part)
        return value

    for default in ENV_DEFAULTS:
        if default.names[0] == "DO_NOT_TRACK":
            continue
        path = accessors[default.names[0]]
        for name in default.names:
            monkeypatch.delenv(name, raising=False)
        unset = read(path)
        for name in default.names:
            monkeypatch.setenv(name, default.value)
            moved = read(path)
            monkeypatch.delenv(name)
            assert str(moved).lower() == default.value, (name, moved)
            assert moved != unset, (name, unset)


def test_do_not_track_switches_prefect_client_telemetry_off(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect._internal.analytics.enabled import is_telemetry_enabled

    monkeypatch.setenv("DO_NOT_TRACK", "1")
    assert not is_telemetry_enabled()


def test_heartbeats_can_be_switched_off_for_one_context() -> None:
    from prefect.settings import get_current_settings, temporary_settings

    assert get_current_settings().flows.heartbeat_frequency is not None
    with temporary_settings(updates={"flows.heartbeat_frequency": None}):
        assert get_current_settings().flows.heartbeat_frequency is None


def test_prewarm_imports_in_the_background_and_leaves_errors_to_the_real_import(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mf_prewarm_ok.py").write_text("VALUE = 42\n", encoding="utf-8")
    (tmp_path / "mf_prewarm_broken.py").write_text("raise RuntimeError('broken on purpose')\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in ("mf_prewarm_ok", "mf_prewarm_broken"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    called: list[str] = []

    def failing_step() -> None:
        raise ValueError("skipped, not raised")

    thread = runtime.prewarm("mf_prewarm_broken", failing_step, "mf_prewarm_ok", lambda: called.append("warmed"))
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert sys.modules["mf_prewarm_ok"].VALUE == 42  # the failures before it did not stop it
    assert called == ["warmed"]
    assert "mf_prewarm_broken" not in sys.modules
    with pytest.raises(RuntimeError, match="broken on purpose"):
        __import__("mf_prewarm_broken")


def test_the_start_up_pause_is_ended_by_the_prewarm_thread_with_the_imports_frozen() -> None:
    import gc

    from marketfact import collector

    assert gc.isenabled()
    try:
        collector.pause_imports()
        assert not gc.isenabled()
        runtime.prewarm("json").join(timeout=10)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()


@pytest.mark.slow
def test_a_server_that_cannot_start_fails_fast_and_cleans_up(
    clean_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """uvicorn exits with 3 for any failed start: one relaunch (a port taken meanwhile), then a clear error."""
    monkeypatch.setenv("PREFECT_SERVER_DATABASE_CONNECTION_URL", f"sqlite+aiosqlite:///{tmp_path}/missing/dir/x.db")
    configure_prefect(tmp_path / "prefect-home")
    server = runtime.start_temporary_server()
    assert server is not None
    with pytest.raises(RuntimeError, match="exited with code 3"):
        server.wait_ready(timeout=100)
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.slow
def test_a_real_flow_runs_on_the_early_server(
    clean_env: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """Three tasks through the early-started server: recorded by it, quiet, and cleaned up after."""
    if "prefect" in sys.modules and not os.environ.get("MARKETFACT_FRESH_INTERPRETER"):
        # The point is a server launched before Prefect is imported: earlier tests of this session have
        # imported and configured Prefect already, so run this test again in an interpreter of its own.
        import subprocess

        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"{__file__}::{tiny_test_name()}"],
            env={**os.environ, "MARKETFACT_FRESH_INTERPRETER": "1"}, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
        return
    with runtime.prefect_runtime(tmp_path / "prefect-home") as server:
        assert server is not None
        from prefect import flow, get_client, task

        runtime.prewarm("json", "decimal").join()
        server.wait_ready()
        from prefect.settings import get_current_settings

        assert get_current_settings().api.url == server.api_url
        assert get_current_settings().flows.heartbeat_frequency is None

        @task
        def add_one(x: int) -> int:
            return x + 1

        @task
        def double(x: int) -> int:
            return x * 2

        @flow
        def tiny() -> int:
            return double(add_one(1)) + double(add_one(2))

        state = tiny(return_state=True)
        assert state.result() == 10
        run_id = state.state_details.flow_run_id
        assert run_id is not None
        with get_client(sync_client=True) as client:
            flow_run = client.read_flow_run(run_id)
        assert flow_run.state is not None
        assert flow_run.state.is_completed()
        process = server.process
        assert process is not None
    assert process.returncode is not None  # the server process is gone
    assert "PREFECT_API_URL" not in os.environ
    assert "PREFECT_UI_URL" not in os.environ
    # Stopped only once it had recorded everything: a new server on the same database sees every task run done.
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    with runtime.prefect_runtime(tmp_path / "prefect-home") as again:
        assert again is not None
        again.wait_ready()
        with get_client(sync_client=True) as client:
            task_runs = client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run_id])))
    assert len(task_runs) == 4
    assert all(tr.state is not None and tr.state.is_completed() for tr in task_runs)
    err = capfd.readouterr().err
    assert "Finished in state Completed()" in err
    for noise in ("ERROR", "Traceback", "View at", "WARNING"):
        assert noise not in err, err


def tiny_test_name() -> str:
    return "test_a_real_flow_runs_on_the_early_server"


@pytest.mark.slow
@pytest.mark.bench
def test_startup_bench_runs_and_its_configured_runs_are_quiet() -> None:
    """The bench script does not rot: one configured cold and warm run, table printed, no error lines."""
    import subprocess

    script = Path(__file__).resolve().parents[2] / "bench" / "prefect_startup.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--only", "configured"], capture_output=True, text=True, check=True
    )
    rows = [line.split() for line in proc.stdout.splitlines() if line.startswith("configured ")]
    assert [row[1] for row in rows] == ["cold", "warm"]
    assert all(row[-1] == "0" for row in rows), proc.stdout  # the err column
    assert all(float(row[2]) > 0 for row in rows)


@pytest.mark.slow
def test_a_server_stopped_before_it_was_waited_for_stops_at_once(clean_env: Path, tmp_path: Path) -> None:
    """A run that ends before its flow (a bad input) neither flushes nor waits for an idle server: it just stops."""
    import time

    configure_prefect(tmp_path / "prefect-home")
    server = runtime.start_temporary_server()
    assert server is not None
    process = server.process
    assert process is not None
    began = time.perf_counter()
    server.stop()
    assert time.perf_counter() - began < 5  # no settling on a server still booting (that waits up to 2 s)
    assert process.returncode is not None
    assert "PREFECT_API_URL" not in os.environ


@pytest.mark.slow
def test_stop_without_waiting_leaves_the_server_to_end_by_itself(clean_env: Path, tmp_path: Path) -> None:
    """``wait=False`` (the CLI, which exits next): told to stop, not waited for; it ends soon after on its own."""
    configure_prefect(tmp_path / "prefect-home")
    server = runtime.start_temporary_server()
    assert server is not None
    server.wait_ready()
    process = server.process
    assert process is not None
    server.stop(wait=False)
    assert server.process is None
    assert "PREFECT_API_URL" not in os.environ
    # uvicorn's graceful shutdown, finished without us; it then re-raises the SIGTERM it handled
    assert process.wait(timeout=30) in (0, -signal.SIGTERM)


@pytest.mark.slow
def test_startup_bench_times_the_cli_phase_by_phase() -> None:
    """``--cli`` runs `marketfact check` of the seed file cold and warm and prints every phase, quietly."""
    import subprocess

    script = Path(__file__).resolve().parents[2] / "bench" / "prefect_startup.py"
    proc = subprocess.run(
        [sys.executable, str(script), "--cli", "--repeats", "1"], capture_output=True, text=True, check=True
    )
    rows = {line.split()[0]: [float(x) for x in line.split()[1:]] for line in proc.stdout.splitlines()[3:]}
    for phase in ("wall", "launch", "imports", "prewarm", "ready", "flow", "stop", "exit", "validate-data"):
        assert phase in rows, proc.stdout
    assert rows["err"] == [0.0, 0.0, 0.0], proc.stdout
    assert min(rows["wall"]) > 0
    assert rows["srv@ready"][1] > 0  # the server's CPU was read while it ran


@pytest.mark.slow
def test_a_server_whose_launcher_died_stops_by_itself(clean_env: Path, tmp_path: Path) -> None:
    """The launching process killed (no stop, no atexit): its temporary server notices and ends within seconds."""
    import subprocess
    import time

    launcher = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from flows import runtime\n"
        f"runtime.configure_prefect(Path({str(tmp_path / 'prefect-home')!r}))\n"
        "server = runtime.start_temporary_server()\n"
        "server.wait_ready()\n"
        "print(server.process.pid, flush=True)\n"
        "os._exit(0)\n"
    )
    repo = Path(__file__).resolve().parents[2]
    proc = subprocess.run([sys.executable, "-c", launcher], cwd=repo, capture_output=True, text=True, timeout=300)
    pid = int(proc.stdout.split()[0])
    deadline = time.monotonic() + 20
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not Path(f"/proc/{pid}").exists(), "the orphaned server is still running"
