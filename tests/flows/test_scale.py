"""Scale-out and concurrency: Dask workers run the tasks; two runs at once keep the history whole."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED

pytestmark = pytest.mark.slow


def test_dask_local_cluster_of_two_workers(tmp_path: Path) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from marketfact.flows.verify import with_task_runner

    flow = with_task_runner("dask", workers=2)
    assert type(flow.task_runner).__name__ == "DaskTaskRunner"
    with prefect_test_harness(server_startup_timeout=None):  # None: the setting, 120 s in conftest
        result = flow(claims_path=str(SEED), out_dir=str(tmp_path), source="snapshot")
    labels = {v.claim_id: v.label.value for v in result["run"].verdicts}
    assert labels["nvda-monday-plunge"] == "CORRECT"
    assert labels["advantest-two-days"] == "CORRECT"
    assert Path(result["paths"]["html"]).is_file()


def test_unknown_task_runner_is_refused() -> None:
    from marketfact.flows.verify import with_task_runner

    with pytest.raises(ValueError, match="unknown task runner 'ray'"):
        with_task_runner("ray")


def test_two_runs_at_once_keep_the_history_whole(tmp_path: Path) -> None:
    """Two `marketfact check` processes, one report folder, one history database, one Prefect home."""
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "MARKETFACT_OUT_DIR": str(tmp_path / "out"),
        "MARKETFACT_CACHE_DIR": str(tmp_path / "cache"),
    }
    env.pop("PREFECT_API_URL", None)
    cmd = [sys.executable, "-m", "marketfact.cli", "check", str(SEED)]
    procs = [
        subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=600)[0] for p in procs]
    for p, out in zip(procs, outputs, strict=True):
        assert p.returncode == 0, out
        assert "Traceback" not in out
    with sqlite3.connect(tmp_path / "out" / "history.db") as db:
        assert db.execute("select count(*) from runs").fetchone() == (2,)
        assert db.execute("select count(*) from verdicts").fetchone() == (10,)
        assert db.execute("pragma integrity_check").fetchone() == ("ok",)
    assert len(list((tmp_path / "out").glob("*/report.html"))) == 2


class _Payload:
    """A plain object standing in for the plan or the market sources (no prices, nothing fabricated)."""

    def __init__(self) -> None:
        self.items = list(range(3))


def test_on_dask_only_held_arrives_whole_and_quote_and_opaque_arrive_as_tuples() -> None:
    """Why ``flows.tasks.Held`` exists, as a contract with Prefect (3.9.1, prefect-dask): on Dask worker
    processes a task gets ``quote(x)`` and ``opaque(x)`` as the one-field tuple they are, not ``x``, while
    ``Held(x)`` arrives as itself. If Prefect ever hands ``opaque(x)`` over as ``x``, this test fails: then
    replace ``Held`` by Prefect's ``opaque``."""
    from prefect import flow, task
    from prefect.testing.utilities import prefect_test_harness
    from prefect.utilities.annotations import opaque, quote
    from prefect_dask import DaskTaskRunner

    from marketfact.flows.tasks import Held

    @task
    def kind(value: object) -> str:
        inner = value.value if isinstance(value, Held) else value
        return type(inner).__name__

    runner = DaskTaskRunner(cluster_kwargs={"n_workers": 1, "threads_per_worker": 1, "processes": True})

    @flow(task_runner=runner)
    def hand_over() -> dict[str, str]:
        payload = _Payload()
        return {
            "held": kind.submit(Held(payload)).result(),
            "quote": kind.submit(quote(payload)).result(),
            "opaque": kind.submit(opaque(payload)).result(),
        }

    with prefect_test_harness(server_startup_timeout=None):
        got = hand_over()
    assert got == {"held": "_Payload", "quote": "tuple", "opaque": "tuple"}


def test_automatic_shards_follow_the_size_and_run_one_at_a_time(tmp_path: Path) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from marketfact.checks.shard import CLAIMS_PER_SHARD, auto_shards
    from marketfact.flows.shards import with_task_runner

    assert auto_shards(CLAIMS_PER_SHARD) == 0  # one run, as before
    assert auto_shards(CLAIMS_PER_SHARD + 1) == 2
    assert auto_shards(5 * CLAIMS_PER_SHARD) == 5
    flow = with_task_runner("threads", one_at_a_time=True)
    assert flow.task_runner._max_workers == 1  # Prefect keeps the limit it was made with here
    with prefect_test_harness(server_startup_timeout=None):
        result = flow(claims_path=str(SEED), shards=2, out_dir=str(tmp_path), source="snapshot")
    assert result["counts"]["total"] == 5
    assert sum(r.claims for r in result["shards"]) == 5
    assert Path(result["paths"]["html"]).is_file()
