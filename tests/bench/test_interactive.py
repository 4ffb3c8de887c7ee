"""The interactive benchmark at a tiny size: ``prefect server start``, the warm checker, two checks.

Run as a command, as a developer runs it: the bench points Prefect's clients in its process at a server it
stops at the end, and the event and log workers Prefect keeps per process would carry that into the tests
after it (seen: their events sent to the stopped server, a 'Failed to reach API' in every later subprocess).
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.bench, pytest.mark.slow]


def test_warm_checker_answers_triggers_with_a_report() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "bench.interactive", "--checks", "2"],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert re.search(r"prefect server start: ready in [\d.]+ s", out)
    assert re.search(r"warm checker \(python -m marketfact.flows.warm\): loaded in [\d.]+ s", out)
    assert len(re.findall(r"check \d: trigger → report [\d.]+ s \(sent in [\d.]+ s\)", out)) == 2
    assert len(re.findall(r"in the warm checker: load [\d.]+ s, check [\d.]+ s, reports [\d.]+ s", out)) == 2
    assert re.search(r"trigger → report: first [\d.]+ s, then median [\d.]+ s .* target ≤ 2 s: (met|MISSED)", out)


def test_paired_mode_measures_a_trick_on_and_off() -> None:
    """``--pairs 1``: the warm check without Prefect, once with the trick and once without, medians printed."""
    proc = subprocess.run(
        [sys.executable, "-m", "bench.interactive", "--pairs", "1", "--trick", "gc-freeze"],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "paired, 1 pairs, trick: flows.warm.warm_up freezes" in proc.stdout
    for phase in ("check", "all  "):
        pattern = rf"{phase}: on median [\d.]+ s, off median [\d.]+ s, paired ratio on/off median [\d.]+"
        assert re.search(pattern, proc.stdout)
