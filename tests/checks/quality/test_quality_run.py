"""The run around the suites: lazy and quiet GX, Data Docs, batching, and the engine's use of outcomes."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from marketfact.checks.quality.pricebatch import PriceCheck, build_frames
from tests.conftest import ROOT

D = date.fromisoformat
WINDOW = (D("2025-01-13"), D("2025-02-14"))  # the snapshot's whole span
EVIDENCE = {D("2025-01-24"): frozenset({"close"}), D("2025-01-27"): frozenset({"close", "low"})}


def test_gx_is_imported_lazily_and_runs_quietly(tmp_path: Path) -> None:
    """Importing the quality package costs nothing; validating prints nothing and writes no temp site."""
    script = textwrap.dedent(
        f"""
        import sys, tempfile, os
        from datetime import date
        from pathlib import Path
        import marketfact.checks.quality, marketfact.checks.quality.runner
        import marketfact.checks.quality.validate, marketfact.checks.quality.prices
        assert "great_expectations" not in sys.modules, "GX imported at module import time"
        from marketfact.checks.quality.runner import QualityRun
        from marketfact.market.snapshot import SnapshotSource
        run = QualityRun()
        assert "great_expectations" not in sys.modules, "GX imported by QualityRun()"
        snap = SnapshotSource()
        before = set(os.listdir(tempfile.gettempdir()))
        window = (date(2025, 1, 13), date(2025, 2, 14))
        needed = {{date(2025, 1, 27): frozenset({{"close"}})}}
        outcome = run.validate_prices(snap.full_history("ENR.DE"), snap.instruments()["ENR.DE"], window, needed)
        index = run.build_data_docs(Path({str(tmp_path / "report")!r}))
        assert "great_expectations" in sys.modules and outcome.results and index.is_file()
        made = set(os.listdir(tempfile.gettempdir())) - before
        assert not made, f"GX wrote to the temp folder: {{made}}"
        print("ok")
        """
    )
    (tmp_path / "tmp").mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path / "tmp")}
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "ok\n"
    assert proc.stderr == ""  # no progress bar, no warning, no log line


def test_data_docs_are_built_and_each_outcome_links_to_its_page(tmp_path: Path, snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    from marketfact.checks.quality.runner import QualityRun

    run = QualityRun()
    assert run.build_data_docs(tmp_path) is None  # nothing validated, nothing to show, GX not needed
    on_20 = {D("2025-01-20"): frozenset({"close"})}  # EURUSD=X's low is above this close
    outcomes = [
        run.validate_prices(snapshot.full_history("EURUSD=X"), instruments["EURUSD=X"], WINDOW, on_20),
        run.validate_claims([]),
    ]
    index = run.build_data_docs(tmp_path)
    assert index == tmp_path / "data-docs" / "index.html"
    listing = index.read_text(encoding="utf-8")  # the index lists its pages in a data table
    assert "expectations/daily_prices_evidence.html" in listing
    status = []
    for outcome in outcomes:
        link = outcome.data_docs or ""
        assert link.startswith("data-docs/")
        assert link.removeprefix("data-docs/") in listing
        page = BeautifulSoup((tmp_path / unquote(link)).read_text(encoding="utf-8"), "html.parser")
        status.append(" ".join(page.get_text(" ").split()).split("Status: ")[1].split()[0])
    assert status == ["Failed", "Succeeded"]
    costs = run.cost_figures()
    assert costs["validations"] == 3
    assert costs["data_docs_s"] > 0


def test_batched_symbols_give_the_same_outcomes_as_one_by_one(quality_run, snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    symbols = ["EURUSD=X", "ENR.DE", "VST"]
    checks = [PriceCheck(snapshot.full_history(s), instruments[s], WINDOW, EVIDENCE) for s in symbols]
    together = quality_run.validate_prices_many(checks)
    for check in checks:
        alone = quality_run.validate_prices(check.series, check.instrument, check.window, check.evidence)
        strip = lambda o: sorted((r.name, r.severity, r.success, r.sessions, r.columns) for r in o.results)  # noqa: E731
        assert strip(together[check.series.symbol]) == strip(alone)
    with pytest.raises(ValueError, match="each symbol once"):
        quality_run.validate_prices_many(checks + checks[:1])


def test_evidence_given_as_one_table_builds_the_same_frames(snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    """A plan's EVIDENCE table (one row per claim's cell: repeats, any order, a claim with no session) gives the
    frames that each symbol's session → columns give."""
    evidence = {
        "ENR.DE": {D("2025-01-28"): frozenset({"close", "high"}), D("2025-01-20"): frozenset({"close"})},
        "NVDA": {**EVIDENCE, pd.NaT: frozenset({"close"})},  # type: ignore[dict-item]
        "VST": {},
    }
    checks = [PriceCheck(snapshot.full_history(s), instruments[s], WINDOW, evidence[s]) for s in evidence]
    rows = [(symbol, day, column) for symbol, days in evidence.items() for day, cols in days.items() for column in cols]
    table = pd.DataFrame(
        [*rows, *rows[::2], ("GONE", D("2025-01-27"), "close")],  # a claim's cells again; a symbol with no check
        columns=["symbol", "session", "column"],
    ).astype({"session": "datetime64[ns]"})
    table.insert(0, "claim", range(len(table)))
    bare = [dataclasses.replace(check, evidence={}) for check in checks]
    for by_symbol, by_table in zip(build_frames(checks), build_frames(bare, table), strict=True):
        pd.testing.assert_frame_equal(by_symbol, by_table)
    assert len(build_frames(bare, table)[1]) == 7  # ENR.DE: 3 cells; NVDA: 3, and 1 for the claim with no session


def test_evidence_cells_grow_with_values_touched_not_with_claims(snapshot, instruments) -> None:  # type: ignore[no-untyped-def]
    """A thousand claims on the same two closes validate two cells, as one claim does."""
    series, nvda = snapshot.full_history("NVDA"), instruments["NVDA"]
    one = build_frames([PriceCheck(series, nvda, WINDOW, EVIDENCE)])
    union: dict[date, set[str]] = {}
    for _ in range(1000):  # every claim adds the same evidence: the union does not grow
        for day, cols in EVIDENCE.items():
            union.setdefault(day, set()).update(cols)
    many = build_frames([PriceCheck(series, nvda, WINDOW, {d: frozenset(c) for d, c in union.items()})])
    pd.testing.assert_frame_equal(one[1], many[1])
    assert len(one[1]) == 3  # close of 24 Jan; close and low of 27 Jan
    assert len(one[0]) == len(series.frame)  # the window: its rows, no more


def test_seed_run_validates_every_frame_and_passes(seed_claims, snapshot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from marketfact.checks.plan import plan_run
    from marketfact.checks.quality.runner import QualityRun
    from marketfact.checks.quality.validate import extra_problems, validate_run
    from marketfact.checks.run import fetch_all, fetch_conversions
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

    plan = plan_run(seed_claims, snapshot.instruments())
    series, _ = fetch_all(plan, snapshot)
    fx, shares, _ = fetch_conversions(plan, {"ecb": EcbFxSource()}, SnapshotSharesSource())
    run = QualityRun()
    outcomes, extra = validate_run(plan, series, fx, shares, tmp_path, run=run, fx_tables={"ecb": EcbFxSource().table})
    assert set(outcomes) == {"NVDA", "ENR.DE", "6857.T"}
    assert all(o.success for o in (*outcomes.values(), *extra)), [o.critical_failures() for o in outcomes.values()]
    assert {o.dataset for o in extra} == {"claim set", "shares: NVDA", "fx: ecb rates used"}
    assert (extra_problems(plan, extra, fx) == "").all()
    assert outcomes["ENR.DE"].warnings()  # the empty rows of 20/21 January are in its window
    assert (tmp_path / "data-docs" / "index.html").is_file()
    assert run.costs.validations  # timings were recorded
    figures = run.cost_figures()
    assert figures["validations"] == 5  # prices (window + evidence), claim set, shares, FX: one pass each


def test_no_verdict_on_broken_data_is_a_pass(seed_claims, snapshot) -> None:  # type: ignore[no-untyped-def]
    """The engine turns a critical failure on a verdict's values into UNVERIFIABLE, naming it."""
    from marketfact.checks.run import run_in_process
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

    class Broken:
        """The snapshot with NVDA's close of Monday 27 January removed and 6857.T's dates shifted to UTC."""

        name = "snapshot (broken copy)"

        def history(self, symbol, start, end):  # type: ignore[no-untyped-def]
            series = snapshot.history(symbol, start, end)
            frame = series.frame.copy()
            if symbol == "NVDA":
                frame.loc[pd.Timestamp("2025-01-27"), "close"] = float("nan")
            if symbol == "6857.T":
                frame.index = frame.index.tz_localize("Asia/Tokyo").tz_convert("UTC")
            return dataclasses.replace(series, frame=frame)

    report = run_in_process(
        seed_claims, Broken(), snapshot.instruments(), {"ecb": EcbFxSource()}, SnapshotSharesSource()
    )
    verdicts = {v.claim_id: v for v in report.verdicts}
    assert verdicts["nvda-monday-plunge"].label.value == "UNVERIFIABLE"
    assert "close_not_null" in (verdicts["nvda-monday-plunge"].reason or "")
    assert verdicts["advantest-two-days"].label.value == "UNVERIFIABLE"
    assert "index_tz_naive" in (verdicts["advantest-two-days"].reason or "")
    assert verdicts["siemens-energy-monday"].label.value != "UNVERIFIABLE"  # untouched data, still judged
    assert not any(v.outcome == "pass" for v in verdicts.values() if v.symbol in {"6857.T"})


def test_a_released_run_leaves_no_context_and_no_frame_behind(
    seed_claims, snapshot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    """After ``validate_run`` (its own QualityRun) nothing keeps GX's context, nor the frames validated in it:
    GX's "current project" held the last one (≈100 MB at 100 000 SYNTHETIC claims)."""
    import gc
    import weakref

    from great_expectations.data_context.data_context.context_factory import project_manager

    from marketfact.checks.plan import plan_run
    from marketfact.checks.quality import runner
    from marketfact.checks.quality.gxsession import idle_context
    from marketfact.checks.quality.runner import QualityRun
    from marketfact.checks.quality.validate import validate_run
    from marketfact.checks.run import fetch_all, fetch_conversions
    from marketfact.market.snapshot import EcbFxSource, SnapshotSharesSource

    plan = plan_run(seed_claims, snapshot.instruments())
    series, _ = fetch_all(plan, snapshot)
    fx, shares, _ = fetch_conversions(plan, {"ecb": EcbFxSource()}, SnapshotSharesSource())
    made: list[weakref.ref[object]] = []
    original = runner.QualityRun.close

    def close(self: runner.QualityRun) -> None:  # notes the real context, then closes as always
        if self.context() is not None:
            made.append(weakref.ref(self.context()))
        original(self)

    monkeypatch.setattr(runner.QualityRun, "close", close)
    outcomes, _ = validate_run(plan, series, fx, shares, tmp_path)
    assert set(outcomes) == {"NVDA", "ENR.DE", "6857.T"}
    assert len(made) == 1
    gc.collect()
    assert made[0]() is None  # freed: no project, no cycle kept it
    assert project_manager.get_current_project() is idle_context()  # empty, for runs still validating
    later = QualityRun()  # a run that exists meanwhile still validates
    assert later.validate_claims(list(plan.claims.claims)).success
