"""Large runs: verdicts kept columnar (VerdictTable), Parquet output, and runs checked in shards.

All data here is SYNTHETIC (bench/synthetic.py): seeded random walks on real exchange calendars.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from bench.synthetic import generate_claims, write_claims, write_market
from marketfact.checks.columnar import ShardedVerdicts, VerdictTable, first_with_outcome
from marketfact.checks.evidence import RunEvidence, RunInfo
from marketfact.checks.explain import build_verdicts
from marketfact.checks.plan import plan_run
from marketfact.checks.run import assemble, fetch_all, fetch_conversions, judge_all, now
from marketfact.checks.shard import ShardSpec, check_shard, merge, partition
from marketfact.claims.load import load_claims
from marketfact.market.bundle import market_data
from marketfact.reports import write_reports
from marketfact.reports.columnar import FILE_NAME
from marketfact.reports.jsonreport import validate_report


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A SYNTHETIC snapshot of 6 instruments × 40 sessions and a claim file of 300 claims about it."""
    root = tmp_path_factory.mktemp("columnar")
    market = write_market(root / "snapshot", instruments=6, sessions=40, seed=3)
    claims_path = write_claims(generate_claims(market, 300, seed=5), root / "claims.json")
    return root, claims_path


@pytest.fixture(scope="module")
def judged_run(synthetic):  # type: ignore[no-untyped-def]
    root, claims_path = synthetic
    market = market_data("snapshot", root / "snapshot", root / "cache")
    plan = plan_run(load_claims(claims_path), market.instruments)
    series, errors = fetch_all(plan, market.prices)
    fx, shares, _ = fetch_conversions(plan, market.fx, market.shares)
    evidence = RunEvidence(plan, series, errors, fx=fx, shares=shares)
    judged, panel = judge_all(evidence)
    return evidence, judged, panel


def test_verdict_table_builds_the_same_verdicts_lazily(judged_run) -> None:  # type: ignore[no-untyped-def]
    evidence, judged, panel = judged_run
    every = build_verdicts(evidence, judged, panel)
    table = VerdictTable(evidence, judged, panel)
    assert len(table) == len(every) == 300
    assert table[7] == every[7]
    assert table[-1] == every[-1]
    assert table[10:13] == tuple(every[10:13])
    assert list(table) == every
    assert table.label_counts() == Counter(v.label.value for v in every)
    assert table.labels() == [v.label.value for v in every]
    columns = table.columns()
    assert list(columns["claim_id"]) == [v.claim_id for v in every]
    assert list(columns["label"]) == [v.label.value for v in every]
    measured = [v.measured for v in every]
    assert all(
        (m is None and pd.isna(c)) or abs(m - c) < 1e-9 for m, c in zip(measured, columns["measured"], strict=True)
    )
    unverifiable = columns["label"] == "UNVERIFIABLE"
    assert columns.loc[unverifiable, "reason"].str.len().gt(0).all()
    assert columns.loc[~unverifiable, "reason"].isna().all()


@pytest.mark.parametrize(("outcome", "limit"), [("fail", 5), ("fail", 1000), ("unverifiable", 3), ("pass", 0)])
def test_first_verdicts_of_an_outcome_are_read_from_the_labels(judged_run, outcome: str, limit: int) -> None:  # type: ignore[no-untyped-def]
    evidence, judged, panel = judged_run
    every = build_verdicts(evidence, judged, panel)
    expected = tuple(v for v in every if v.outcome == outcome)[:limit]
    assert limit == 0 or expected  # the synthetic claims have each outcome
    table = VerdictTable(evidence, judged, panel)
    assert first_with_outcome(table, outcome, limit) == expected
    assert len(table._built) == 0  # found by the label column: the table was not iterated
    assert first_with_outcome(tuple(every), outcome, limit) == expected


def test_a_large_run_writes_parquet_and_a_report_of_the_shown_claims(judged_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    evidence, judged, panel = judged_run
    small = assemble(evidence, judged, panel, RunInfo("run-small", now(), "claims.json", "snapshot"))
    assert isinstance(small.verdicts, tuple)  # up to LAZY_ABOVE claims: Verdicts as always
    large = replace(small, run_id="run-large", verdicts=VerdictTable(evidence, judged, panel))
    assert large.counts() == small.counts()
    paths = write_reports(large, tmp_path, max_cards=40)
    report = json.loads(paths.json.read_text(encoding="utf-8"))
    validate_report(report)
    assert report["schema_version"] == "1.4"
    assert report["verdicts_file"]["path"] == FILE_NAME
    assert report["verdicts_file"]["rows"] == 300
    assert report["counts"] == small.counts()
    shown = [entry["claim"]["id"] for entry in report["claims"]]
    assert 0 < len(shown) < 300
    assert all(entry["verdict"]["label"] != "CORRECT" for entry in report["claims"])
    frame = pd.read_parquet(paths.directory / FILE_NAME)
    assert list(frame["claim_id"]) == [v.claim_id for v in small.verdicts]
    assert list(frame["label"]) == [v.label.value for v in small.verdicts]
    assert "verdicts.parquet" in paths.html.read_text(encoding="utf-8")
    small_paths = write_reports(small, tmp_path / "small")
    assert not (small_paths.directory / FILE_NAME).exists()
    assert "verdicts_file" not in json.loads(small_paths.json.read_text(encoding="utf-8"))


def test_shards_partition_by_instrument_and_merge_to_the_same_counts(synthetic, judged_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root, claims_path = synthetic
    _, judged, *_ = judged_run
    files = partition(claims_path, 3, tmp_path / "shards")
    assert 1 < len(files) <= 3
    symbols = [{c.instrument for c in load_claims(f).claims} for f in files]
    assert all(not (a & b) for i, a in enumerate(symbols) for b in symbols[i + 1 :])  # an instrument in one shard
    results = []
    for k, f in enumerate(files):
        spec = ShardSpec(k, str(f), "snapshot", str(root / "snapshot"), str(root / "cache"), cards=10)
        result, table = check_shard(spec, validate=False)
        results.append(result)
        assert result.claims == len(table)
        assert sum(result.counts.values()) == result.claims
        assert len(result.cards) <= 10
        assert all(v.label.value != "CORRECT" for v in result.cards)
    assert sum(r.claims for r in results) == 300
    run = merge(results, now(), str(claims_path), "run-sharded", "verdicts", 25)
    assert isinstance(run.verdicts, ShardedVerdicts)
    assert len(run.verdicts) == 300
    assert Counter(run.verdicts.label_counts()) == Counter(judged["label"].astype(str))
    assert 0 < len(run.verdicts.shown) <= 25
    assert {c.id for c in run.claims} == {v.claim_id for v in run.verdicts.shown}
    with pytest.raises(TypeError, match="Parquet"):
        list(run.verdicts)
