"""The cluster benchmark at a tiny size: a real ``dask scheduler`` and two ``dask worker`` processes.

All data here is SYNTHETIC (bench/synthetic.py): seeded random walks on real exchange calendars.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.cluster import main

pytestmark = [pytest.mark.bench, pytest.mark.slow]


def test_tiny_cluster_bench_runs_the_shards_on_one_worker_then_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--tiny", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.strip()]
    assert all(line.startswith("SYNTHETIC |") for line in lines)
    assert re.search(r"1 worker\(s\): flow [\d.]+ s wall for 600 claims .* in 2 shard tasks", out)
    assert re.search(r"2 worker\(s\): flow [\d.]+ s wall for 600 claims .* in 2 shard tasks", out)
    assert len(re.findall(r"worker \S+: \d shard\(s\), \d+ claims, busy [\d.]+ s, peak RSS \d+ MB", out)) >= 2
    assert re.search(r"speed-up from one worker to two: [\d.]+×", out)
    assert out.count("check-shard 2") == 2
    reports = list((tmp_path / "out").glob("*/verdicts/shard=*/part.parquet"))
    assert len(reports) == 4  # two runs of two shards
