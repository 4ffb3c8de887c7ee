"""Scheduled re-checks: the schedule file, `marketfact serve` on a real Prefect server, and bad input."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from marketfact.flows.schedules import ScheduleConfigError, load_schedule, prefect_yaml
from tests.conftest import ROOT, SEED


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "schedules.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_shipped_schedule_runs_after_each_close() -> None:
    schedule = load_schedule(ROOT / "schedules.yaml")
    crons = {d.after_close: d.cron_and_zone() for d in schedule.deployments}
    assert crons == {
        "XTKS": ("0 16 * * 1-5", "Asia/Tokyo"),  # Tokyo closes 15:30 since 5 Nov 2024
        "XETR": ("0 18 * * 1-5", "Europe/Berlin"),
        "XNYS": ("30 16 * * 1-5", "America/New_York"),
    }


def test_prefect_yaml_defines_the_same_deployments() -> None:
    """The committed prefect.yaml is what `marketfact deployments` makes from schedules.yaml."""
    committed = yaml.safe_load((ROOT / "prefect.yaml").read_text(encoding="utf-8"))
    assert committed == prefect_yaml(load_schedule(ROOT / "schedules.yaml"))


@pytest.mark.parametrize(
    ("deployment", "message"),
    [
        ({"name": "x", "claims": "c.yaml", "after_close": "XXXX"}, "after_close: unknown exchange 'XXXX'"),
        ({"name": "x", "claims": "c.yaml", "cron": "61 * * * *", "timezone": "UTC"}, "deployments.0.cron"),
        ({"name": "x", "claims": "c.yaml", "cron": "0 18 * * 1-5"}, "needs a timezone"),
        ({"name": "x", "claims": "c.yaml", "cron": "0 18 * * *", "timezone": "Mars/Base"}, "unknown time zone"),
        ({"name": "x", "claims": "c.yaml"}, "give exactly one of after_close"),
        ({"name": "Bad Name", "claims": "c.yaml", "after_close": "XETR"}, "deployments.0.name"),
        ({"name": "x", "claims": "c.yaml", "after_close": "XETR", "colour": 1}, "deployments.0.colour"),
    ],
)
def test_bad_schedules_name_the_key(tmp_path: Path, deployment: dict, message: str) -> None:
    with pytest.raises(ScheduleConfigError, match=message):
        load_schedule(write(tmp_path, {"deployments": [deployment]}))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_without_a_server_says_how_to_start_one(tmp_path: Path) -> None:
    env = {**os.environ, "PREFECT_API_URL": f"http://127.0.0.1:{free_port()}/api", "PREFECT_HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-m", "marketfact.cli", "serve", "-c", str(ROOT / "schedules.yaml")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "no Prefect server answers" in proc.stderr
    assert "prefect server start" in proc.stderr


DEPLOYMENT = "deepseek-after-xnys-close"


@pytest.mark.slow
def test_served_deployment_runs_on_a_real_server(tmp_path: Path) -> None:
    """prefect server on loopback → marketfact serve → prefect deployment run → history and report."""
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PREFECT_API_URL": api,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_UI_ENABLED": "false",
    }
    # The committed schedules.yaml, unchanged, beside the claim file it names (as in a clone); the server
    # and the served process run from another working directory: relative paths follow the file.
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    (project / "examples").mkdir(parents=True)
    elsewhere.mkdir()
    shutil.copy(ROOT / "schedules.yaml", project / "schedules.yaml")
    shutil.copy(SEED, project / "examples" / SEED.name)
    config = project / "schedules.yaml"
    out, history = project / "out", project / "out" / "history.db"
    logs = (tmp_path / "server.log").open("w"), (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env=env, stdout=logs[0], stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    served = None
    try:
        wait_for(lambda: httpx.get(f"{api}/health", timeout=2).status_code == 200, 180, "prefect server")
        served = subprocess.Popen(
            [sys.executable, "-m", "marketfact.cli", "serve", "-c", str(config)],
            cwd=elsewhere, env=env, stdout=logs[1], stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

        def deployed() -> bool:
            r = httpx.get(f"{api}/deployments/name/verify-claims/{DEPLOYMENT}", timeout=5)
            return r.status_code == 200

        wait_for(deployed, 180, "the served deployment")
        run = subprocess.run(
            [sys.executable, "-m", "prefect", "deployment", "run", f"verify-claims/{DEPLOYMENT}", "--watch",
             "--watch-timeout", "300"],
            env=env, capture_output=True, text=True, timeout=360, cwd=elsewhere,
        )  # fmt: skip
        assert run.returncode == 0, run.stdout + run.stderr + (tmp_path / "serve.log").read_text()
        assert "Completed" in run.stdout
        with sqlite3.connect(history) as db:
            assert db.execute("select count(*) from runs").fetchone() == (1,)
            labels = dict(db.execute("select claim_id, label from verdicts"))
        assert labels["nvda-monday-plunge"] == "CORRECT"
        assert len(labels) == 5
        reports = list(out.glob("*/report.html"))
        assert len(reports) == 1
        assert not any(elsewhere.iterdir()), "nothing is written relative to the worker's working directory"
    finally:
        for proc in (served, server):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
        for log in logs:
            log.close()


def wait_for(check, seconds: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise AssertionError(f"{what} did not come up within {seconds} s")


def test_relative_paths_in_the_schedule_file_follow_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`marketfact serve -c some/where/schedules.yaml` means the same from any working directory."""
    folder = tmp_path / "desk"
    folder.mkdir()
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    config = write(
        folder,
        {
            "defaults": {"out_dir": "out", "history_url": "sqlite:///out/history.db"},
            "deployments": [{"name": "a", "claims": "claims/a.yaml", "cron": "0 0 * * *", "timezone": "UTC"}],
        },
    )
    schedule = load_schedule(Path(os.path.relpath(config)))
    params = schedule.parameters(schedule.deployments[0])
    assert params["claims_path"] == str(folder / "claims" / "a.yaml")
    assert params["out_dir"] == str(folder / "out")
    assert params["history_url"] == f"sqlite:///{folder / 'out' / 'history.db'}"
    # prefect.yaml keeps them as written: there they are relative to the worker's MARKETFACT_HOME.
    assert prefect_yaml(schedule)["deployments"][0]["parameters"]["out_dir"] == "out"
