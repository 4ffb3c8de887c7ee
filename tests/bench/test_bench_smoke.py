"""The benchmark at a tiny size, so it never rots, and the column-wise claim table against ``claim_rows``.

All data here is SYNTHETIC (bench/synthetic.py): seeded random walks on real exchange calendars.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bench.run import main
from bench.synthetic import SYNTHETIC_LABEL, generate_claims, write_market
from marketfact.checks.engine import conversion_arrays
from marketfact.checks.plan import plan_run
from marketfact.checks.run import fetch_conversions
from marketfact.claims.hedges import HEDGES
from marketfact.claims.model import ClaimFile
from marketfact.claims.resolve import CLAIM_COLUMNS, CLAIM_DTYPES, add_base_sessions, claim_rows, claim_table
from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource, SnapshotSource


@pytest.fixture(scope="module")
def tiny_market(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A SYNTHETIC snapshot of 10 instruments × 40 sessions and 3 000 claims about it."""
    root = tmp_path_factory.mktemp("bench") / "snapshot"
    market = write_market(root, instruments=10, sessions=40, seed=3)
    claims = ClaimFile.model_validate(generate_claims(market, 3000, seed=5))
    return root, claims


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _figure(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    assert match, f"no match for {pattern!r} in the report"
    return float(match.group(1).replace(",", ""))


@pytest.mark.bench
def test_tiny_bench_prints_every_figure_labelled_synthetic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--tiny", "--skip-flow", "--data-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    lines = _lines(out)
    assert lines
    assert all(line.startswith("SYNTHETIC |") for line in lines)
    assert SYNTHETIC_LABEL in lines[0]
    assert _figure(r"core: [\d.]+ s wall .*?([\d,]+) claims/s", out) > 0
    assert _figure(r"core: .*peak RSS (\d+) MB", out) > 0
    assert _figure(r"naive baseline \(20 claims.*?([\d,]+) claims/s", out) > 0
    assert _figure(r"naive/core per claim: ([\d,]+)×", out) > 0
    assert _figure(r"claim file loading .*?([\d,]+) claims/s", out) > 0
    assert _figure(r"verdict materialisation: (\d+) Verdicts", out) == 200
    assert "measurements equal to the core's: 20/20" in out
    notes = pd.read_csv(tmp_path / "snapshot" / "instruments.csv")["notes"]
    assert notes.str.contains(SYNTHETIC_LABEL).all()


@pytest.mark.slow
@pytest.mark.bench
def test_tiny_bench_with_the_flow_counts_task_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--tiny", "--data-dir", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0, out
    runs = _figure(r"Prefect task runs: (\d+) for 200 claims on 5 instruments", out)
    per_task = {m[1]: int(m[2]) for m in re.finditer(r"SYNTHETIC \|\s+(\S+)\s+(\d+) run\(s\)", out)}
    # Task runs follow instruments, not claims: the snapshot is read in at most two fetch tasks, every other
    # task runs once.
    assert 1 <= per_task.pop("fetch-prices") <= 2
    assert set(per_task.values()) == {1}
    assert runs == sum(per_task.values()) + _figure(r"fetch-prices\s+(\d+) run", out)
    assert _figure(r"flow/its steps in-process \(Prefect's cost; flow without its fixed start\): ([\d.]+)×", out) > 0
    assert _figure(r"flow/core on the same claims: ([\d.]+)×", out) > 0
    assert _figure(r"flow/core on the same claims: [\d.]+× wall, ([\d.]+)× CPU — target ≤ 6×", out) > 0
    assert _figure(r"flow peak RSS ≤ 800 MB: (\d+) MB", out) > 0
    assert _figure(r"the flow's steps in-process, no Prefect, on 200 claims: ([\d.]+) s", out) > 0
    assert "as the in-process steps: yes" in out
    assert _figure(r"flow \(verify_claims\) on 200 claims: fixed start ([\d.]+) s", out) > 0
    assert "same verdicts as the core: yes" in out
    assert "flow's RunReport marked synthetic: True" in out


def test_generated_claims_cover_kinds_hedges_exchanges_and_unverifiable_paths(tiny_market) -> None:  # type: ignore[no-untyped-def]
    root, claims = tiny_market
    table = claim_table(claims.claims, SnapshotSource(root).instruments())
    assert set(table["metric"]) == {"close_change", "intraday_extreme", "market_cap_change"}
    assert set(table.loc[table["problem"] == "", "calendar"]) == {"XNYS", "XNAS", "XETR", "XTKS", "XPAR"}
    used = {c.hedge for c in claims.claims}
    assert {h.phrase for h in HEDGES} <= used | {"zeitweise über"}
    assert table["problem"].str.contains("unknown instrument").any()
    assert table["problem"].str.contains("was not a trading session").any()
    assert (table.loc[table["problem"] == "", "start"] < table.loc[table["problem"] == "", "end"]).any()
    worded = {c.id for c in claims.claims if c.period}
    assert (table["claim_id"].isin(worded) & (table["problem"] == "")).any()
    assert table["searched"].any()


def test_claim_table_equals_claim_rows_claim_by_claim(tiny_market) -> None:  # type: ignore[no-untyped-def]
    """The column-wise table is what ``claim_rows`` gives for each claim: all paths, unresolvable ones too."""
    root, claims = tiny_market
    instruments = SnapshotSource(root).instruments()
    rows = [row for c in claims.claims for row in claim_rows(c, instruments.get(c.instrument or ""))]
    expected = add_base_sessions(pd.DataFrame(rows, columns=list(CLAIM_COLUMNS)).astype(CLAIM_DTYPES))
    got = claim_table(claims.claims, instruments)
    pd.testing.assert_frame_equal(got, expected)
    assert got["searched"].any()
    assert (got["problem"] != "").any()


def test_conversions_join_quotes_and_name_a_missing_share_count_or_rate(tiny_market) -> None:  # type: ignore[no-untyped-def]
    root, claims = tiny_market
    plan = plan_run(claims, SnapshotSource(root).instruments())
    fx, shares, _ = fetch_conversions(plan, {"ecb": EcbFxSource(root)}, SnapshotSharesSource(root))
    (symbol, on), _ = shares.popitem()
    (source, base, quote, day), _ = fx.popitem()
    fx_arr, shares_arr, why = conversion_arrays(plan, fx, shares)
    t = plan.table
    money = (t["unit"] == "money") & (t["problem"] == "")
    no_shares = money & (t["symbol"] == symbol) & (t["end"] == pd.Timestamp(on))
    no_rate = (
        money & (t["fx_source"] == source) & (t["listing_currency"] == base) & (t["currency"] == quote)
        & (t["end"] == pd.Timestamp(day))
    )  # fmt: skip
    assert no_shares.any()
    assert no_rate.any()
    assert (why[no_rate] == f"no {base}→{quote} rate for {day}").all()  # the rate's message wins
    assert (why[no_shares & ~no_rate] == f"no share count for {symbol} on or before {on}").all()
    assert (why[~(no_shares | no_rate)] == "").all()
    assert np.isnan(shares_arr[no_shares.to_numpy()]).all()
    assert np.isnan(fx_arr[no_rate.to_numpy()]).all()
    found = (money & ~no_shares).to_numpy()
    expected = [shares[(s, e.date())].shares for s, e in zip(t["symbol"][found], t["end"][found], strict=True)]
    np.testing.assert_array_equal(shares_arr[found], expected)
    assert (fx_arr[(money & (t["currency"] == t["listing_currency"])).to_numpy()] == 1.0).all()
