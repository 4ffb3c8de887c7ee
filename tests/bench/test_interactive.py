"""The interactive benchmark at a tiny size: ``prefect server start``, the warm checker, two checks."""

from __future__ import annotations

import re

import pytest

from bench.interactive import main

pytestmark = [pytest.mark.bench, pytest.mark.slow]


def test_warm_checker_answers_triggers_with_a_report(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--checks", "2"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"prefect server start: ready in [\d.]+ s", out)
    assert re.search(r"warm checker \(python -m marketfact.flows.warm\): loaded in [\d.]+ s", out)
    assert len(re.findall(r"check \d: trigger → report [\d.]+ s \(.*report\.html\)", out)) == 2
    assert re.search(r"trigger → report: first [\d.]+ s, then median [\d.]+ s .* target ≤ 2 s: (met|MISSED)", out)
