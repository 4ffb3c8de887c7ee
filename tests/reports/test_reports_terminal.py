"""The terminal's verdict lines: a reason beside every verdict, colours only when asked, JSON lines for scripts.

The verdicts are the coverage claim set's, judged in-process on the shipped snapshot (every label occurs);
the distances the reasons state are recomputed here from each verdict's measured value and interval.
"""

from __future__ import annotations

import importlib.util
import json
import math
import re
from pathlib import Path

import pytest

from marketfact.checks.runreport import RunReport
from marketfact.checks.verdicts import Label
from marketfact.claims.load import load_claims
from marketfact.claims.model import LEVELS, Metric
from marketfact.reports.terminal import json_line, reason, verdict_line

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _make_golden():  # type: ignore[no-untyped-def]
    path = Path(__file__).resolve().parents[1] / "data" / "make_golden.py"
    spec = importlib.util.spec_from_file_location("make_golden_terminal", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def coverage_run() -> RunReport:
    golden = _make_golden()
    return golden.run_claims(load_claims(golden.COVERAGE), validate=False)  # type: ignore[no-any-return]


def test_every_label_occurs_and_every_verdict_has_a_one_line_reason(coverage_run: RunReport) -> None:
    claims = coverage_run.claims_by_id()
    assert {v.label for v in coverage_run.verdicts} == set(Label)
    for verdict in coverage_run.verdicts:
        text = reason(verdict, claims[verdict.claim_id])
        assert text, verdict.claim_id
        assert "\n" not in text


def test_unverifiable_says_why(coverage_run: RunReport) -> None:
    unverifiable = [v for v in coverage_run.verdicts if v.label is Label.UNVERIFIABLE]
    assert unverifiable
    for verdict in unverifiable:
        assert verdict.reason
        assert reason(verdict) == " ".join(verdict.reason.split())
        line = verdict_line(verdict)
        assert "measured —" in line
        assert line.endswith(" ".join(verdict.reason.split()))


def test_misleading_names_the_basis_the_number_fits(coverage_run: RunReport) -> None:
    misleading = [v for v in coverage_run.verdicts if v.label is Label.MISLEADING]
    assert misleading
    for verdict in misleading:
        fits = [a for a in verdict.alternatives if a.admits]
        assert fits, verdict.claim_id
        assert fits[0].basis in reason(verdict), verdict.claim_id


@pytest.mark.parametrize("label", [Label.INCORRECT, Label.MOSTLY_CORRECT])
def test_a_miss_says_by_how_much(coverage_run: RunReport, label: Label) -> None:
    claims = coverage_run.claims_by_id()
    verdicts = [v for v in coverage_run.verdicts if v.label is label]
    assert verdicts
    for verdict in verdicts:
        text = reason(verdict, claims[verdict.claim_id])
        claim = claims[verdict.claim_id]
        assert verdict.measured is not None
        assert verdict.interval is not None
        is_move = claim.metric not in LEVELS and (claim.metric is not Metric.RECORD or verdict.unit == "%")
        if is_move and claim.direction is not None and (verdict.measured > 0) != (claim.direction.sign > 0):
            assert text.startswith("wrong direction"), text
            continue
        magnitude, (lo, hi) = abs(verdict.measured), verdict.interval
        distance = lo - magnitude if magnitude < lo else magnitude - hi
        assert distance > 0
        assert not math.isinf(distance)
        unit = "pp" if verdict.unit == "%" else verdict.unit
        assert f"by {distance:,.2f} {unit}" in text, text
        assert ("below" if magnitude < lo else "above") in text


def test_correct_names_the_interval(coverage_run: RunReport) -> None:
    for verdict in (v for v in coverage_run.verdicts if v.label is Label.CORRECT):
        assert reason(verdict).startswith("inside the claimed ")


def test_colour_only_when_asked(coverage_run: RunReport) -> None:
    for verdict in coverage_run.verdicts:
        plain, coloured = verdict_line(verdict), verdict_line(verdict, colour=True)
        assert not ANSI.search(plain)
        assert ANSI.search(coloured)
        assert ANSI.sub("", coloured) == plain


def test_json_lines_carry_the_verdict_and_its_reason(coverage_run: RunReport) -> None:
    claims = coverage_run.claims_by_id()
    for verdict in coverage_run.verdicts:
        line = json_line(verdict, claims[verdict.claim_id])
        assert "\n" not in line
        record = json.loads(line)
        assert record["id"] == verdict.claim_id
        assert record["verdict"] == verdict.label.value
        assert record["outcome"] == verdict.outcome
        assert record["reason"] == reason(verdict, claims[verdict.claim_id])
        assert record["measured"] == verdict.measured
        assert record["reading"] is None  # a claim file's claims were not read from an article
        assert record["interval"][1] is None or not math.isinf(record["interval"][1])
